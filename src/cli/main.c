/* main.c: avastrolytics-cli, the command-line twin of the app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "ava-cleaner.h"
#include "ava-csv-reader.h"

/* Exit statuses: 0 success, 1 a command ran and failed, 2 bad input. */
#define EXIT_BAD_INPUT 2

typedef int (*CommandFunc) (int argc, char **argv);

typedef struct
{
  const char *name;
  CommandFunc func;
  const char *summary;
} Command;

static int
fail (const GError *error)
{
  g_printerr ("avastrolytics-cli: %s\n", error->message);
  return EXIT_BAD_INPUT;
}

static gboolean
write_stdout (const char *text)
{
  return fputs (text, stdout) >= 0 && fflush (stdout) == 0;
}

static GOptionContext *
command_context_new (const char   *parameter,
                     const char   *summary,
                     GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameter);

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, NULL);

  return context;
}

static int
command_quality (int    argc,
                 char **argv)
{
  gboolean     as_json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print one JSON object", NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context =
    command_context_new ("FILE", "Report the data quality of a sales CSV file (plain or gzip) without a database.", entries);
  g_autoptr (GError)           error = NULL;
  g_autoptr (AvaQualityReport) report = NULL;
  g_autoptr (AvaDataset)       dataset = NULL;
  g_autofree char             *text = NULL;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (error);
  if (argc != 2)
    {
      g_printerr ("avastrolytics-cli: quality: expected one FILE\n");
      return EXIT_BAD_INPUT;
    }

  dataset = ava_load_csv_path (argv[1], NULL, &report, &error);
  if (dataset == NULL)
    return fail (error);

  text = as_json ? ava_quality_report_to_json (report) : ava_quality_report_to_text (report);
  if (!write_stdout (text) || (as_json && !write_stdout ("\n")))
    return EXIT_FAILURE;

  return EXIT_SUCCESS;
}

static const Command commands[] = {
  { "quality", command_quality, "Data-quality report of a CSV file" },
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
      return EXIT_BAD_INPUT;
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
  return EXIT_BAD_INPUT;
}
