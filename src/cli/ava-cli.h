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

int ava_cli_quality (int argc, char **argv);
int ava_cli_import (int argc, char **argv);
int ava_cli_kpi (int argc, char **argv);
int ava_cli_bench (int argc, char **argv);
int ava_cli_demo_data (int argc, char **argv);
int ava_cli_backup (int argc, char **argv);

gboolean        ava_cli_run_dashboard (AvaEngine *engine, const AvaQuery *query, AvaResult *results[AVA_N_KPIS], GError **error);
int             ava_cli_fail (const GError *error);
int             ava_cli_usage_error (const char *format, ...) G_GNUC_PRINTF (1, 2);
gboolean        ava_cli_write_stdout (const char *text);
GOptionContext *ava_cli_context_new (const char *parameter, const char *summary, GOptionEntry *entries);
AvaEngine      *ava_cli_open_source (const char *source, GError **error);

G_END_DECLS
