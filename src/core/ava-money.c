/* ava-money.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ava-money.h"

/* Larger magnitudes could overflow a sum over millions of lines. */
#define MONEY_LIMIT (G_GINT64_CONSTANT (1000000000000) * AVA_MONEY_SCALE)

/* Parses an exact decimal such as "2.55", "-11062.06" or "1". Digits past the
 * fourth decimal must be zeros: a price is never rounded silently. */
gboolean
ava_money_parse (const char  *text,
                 gsize        length,
                 gint64      *out_value,
                 const char **out_problem)
{
  const char *p = text;
  const char *end = text + length;
  gboolean    negative = FALSE;
  gboolean    any_digit = FALSE;
  gint64      value = 0;
  guint       decimals = 0;

  if (p < end && (*p == '-' || *p == '+'))
    negative = *p++ == '-';

  for (; p < end && g_ascii_isdigit (*p); p++)
    {
      any_digit = TRUE;
      value = value * 10 + (*p - '0');
      if (value > MONEY_LIMIT / AVA_MONEY_SCALE)
        {
          *out_problem = "is out of range";
          return FALSE;
        }
    }

  value *= AVA_MONEY_SCALE;

  if (p < end && *p == '.')
    {
      gint64 unit = AVA_MONEY_SCALE;

      for (p++; p < end && g_ascii_isdigit (*p); p++)
        {
          any_digit = TRUE;
          decimals++;
          if (decimals <= AVA_MONEY_DECIMALS)
            {
              unit /= 10;
              value += unit * (*p - '0');
            }
          else if (*p != '0')
            {
              *out_problem = "has more than 4 decimal places";
              return FALSE;
            }
        }
    }

  if (!any_digit || p != end)
    {
      *out_problem = "is not a decimal number";
      return FALSE;
    }

  *out_value = negative ? -value : value;
  return TRUE;
}

char *
ava_money_format (gint64 value,
                  guint  decimals)
{
  guint64 magnitude;
  guint64 unit = 1;
  guint64 scale;

  g_return_val_if_fail (decimals <= AVA_MONEY_DECIMALS, NULL);

  for (guint i = decimals; i < AVA_MONEY_DECIMALS; i++)
    unit *= 10;

  /* Fewer decimals than stored: round half away from zero. */
  magnitude = value < 0 ? -(guint64) value : (guint64) value;
  if (unit > 1)
    magnitude = (magnitude + unit / 2) / unit;

  scale = 1;
  for (guint i = 0; i < decimals; i++)
    scale *= 10;

  if (decimals == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT,
                            value < 0 && magnitude ? "-" : "", magnitude);

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%0*" G_GUINT64_FORMAT,
                          value < 0 && magnitude ? "-" : "",
                          magnitude / scale, (int) decimals, magnitude % scale);
}

/* Exact integer division rounded half away from zero, as KPI_SPEC.md asks of
 * AOV; a zero denominator gives 0 (no orders, no AOV). */
gint64
ava_money_div_round (gint64 numerator,
                     gint64 denominator)
{
  guint64  n, d, q;
  gboolean negative;

  if (denominator == 0)
    return 0;

  negative = (numerator < 0) != (denominator < 0);
  n = numerator < 0 ? -(guint64) numerator : (guint64) numerator;
  d = denominator < 0 ? -(guint64) denominator : (guint64) denominator;
  q = n / d;
  if ((n % d) * 2 >= d)
    q++;

  return negative ? -(gint64) q : (gint64) q;
}
