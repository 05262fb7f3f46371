/* ava-cli-common.c: what every command shares.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ava-cleaner.h"
#include "ava-cli.h"
#include "ava-demo-generator.h"
#include "ava-offline-engine.h"
#include "ava-pg-engine.h"

/* Bad input: one line on stderr, nothing on stdout. libpq's and
 * pg_dump's messages span lines; scripts want one. */
static void
print_error_line (const char *command,
                  const char *text)
{
  g_auto (GStrv)      lines = g_strsplit (text, "\n", -1);
  g_autoptr (GString) message = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      if (message->len > 0)
        g_string_append (message, " ");
      g_string_append (message, lines[i]);
    }

  if (command != NULL)
    g_printerr ("avastrolytics-cli: %s: %s\n", command, message->str);
  else
    g_printerr ("avastrolytics-cli: %s\n", message->str);
}

int
ava_cli_fail (const GError *error)
{
  print_error_line (NULL, error->message);
  return AVA_CLI_EXIT_BAD_INPUT;
}

int
ava_cli_usage_error (const char *format,
                     ...)
{
  g_autofree char *message = NULL;
  va_list          args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* The prgname is "avastrolytics-cli COMMAND" (see main.c). */
  print_error_line (strchr (g_get_prgname (), ' ') + 1, message);
  return AVA_CLI_EXIT_BAD_INPUT;
}

gboolean
ava_cli_write_stdout (const char *text)
{
  return fputs (text, stdout) >= 0 && fflush (stdout) == 0;
}

GOptionContext *
ava_cli_context_new (const char   *parameter,
                     const char   *summary,
                     GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameter);

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, NULL);

  return context;
}

/* SRC: "demo" (generated data), "csv:PATH" (a CSV or .csv.gz), both in the
 * offline engine; anything else is a libpq connection string or URI, for
 * the PostgreSQL engine. */
AvaEngine *
ava_cli_open_source (const char *source,
                     GError    **error)
{
  if (g_str_equal (source, "demo"))
    {
      g_autoptr (AvaQualityReport) report = NULL;
      g_autoptr (AvaDataset)       dataset = ava_demo_build_dataset (AVA_DEMO_DEFAULT_ROWS, AVA_DEMO_DEFAULT_SEED, &report);

      return ava_offline_engine_new (dataset);
    }

  if (g_str_has_prefix (source, "csv:"))
    {
      g_autoptr (AvaQualityReport) report = NULL;
      g_autoptr (AvaDataset)       dataset = ava_load_csv_path (source + strlen ("csv:"), NULL, &report, error);

      if (dataset == NULL)
        return NULL;

      return ava_offline_engine_new (dataset);
    }

  return ava_pg_engine_new (source, error);
}
