/* ava-cli-export.c: charts and the PDF report, for scripts and cron.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libpq-fe.h>
#include <stdlib.h>

#include "ava-chart.h"
#include "ava-cli.h"
#include "ava-describe.h"
#include "ava-report.h"

/* Never the connection string itself: it may hold a password. */
static char *
describe_source (const char *source)
{
  PQconninfoOption *options;
  const char       *host = NULL, *dbname = NULL;
  char             *text;

  if (source == NULL || g_str_equal (source, "demo"))
    return ava_describe_file_source (NULL);
  if (g_str_has_prefix (source, "csv:"))
    return ava_describe_file_source (source + strlen ("csv:"));

  options = PQconninfoParse (source, NULL);
  for (PQconninfoOption *option = options; option != NULL && option->keyword != NULL; option++)
    {
      if (g_str_equal (option->keyword, "host") && option->val != NULL)
        host = option->val;
      else if (g_str_equal (option->keyword, "dbname") && option->val != NULL)
        dbname = option->val;
    }
  text = g_strdup_printf ("PostgreSQL database %s on %s", dbname ? dbname : "(default)", host ? host : "localhost");
  PQconninfoFree (options);

  return text;
}

static const struct
{
  const char  *name;
  AvaKpi       kpi;
  AvaChartType type;
} chart_names[] = {
  { "monthly-revenue", AVA_KPI_MONTHLY_REVENUE, AVA_CHART_LINE },
  { "top-products", AVA_KPI_TOP_PRODUCTS, AVA_CHART_BARS },
  { "top-customers", AVA_KPI_TOP_CUSTOMERS, AVA_CHART_BARS },
  { "by-country", AVA_KPI_BY_COUNTRY, AVA_CHART_BARS },
  { "country-map", AVA_KPI_BY_COUNTRY, AVA_CHART_MAP },
  { "cohorts", AVA_KPI_COHORTS, AVA_CHART_HEATMAP },
};

int
ava_cli_chart (int    argc,
               char **argv)
{
  g_auto (AvaCliQueryOptions) options = { 0 };
  g_autofree char            *output = NULL;
  int                         width = 1200, height = 675;
  double                      scale = 1.0;
  gboolean                    dark = FALSE;
  GOptionEntry                entries[] = {
                   { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "FILE.png, FILE.svg or FILE.pdf", "FILE" },
                   { "width", 0, 0, G_OPTION_ARG_INT, &width, "Width in pixels (points for SVG and PDF), default 1200", "W" },
                   { "height", 0, 0, G_OPTION_ARG_INT, &height, "Height, default 675", "H" },
                   { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale, "PNG pixels per unit, e.g. 2 for HiDPI", "S" },
                   { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Dark colours", NULL },
                   { NULL }
  };
  g_autoptr (GOptionContext) context =
    ava_cli_context_new ("NAME", "NAME: monthly-revenue, top-products, top-customers, by-country, country-map or cohorts.", entries);
  g_autoptr (GError)    error = NULL;
  g_autoptr (AvaQuery)  query = NULL;
  g_autoptr (AvaEngine) engine = NULL;
  g_autoptr (AvaResult) result = NULL;
  g_autoptr (AvaChart)  chart = NULL;
  g_autofree char      *filters = NULL;
  g_autofree char      *source = NULL;
  g_autofree char      *margin = NULL;
  AvaChartStyle         style;
  int                   chart_index = -1;

  options.limit = -1;
  ava_cli_add_query_options (context, &options);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ava_cli_fail (error);
  if (argc != 2)
    return ava_cli_usage_error ("expected one chart NAME");

  for (guint i = 0; i < G_N_ELEMENTS (chart_names); i++)
    {
      if (g_str_equal (argv[1], chart_names[i].name))
        chart_index = i;
    }
  if (chart_index < 0)
    return ava_cli_usage_error ("unknown chart '%s'", argv[1]);
  if (output == NULL)
    return ava_cli_usage_error ("--output FILE.png|svg|pdf is required");
  if (!g_str_has_suffix (output, ".png") && !g_str_has_suffix (output, ".svg") && !g_str_has_suffix (output, ".pdf"))
    return ava_cli_usage_error ("--output %s: the name must end in .png, .svg or .pdf", output);
  if (width < 16 || height < 16 || width > 20000 || height > 20000)
    return ava_cli_usage_error ("--width and --height must be from 16 to 20000");
  if (scale <= 0 || scale > 8)
    return ava_cli_usage_error ("--scale must be above 0 and at most 8");

  query = ava_cli_query_from_options (&options, chart_names[chart_index].kpi, &error);
  if (query == NULL)
    return ava_cli_usage_error ("%s", error->message);

  engine = ava_cli_open_source (options.source ? options.source : "demo", &error);
  if (engine == NULL)
    return ava_cli_fail (error);
  result = ava_engine_run (engine, query, NULL, &error);
  if (result == NULL)
    return ava_cli_fail (error);

  chart = ava_chart_new (result, chart_names[chart_index].type, NULL);
  filters = ava_describe_filters (query);
  source = describe_source (options.source);
  margin = ava_describe_context (filters, source);
  ava_chart_style_init (&style, dark);

  if (!ava_chart_export (chart, output, width, height, scale, &style, margin, &error))
    return ava_cli_fail (error);

  return EXIT_SUCCESS;
}

int
ava_cli_report (int    argc,
                char **argv)
{
  g_auto (AvaCliQueryOptions) options = { 0 };
  g_autofree char            *output = NULL;
  GOptionEntry                entries[] = {
                   { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "The PDF file to write", "FILE.pdf" },
                   { NULL }
  };
  g_autoptr (GOptionContext) context =
    ava_cli_context_new (NULL, "Write the whole dashboard as a multi-page PDF report.", entries);
  g_autoptr (GError)    error = NULL;
  g_autoptr (AvaQuery)  query = NULL;
  g_autoptr (AvaEngine) engine = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char      *filters = NULL;
  g_autofree char      *source = NULL;
  g_autofree char      *data_as_of = NULL;
  AvaReportContent      content = { 0 };
  gboolean              ok;

  options.limit = -1;
  ava_cli_add_query_options (context, &options);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ava_cli_fail (error);
  if (argc != 1)
    return ava_cli_usage_error ("takes no arguments besides its options");
  if (output == NULL || !g_str_has_suffix (output, ".pdf"))
    return ava_cli_usage_error ("--output FILE.pdf is required");

  query = ava_cli_query_from_options (&options, AVA_KPI_OVERVIEW, &error);
  if (query == NULL)
    return ava_cli_usage_error ("%s", error->message);

  engine = ava_cli_open_source (options.source ? options.source : "demo", &error);
  if (engine == NULL)
    return ava_cli_fail (error);
  if (!ava_cli_run_dashboard (engine, query, content.results, &error))
    return ava_cli_fail (error);

  data_as_of = ava_describe_data_as_of (content.results[AVA_KPI_MONTHLY_REVENUE], now);
  filters = ava_describe_filters (query);
  source = describe_source (options.source);
  content.source = source;
  content.filters = filters;
  content.data_as_of = data_as_of;

  ok = ava_report_write_pdf (&content, output, &error);
  for (AvaKpi kpi = 0; kpi < AVA_N_KPIS; kpi++)
    g_object_unref (content.results[kpi]);
  if (!ok)
    return ava_cli_fail (error);

  return EXIT_SUCCESS;
}
