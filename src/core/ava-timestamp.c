/* ava-timestamp.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ava-timestamp.h"

#define SECONDS_PER_DAY 86400

/* Days since 1970-01-01 in the proleptic Gregorian calendar; exact for any
 * year, with no dependency on the process time zone (H. Hinnant's method). */
static gint64
days_from_civil (int year,
                 int month,
                 int day)
{
  int y = year - (month <= 2);
  int era = (y >= 0 ? y : y - 399) / 400;
  int yoe = y - era * 400;
  int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return (gint64) era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64 days,
                 int   *year,
                 int   *month,
                 int   *day)
{
  gint64 z = days + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  int    doe = (int) (z - era * 146097);
  int    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int    mp = (5 * doy + 2) / 153;
  int    m = mp + (mp < 10 ? 3 : -9);

  *day = doy - (153 * mp + 2) / 5 + 1;
  *month = m;
  *year = (int) (yoe + era * 400 + (m <= 2));
}

static int
days_in_month (int year,
               int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean         leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

  return month == 2 && leap ? 29 : days[month - 1];
}

gint64
ava_timestamp_from_civil (int year,
                          int month,
                          int day,
                          int hour,
                          int minute,
                          int second)
{
  return days_from_civil (year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second;
}

void
ava_timestamp_to_civil (gint64 value,
                        int   *year,
                        int   *month,
                        int   *day,
                        int   *hour,
                        int   *minute,
                        int   *second)
{
  gint64 days = value >= 0 ? value / SECONDS_PER_DAY : -((-value + SECONDS_PER_DAY - 1) / SECONDS_PER_DAY);
  int    rest = (int) (value - days * SECONDS_PER_DAY);

  civil_from_days (days, year, month, day);
  *hour = rest / 3600;
  *minute = rest / 60 % 60;
  *second = rest % 60;
}

/* Reads 1..max_digits digits; returns the position after them or NULL. */
static const char *
read_number (const char *p,
             const char *end,
             int         min_digits,
             int         max_digits,
             int        *out_value)
{
  int value = 0;
  int n = 0;

  while (p < end && n < max_digits && g_ascii_isdigit (*p))
    {
      value = value * 10 + (*p++ - '0');
      n++;
    }

  if (n < min_digits)
    return NULL;

  *out_value = value;
  return p;
}

static const char *
expect_char (const char *p,
             const char *end,
             char        c)
{
  return p != NULL && p < end && *p == c ? p + 1 : NULL;
}

/* Accepts "YYYY-MM-DD HH:MM[:SS]" (also with a "T") and "M/D/YYYY H:MM[:SS]",
 * the two layouts of the Online Retail files. */
gboolean
ava_timestamp_parse (const char  *text,
                     gsize        length,
                     gint64      *out_value,
                     const char **out_problem)
{
  const char *end = text + length;
  const char *p;
  int         year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;

  if (length >= 10 && text[4] == '-')
    {
      p = read_number (text, end, 4, 4, &year);
      p = expect_char (p, end, '-');
      p = p ? read_number (p, end, 2, 2, &month) : NULL;
      p = expect_char (p, end, '-');
      p = p ? read_number (p, end, 2, 2, &day) : NULL;
      if (p != NULL && p < end && (*p == ' ' || *p == 'T'))
        p++;
      else
        p = NULL;
      p = p ? read_number (p, end, 2, 2, &hour) : NULL;
    }
  else
    {
      p = read_number (text, end, 1, 2, &month);
      p = expect_char (p, end, '/');
      p = p ? read_number (p, end, 1, 2, &day) : NULL;
      p = expect_char (p, end, '/');
      p = p ? read_number (p, end, 4, 4, &year) : NULL;
      p = expect_char (p, end, ' ');
      p = p ? read_number (p, end, 1, 2, &hour) : NULL;
    }

  p = expect_char (p, end, ':');
  p = p ? read_number (p, end, 2, 2, &minute) : NULL;
  if (p != NULL && p < end && *p == ':')
    p = read_number (p + 1, end, 2, 2, &second);

  if (p == NULL || p != end)
    {
      *out_problem = "is not a date like 2011-12-09 12:50 or 12/9/2011 12:50";
      return FALSE;
    }

  if (month < 1 || month > 12 || day < 1 || day > days_in_month (year, month) ||
      hour > 23 || minute > 59 || second > 59)
    {
      *out_problem = "is not a valid calendar date and time";
      return FALSE;
    }

  *out_value = ava_timestamp_from_civil (year, month, day, hour, minute, second);
  return TRUE;
}

/* A filter bound "YYYY-MM-DD", meaning that day at 00:00. */
gboolean
ava_date_parse (const char *text,
                gint64     *out_value)
{
  const char *end = text + strlen (text);
  const char *p;
  int         year = 0, month = 0, day = 0;

  p = read_number (text, end, 4, 4, &year);
  p = expect_char (p, end, '-');
  p = p ? read_number (p, end, 2, 2, &month) : NULL;
  p = expect_char (p, end, '-');
  p = p ? read_number (p, end, 2, 2, &day) : NULL;

  if (p == NULL || p != end || month < 1 || month > 12 || day < 1 ||
      day > days_in_month (year, month))
    return FALSE;

  *out_value = ava_timestamp_from_civil (year, month, day, 0, 0, 0);
  return TRUE;
}

char *
ava_timestamp_format (gint64 value)
{
  int year, month, day, hour, minute, second;

  ava_timestamp_to_civil (value, &year, &month, &day, &hour, &minute, &second);

  return g_strdup_printf ("%04d-%02d-%02d %02d:%02d:%02d", year, month, day, hour, minute, second);
}

/* Months are numbered year * 12 + (month - 1) so that consecutive calendar
 * months are consecutive integers. */
int
ava_timestamp_get_month (gint64 value)
{
  int year, month, day, hour, minute, second;

  ava_timestamp_to_civil (value, &year, &month, &day, &hour, &minute, &second);

  return year * 12 + month - 1;
}

char *
ava_month_format (int month)
{
  return g_strdup_printf ("%04d-%02d", month / 12, month % 12 + 1);
}
