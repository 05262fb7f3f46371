/* main.c: avastrolytics-cli, the command-line twin of the app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "ava-cli.h"

static const struct
{
  const char *name;
  int (*func) (int argc, char **argv);
  const char *summary;
} commands[] = {
  { "quality", ava_cli_quality, "Data-quality report of a CSV file" },
  { "import", ava_cli_import, "Clean a CSV file and load it into PostgreSQL" },
  { "kpi", ava_cli_kpi, "Compute a KPI or the whole dashboard" },
  { "chart", ava_cli_chart, "Export a chart as PNG, SVG or PDF" },
  { "report", ava_cli_report, "Write the dashboard as a PDF report" },
  { "bench", ava_cli_bench, "Time a source's KPIs and dashboards" },
  { "demo-data", ava_cli_demo_data, "Write the demo data as a CSV file" },
  { "backup", ava_cli_backup, "Back the database up with pg_dump, with rotation" },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "Usage: avastrolytics-cli COMMAND [OPTION…]\n\nCommands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-12s %s\n", commands[i].name, commands[i].summary);
  fprintf (stream, "\nRun 'avastrolytics-cli COMMAND --help' for a command's options.\n");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");

  if (argc < 2)
    {
      print_usage (stderr);
      return AVA_CLI_EXIT_BAD_INPUT;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return EXIT_SUCCESS;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      printf ("avastrolytics-cli %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (argv[1], commands[i].name))
        {
          g_autofree char *prgname = g_strdup_printf ("avastrolytics-cli %s", commands[i].name);

          g_set_prgname (prgname);
          return commands[i].func (argc - 1, argv + 1);
        }
    }

  g_printerr ("avastrolytics-cli: unknown command '%s'; run 'avastrolytics-cli --help'\n", argv[1]);
  return AVA_CLI_EXIT_BAD_INPUT;
}
