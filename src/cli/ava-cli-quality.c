/* ava-cli-quality.c: the data-quality report of a file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "ava-cleaner.h"
#include "ava-cli.h"

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
