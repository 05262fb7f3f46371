/* ava-csv-writer.h: results as CSV, for machines or for a spreadsheet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ava-file-writer.h"
#include "ava-result.h"

G_BEGIN_DECLS

typedef enum
{
  AVA_CSV_PRESET_MACHINE, /* RFC 4180: UTF-8, ",", "." decimals, CRLF */
  AVA_CSV_PRESET_EXCEL,   /* BOM, the locale's decimal mark, ";" where that is "," */
} AvaCsvPreset;

typedef struct
{
  char     delimiter;
  char     decimal_mark;
  gboolean byte_order_mark;
} AvaCsvDialect;

void     ava_csv_dialect_init (AvaCsvDialect *dialect, AvaCsvPreset preset);
void     ava_csv_dialect_init_excel (AvaCsvDialect *dialect, char decimal_mark);
gboolean ava_csv_preset_from_name (const char *name, AvaCsvPreset *out_preset);

char    *ava_csv_format_result (AvaResult *result, const AvaCsvDialect *dialect, const guint *row_order, guint n_rows);
gboolean ava_csv_write_result (AvaResult *result, const AvaCsvDialect *dialect, const guint *row_order, guint n_rows, GOutputStream *output, AvaRowsProgressFunc progress, gpointer progress_data, GCancellable *cancellable, GError **error);
gboolean ava_csv_export_result (AvaResult *result, const AvaCsvDialect *dialect, const guint *row_order, guint n_rows, GFile *file, AvaRowsProgressFunc progress, gpointer progress_data, GCancellable *cancellable, GError **error);

G_END_DECLS
