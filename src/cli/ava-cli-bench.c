/* ava-cli-bench.c: how fast a source answers, in figures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "ava-cli.h"
#include "ava-timestamp.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The filtered case: autumn 2011 in the United Kingdom, its start moved by
 * @run seconds so that every run is a new filter, as after a filter change
 * in the app, and no cached selection answers it. */
static AvaQuery *
filtered_query (AvaKpi kpi,
                int    run)
{
  AvaQuery   *query = ava_query_new (kpi);
  const char *countries[] = { "United Kingdom", NULL };

  query->has_from = query->has_to = TRUE;
  query->from = ava_timestamp_from_civil (2011, 9, 1, 0, 0, 0) + run;
  query->to = ava_timestamp_from_civil (2011, 12, 1, 0, 0, 0);
  query->countries = g_strdupv ((char **) countries);

  return query;
}

static gboolean
time_query (AvaEngine      *engine,
            const AvaQuery *query,
            double         *ms,
            GError        **error)
{
  gint64                start = g_get_monotonic_time ();
  g_autoptr (AvaResult) result = ava_engine_run (engine, query, NULL, error);

  *ms = elapsed_ms (start);
  return result != NULL;
}

static gboolean
time_dashboard (AvaEngine      *engine,
                const AvaQuery *query,
                double         *ms,
                GError        **error)
{
  AvaResult *results[AVA_N_KPIS];
  gint64     start = g_get_monotonic_time ();

  if (!ava_cli_run_dashboard (engine, query, results, error))
    return FALSE;
  *ms = elapsed_ms (start);

  for (AvaKpi kpi = 0; kpi < AVA_N_KPIS; kpi++)
    g_object_unref (results[kpi]);
  return TRUE;
}

int
ava_cli_bench (int    argc,
               char **argv)
{
  g_autofree char *source = NULL;
  int              runs = 20;
  gboolean         as_json = FALSE;
  GOptionEntry     entries[] = {
        { "source", 0, 0, G_OPTION_ARG_STRING, &source, "demo (default), csv:PATH, or a PostgreSQL connection string", "SRC" },
        { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Warm runs per figure (default 20)", "N" },
        { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print one JSON object", NULL },
        { NULL }
  };
  g_autoptr (GOptionContext) context =
    ava_cli_context_new (NULL, "Time loading, each KPI and a whole dashboard, unfiltered and filtered (2011-09-01 to 2011-12-01, United Kingdom).", entries);
  g_autoptr (GError)    error = NULL;
  g_autoptr (AvaEngine) engine = NULL;
  g_autofree double    *samples = NULL;
  double                load_ms, kpi_ms[AVA_N_KPIS], dashboard_ms, dashboard_filtered_ms;
  struct rusage         usage;
  gint64                start;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ava_cli_fail (error);
  if (argc != 1)
    return ava_cli_usage_error ("takes no arguments");
  if (runs < 1)
    return ava_cli_usage_error ("--runs %d: expected at least 1", runs);

  start = g_get_monotonic_time ();
  engine = ava_cli_open_source (source ? source : "demo", &error);
  if (engine == NULL)
    return ava_cli_fail (error);
  load_ms = elapsed_ms (start);

  samples = g_new (double, runs);

  for (AvaKpi kpi = 0; kpi < AVA_N_KPIS; kpi++)
    {
      g_autoptr (AvaQuery) query = ava_query_new (kpi);

      for (int r = 0; r < runs; r++)
        {
          if (!time_query (engine, query, &samples[r], &error))
            return ava_cli_fail (error);
        }
      kpi_ms[kpi] = median (samples, runs);
    }

  {
    g_autoptr (AvaQuery) query = ava_query_new (AVA_KPI_OVERVIEW);
    g_autofree double   *filtered_samples = g_new (double, runs);

    for (int r = 0; r < runs; r++)
      {
        g_autoptr (AvaQuery) filtered = filtered_query (AVA_KPI_OVERVIEW, r);

        if (!time_dashboard (engine, query, &samples[r], &error) ||
            !time_dashboard (engine, filtered, &filtered_samples[r], &error))
          return ava_cli_fail (error);
      }
    dashboard_ms = median (samples, runs);
    dashboard_filtered_ms = median (filtered_samples, runs);
  }

  getrusage (RUSAGE_SELF, &usage);

  if (as_json)
    {
      g_autoptr (JsonBuilder)   builder = json_builder_new ();
      g_autoptr (JsonGenerator) generator = json_generator_new ();
      g_autoptr (JsonNode)      root = NULL;
      g_autofree char          *text = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "load_ms");
      json_builder_add_double_value (builder, load_ms);
      json_builder_set_member_name (builder, "kpis");
      json_builder_begin_object (builder);
      for (AvaKpi kpi = 0; kpi < AVA_N_KPIS; kpi++)
        {
          json_builder_set_member_name (builder, ava_kpi_get_name (kpi));
          json_builder_add_double_value (builder, kpi_ms[kpi]);
        }
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "dashboard_ms");
      json_builder_add_double_value (builder, dashboard_ms);
      json_builder_set_member_name (builder, "dashboard_filtered_ms");
      json_builder_add_double_value (builder, dashboard_filtered_ms);
      json_builder_set_member_name (builder, "rss_mb");
      json_builder_add_double_value (builder, usage.ru_maxrss / 1024.0);
      json_builder_end_object (builder);

      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      text = json_generator_to_data (generator, NULL);
      if (!ava_cli_write_stdout (text) || !ava_cli_write_stdout ("\n"))
        return AVA_CLI_EXIT_FAILED;
    }
  else
    {
      printf ("load                    %9.2f ms\n", load_ms);
      for (AvaKpi kpi = 0; kpi < AVA_N_KPIS; kpi++)
        printf ("%-23s %9.3f ms (median of %d)\n", ava_kpi_get_name (kpi), kpi_ms[kpi], runs);
      printf ("dashboard               %9.3f ms\n", dashboard_ms);
      printf ("dashboard, filtered     %9.3f ms\n", dashboard_filtered_ms);
      printf ("peak RSS                %9.1f MB\n", usage.ru_maxrss / 1024.0);
    }

  return EXIT_SUCCESS;
}
