/* bench-chart.c: how long a full repaint of each chart takes at 1280×800
 * on an image surface; the median of 50, in milliseconds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "ava-chart.h"
#include "chart-test-data.h"

#define N_RUNS 50

/* CPU time of this thread: drawing is single-threaded, and wall time on a
 * shared machine measures the neighbours too. */
static double
thread_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The real data set when it is there, so the bars and cells hold real
 * labels; else the tests' small shop. */
static AvaEngine *
load_engine (const char **source)
{
  const char                  *shared = g_getenv ("AVA_SHARED_DATA");
  g_autofree char             *path = shared != NULL ? g_build_filename (shared, "online_retail.csv.gz", NULL) : NULL;
  g_autoptr (AvaQualityReport) report = NULL;
  g_autoptr (AvaDataset)       dataset = NULL;
  g_autoptr (GError)           error = NULL;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      *source = "the tests' small data set";
      return chart_test_engine_new ();
    }

  dataset = ava_load_csv_path (path, NULL, &report, &error);
  g_assert_no_error (error);
  *source = "online_retail.csv.gz";
  return ava_offline_engine_new (dataset);
}

int
main (int   argc,
      char *argv[])
{
  static const struct
  {
    const char  *name;
    AvaKpi       kpi;
    AvaChartType type;
  } charts[] = {
    { "line (monthly revenue)", AVA_KPI_MONTHLY_REVENUE, AVA_CHART_LINE },
    { "bars (top products)", AVA_KPI_TOP_PRODUCTS, AVA_CHART_BARS },
    { "bars (by country)", AVA_KPI_BY_COUNTRY, AVA_CHART_BARS },
    { "heatmap (cohorts)", AVA_KPI_COHORTS, AVA_CHART_HEATMAP },
    { "map (by country)", AVA_KPI_BY_COUNTRY, AVA_CHART_MAP },
  };
  const char           *source;
  g_autoptr (AvaEngine) engine = load_engine (&source);
  cairo_surface_t      *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 800);
  AvaChartStyle         style;
  double                worst = 0;

  ava_chart_style_init (&style, FALSE);
  g_print ("# repaint at 1280×800, median of %d, data: %s\n", N_RUNS, source);

  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      g_autoptr (AvaResult) result = chart_test_run (engine, charts[i].kpi);
      g_autoptr (AvaChart)  chart = ava_chart_new (result, charts[i].type, NULL);
      double                times[N_RUNS];
      double                cpu_times[N_RUNS];

      for (guint run = 0; run < N_RUNS + 1; run++)
        {
          cairo_t *cr = cairo_create (surface);
          gint64   start = g_get_monotonic_time ();
          double   cpu_start = thread_ms ();

          ava_chart_draw (chart, cr, 1280, 800, &style, run % 2 ? 1 : -1);
          cairo_surface_flush (surface);
          /* The first run loads fonts and the atlas: not a repaint. */
          if (run > 0)
            {
              times[run - 1] = (g_get_monotonic_time () - start) / 1000.0;
              cpu_times[run - 1] = thread_ms () - cpu_start;
            }
          cairo_destroy (cr);
        }

      qsort (times, N_RUNS, sizeof (double), compare_double);
      qsort (cpu_times, N_RUNS, sizeof (double), compare_double);
      g_print ("%-24s %6.2f ms  (%.2f ms CPU)\n", charts[i].name, times[N_RUNS / 2], cpu_times[N_RUNS / 2]);
      worst = MAX (worst, times[N_RUNS / 2]);
    }

  g_print ("# slowest median %.2f ms (target ≤ 5 ms)\n", worst);
  cairo_surface_destroy (surface);
  return 0;
}
