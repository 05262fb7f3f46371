/* ava-cli.h: the commands of avastrolytics-cli.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ava-engine.h"

G_BEGIN_DECLS

/* Exit statuses: 0 success, 1 a command ran and failed, 2 bad input. */
#define AVA_CLI_EXIT_FAILED    1
#define AVA_CLI_EXIT_BAD_INPUT 2

/* Source and filters, as typed on the command line. */
typedef struct
{
  char  *source;
  char  *from;
  char  *to;
  char **countries;
  char  *customer;
  char  *by;
  int    limit; /* -1 until parsed: the default */
} AvaCliQueryOptions;

int ava_cli_quality (int argc, char **argv);
int ava_cli_import (int argc, char **argv);
int ava_cli_kpi (int argc, char **argv);
int ava_cli_bench (int argc, char **argv);
int ava_cli_demo_data (int argc, char **argv);
int ava_cli_backup (int argc, char **argv);
int ava_cli_chart (int argc, char **argv);
int ava_cli_report (int argc, char **argv);

void            ava_cli_add_query_options (GOptionContext *context, AvaCliQueryOptions *options);
AvaQuery       *ava_cli_query_from_options (const AvaCliQueryOptions *options, AvaKpi kpi, GError **error);
void            ava_cli_query_options_clear (AvaCliQueryOptions *options);
gboolean        ava_cli_run_dashboard (AvaEngine *engine, const AvaQuery *query, AvaResult *results[AVA_N_KPIS], GError **error);
int             ava_cli_fail (const GError *error);
int             ava_cli_usage_error (const char *format, ...) G_GNUC_PRINTF (1, 2);
gboolean        ava_cli_write_stdout (const char *text);
GOptionContext *ava_cli_context_new (const char *parameter, const char *summary, GOptionEntry *entries);
AvaEngine      *ava_cli_open_source (const char *source, GError **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AvaCliQueryOptions, ava_cli_query_options_clear)

G_END_DECLS
