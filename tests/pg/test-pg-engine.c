/* test-pg-engine.c: the PostgreSQL engine against the offline reference.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ava-demo-generator.h"
#include "ava-offline-engine.h"
#include "ava-pg-engine-private.h"
#include "ava-pg-engine.h"
#include "ava-pg-importer.h"
#include "ava-pg-test-utils.h"
#include "ava-timestamp.h"

/* One set of filters of the parity matrix. */
typedef struct
{
  const char *name;
  const char *from; /* "YYYY-MM-DD HH:MM:SS" or NULL */
  const char *to;
  const char *countries; /* comma separated, or NULL */
  gint64      customer;  /* 0: none */
} Filter;

static const Filter real_filters[] = {
  { "no filter", NULL, NULL, NULL, 0 },
  { "months", "2011-09-01 00:00:00", "2011-12-01 00:00:00", NULL, 0 },
  { "days", "2011-03-15 00:00:00", "2011-04-02 00:00:00", NULL, 0 },
  { "minutes cutting invoices", "2010-12-01 08:30:00", "2010-12-01 09:00:00", NULL, 0 },
  { "hours over months", "2011-06-10 13:37:00", "2011-08-20 11:05:00", NULL, 0 },
  /* Top-products reads November less the days outside the range. */
  { "most of a month", "2011-11-02 09:00:00", "2011-11-29 17:00:00", NULL, 0 },
  { "most of a month in a country", "2011-11-02 09:00:00", "2011-11-29 17:00:00", "United Kingdom", 0 },
  { "year less a few days", "2010-12-05 10:00:00", "2011-11-27 15:00:00", "United Kingdom", 0 },
  /* Top-products reads all time less the months and days outside. */
  { "all but a few hours", "2010-12-01 13:00:00", "2011-12-09 12:00:00", NULL, 0 },
  { "from early on", "2011-01-20 10:00:00", NULL, NULL, 0 },
  { "all but a few hours in countries", "2010-12-01 13:00:00", "2011-12-09 12:00:00", "France,Germany,EIRE", 0 },
  { "from only", "2011-07-15 10:00:00", NULL, NULL, 0 },
  { "to only", NULL, "2011-02-03 12:00:00", NULL, 0 },
  { "no data", "2012-01-01 00:00:00", "2012-02-01 00:00:00", NULL, 0 },
  { "empty range", "2011-05-05 00:00:00", "2011-05-05 00:00:00", NULL, 0 },
  { "one country", NULL, NULL, "United Kingdom", 0 },
  { "several countries", NULL, NULL, "France,Germany,EIRE", 0 },
  { "customer 17850", NULL, NULL, NULL, 17850 },
  { "customer 14646", NULL, NULL, NULL, 14646 },
  { "months and country", "2011-09-01 00:00:00", "2011-12-01 00:00:00", "United Kingdom", 0 },
  { "days and countries", "2011-03-15 00:00:00", "2011-04-02 00:00:00", "France,Germany,EIRE", 0 },
  { "hours and customer", "2011-05-01 12:00:00", "2011-10-01 00:00:00", NULL, 14646 },
  { "hours, country and customer", "2010-12-01 08:30:00", "2011-06-01 00:00:00", "United Kingdom", 17850 },
  { "unknown country", NULL, NULL, "Atlantis", 0 },
  { "unknown customer", NULL, NULL, NULL, 99999999 },
};

/* A few lines that exercise what the real file lacks: invoices over
 * midnight and over a month end (one of them with a customer), one product
 * with two descriptions in one invoice, an empty description, service
 * codes, returns. */
static const char small_first[] =
  AVA_PG_TEST_CSV_HEADER
  "536001,A1,Alpha,2,12/1/2010 23:58,1.50,100,France\n"
  "536001,B2,Beta,1,12/1/2010 23:59,2.25,100,France\n"
  "536002,A1,Alpha,3,12/2/2010 10:00,1.50,101,Germany\n"
  "536002,A1,Alpha Two,1,12/2/2010 10:00,1.40,101,Germany\n"
  "536002,POST,POSTAGE,1,12/2/2010 10:00,18.00,101,Germany\n"
  "C536003,A1,Alpha,-1,12/2/2010 11:00,1.50,100,France\n"
  "536004,POST,POSTAGE,1,12/31/2010 23:59,18.00,,United Kingdom\n"
  "536004,A1,,5,1/1/2011 0:01,1.50,,United Kingdom\n"
  "536006,B2,Beta,6,1/3/2011 9:00,2.25,102,France\n"
  "536006,B2,beta,2,1/3/2011 9:00,2.30,102,France\n"
  "536007,A1,Alpha,1,12/31/2010 23:50,1.50,103,France\n"
  "536007,B2,Beta,3,1/1/2011 0:10,2.25,103,France\n";

/* Appended: a line that splits 536001 over two days, a new line for an
 * existing invoice, a new invoice, a line already stored. */
static const char small_second[] =
  AVA_PG_TEST_CSV_HEADER
  "536001,C3,Gamma,4,12/2/2010 0:01,0.85,100,France\n"
  "536002,B2,Beta,2,12/2/2010 10:05,2.25,101,Germany\n"
  "536002,A1,Alpha Two,7,12/2/2010 10:06,1.40,101,Germany\n"
  "536005,A1,Alpha,1,1/15/2011 9:00,1.50,102,France\n"
  "536001,A1,Alpha,2,12/1/2010 23:58,1.50,100,France\n";

static const Filter small_filters[] = {
  { "no filter", NULL, NULL, NULL, 0 },
  { "over midnight", "2010-12-01 23:59:00", "2010-12-02 10:03:00", NULL, 0 },
  { "whole day", "2010-12-02 00:00:00", "2010-12-03 00:00:00", NULL, 0 },
  { "month end", "2010-12-31 00:00:00", "2011-01-02 00:00:00", NULL, 0 },
  { "whole month", "2010-12-01 00:00:00", "2011-01-01 00:00:00", NULL, 0 },
  { "from mid-month", "2010-12-02 00:00:00", NULL, NULL, 0 },
  { "both months", "2010-12-01 00:00:00", "2011-02-01 00:00:00", NULL, 0 },
  { "country", NULL, NULL, "France", 0 },
  { "countries and days", "2010-12-01 00:00:00", "2011-01-02 00:00:00", "France,Germany", 0 },
  { "both months in a country", "2010-12-01 00:00:00", "2011-02-01 00:00:00", "France", 0 },
  { "customer", NULL, NULL, NULL, 101 },
  { "customer and minutes", "2010-12-02 10:01:00", "2010-12-02 10:06:00", NULL, 101 },
  { "unknown country", NULL, NULL, "Atlantis", 0 },
  { "unknown customer", NULL, NULL, NULL, 4 },
};

static AvaQuery *
filter_to_query (const Filter *filter,
                 AvaKpi        kpi)
{
  AvaQuery   *query = ava_query_new (kpi);
  const char *problem = NULL;

  if (filter->from != NULL)
    {
      query->has_from = TRUE;
      g_assert_true (ava_timestamp_parse (filter->from, strlen (filter->from), &query->from, &problem));
    }
  if (filter->to != NULL)
    {
      query->has_to = TRUE;
      g_assert_true (ava_timestamp_parse (filter->to, strlen (filter->to), &query->to, &problem));
    }
  if (filter->countries != NULL)
    query->countries = g_strsplit (filter->countries, ",", -1);
  if (filter->customer != 0)
    {
      query->has_customer = TRUE;
      query->customer_id = filter->customer;
    }

  return query;
}

static void
assert_same_result (AvaEngine      *pg,
                    AvaEngine      *offline,
                    const AvaQuery *query,
                    const char     *label)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (AvaResult) expected = ava_engine_run (offline, query, NULL, &error);
  g_autoptr (AvaResult) actual = NULL;
  g_autofree char      *difference = NULL;

  g_assert_no_error (error);
  actual = ava_engine_run (pg, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (actual);

  if (!ava_result_equal (expected, actual, &difference))
    g_error ("%s, %s: the engines differ: %s", label, ava_kpi_get_name (query->kpi), difference);
}

/* Every KPI with the defaults, then the ranking options. */
static guint
assert_matrix (AvaEngine    *pg,
               AvaEngine    *offline,
               const Filter *filters,
               guint         n_filters)
{
  static const guint product_limits[] = { 1, 10, 50 };
  static const guint customer_limits[] = { 10, 200 };
  guint              n_compared = 0;

  for (guint f = 0; f < n_filters; f++)
    {
      for (AvaKpi kpi = 0; kpi < AVA_N_KPIS; kpi++)
        {
          g_autoptr (AvaQuery) query = filter_to_query (&filters[f], kpi);

          assert_same_result (pg, offline, query, filters[f].name);
          n_compared++;
        }

      for (guint l = 0; l < G_N_ELEMENTS (product_limits); l++)
        {
          for (AvaRankBy by = AVA_RANK_BY_UNITS; by <= AVA_RANK_BY_REVENUE; by++)
            {
              g_autoptr (AvaQuery) query = filter_to_query (&filters[f], AVA_KPI_TOP_PRODUCTS);

              query->limit = product_limits[l];
              query->rank_by = by;
              assert_same_result (pg, offline, query, filters[f].name);
              n_compared++;
            }
        }

      for (guint l = 0; l < G_N_ELEMENTS (customer_limits); l++)
        {
          g_autoptr (AvaQuery) query = filter_to_query (&filters[f], AVA_KPI_TOP_CUSTOMERS);

          query->limit = customer_limits[l];
          assert_same_result (pg, offline, query, filters[f].name);
          n_compared++;
        }
    }

  return n_compared;
}

static void
import (const char       *conninfo,
        AvaDataset       *dataset,
        AvaQualityReport *report)
{
  g_autoptr (GError) error = NULL;
  AvaPgImportResult  result;
  gint64             start = g_get_monotonic_time ();

  g_assert_true (ava_pg_import_dataset (conninfo, dataset, report, NULL, &result, &error));
  g_assert_no_error (error);
  g_test_message ("imported %" G_GUINT64_FORMAT " new lines in %.1f s", result.new_lines,
                  (g_get_monotonic_time () - start) / 1e6);
}

static AvaEngine *
new_pg_engine (const char *conninfo)
{
  g_autoptr (GError) error = NULL;
  AvaEngine         *engine = ava_pg_engine_new (conninfo, &error);

  g_assert_no_error (error);
  g_assert_nonnull (engine);
  return engine;
}

static const char *
get_real_file (void)
{
  static char *path;

  if (path == NULL)
    path = g_build_filename (g_getenv ("AVA_SHARED_DATA") != NULL ? g_getenv ("AVA_SHARED_DATA") : ".",
                             "online_retail.csv.gz", NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("$AVA_SHARED_DATA/online_retail.csv.gz is absent");
      return NULL;
    }

  return path;
}

static AvaDataset *
load_path (const char        *path,
           AvaQualityReport **report)
{
  g_autoptr (GError) error = NULL;
  AvaDataset        *dataset = ava_load_csv_path (path, NULL, report, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  return dataset;
}

static void
test_parity_real (void)
{
  const char                  *path = get_real_file ();
  g_autofree char             *conninfo = NULL;
  g_autoptr (AvaDataset)       dataset = NULL;
  g_autoptr (AvaQualityReport) report = NULL;
  g_autoptr (AvaEngine)        offline = NULL;
  g_autoptr (AvaEngine)        pg = NULL;
  guint                        n;

  if (path == NULL || (conninfo = ava_pg_test_create_database ()) == NULL)
    return;

  dataset = load_path (path, &report);
  import (conninfo, dataset, report);
  offline = ava_offline_engine_new (dataset);
  pg = new_pg_engine (conninfo);

  n = assert_matrix (pg, offline, real_filters, G_N_ELEMENTS (real_filters));
  g_test_message ("%u results identical", n);
}

/* The real file's text, cut into two overlapping CSV files. */
static void
split_real_file (const char *path,
                 char      **first,
                 char      **second)
{
  g_autoptr (GError)            error = NULL;
  g_autoptr (GFile)             file = g_file_new_for_path (path);
  g_autoptr (GInputStream)      raw = G_INPUT_STREAM (g_file_read (file, NULL, &error));
  g_autoptr (GZlibDecompressor) decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr (GInputStream)      stream = NULL;
  g_autoptr (GOutputStream)     memory = g_memory_output_stream_new_resizable ();
  g_autoptr (GBytes)            bytes = NULL;
  g_auto (GStrv)                lines = NULL;
  guint                         n_rows, a, b;
  GString                      *one = g_string_new (NULL);
  GString                      *two = g_string_new (NULL);

  g_assert_no_error (error);
  stream = g_converter_input_stream_new (raw, G_CONVERTER (decompressor));
  g_output_stream_splice (memory, stream, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
  {
    g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

    lines = g_strsplit (text, "\n", -1);
  }

  /* Rows 0-60 % and 40-100 %: the second adds lines to invoices of the
   * first, brings back a fifth of the file, and adds new invoices. */
  n_rows = g_strv_length (lines) - 1;
  a = n_rows * 6 / 10;
  b = n_rows * 4 / 10;
  g_string_append_printf (one, "%s\n", lines[0]);
  g_string_append_printf (two, "%s\n", lines[0]);
  for (guint i = 1; i <= n_rows; i++)
    {
      if (lines[i][0] == '\0')
        continue;
      if (i < a)
        g_string_append_printf (one, "%s\n", lines[i]);
      if (i >= b)
        g_string_append_printf (two, "%s\n", lines[i]);
    }

  *first = g_string_free (one, FALSE);
  *second = g_string_free (two, FALSE);
}

static void
test_parity_appended (void)
{
  const char                  *path = get_real_file ();
  g_autofree char             *conninfo = NULL;
  g_autofree char             *first_text = NULL;
  g_autofree char             *second_text = NULL;
  g_autoptr (AvaQualityReport) report = NULL;
  g_autoptr (AvaQualityReport) first_report = NULL;
  g_autoptr (AvaQualityReport) second_report = NULL;
  g_autoptr (AvaDataset)       all = NULL;
  g_autoptr (AvaDataset)       first = NULL;
  g_autoptr (AvaDataset)       second = NULL;
  g_autoptr (AvaEngine)        offline = NULL;
  g_autoptr (AvaEngine)        pg = NULL;
  guint                        n;

  if (path == NULL || (conninfo = ava_pg_test_create_database ()) == NULL)
    return;

  split_real_file (path, &first_text, &second_text);
  first = ava_pg_test_load_csv (first_text, "first.csv", &first_report);
  second = ava_pg_test_load_csv (second_text, "second.csv", &second_report);
  import (conninfo, first, first_report);
  import (conninfo, second, second_report);

  /* Both files together are the whole file. */
  all = load_path (path, &report);
  offline = ava_offline_engine_new (all);
  pg = new_pg_engine (conninfo);

  n = assert_matrix (pg, offline, real_filters, G_N_ELEMENTS (real_filters));
  g_test_message ("%u results identical after an appended import", n);
}

static void
test_parity_small_appended (void)
{
  g_autofree char             *conninfo = ava_pg_test_create_database ();
  g_autofree char             *both_text = NULL;
  g_autoptr (AvaQualityReport) report = NULL;
  g_autoptr (AvaQualityReport) first_report = NULL;
  g_autoptr (AvaQualityReport) second_report = NULL;
  g_autoptr (AvaDataset)       first = NULL;
  g_autoptr (AvaDataset)       second = NULL;
  g_autoptr (AvaDataset)       both = NULL;
  g_autoptr (AvaEngine)        pg = NULL;
  g_autoptr (PGconn)           conn = NULL;

  if (conninfo == NULL)
    return;

  first = ava_pg_test_load_csv (small_first, "first.csv", &first_report);
  import (conninfo, first, first_report);
  pg = new_pg_engine (conninfo);

  /* 536004 and 536007 span a month end from the start. */
  conn = ava_pg_test_connect (conninfo);
  g_assert_cmpint (ava_pg_test_count (conn, "split_invoices"), ==, 2);

  {
    g_autoptr (AvaEngine) offline = ava_offline_engine_new (first);

    assert_matrix (pg, offline, small_filters, G_N_ELEMENTS (small_filters));
  }

  /* Not the bulk path: the rollups take a delta. */
  second = ava_pg_test_load_csv (small_second, "second.csv", &second_report);
  import (conninfo, second, second_report);
  g_assert_cmpint (ava_pg_test_count (conn, "split_invoices"), ==, 3);

  both_text = g_strconcat (small_first, small_second + strlen (AVA_PG_TEST_CSV_HEADER), NULL);
  both = ava_pg_test_load_csv (both_text, "both.csv", &report);
  {
    g_autoptr (AvaEngine) offline = ava_offline_engine_new (both);

    assert_matrix (pg, offline, small_filters, G_N_ELEMENTS (small_filters));
  }
}

static void
test_parity_demo (void)
{
  g_autofree char             *conninfo = ava_pg_test_create_database ();
  g_autoptr (AvaQualityReport) report = NULL;
  g_autoptr (AvaDataset)       dataset = NULL;
  g_autoptr (AvaEngine)        offline = NULL;
  g_autoptr (AvaEngine)        pg = NULL;

  if (conninfo == NULL)
    return;

  dataset = ava_demo_build_dataset (100000, AVA_DEMO_DEFAULT_SEED, &report);
  import (conninfo, dataset, report);
  offline = ava_offline_engine_new (dataset);
  pg = new_pg_engine (conninfo);

  assert_matrix (pg, offline, real_filters, G_N_ELEMENTS (real_filters));
}

/* A database with the small file, for the tests below. */
static AvaEngine *
new_small_engine (void)
{
  g_autofree char             *conninfo = ava_pg_test_create_database ();
  g_autoptr (AvaQualityReport) report = NULL;
  g_autoptr (AvaDataset)       dataset = NULL;

  if (conninfo == NULL)
    return NULL;

  dataset = ava_pg_test_load_csv (small_first, "small.csv", &report);
  import (conninfo, dataset, report);

  return new_pg_engine (conninfo);
}

typedef struct
{
  AvaEngine    *engine;
  GCancellable *cancellable;
  GError       *error;
  AvaResult    *result;
  gint64        elapsed;
} RunInThread;

static gpointer
run_thread (gpointer data)
{
  RunInThread         *run = data;
  g_autoptr (AvaQuery) query = ava_query_new (AVA_KPI_OVERVIEW);
  gint64               start = g_get_monotonic_time ();

  run->result = ava_engine_run (run->engine, query, run->cancellable, &run->error);
  run->elapsed = g_get_monotonic_time () - start;

  return NULL;
}

/* Polls, for up to 5 s, until @n sessions of the current database other
 * than @observer's run the test delay's pg_sleep; returns the last count. */
static gint64
wait_for_sleeping_sessions (PGconn *observer,
                            gint64  n)
{
  const char *sql = "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                    "AND state = 'active' AND query LIKE '%pg\\_sleep%'";
  gint64      deadline = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
  gint64      count;

  while ((count = ava_pg_test_query_int (observer, sql)) != n && g_get_monotonic_time () < deadline)
    g_usleep (20 * G_TIME_SPAN_MILLISECOND);

  return count;
}

static void
test_cancel (void)
{
  g_autoptr (AvaEngine)    engine = new_small_engine ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError)       error = NULL;
  g_autoptr (AvaQuery)     query = ava_query_new (AVA_KPI_COHORTS);
  g_autoptr (AvaResult)    result = NULL;
  g_autoptr (PGconn)       observer = NULL;
  g_autofree char         *conninfo = NULL;
  RunInThread              run = { 0 };
  GThread                 *thread;

  if (engine == NULL)
    return;

  /* A session of its own watches the server's side of the cancel. */
  conninfo = ava_pg_engine_dup_conninfo (AVA_PG_ENGINE (engine));
  observer = ava_pg_test_connect (conninfo);
  g_assert_cmpint (wait_for_sleeping_sessions (observer, 0), ==, 0);

  /* Every query now sleeps 20 s on the server first. */
  ava_pg_engine_set_test_delay (AVA_PG_ENGINE (engine), 20);
  run.engine = engine;
  run.cancellable = cancellable;
  thread = g_thread_new ("query", run_thread, &run);
  g_usleep (300 * G_TIME_SPAN_MILLISECOND);
  /* The query is running on the server... */
  g_assert_cmpint (wait_for_sleeping_sessions (observer, 1), ==, 1);
  g_cancellable_cancel (cancellable);
  g_thread_join (thread);

  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (run.result);
  g_test_message ("cancelled after %.3f s", run.elapsed / 1e6);
  g_assert_cmpint (run.elapsed, <, 5 * G_TIME_SPAN_SECOND);
  g_clear_error (&run.error);

  /* ...and the cancel stopped it there, not only in the client: the
   * session is kept but no longer runs it (PQcancel). */
  g_assert_cmpint (wait_for_sleeping_sessions (observer, 0), ==, 0);

  /* The connection was kept: the pool still answers, at full speed. */
  ava_pg_engine_set_test_delay (AVA_PG_ENGINE (engine), 0);
  result = ava_engine_run (engine, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (ava_pg_engine_get_n_open (AVA_PG_ENGINE (engine)), <=, AVA_PG_ENGINE_MAX_CONNECTIONS);
}

typedef struct
{
  GMainLoop *loop;
  GError    *error;
  guint      pending;
  gint64     elapsed;
} Async;

static void
async_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Async                *async = user_data;
  g_autoptr (GError)    error = NULL;
  g_autoptr (AvaResult) part = ava_engine_query_finish (AVA_ENGINE (object), result, &error);

  /* Every part must stop with the same error. */
  g_assert_null (part);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  if (async->error == NULL)
    async->error = g_steal_pointer (&error);
  if (--async->pending == 0)
    g_main_loop_quit (async->loop);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* Six slow queries at once on a pool of four: the two waiting for a
 * connection and the four running all stop. */
static void
test_cancel_async (void)
{
  g_autoptr (AvaEngine)    engine = new_small_engine ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GMainLoop)    loop = g_main_loop_new (NULL, FALSE);
  g_autoptr (GError)       error = NULL;
  g_autoptr (AvaQuery)     query = ava_query_new (AVA_KPI_OVERVIEW);
  g_autoptr (AvaResult)    result = NULL;
  Async                    async = { loop, NULL, 0 };
  gint64                   start;

  if (engine == NULL)
    return;

  ava_pg_engine_set_test_delay (AVA_PG_ENGINE (engine), 20);
  start = g_get_monotonic_time ();
  for (AvaKpi kpi = 0; kpi < AVA_N_KPIS; kpi++)
    {
      g_autoptr (AvaQuery) part = ava_query_new (kpi);

      async.pending++;
      ava_engine_query_async (engine, part, cancellable, async_done_cb, &async);
    }
  g_timeout_add (300, cancel_cb, cancellable);
  g_main_loop_run (loop);

  g_assert_error (async.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&async.error);
  g_test_message ("six cancelled after %.3f s", (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_TIME_SPAN_SECOND);

  ava_pg_engine_set_test_delay (AVA_PG_ENGINE (engine), 0);
  result = ava_engine_run (engine, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
}

static void
test_unreachable (void)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (AvaEngine) engine = NULL;

  /* Port 1: nothing listens there. */
  engine = ava_pg_engine_new ("host=127.0.0.1 port=1 dbname=x user=x password=hunter2 connect_timeout=5", &error);
  g_assert_null (engine);
  g_assert_error (error, AVA_PG_ERROR, AVA_PG_ERROR_CONNECT);
  g_assert_null (strstr (error->message, "hunter2"));
}

static void
restart_server (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *command = g_strdup_printf ("%s restart", g_getenv ("AVA_TEST_PG_CTL"));
  g_autofree char   *out = NULL;
  g_autofree char   *err = NULL;
  int                status = 0;

  g_assert_true (g_spawn_command_line_sync (command, &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* Runs last: it restarts the server under the other tests' feet. */
static void
test_connection_loss (void)
{
  g_autoptr (AvaEngine) engine = new_small_engine ();
  g_autoptr (GError)    error = NULL;
  g_autoptr (AvaQuery)  query = ava_query_new (AVA_KPI_BY_COUNTRY);
  g_autoptr (AvaResult) before = NULL;
  g_autoptr (AvaResult) first = NULL;
  g_autoptr (AvaResult) second = NULL;
  g_autofree char      *difference = NULL;

  if (engine == NULL)
    return;

  before = ava_engine_run (engine, query, NULL, &error);
  g_assert_no_error (error);

  restart_server ();

  /* The engine reconnects by itself; if it could not, the first query
   * would fail with a connection error, and the second must succeed. */
  first = ava_engine_run (engine, query, NULL, &error);
  if (first == NULL)
    {
      g_assert_error (error, AVA_PG_ERROR, AVA_PG_ERROR_CONNECT);
      g_test_message ("first query after the restart: %s", error->message);
      g_clear_error (&error);
    }

  second = ava_engine_run (engine, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ava_result_equal (before, second, &difference));
  g_assert_nonnull (first);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ava/pg/engine/unreachable", test_unreachable);
  g_test_add_func ("/ava/pg/engine/parity/small-appended", test_parity_small_appended);
  g_test_add_func ("/ava/pg/engine/parity/real", test_parity_real);
  g_test_add_func ("/ava/pg/engine/parity/real-appended", test_parity_appended);
  g_test_add_func ("/ava/pg/engine/parity/demo-100k", test_parity_demo);
  g_test_add_func ("/ava/pg/engine/cancel", test_cancel);
  g_test_add_func ("/ava/pg/engine/cancel-async", test_cancel_async);
  g_test_add_func ("/ava/pg/engine/connection-loss", test_connection_loss);

  return g_test_run ();
}
