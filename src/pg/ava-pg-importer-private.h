/* ava-pg-importer-private.h: test seams of the importer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ava-pg-importer.h"

G_BEGIN_DECLS

/* Called at named points of an import ("staged", "lines-copy" once the first
 * chunk of lines is on its way, "lines-loaded" before the constraints are
 * rebuilt), so that a test can cancel at a known place. Not thread-safe: set
 * it before importing. */
typedef void (*AvaPgImportHook) (const char *stage,
                                 gpointer    user_data);

void ava_pg_importer_set_hook (AvaPgImportHook hook,
                               gpointer        user_data);

/* Importing at least this many lines (or any into an empty database) drops
 * the foreign keys and secondary indexes of invoices and invoice_lines and
 * rebuilds them after the insert: one join per key instead of one lookup per
 * row. */
guint64 ava_pg_importer_get_bulk_threshold (void);
void    ava_pg_importer_set_bulk_threshold (guint64 n_lines);

G_END_DECLS
