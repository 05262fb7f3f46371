/* ava-cli-kpi.c: KPIs for scripts, as JSON, CSV or a text table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "ava-cli.h"
#include "ava-csv-writer.h"
#include "ava-json-writer.h"
#include "ava-timestamp.h"

void
ava_cli_query_options_clear (AvaCliQueryOptions *options)
{
  g_free (options->source);
  g_free (options->from);
  g_free (options->to);
  g_strfreev (options->countries);
  g_free (options->customer);
  g_free (options->by);
}

/* The source and filter options that kpi, chart and report share. */
void
ava_cli_add_query_options (GOptionContext     *context,
                           AvaCliQueryOptions *options)
{
  GOptionEntry entries[] = {
    { "source", 0, 0, G_OPTION_ARG_STRING, &options->source, "demo (default), csv:PATH, or a PostgreSQL connection string", "SRC" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &options->from, "First day (inclusive)", "YYYY-MM-DD" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &options->to, "Last day (exclusive)", "YYYY-MM-DD" },
    { "country", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->countries, "Only this country (repeat for several)", "NAME" },
    { "customer", 0, 0, G_OPTION_ARG_STRING, &options->customer, "Only this customer", "ID" },
    { "by", 0, 0, G_OPTION_ARG_STRING, &options->by, "Rank top products by units (default) or revenue", "units|revenue" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &options->limit, "Rows of top products and top customers (default 10)", "N" },
    { NULL }
  };

  /* GOption copies the entries. */
  g_option_context_add_main_entries (context, entries, NULL);
}

/* Turns the options into a query, or says which one is wrong. */
AvaQuery *
ava_cli_query_from_options (const AvaCliQueryOptions *options,
                            AvaKpi                    kpi,
                            GError                  **error)
{
  g_autoptr (AvaQuery) query = ava_query_new (kpi);

  if (options->from != NULL)
    {
      if (!ava_date_parse (options->from, &query->from))
        goto bad_date_from;
      query->has_from = TRUE;
    }
  if (options->to != NULL)
    {
      if (!ava_date_parse (options->to, &query->to))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "--to '%s' is not a date like 2011-12-01", options->to);
          return NULL;
        }
      query->has_to = TRUE;
    }
  if (query->has_from && query->has_to && query->to < query->from)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "--to %s is before --from %s", options->to, options->from);
      return NULL;
    }

  query->countries = g_strdupv (options->countries);

  if (options->customer != NULL)
    {
      char *end = NULL;

      query->customer_id = g_ascii_strtoll (options->customer, &end, 10);
      if (end == options->customer || *end != '\0' || query->customer_id < 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "--customer '%s' is not a customer id", options->customer);
          return NULL;
        }
      query->has_customer = TRUE;
    }

  if (options->by == NULL || g_str_equal (options->by, "units"))
    query->rank_by = AVA_RANK_BY_UNITS;
  else if (g_str_equal (options->by, "revenue"))
    query->rank_by = AVA_RANK_BY_REVENUE;
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "--by '%s': expected units or revenue", options->by);
      return NULL;
    }

  /* -1: the option was not given. */
  if (options->limit < -1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "--limit %d: expected a count of rows", options->limit);
      return NULL;
    }
  if (options->limit > 0)
    query->limit = options->limit;

  return g_steal_pointer (&query);

bad_date_from:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               "--from '%s' is not a date like 2011-09-01", options->from);
  return NULL;
}

typedef struct
{
  GMainLoop *loop;
  AvaResult *results[AVA_N_KPIS];
  GError    *error;
  guint      pending;
} Dashboard;

static void
dashboard_part_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Dashboard *dashboard = user_data;
  GError    *error = NULL;
  AvaResult *part = ava_engine_query_finish (AVA_ENGINE (object), result, &error);

  if (part != NULL)
    dashboard->results[ava_result_get_kpi (part)] = part;
  else if (dashboard->error == NULL)
    dashboard->error = error;
  else
    g_error_free (error);

  if (--dashboard->pending == 0)
    g_main_loop_quit (dashboard->loop);
}

/* The six parts run concurrently on the engine's worker threads. */
gboolean
ava_cli_run_dashboard (AvaEngine      *engine,
                       const AvaQuery *query,
                       AvaResult      *results[AVA_N_KPIS],
                       GError        **error)
{
  Dashboard dashboard = { g_main_loop_new (NULL, FALSE) };

  for (AvaKpi kpi = 0; kpi < AVA_N_KPIS; kpi++)
    {
      g_autoptr (AvaQuery) part = ava_query_with_kpi (query, kpi);

      dashboard.pending++;
      ava_engine_query_async (engine, part, NULL, dashboard_part_cb, &dashboard);
    }
  g_main_loop_run (dashboard.loop);
  g_main_loop_unref (dashboard.loop);

  for (AvaKpi kpi = 0; kpi < AVA_N_KPIS; kpi++)
    results[kpi] = dashboard.results[kpi];

  if (dashboard.error != NULL)
    {
      for (AvaKpi kpi = 0; kpi < AVA_N_KPIS; kpi++)
        g_clear_object (&results[kpi]);
      g_propagate_error (error, dashboard.error);
      return FALSE;
    }

  return TRUE;
}

static char *
format_dashboard (AvaResult  *results[AVA_N_KPIS],
                  const char *format)
{
  GString *text;

  if (g_str_equal (format, "json"))
    return ava_json_format_dashboard (results);

  text = g_string_new (NULL);
  for (AvaKpi kpi = 0; kpi < AVA_N_KPIS; kpi++)
    {
      g_autofree char *table = ava_result_to_table (results[kpi]);

      g_string_append_printf (text, "%s%s\n%s", kpi ? "\n" : "", ava_kpi_get_name (kpi), table);
    }

  return g_string_free (text, FALSE);
}

static char *
format_result (AvaResult           *result,
               const char          *format,
               const AvaCsvDialect *dialect)
{
  if (g_str_equal (format, "json"))
    return ava_json_format_result (result, NULL, 0);
  if (g_str_equal (format, "csv"))
    return ava_csv_format_result (result, dialect, NULL, 0);

  return ava_result_to_table (result);
}

int
ava_cli_kpi (int    argc,
             char **argv)
{
  g_auto (AvaCliQueryOptions) options = { 0 };
  g_autofree char            *format_option = NULL;
  g_autofree char            *csv_preset = NULL;
  GOptionEntry                entries[] = {
                   { "format", 0, 0, G_OPTION_ARG_STRING, &format_option, "json (default), csv or table", "FORMAT" },
                   { "csv-preset", 0, 0, G_OPTION_ARG_STRING, &csv_preset, "machine (default: RFC 4180) or excel (BOM, the locale's decimal mark)", "PRESET" },
                   { NULL }
  };
  g_autoptr (GOptionContext) context =
    ava_cli_context_new ("KPI",
                         "KPI: overview, monthly-revenue, top-products, top-customers, by-country, cohorts, or dashboard (all six).",
                         entries);
  g_autoptr (GError)    error = NULL;
  g_autoptr (AvaQuery)  query = NULL;
  g_autoptr (AvaEngine) engine = NULL;
  g_autofree char      *text = NULL;
  gboolean              dashboard;
  AvaKpi                kpi = AVA_KPI_OVERVIEW;
  AvaCsvPreset          preset;
  AvaCsvDialect         dialect;
  const char           *format;

  options.limit = -1;
  ava_cli_add_query_options (context, &options);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ava_cli_fail (error);
  if (argc != 2)
    return ava_cli_usage_error ("expected one KPI");

  dashboard = g_str_equal (argv[1], "dashboard");
  if (!dashboard && !ava_kpi_from_name (argv[1], &kpi))
    return ava_cli_usage_error ("unknown KPI '%s'", argv[1]);

  format = format_option ? format_option : "json";
  if (!g_str_equal (format, "json") && !g_str_equal (format, "csv") && !g_str_equal (format, "table"))
    return ava_cli_usage_error ("--format '%s': expected json, csv or table", format);
  if (dashboard && g_str_equal (format, "csv"))
    return ava_cli_usage_error ("--format csv writes one table: name a single KPI");
  if (!ava_csv_preset_from_name (csv_preset ? csv_preset : "machine", &preset))
    return ava_cli_usage_error ("--csv-preset '%s': expected machine or excel", csv_preset);
  ava_csv_dialect_init (&dialect, preset);

  query = ava_cli_query_from_options (&options, kpi, &error);
  if (query == NULL)
    return ava_cli_usage_error ("%s", error->message);

  engine = ava_cli_open_source (options.source ? options.source : "demo", &error);
  if (engine == NULL)
    return ava_cli_fail (error);

  if (dashboard)
    {
      AvaResult *results[AVA_N_KPIS];

      if (!ava_cli_run_dashboard (engine, query, results, &error))
        return ava_cli_fail (error);
      text = format_dashboard (results, format);
      for (AvaKpi k = 0; k < AVA_N_KPIS; k++)
        g_object_unref (results[k]);
    }
  else
    {
      g_autoptr (AvaResult) result = ava_engine_run (engine, query, NULL, &error);

      if (result == NULL)
        return ava_cli_fail (error);
      text = format_result (result, format, &dialect);
    }

  if (!ava_cli_write_stdout (text) || (!g_str_equal (format, "csv") && !g_str_has_suffix (text, "\n") && !ava_cli_write_stdout ("\n")))
    return AVA_CLI_EXIT_FAILED;

  return EXIT_SUCCESS;
}
