/* ava-pg-engine-bench.c: dashboard times of the PostgreSQL engine.
 *
 * Usage: ava-pg-engine-bench [CONNINFO] FILE
 * CONNINFO defaults to $AVA_TEST_PG_CONNINFO (run it through
 * tests/pg/pg-cluster-run). Imports FILE into that empty database, then
 * prints the median of 20 full dashboards (the six KPIs at once through the
 * async API, as the CLI and the window run them), unfiltered and for a
 * set of date ranges and countries, the slowest of 40 random ranges, then
 * the slowest of them all. Not a test:
 * `meson test --benchmark`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "ava-cleaner.h"
#include "ava-pg-engine.h"
#include "ava-pg-importer.h"
#include "ava-timestamp.h"

#define N_RUNS 20

/* The random ranges: how many, and runs each. */
#define N_SWEEP      40
#define N_SWEEP_RUNS 6

typedef struct
{
  GMainLoop *loop;
  guint      pending;
  GError    *error;
} Dashboard;

static void
part_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Dashboard            *dashboard = user_data;
  g_autoptr (AvaResult) part = ava_engine_query_finish (AVA_ENGINE (object), result,
                                                        dashboard->error == NULL ? &dashboard->error : NULL);

  if (--dashboard->pending == 0)
    g_main_loop_quit (dashboard->loop);
}

static double
run_dashboard (AvaEngine      *engine,
               const AvaQuery *query)
{
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Dashboard             dashboard = { loop, 0, NULL };
  gint64                start = g_get_monotonic_time ();

  for (AvaKpi kpi = 0; kpi < AVA_N_KPIS; kpi++)
    {
      g_autoptr (AvaQuery) part = ava_query_with_kpi (query, kpi);

      dashboard.pending++;
      ava_engine_query_async (engine, part, NULL, part_done_cb, &dashboard);
    }
  g_main_loop_run (loop);

  if (dashboard.error != NULL)
    {
      fprintf (stderr, "%s\n", dashboard.error->message);
      exit (1);
    }

  return (g_get_monotonic_time () - start) / 1e3;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median_dashboard (AvaEngine      *engine,
                  const AvaQuery *query,
                  guint           n_runs)
{
  g_autofree double *times = g_new (double, n_runs);

  /* One cold run: connections open, caches fill. */
  run_dashboard (engine, query);
  for (guint i = 0; i < n_runs; i++)
    times[i] = run_dashboard (engine, query);
  qsort (times, n_runs, sizeof (double), compare_double);

  return (times[n_runs / 2 - 1] + times[n_runs / 2]) / 2;
}

/* Ranges no list foresees: bounds at any minute of the data's year, of
 * any length, with no country, the largest one or several. Seeded, so
 * that runs compare. Prints the slowest; returns its median. */
static double
sweep_ranges (AvaEngine *engine)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20111209);
  gint64            first = ava_timestamp_from_civil (2010, 12, 1, 0, 0, 0);
  gint64            last = ava_timestamp_from_civil (2011, 12, 10, 0, 0, 0);
  g_autofree char  *slowest = NULL;
  double            worst = 0;

  for (guint i = 0; i < N_SWEEP; i++)
    {
      g_autoptr (AvaQuery) query = ava_query_new (AVA_KPI_OVERVIEW);
      gint64               from = first + g_rand_int_range (rand, 0, (gint32) ((last - first) / 60)) * 60;
      gint64               to = from + g_rand_int_range (rand, 1, (gint32) ((last - from) / 60) + 1) * 60;
      double               choice = g_rand_double (rand);
      double               median;
      g_autofree char     *from_text = ava_timestamp_format (from);
      g_autofree char     *to_text = ava_timestamp_format (to);

      query->has_from = query->has_to = TRUE;
      query->from = from;
      query->to = to;
      if (choice >= 0.5)
        query->countries = choice < 0.8 ? g_strsplit ("United Kingdom", ",", -1)
                                        : g_strsplit ("France,Germany,EIRE", ",", -1);

      median = median_dashboard (engine, query, N_SWEEP_RUNS);
      if (median > worst)
        {
          g_autofree char *countries = query->countries != NULL ? g_strjoinv (",", query->countries) : NULL;

          worst = median;
          g_free (slowest);
          slowest = g_strdup_printf ("%s to %s%s%s", from_text, to_text, countries != NULL ? ", " : "",
                                     countries != NULL ? countries : "");
        }
    }

  printf ("dashboard, slowest of %d random ranges %8.1f ms (median of %d): %s\n", N_SWEEP, worst,
          N_SWEEP_RUNS, slowest);
  return worst;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError)           error = NULL;
  g_autoptr (AvaDataset)       dataset = NULL;
  g_autoptr (AvaQualityReport) report = NULL;
  g_autoptr (AvaEngine)        engine = NULL;
  g_autoptr (AvaQuery)         everything = ava_query_new (AVA_KPI_OVERVIEW);
  AvaPgImportResult            result;
  const char                  *conninfo;
  const char                  *path;
  gint64                       start;
  double                       worst = 0;
  double                       swept;
  static const struct
  {
    const char *label;
    int         from[4]; /* year, month, day, hour */
    int         to[4];
    const char *country;
  } ranges[] = {
    { "2011-09-01 to 2011-12-01, United Kingdom", { 2011, 9, 1, 0 }, { 2011, 12, 1, 0 }, "United Kingdom" },
    { "2011-01-01 to 2011-07-01", { 2011, 1, 1, 0 }, { 2011, 7, 1, 0 }, NULL },
    { "2011-02-10 to 2011-03-20", { 2011, 2, 10, 0 }, { 2011, 3, 20, 0 }, NULL },
    { "2011-03-15 to 2011-10-17, Germany", { 2011, 3, 15, 0 }, { 2011, 10, 17, 0 }, "Germany" },
    { "2010-12-15 to 2011-11-15", { 2010, 12, 15, 0 }, { 2011, 11, 15, 0 }, NULL },
    { "2010-12-15 to 2011-11-15, United Kingdom", { 2010, 12, 15, 0 }, { 2011, 11, 15, 0 }, "United Kingdom" },
    { "2010-12-01 13:00 to 2011-12-09 12:00", { 2010, 12, 1, 13 }, { 2011, 12, 9, 12 }, NULL },
  };

  if (argc == 2 && g_getenv ("AVA_TEST_PG_CONNINFO") != NULL)
    {
      conninfo = g_getenv ("AVA_TEST_PG_CONNINFO");
      path = argv[1];
    }
  else if (argc == 3)
    {
      conninfo = argv[1];
      path = argv[2];
    }
  else
    {
      fprintf (stderr, "usage: %s [CONNINFO] FILE\n", argv[0]);
      return 2;
    }

  start = g_get_monotonic_time ();
  dataset = ava_load_csv_path (path, NULL, &report, &error);
  if (dataset == NULL || !ava_pg_import_dataset (conninfo, dataset, report, NULL, &result, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  printf ("load and import      %8.3f s (%" G_GUINT64_FORMAT " new lines)\n",
          (g_get_monotonic_time () - start) / 1e6, result.new_lines);

  engine = ava_pg_engine_new (conninfo, &error);
  if (engine == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  printf ("dashboard            %8.1f ms (median of %d)\n", median_dashboard (engine, everything, N_RUNS), N_RUNS);

  /* The target holds for any date range: ranges that align with months and
   * ranges whose bounds cut days and invoices (the rollups then fall back
   * to line level at the edges), with and without a country. */
  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    {
      g_autoptr (AvaQuery) filtered = ava_query_new (AVA_KPI_OVERVIEW);
      double               median;

      filtered->has_from = filtered->has_to = TRUE;
      filtered->from = ava_timestamp_from_civil (ranges[i].from[0], ranges[i].from[1], ranges[i].from[2],
                                                 ranges[i].from[3], 0, 0);
      filtered->to = ava_timestamp_from_civil (ranges[i].to[0], ranges[i].to[1], ranges[i].to[2],
                                               ranges[i].to[3], 0, 0);
      if (ranges[i].country != NULL)
        {
          filtered->countries = g_new0 (char *, 2);
          filtered->countries[0] = g_strdup (ranges[i].country);
        }

      median = median_dashboard (engine, filtered, N_RUNS);
      worst = MAX (worst, median);
      printf ("dashboard, %-40s %8.1f ms (median of %d)\n", ranges[i].label, median, N_RUNS);
    }
  swept = sweep_ranges (engine);
  worst = MAX (worst, swept);
  printf ("dashboard, slowest filter                  %8.1f ms\n", worst);

  return 0;
}
