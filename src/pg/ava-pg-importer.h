/* ava-pg-importer.h: loading a cleaned dataset into PostgreSQL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ava-dataset.h"
#include "ava-quality-report.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  run_id; /* 0 when nothing was added */
  guint64 new_lines;
  guint64 already_present_lines;
  guint   new_customers;
  guint   new_products;
  guint   new_invoices;
} AvaPgImportResult;

/* What an import is doing, for a progress display. */
typedef enum
{
  AVA_PG_IMPORT_PHASE_CONNECT, /* connecting, checking the schema */
  AVA_PG_IMPORT_PHASE_STAGE,   /* sending the invoices and products */
  AVA_PG_IMPORT_PHASE_LINES,   /* sending the lines: lines_sent of n_lines */
  AVA_PG_IMPORT_PHASE_FINISH,  /* indexes, rollups, commit */
} AvaPgImportPhase;

/* Called on the importing thread, at each phase and every chunk of lines. */
typedef void (*AvaPgImportProgress) (AvaPgImportPhase phase,
                                     guint64          lines_sent,
                                     guint64          n_lines,
                                     gpointer         user_data);

gboolean ava_pg_import_dataset (const char *conninfo, AvaDataset *dataset, const AvaQualityReport *report, GCancellable *cancellable, AvaPgImportResult *result, GError **error);
gboolean ava_pg_import_dataset_with_progress (const char *conninfo, AvaDataset *dataset, const AvaQualityReport *report, AvaPgImportProgress progress, gpointer user_data, GCancellable *cancellable, AvaPgImportResult *result, GError **error);
gboolean ava_pg_import_path (const char *conninfo, const char *path, GCancellable *cancellable, AvaQualityReport **report, AvaPgImportResult *result, GError **error);

G_END_DECLS
