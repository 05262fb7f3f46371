/* ava-gui.c
 *
 * Resources, and the screen form of numbers shared by every widget.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ava-gui-private.h"
#include "ava-money.h"
#include "ava-resources.h"
#include "ava-timestamp.h"

/*
 * The resources are compiled with --manual-register: a static library drops
 * object files nobody references, so relying on the generated constructor
 * would silently lose the templates. Registering twice would corrupt
 * GLib's lazy resource list, hence the g_once guard.
 */
void
ava_gui_ensure_resources (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      ava_register_resource ();
      g_once_init_leave (&initialized, 1);
    }
}

/* Inserts a thousands separator into the integer part of @digits, which may
 * start with a minus sign and end with a fraction. */
static char *
group_digits (const char *digits)
{
  /* Translators: the thousands separator of numbers on screen */
  const char *separator = C_ ("number", ",");
  const char *start = digits[0] == '-' ? digits + 1 : digits;
  const char *point = strchr (start, '.');
  gsize       n_int = point != NULL ? (gsize) (point - start) : strlen (start);
  GString    *out = g_string_new (start == digits ? NULL : "-");

  for (gsize i = 0; i < n_int; i++)
    {
      if (i > 0 && (n_int - i) % 3 == 0)
        g_string_append (out, separator);
      g_string_append_c (out, start[i]);
    }

  if (point != NULL)
    g_string_append (out, point);

  return g_string_free (out, FALSE);
}

/* Money on screen: 2 decimals, rounded half away from zero, grouped. */
char *
ava_gui_format_money (gint64 value)
{
  g_autofree char *plain = ava_money_format (value, 2);

  return group_digits (plain);
}

char *
ava_gui_format_count (gint64 value)
{
  g_autofree char *plain = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  return group_digits (plain);
}

/* Identifiers and positions are integers too, but grouping their digits
 * would make them harder to look up. */
gboolean
ava_gui_column_is_count (const char *name)
{
  return g_strcmp0 (name, "customer_id") != 0 &&
         g_strcmp0 (name, "rank") != 0 &&
         g_strcmp0 (name, "offset") != 0;
}

char *
ava_gui_format_cell (AvaResult *result,
                     guint      row,
                     guint      column)
{
  const AvaCell *cell = ava_result_get_cell (result, row, column);

  switch (ava_result_get_column_type (result, column))
    {
    case AVA_COLUMN_MONEY:
      return ava_gui_format_money (cell->integer);
    case AVA_COLUMN_INTEGER:
      if (ava_gui_column_is_count (ava_result_get_column_name (result, column)))
        return ava_gui_format_count (cell->integer);
      return ava_result_format_cell (result, row, column);
    case AVA_COLUMN_RATIO:
      {
        AvaRatio         percent = { cell->ratio.numerator * 100, cell->ratio.denominator };
        g_autofree char *text = ava_ratio_format (percent, 2);

        /* Translators: a percentage; %s is the number */
        return g_strdup_printf (_ ("%s %%"), text);
      }
    case AVA_COLUMN_TIMESTAMP:
      {
        int year, month, day, hour, minute, second;

        ava_timestamp_to_civil (cell->integer, &year, &month, &day, &hour, &minute, &second);
        return g_strdup_printf ("%04d-%02d-%02d %02d:%02d", year, month, day, hour, minute);
      }
    case AVA_COLUMN_TEXT:
    case AVA_COLUMN_MONTH:
    default:
      return ava_result_format_cell (result, row, column);
    }
}

/* "+12.3 %" against the previous period, or a dash when there is nothing
 * to compare with. */
char *
ava_gui_format_change (gint64 current,
                       gint64 previous)
{
  double change;

  if (previous == 0)
    return g_strdup (_ ("No previous period data"));

  change = 100.0 * ((double) current - (double) previous) / ABS ((double) previous);

  /* Translators: change against the previous period of equal length; %+.1f is the percentage */
  return g_strdup_printf (_ ("%+.1f %% vs previous period"), change);
}

const char *
ava_gui_column_title (const char *name)
{
  static const struct
  {
    const char *name;
    const char *title;
  } titles[] = {
    { "active", N_ ("Active") },
    { "aov", N_ ("Avg. order") },
    { "cohort", N_ ("Cohort") },
    { "country", N_ ("Country") },
    { "customer_id", N_ ("Customer") },
    { "customers", N_ ("Customers") },
    { "description", N_ ("Description") },
    { "first_purchase", N_ ("First purchase") },
    { "gross_revenue", N_ ("Gross revenue") },
    { "last_purchase", N_ ("Last purchase") },
    { "month", N_ ("Month") },
    { "net_revenue", N_ ("Net revenue") },
    { "offset", N_ ("Months later") },
    { "orders", N_ ("Orders") },
    { "rank", N_ ("#") },
    { "rate", N_ ("Retention") },
    { "returns", N_ ("Returns") },
    { "revenue", N_ ("Revenue") },
    { "share", N_ ("Share") },
    { "size", N_ ("Cohort size") },
    { "stock_code", N_ ("Stock code") },
    { "units", N_ ("Units") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_str_equal (titles[i].name, name))
      return _ (titles[i].title);

  return name;
}
