/* ava-chart-format.c: numbers as people read them, from exact values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <limits.h>
#include <locale.h>
#include <math.h>

#include "ava-chart-private.h"
#include "ava-money.h"
#include "ava-timestamp.h"

/* Typographic minus: the same width as a digit, unlike the hyphen. */
#define MINUS "\xe2\x88\x92"

typedef struct
{
  const char *thousands;
  const char *decimal;
  const char *grouping;
} Separators;

/* LC_NUMERIC's separators. The C and POSIX locales have no grouping at all,
 * which would print revenue as £8187806.36; they are what a bare terminal or
 * a test runs under rather than anyone's choice, so they get the shop's own
 * (en_GB) convention instead. */
static void
get_separators (Separators *separators)
{
  const struct lconv *lc = localeconv ();

  separators->decimal = lc->decimal_point != NULL && *lc->decimal_point ? lc->decimal_point : ".";
  separators->thousands = lc->thousands_sep != NULL ? lc->thousands_sep : "";
  separators->grouping = lc->grouping != NULL ? lc->grouping : "";

  if (*separators->thousands == '\0' && g_str_equal (separators->decimal, "."))
    {
      separators->thousands = ",";
      separators->grouping = "\3";
    }
}

static guint64
magnitude (gint64 value)
{
  return value < 0 ? -(guint64) value : (guint64) value;
}

/* Appends @whole with the locale's digit groups: lconv's grouping string
 * gives group sizes from the right, the last one repeating, CHAR_MAX ending
 * grouping (e.g. "\3" for 1,234,567, "\3\2" for India's 12,34,567). */
static void
append_grouped (GString          *out,
                guint64           whole,
                const Separators *separators)
{
  char        digits[32];
  int         n = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, whole);
  const char *group = separators->grouping;
  int         size = 0;
  int         boundaries[32];
  int         n_boundaries = 0;

  if (*separators->thousands != '\0')
    {
      /* Walk from the right collecting where separators go. */
      for (int pos = n; pos > 0;)
        {
          if (*group != '\0' && *group != CHAR_MAX)
            size = *group++;
          else if (*group == CHAR_MAX || size <= 0)
            break;

          pos -= size;
          if (pos > 0)
            boundaries[n_boundaries++] = pos;
        }
    }

  for (int i = 0; i < n; i++)
    {
      for (int b = 0; b < n_boundaries; b++)
        {
          if (boundaries[b] == i)
            g_string_append (out, separators->thousands);
        }
      g_string_append_c (out, digits[i]);
    }
}

char *
ava_chart_format_integer (gint64 value)
{
  Separators separators;
  GString   *out = g_string_new (value < 0 ? MINUS : "");

  get_separators (&separators);
  append_grouped (out, magnitude (value), &separators);
  return g_string_free (out, FALSE);
}

/* "£1,503,866.78": pence rounded half away from zero from the exact value,
 * as KPI_SPEC.md prints money on screen. */
char *
ava_chart_format_money (gint64 value)
{
  guint64    unit = AVA_MONEY_SCALE / 100;
  guint64    pence = (magnitude (value) + unit / 2) / unit;
  Separators separators;
  GString   *out = g_string_new (value < 0 && pence > 0 ? MINUS "£" : "£");

  get_separators (&separators);
  append_grouped (out, pence / 100, &separators);
  g_string_append_printf (out, "%s%02u", separators.decimal, (guint) (pence % 100));
  return g_string_free (out, FALSE);
}

static const char *const suffixes[] = { "", "k", "M", "B", "T" };

/* @value (money units or a plain count, per @scale) in 1000^@power units
 * with @decimals, rounded half away from zero in integers. */
static char *
format_scaled (gint64      value,
               gint64      scale,
               guint       power,
               guint       decimals,
               const char *prefix)
{
  guint64    divisor = scale;
  guint64    tens = 1;
  guint64    rounded;
  Separators separators;
  GString   *out;

  for (guint i = 0; i < power; i++)
    divisor *= 1000;
  for (guint i = 0; i < decimals; i++)
    tens *= 10;
  /* Exact while the divisor stays a whole number of money units. */
  while (tens > 1 && divisor % tens != 0)
    {
      tens /= 10;
      decimals--;
    }
  divisor /= tens;
  rounded = magnitude (value) / divisor + (magnitude (value) % divisor >= (divisor + 1) / 2 ? 1 : 0);

  get_separators (&separators);
  out = g_string_new (value < 0 && rounded > 0 ? MINUS : "");
  g_string_append (out, prefix);
  append_grouped (out, rounded / tens, &separators);
  if (decimals > 0)
    g_string_append_printf (out, "%s%0*" G_GUINT64_FORMAT, separators.decimal, (int) decimals, rounded % tens);
  g_string_append (out, suffixes[power]);
  return g_string_free (out, FALSE);
}

/* Two significant digits where that needs a decimal (£4.7k, £1.2M), else
 * whole units (£850k, £12); never "£1000k". */
static char *
format_compact (gint64      value,
                gint64      scale,
                const char *prefix)
{
  guint64 whole = magnitude (value) / scale;
  guint   power = 0;
  guint64 unit = 1;

  while (power + 1 < G_N_ELEMENTS (suffixes) && whole >= unit * 1000)
    {
      unit *= 1000;
      power++;
    }

  /* 999,960 would round to 1000.0k: move up a unit first. */
  if (power + 1 < G_N_ELEMENTS (suffixes) && whole >= unit * 1000 - unit / 2 && unit > 1)
    {
      unit *= 1000;
      power++;
    }

  if (power == 0)
    return format_scaled (value, scale, 0, scale > 1 && whole < 10 && magnitude (value) % scale ? 2 : 0, prefix);

  return format_scaled (value, scale, power, whole < unit * 10 - unit / 20 ? 1 : 0, prefix);
}

char *
ava_chart_format_money_compact (gint64 value)
{
  return format_compact (value, AVA_MONEY_SCALE, "£");
}

/* "36.1%", exactly: ava_ratio_format() does the long division with two
 * more decimals, and the decimal point only moves. */
char *
ava_chart_format_percent (AvaRatio ratio,
                          guint    decimals)
{
  g_autofree char *fraction = ava_ratio_format (ratio, decimals + 2);
  gboolean         negative = fraction[0] == '-';
  guint64          scaled = 0; /* the percentage times 10^decimals */
  guint64          tens = 1;
  Separators       separators;
  GString         *out;

  for (const char *p = fraction; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        scaled = scaled * 10 + (*p - '0');
    }
  for (guint i = 0; i < decimals; i++)
    tens *= 10;

  get_separators (&separators);
  out = g_string_new (negative && scaled > 0 ? MINUS : "");
  g_string_append_printf (out, "%" G_GUINT64_FORMAT, scaled / tens);
  if (decimals > 0)
    g_string_append_printf (out, "%s%0*" G_GUINT64_FORMAT, separators.decimal, (int) decimals, scaled % tens);
  g_string_append (out, "%");
  return g_string_free (out, FALSE);
}

/* "Dec 2010", in the locale's month abbreviations. */
char *
ava_chart_format_month (int month)
{
  g_autoptr (GDateTime) date = g_date_time_new_utc (month / 12, month % 12 + 1, 1, 0, 0, 0);

  if (date == NULL)
    return ava_month_format (month);

  return g_date_time_format (date, "%b %Y");
}

/* One row's plotted value, as text: compact for labels that must stay
 * short (map legends, cramped bars), exact otherwise. */
char *
ava_chart_format_value (AvaChart *self,
                        guint     row,
                        gboolean  compact)
{
  const AvaCell *cell = ava_result_get_cell (self->result, row, self->value_column);

  switch (self->value_type)
    {
    case AVA_COLUMN_MONEY:
      return compact ? ava_chart_format_money_compact (cell->integer) : ava_chart_format_money (cell->integer);
    case AVA_COLUMN_INTEGER:
      return compact ? format_compact (cell->integer, 1, "") : ava_chart_format_integer (cell->integer);
    case AVA_COLUMN_RATIO:
      return ava_chart_format_percent (cell->ratio, compact ? 0 : 1);
    case AVA_COLUMN_TEXT:
    case AVA_COLUMN_TIMESTAMP:
    case AVA_COLUMN_MONTH:
    default:
      return ava_result_format_cell (self->result, row, self->value_column);
    }
}

void
ava_ticks_compute (AvaTicks *ticks,
                   double    lo,
                   double    hi,
                   guint     target)
{
  double raw, power, fraction, step;

  if (!(hi > lo))
    hi = lo + 1.0;
  target = MAX (target, 1);

  raw = (hi - lo) / target;
  power = pow (10.0, floor (log10 (raw)));
  fraction = raw / power;
  step = (fraction <= 1.0 ? 1.0 : fraction <= 2.0 ? 2.0
                                : fraction <= 5.0 ? 5.0
                                                  : 10.0) *
         power;

  ticks->step = step;
  ticks->first = floor (lo / step + 1e-9) * step;
  ticks->n_ticks = (guint) ceil ((hi - ticks->first) / step - 1e-9) + 1;
}

/* A tick label: every label of an axis shares the unit of the largest and
 * as many decimals as the step needs, so £1.0M sits beside £1.5M. */
char *
ava_chart_format_tick (AvaChart       *self,
                       const AvaTicks *ticks,
                       double          value)
{
  double last = ticks->first + ticks->step * (ticks->n_ticks - 1);
  double top = MAX (fabs (ticks->first), fabs (last));
  guint  power = 0;
  double unit = 1.0;
  int    decimals;

  /* "£0", not "£0.0M": zero needs no unit. */
  if (fabs (value) < ticks->step * 1e-6)
    return g_strdup (self->value_type == AVA_COLUMN_MONEY ? "£0" : self->value_type == AVA_COLUMN_RATIO ? "0%"
                                                                                                        : "0");

  if (self->value_type == AVA_COLUMN_RATIO)
    {
      decimals = MAX (0, (int) ceil (-log10 (ticks->step * 100.0) - 1e-9));
      return g_strdup_printf ("%.*f%%", decimals, value * 100.0);
    }

  while (power + 1 < G_N_ELEMENTS (suffixes) && top >= unit * 1000.0)
    {
      unit *= 1000.0;
      power++;
    }
  decimals = MAX (0, (int) ceil (-log10 (ticks->step / unit) - 1e-9));

  if (self->value_type == AVA_COLUMN_MONEY)
    return format_scaled (llround (value * AVA_MONEY_SCALE), AVA_MONEY_SCALE, power, decimals, "£");

  return format_scaled (llround (value), 1, power, decimals, "");
}
