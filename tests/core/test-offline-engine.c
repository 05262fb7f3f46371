/* test-offline-engine.c: every KPI and filter on a small data set whose
 * answers were computed by hand (see the comments beside each line).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ava-cleaner.h"
#include "ava-csv-reader.h"
#include "ava-offline-engine.h"
#include "ava-timestamp.h"

static const char sales[] =
  "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
  "1001,A,Apple,2,2011-01-10 10:00,1.50,100,UK\n"     /* sale 3.00 */
  "1001,BG,Bag,1,2011-01-10 10:00,10,100,UK\n"        /* sale 10.00 */
  "1001,POST,Postage,1,2011-01-10 10:01,5,100,UK\n"   /* sale 5.00, service */
  "1002,A,apple,4,2011-01-20 12:00,1.50,200,France\n" /* sale 6.00 */
  "1003,A,Apple,1,2011-02-05 09:00,1.50,,UK\n"        /* sale 1.50, no customer */
  "1003,C,,3,2011-02-05 09:00,2,,UK\n"                /* sale 6.00, no description */
  "C1004,A,Apple,-1,2011-02-06 09:00,1.50,100,UK\n"   /* return 1.50 */
  "1005,BG,Bag,2,2011-03-01 08:00,10,100,UK\n"        /* sale 20.00 */
  "1006,A,apple,2,2011-03-15 08:00,1.25,200,France\n" /* sale 2.50 */
  "1007,BG,Bag,0,2011-03-16 08:00,10,300,Germany\n"   /* excluded */
  "1008,C,Crate,1,2011-01-31 23:59,2,300,Germany\n";  /* sale 2.00 */

typedef struct
{
  AvaEngine *engine;
} Fixture;

static void
fixture_set_up (Fixture      *fixture,
                gconstpointer user_data)
{
  g_autoptr (GBytes)           bytes = g_bytes_new_static (sales, strlen (sales));
  g_autoptr (AvaCsvReader)     reader = ava_csv_reader_new_for_bytes (bytes, "sales.csv");
  g_autoptr (AvaQualityReport) report = NULL;
  g_autoptr (GError)           error = NULL;
  g_autoptr (AvaDataset)       dataset = ava_load_csv_reader (reader, NULL, &report, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (report->kept_lines, ==, 11);
  fixture->engine = ava_offline_engine_new (dataset);
}

static void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer user_data)
{
  g_assert_finalize_object (fixture->engine);
}

/* The result in machine form, a row a line, cells joined by "|". */
static char *
result_text (AvaResult *result)
{
  GString *text = g_string_new (NULL);

  for (guint r = 0; r < ava_result_get_n_rows (result); r++)
    {
      for (guint c = 0; c < ava_result_get_n_columns (result); c++)
        {
          g_autofree char *cell = ava_result_format_cell (result, r, c);

          g_string_append_printf (text, "%s%s", c ? "|" : "", cell);
        }
      g_string_append_c (text, '\n');
    }

  return g_string_free (text, FALSE);
}

static char *
run (Fixture  *fixture,
     AvaQuery *query)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (AvaResult) result = ava_engine_run (fixture->engine, query, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (ava_result_get_kpi (result), ==, query->kpi);
  return result_text (result);
}

static gint64
at (const char *text)
{
  gint64      value;
  const char *problem;

  g_assert_true (ava_timestamp_parse (text, strlen (text), &value, &problem));
  return value;
}

static void
test_overview (Fixture      *fixture,
               gconstpointer user_data)
{
  g_autoptr (AvaQuery) query = ava_query_new (AVA_KPI_OVERVIEW);
  g_autofree char     *text = run (fixture, query);

  /* gross, orders, aov (56 / 6), customers, units, returns, net */
  g_assert_cmpstr (text, ==, "56.0000|6|9.3333|3|17|1.5000|54.5000\n");
}

static void
test_monthly_revenue (Fixture      *fixture,
                      gconstpointer user_data)
{
  g_autoptr (AvaQuery) query = ava_query_new (AVA_KPI_MONTHLY_REVENUE);
  g_autofree char     *text = run (fixture, query);

  g_assert_cmpstr (text, ==,
                   "2011-01|26.0000|3|8.6667|0.0000\n"
                   "2011-02|7.5000|1|7.5000|1.5000\n"
                   "2011-03|22.5000|2|11.2500|0.0000\n");
}

static void
test_top_products (Fixture      *fixture,
                   gconstpointer user_data)
{
  g_autoptr (AvaQuery) query = ava_query_new (AVA_KPI_TOP_PRODUCTS);
  g_autofree char     *by_units = run (fixture, query);
  g_autofree char     *by_revenue = NULL;
  g_autofree char     *limited = NULL;

  /* POST is a service code; "Apple" and "apple" tie, so byte order picks
   * "Apple"; C's empty description never wins. */
  g_assert_cmpstr (by_units, ==,
                   "1|A|Apple|9|13.0000|4\n"
                   "2|C|Crate|4|8.0000|2\n"
                   "3|BG|Bag|3|30.0000|2\n");

  query->rank_by = AVA_RANK_BY_REVENUE;
  by_revenue = run (fixture, query);
  g_assert_cmpstr (by_revenue, ==,
                   "1|BG|Bag|3|30.0000|2\n"
                   "2|A|Apple|9|13.0000|4\n"
                   "3|C|Crate|4|8.0000|2\n");

  query->limit = 1;
  limited = run (fixture, query);
  g_assert_cmpstr (limited, ==, "1|BG|Bag|3|30.0000|2\n");
}

static void
test_top_customers (Fixture      *fixture,
                    gconstpointer user_data)
{
  g_autoptr (AvaQuery) query = ava_query_new (AVA_KPI_TOP_CUSTOMERS);
  g_autofree char     *text = run (fixture, query);

  g_assert_cmpstr (text, ==,
                   "1|100|38.0000|2|6|2011-01-10 10:00:00|2011-03-01 08:00:00|UK\n"
                   "2|200|8.5000|2|6|2011-01-20 12:00:00|2011-03-15 08:00:00|France\n"
                   "3|300|2.0000|1|1|2011-01-31 23:59:00|2011-01-31 23:59:00|Germany\n");
}

static void
test_by_country (Fixture      *fixture,
                 gconstpointer user_data)
{
  g_autoptr (AvaQuery) query = ava_query_new (AVA_KPI_BY_COUNTRY);
  g_autofree char     *text = run (fixture, query);

  /* Shares: 45.5 / 56, 8.5 / 56, 2 / 56. */
  g_assert_cmpstr (text, ==,
                   "1|UK|45.5000|0.812500000000|3|1\n"
                   "2|France|8.5000|0.151785714286|2|1\n"
                   "3|Germany|2.0000|0.035714285714|1|1\n");
}

static void
test_cohorts (Fixture      *fixture,
              gconstpointer user_data)
{
  g_autoptr (AvaQuery) query = ava_query_new (AVA_KPI_COHORTS);
  g_autofree char     *text = run (fixture, query);

  /* All three first bought in January; 100 and 200 again in March; the
   * February return is no purchase. */
  g_assert_cmpstr (text, ==,
                   "2011-01|0|3|3|1.000000000000\n"
                   "2011-01|1|3|0|0.000000000000\n"
                   "2011-01|2|3|2|0.666666666667\n");
}

static void
test_date_filter (Fixture      *fixture,
                  gconstpointer user_data)
{
  g_autoptr (AvaQuery) query = ava_query_new (AVA_KPI_OVERVIEW);
  g_autofree char     *days = NULL;
  g_autofree char     *minute = NULL;
  g_autofree char     *months = NULL;

  /* from <= InvoiceDate < to: 1005 at 2011-03-01 08:00 is out. */
  query->has_from = TRUE;
  query->from = at ("2011-01-15 00:00");
  query->has_to = TRUE;
  query->to = at ("2011-03-01 00:00");
  days = run (fixture, query);
  g_assert_cmpstr (days, ==, "15.5000|3|5.1667|2|9|1.5000|14.0000\n");

  /* A bound inside an invoice splits it: POST at 10:01 is out. */
  query->from = at ("2011-01-10 10:00");
  query->to = at ("2011-01-10 10:01");
  minute = run (fixture, query);
  g_assert_cmpstr (minute, ==, "13.0000|1|13.0000|1|3|0.0000|13.0000\n");

  query->kpi = AVA_KPI_MONTHLY_REVENUE;
  query->from = at ("2011-02-01 00:00");
  query->to = at ("2011-04-01 00:00");
  months = run (fixture, query);
  g_assert_cmpstr (months, ==,
                   "2011-02|7.5000|1|7.5000|1.5000\n"
                   "2011-03|22.5000|2|11.2500|0.0000\n");
}

static void
test_country_filter (Fixture      *fixture,
                     gconstpointer user_data)
{
  g_autoptr (AvaQuery) query = ava_query_new (AVA_KPI_OVERVIEW);
  const char          *countries[] = { "France", "Germany", NULL };
  g_autofree char     *overview = NULL;
  g_autofree char     *by_country = NULL;
  g_autofree char     *cohorts = NULL;

  query->countries = g_strdupv ((char **) countries);
  overview = run (fixture, query);
  g_assert_cmpstr (overview, ==, "10.5000|3|3.5000|2|7|0.0000|10.5000\n");

  query->kpi = AVA_KPI_BY_COUNTRY;
  by_country = run (fixture, query);
  g_assert_cmpstr (by_country, ==,
                   "1|France|8.5000|0.809523809524|2|1\n"
                   "2|Germany|2.0000|0.190476190476|1|1\n");

  query->kpi = AVA_KPI_COHORTS;
  cohorts = run (fixture, query);
  g_assert_cmpstr (cohorts, ==,
                   "2011-01|0|2|2|1.000000000000\n"
                   "2011-01|1|2|0|0.000000000000\n"
                   "2011-01|2|2|1|0.500000000000\n");
}

static void
test_customer_filter (Fixture      *fixture,
                      gconstpointer user_data)
{
  g_autoptr (AvaQuery) query = ava_query_new (AVA_KPI_OVERVIEW);
  g_autofree char     *overview = NULL;
  g_autofree char     *products = NULL;

  query->has_customer = TRUE;
  query->customer_id = 100;
  overview = run (fixture, query);
  g_assert_cmpstr (overview, ==, "38.0000|2|19.0000|1|6|1.5000|36.5000\n");

  query->kpi = AVA_KPI_TOP_PRODUCTS;
  products = run (fixture, query);
  g_assert_cmpstr (products, ==,
                   "1|BG|Bag|3|30.0000|2\n"
                   "2|A|Apple|2|3.0000|1\n");
}

/* An unknown country or customer is no error: empty results. */
static void
test_empty_results (Fixture      *fixture,
                    gconstpointer user_data)
{
  const char *atlantis[] = { "Atlantis", NULL };
  AvaKpi      kpis[] = { AVA_KPI_MONTHLY_REVENUE, AVA_KPI_TOP_PRODUCTS, AVA_KPI_TOP_CUSTOMERS,
                         AVA_KPI_BY_COUNTRY, AVA_KPI_COHORTS };

  for (guint variant = 0; variant < 3; variant++)
    {
      g_autoptr (AvaQuery) query = ava_query_new (AVA_KPI_OVERVIEW);
      g_autofree char     *overview = NULL;

      if (variant == 0)
        query->countries = g_strdupv ((char **) atlantis);
      else if (variant == 1)
        {
          query->has_customer = TRUE;
          query->customer_id = 999;
        }
      else
        {
          query->has_from = query->has_to = TRUE;
          query->from = query->to = at ("2011-01-10 10:00");
        }

      overview = run (fixture, query);
      g_assert_cmpstr (overview, ==, "0.0000|0|0.0000|0|0|0.0000|0.0000\n");
      for (guint k = 0; k < G_N_ELEMENTS (kpis); k++)
        {
          g_autoptr (AvaQuery) other = ava_query_with_kpi (query, kpis[k]);
          g_autofree char     *text = run (fixture, other);

          g_assert_cmpstr (text, ==, "");
        }
    }
}

typedef struct
{
  gboolean   done;
  AvaResult *result;
  GError    *error;
} AsyncAnswer;

static void
query_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncAnswer *answer = user_data;

  answer->result = ava_engine_query_finish (AVA_ENGINE (object), result, &answer->error);
  answer->done = TRUE;
}

static void
test_async_cancel (Fixture      *fixture,
                   gconstpointer user_data)
{
  g_autoptr (AvaQuery)     query = ava_query_new (AVA_KPI_OVERVIEW);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  AsyncAnswer              cancelled = { 0 };
  AsyncAnswer              answered = { 0 };
  g_autofree char         *text = NULL;

  g_cancellable_cancel (cancellable);
  ava_engine_query_async (fixture->engine, query, cancellable, query_done_cb, &cancelled);
  while (!cancelled.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (cancelled.result);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&cancelled.error);

  /* The engine stays usable. */
  ava_engine_query_async (fixture->engine, query, NULL, query_done_cb, &answered);
  while (!answered.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (answered.error);
  text = result_text (answered.result);
  g_assert_cmpstr (text, ==, "56.0000|6|9.3333|3|17|1.5000|54.5000\n");
  g_object_unref (answered.result);

  /* A worker thread drops its task, and so its engine reference, just
   * after the callback ran: wait for that before the leak check. */
  for (guint i = 0; i < 5000 && g_atomic_int_get (&G_OBJECT (fixture->engine)->ref_count) > 1; i++)
    g_usleep (1000);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ava/offline/overview", test_overview);
  ADD ("/ava/offline/monthly-revenue", test_monthly_revenue);
  ADD ("/ava/offline/top-products", test_top_products);
  ADD ("/ava/offline/top-customers", test_top_customers);
  ADD ("/ava/offline/by-country", test_by_country);
  ADD ("/ava/offline/cohorts", test_cohorts);
  ADD ("/ava/offline/date-filter", test_date_filter);
  ADD ("/ava/offline/country-filter", test_country_filter);
  ADD ("/ava/offline/customer-filter", test_customer_filter);
  ADD ("/ava/offline/empty-results", test_empty_results);
  ADD ("/ava/offline/async-cancel", test_async_cancel);
#undef ADD

  return g_test_run ();
}
