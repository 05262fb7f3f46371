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

gboolean ava_pg_import_dataset (const char *conninfo, AvaDataset *dataset, const AvaQualityReport *report, GCancellable *cancellable, AvaPgImportResult *result, GError **error);
gboolean ava_pg_import_path (const char *conninfo, const char *path, GCancellable *cancellable, AvaQualityReport **report, AvaPgImportResult *result, GError **error);

G_END_DECLS
