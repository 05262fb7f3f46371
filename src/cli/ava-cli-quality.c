/* ava-cli-quality.c: the data-quality report of a file, and its import.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "ava-cleaner.h"
#include "ava-cli.h"
#include "ava-pg-importer.h"

int
ava_cli_quality (int    argc,
                 char **argv)
{
  gboolean     as_json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print one JSON object", NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context =
    ava_cli_context_new ("FILE", "Report the data quality of a sales CSV file (plain or gzip) without a database.", entries);
  g_autoptr (GError)           error = NULL;
  g_autoptr (AvaQualityReport) report = NULL;
  g_autoptr (AvaDataset)       dataset = NULL;
  g_autofree char             *text = NULL;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ava_cli_fail (error);
  if (argc != 2)
    return ava_cli_usage_error ("expected one FILE");

  dataset = ava_load_csv_path (argv[1], NULL, &report, &error);
  if (dataset == NULL)
    return ava_cli_fail (error);

  text = as_json ? ava_quality_report_to_json (report) : ava_quality_report_to_text (report);
  if (!ava_cli_write_stdout (text) || (as_json && !ava_cli_write_stdout ("\n")))
    return AVA_CLI_EXIT_FAILED;

  return EXIT_SUCCESS;
}

static char *
import_summary_text (const AvaQualityReport  *report,
                     const AvaPgImportResult *result)
{
  g_autofree char *quality = ava_quality_report_to_text (report);

  if (report->kept_lines == 0)
    return g_strdup_printf ("%s\nNothing to import: the file has no line to keep.\n", quality);

  if (result->run_id == 0)
    return g_strdup_printf ("%s\nNothing new: all %" G_GUINT64_FORMAT " kept lines are already in the database.\n",
                            quality, report->kept_lines);

  return g_strdup_printf ("%s\nImported %" G_GUINT64_FORMAT " new lines as import run %" G_GINT64_FORMAT
                          " (%" G_GUINT64_FORMAT " already present; new: %u invoices, %u customers, %u products).\n",
                          quality, result->new_lines, result->run_id, result->already_present_lines,
                          result->new_invoices, result->new_customers, result->new_products);
}

static char *
import_summary_json (const AvaQualityReport  *report,
                     const AvaPgImportResult *result)
{
  g_autoptr (JsonBuilder)   builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode)      root = NULL;

  json_builder_begin_object (builder);
  ava_quality_report_add_members (report, builder);
  json_builder_set_member_name (builder, "new_lines");
  json_builder_add_int_value (builder, result->new_lines);
  json_builder_set_member_name (builder, "already_present_lines");
  json_builder_add_int_value (builder, result->already_present_lines);
  json_builder_set_member_name (builder, "import_run");
  if (result->run_id == 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, result->run_id);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);

  return json_generator_to_data (generator, NULL);
}

int
ava_cli_import (int    argc,
                char **argv)
{
  g_autofree char *conninfo = NULL;
  gboolean         as_json = FALSE;
  GOptionEntry     entries[] = {
        { "db", 0, 0, G_OPTION_ARG_STRING, &conninfo, "libpq connection string or URI", "CONNINFO" },
        { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print one JSON object", NULL },
        { NULL }
  };
  g_autoptr (GOptionContext) context =
    ava_cli_context_new ("FILE", "Clean a sales CSV file and load it into PostgreSQL in one transaction.", entries);
  g_autoptr (GError)           error = NULL;
  g_autoptr (AvaQualityReport) report = NULL;
  g_autofree char             *text = NULL;
  AvaPgImportResult            result = { 0 };

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ava_cli_fail (error);
  if (argc != 2)
    return ava_cli_usage_error ("expected one FILE");
  if (conninfo == NULL)
    return ava_cli_usage_error ("--db CONNINFO is required");

  /* Reads the file while it connects and prepares the server. */
  if (!ava_pg_import_path (conninfo, argv[1], NULL, &report, &result, &error))
    return ava_cli_fail (error);

  text = as_json ? import_summary_json (report, &result) : import_summary_text (report, &result);
  if (!ava_cli_write_stdout (text) || (as_json && !ava_cli_write_stdout ("\n")))
    return AVA_CLI_EXIT_FAILED;

  return EXIT_SUCCESS;
}
