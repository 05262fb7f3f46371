/* test-describe.c: the words on exported charts and reports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ava-describe.h"
#include "ava-timestamp.h"

static void
test_filters (void)
{
  g_autoptr (AvaQuery) query = ava_query_new (AVA_KPI_OVERVIEW);
  const char          *countries[] = { "France", "United Kingdom", NULL };
  char                *text;

  text = ava_describe_filters (query);
  g_assert_cmpstr (text, ==, "All dates · All countries");
  g_free (text);

  query->has_from = TRUE;
  query->from = ava_timestamp_from_civil (2011, 9, 1, 0, 0, 0);
  text = ava_describe_filters (query);
  g_assert_cmpstr (text, ==, "From 2011-09-01 · All countries");
  g_free (text);

  query->has_to = TRUE;
  query->to = ava_timestamp_from_civil (2011, 12, 1, 0, 0, 0);
  query->countries = g_strdupv ((char **) countries);
  query->has_customer = TRUE;
  query->customer_id = 17850;
  text = ava_describe_filters (query);
  g_assert_cmpstr (text, ==, "2011-09-01 to 2011-12-01 (exclusive) · France, United Kingdom · Customer 17850");
  g_free (text);

  /* A bound inside a day is shown with its time. */
  query->has_from = FALSE;
  query->to = ava_timestamp_from_civil (2011, 12, 1, 12, 30, 0);
  g_clear_pointer (&query->countries, g_strfreev);
  query->has_customer = FALSE;
  text = ava_describe_filters (query);
  g_assert_cmpstr (text, ==, "Until 2011-12-01 12:30:00 (exclusive) · All countries");
  g_free (text);
}

static void
test_source_and_context (void)
{
  g_autofree char *demo = ava_describe_file_source (NULL);
  g_autofree char *file = ava_describe_file_source ("/home/me/sales/online_retail.csv.gz");
  g_autofree char *context = ava_describe_context ("All dates · All countries", file);

  g_assert_cmpstr (demo, ==, "Demo data (generated)");
  g_assert_cmpstr (file, ==, "File online_retail.csv.gz");
  g_assert_cmpstr (context, ==, "All dates · All countries · File online_retail.csv.gz");
}

static void
test_data_as_of (void)
{
  g_autoptr (AvaResult) monthly = ava_result_new_for_kpi (AVA_KPI_MONTHLY_REVENUE);
  g_autoptr (GDateTime) now = g_date_time_new_utc (2026, 11, 30, 7, 5, 0);
  g_autofree char      *none = ava_describe_data_as_of (monthly, now);
  g_autofree char      *some = NULL;

  g_assert_cmpstr (none, ==, "No sales for these filters · generated 2026-11-30 07:05");

  ava_result_add_month_row (monthly, 2011 * 12 + 10, 1, 1, 0);
  ava_result_add_month_row (monthly, 2011 * 12 + 11, 1, 1, 0);
  some = ava_describe_data_as_of (monthly, now);
  g_assert_cmpstr (some, ==, "Sales through 2011-12 · generated 2026-11-30 07:05");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ava/describe/filters", test_filters);
  g_test_add_func ("/ava/describe/source-and-context", test_source_and_context);
  g_test_add_func ("/ava/describe/data-as-of", test_data_as_of);

  return g_test_run ();
}
