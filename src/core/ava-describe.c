/* ava-describe.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ava-describe.h"
#include "ava-timestamp.h"

/* A day bound as a date; a bound inside a day (rare: filters are days or
 * months) in full. */
static char *
format_bound (gint64 value)
{
  int year, month, day, hour, minute, second;

  ava_timestamp_to_civil (value, &year, &month, &day, &hour, &minute, &second);
  if (hour == 0 && minute == 0 && second == 0)
    return g_strdup_printf ("%04d-%02d-%02d", year, month, day);

  return ava_timestamp_format (value);
}

/* The filter fields of @filters, e.g. "2011-09-01 to 2011-12-01
 * (exclusive) · United Kingdom". */
char *
ava_describe_filters (const AvaQuery *filters)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char    *from = NULL;
  g_autofree char    *to = NULL;

  g_return_val_if_fail (filters != NULL, NULL);

  if (filters->has_from)
    from = format_bound (filters->from);
  if (filters->has_to)
    to = format_bound (filters->to);

  if (from != NULL && to != NULL)
    /* Translators: a date filter; the second date is not included */
    g_string_append_printf (text, _ ("%s to %s (exclusive)"), from, to);
  else if (from != NULL)
    g_string_append_printf (text, _ ("From %s"), from);
  else if (to != NULL)
    /* Translators: a date filter; the date is not included */
    g_string_append_printf (text, _ ("Until %s (exclusive)"), to);
  else
    g_string_append (text, _ ("All dates"));

  if (filters->countries != NULL && filters->countries[0] != NULL)
    {
      g_autofree char *countries = g_strjoinv (", ", filters->countries);

      g_string_append_printf (text, " · %s", countries);
    }
  else
    g_string_append_printf (text, " · %s", _ ("All countries"));

  if (filters->has_customer)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, filters->customer_id);

      g_string_append (text, " · ");
      /* Translators: a customer filter; %s is a customer id */
      g_string_append_printf (text, _ ("Customer %s"), id);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* A file source by its name, the demo (@path NULL) as such. */
char *
ava_describe_file_source (const char *path)
{
  g_autofree char *name = NULL;

  if (path == NULL)
    return g_strdup (_ ("Demo data (generated)"));

  name = g_path_get_basename (path);
  /* Translators: the data source of an export; %s is a file name */
  return g_strdup_printf (_ ("File %s"), name);
}

/* The margin line of an exported chart. */
char *
ava_describe_context (const char *filters,
                      const char *source)
{
  return g_strdup_printf ("%s · %s", filters, source);
}

/* The newest month with sales in @monthly (a monthly-revenue result), and
 * when the report was made. */
char *
ava_describe_data_as_of (AvaResult *monthly,
                         GDateTime *generated)
{
  g_autofree char *when = NULL;
  guint            n_months;

  g_return_val_if_fail (AVA_IS_RESULT (monthly), NULL);
  g_return_val_if_fail (generated != NULL, NULL);

  when = g_date_time_format (generated, "%Y-%m-%d %H:%M");
  n_months = ava_result_get_n_rows (monthly);
  if (n_months > 0)
    {
      g_autofree char *month = ava_result_format_cell (monthly, n_months - 1, 0);

      /* Translators: on a report's cover: the last month with sales, then a date and time */
      return g_strdup_printf (_ ("Sales through %s · generated %s"), month, when);
    }

  /* Translators: on a report's cover; %s is a date and time */
  return g_strdup_printf (_ ("No sales for these filters · generated %s"), when);
}
