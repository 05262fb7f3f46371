/* ava-pg-rollup-rows.h: the rollup tables of an import into an empty
 * database, computed in C.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ava-dataset.h"

G_BEGIN_DECLS

/* The rows of each rollup table (db/rollups.sql) as COPY text, in primary
 * key order: the same sums as rollup_rebuild (db/queries.sql) computes
 * from the lines, when the dataset's lines are all the lines there are. */
typedef struct
{
  GString *split_invoices;
  GString *invoice_month_totals;
  GString *product_day_sales;
  GString *product_month_sales;
  GString *product_month_sales_all;
} AvaPgRollupRows;

/* @country_ids maps country pool ids to countries.id, @is_service stock code
 * pool ids to products.is_service. Returns NULL when a sum leaves the range
 * of 64-bit money: the caller then lets SQL compute the rows. Touches only
 * its arguments, so it may run on another thread. */
AvaPgRollupRows *ava_pg_rollup_rows_compute (AvaDataset *dataset, const gint64 *country_ids, const gboolean *is_service);
void             ava_pg_rollup_rows_free (AvaPgRollupRows *rows);

/* Each id's rank in the byte order of the pool's strings (COLLATE "C"). */
guint32 *ava_pg_pool_ranks (AvaStringPool *pool, guint32 **out_order);

/* COPY text helpers, shared with the importer. */
void ava_pg_copy_append_escaped (GString *out, const char *text, gsize length);
void ava_pg_copy_append_int64 (GString *out, gint64 value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AvaPgRollupRows, ava_pg_rollup_rows_free)

G_END_DECLS
