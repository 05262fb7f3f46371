/* ava-export.h: exports from the app — charts, tables and the report —
 * through the same writers as the CLI. No widgets here: the window wires
 * them (ava-window-export.c), the tests call them with a GFile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ava-chart.h"
#include "ava-report.h"

G_BEGIN_DECLS

typedef enum
{
  AVA_CHART_FORMAT_PNG,
  AVA_CHART_FORMAT_SVG,
  AVA_CHART_FORMAT_PDF,
} AvaChartFormat;

typedef struct
{
  AvaChartFormat format;
  int            width; /* pixels at scale 1; points for SVG and PDF */
  int            height;
  double         scale; /* PNG only */
  gboolean       dark;
} AvaChartExportOptions;

typedef enum
{
  AVA_TABLE_FORMAT_CSV,       /* RFC 4180, for machines */
  AVA_TABLE_FORMAT_CSV_EXCEL, /* BOM, the locale's decimal mark */
  AVA_TABLE_FORMAT_JSON,
} AvaTableFormat;

/* Called on the export's worker thread after each chunk of rows. */
typedef void (*AvaExportTestHook) (guint rows_written, gpointer user_data);

const char *ava_chart_format_get_extension (AvaChartFormat format);
gboolean    ava_chart_format_from_name (const char *name, AvaChartFormat *out_format);
const char *ava_table_format_get_extension (AvaTableFormat format);
gboolean    ava_table_format_from_name (const char *name, AvaTableFormat *out_format);

char  *ava_export_default_name (const char *title, const AvaQuery *filters, const char *extension);
GFile *ava_export_ensure_extension (GFile *file, const char *extension);

GTask *ava_export_chart_async (AvaChart *chart, const AvaChartExportOptions *options, const char *context, GFile *file, GAsyncReadyCallback callback, gpointer user_data);

GTask *ava_export_table_async (AvaResult *result, const guint *row_order, guint n_rows, AvaTableFormat format, GFile *file, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
guint  ava_export_table_get_rows_written (GTask *task);
void   ava_export_set_test_hook (AvaExportTestHook hook, gpointer user_data);

GTask *ava_export_report_async (const AvaReportContent *content, GFile *file, GAsyncReadyCallback callback, gpointer user_data);

GFile   *ava_export_get_file (GTask *task);
gboolean ava_export_finish (GAsyncResult *result, GError **error);

G_END_DECLS
