/* ava-json-writer.h: results as JSON, the same text for the app and the CLI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ava-file-writer.h"
#include "ava-result.h"

G_BEGIN_DECLS

char    *ava_json_format_result (AvaResult *result, const guint *row_order, guint n_rows);
gboolean ava_json_write_result (AvaResult *result, const guint *row_order, guint n_rows, GOutputStream *output, AvaRowsProgressFunc progress, gpointer progress_data, GCancellable *cancellable, GError **error);
char    *ava_json_format_dashboard (AvaResult *const results[AVA_N_KPIS]);
gboolean ava_json_export_result (AvaResult *result, const guint *row_order, guint n_rows, GFile *file, AvaRowsProgressFunc progress, gpointer progress_data, GCancellable *cancellable, GError **error);

G_END_DECLS
