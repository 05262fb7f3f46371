/* ava-pg-rollup-rows.h: the rollup tables of an import into an empty
 * database, computed in C.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ava-dataset.h"

G_BEGIN_DECLS

/* The rows of each rollup table (db/rollups.sql, db/variants.sql,
 * db/country_totals.sql) as COPY
 * data (text for split_invoices and invoice_month_totals, binary for the
 * product tables),
 * in primary key order: the same sums as rollup_rebuild (db/queries.sql) computes
 * from the lines, when the dataset's lines are all the lines there are. */
typedef struct
{
  GString *split_invoices;
  GString *invoice_month_totals;
  GString *product_day_sales;
  GString *product_month_sales;
  GString *product_country_sales_all;
  GString *product_month_sales_all;
  GString *product_sales_all;
} AvaPgRollupRows;

/* @variants maps line indexes to product_variants.id, @country_ids country
 * pool ids to countries.id, @is_service stock code pool ids to
 * products.is_service. Returns NULL when a sum leaves the range of 64-bit
 * money: the caller then lets SQL compute the rows. Touches only its
 * arguments, so it may run on another thread. */
AvaPgRollupRows *ava_pg_rollup_rows_compute (AvaDataset     *dataset,
                                             const guint32  *variants,
                                             const gint64   *country_ids,
                                             const gboolean *is_service);
void             ava_pg_rollup_rows_free (AvaPgRollupRows *rows);

/* Each id's rank in the byte order of the pool's strings (COLLATE "C"). */
guint32 *ava_pg_pool_ranks (AvaStringPool *pool, guint32 **out_order);

/* COPY text helpers, shared with the importer. */
void ava_pg_copy_append_escaped (GString *out, const char *text, gsize length);
void ava_pg_copy_append_int64 (GString *out, gint64 value);

/* COPY binary format: big-endian integers, each field after its length. */
void ava_pg_copy_put_header (GString *out);
void ava_pg_copy_put_trailer (GString *out);
void ava_pg_copy_put_numeric (GString *out, gint64 value);

/* Seconds since 1970-01-01 to PostgreSQL's epoch, 2000-01-01. */
#define AVA_PG_EPOCH_SECONDS G_GINT64_CONSTANT (946684800)

static inline void
ava_pg_copy_put_be16 (GString *out,
                      guint16  value)
{
  guint16 be = GUINT16_TO_BE (value);

  g_string_append_len (out, (const char *) &be, sizeof be);
}

static inline void
ava_pg_copy_put_be32 (GString *out,
                      guint32  value)
{
  guint32 be = GUINT32_TO_BE (value);

  g_string_append_len (out, (const char *) &be, sizeof be);
}

static inline void
ava_pg_copy_put_int32 (GString *out,
                       gint32   value)
{
  ava_pg_copy_put_be32 (out, 4);
  ava_pg_copy_put_be32 (out, (guint32) value);
}

static inline void
ava_pg_copy_put_int64 (GString *out,
                       gint64   value)
{
  guint64 be = GUINT64_TO_BE ((guint64) value);

  ava_pg_copy_put_be32 (out, 8);
  g_string_append_len (out, (const char *) &be, sizeof be);
}

static inline void
ava_pg_copy_put_text (GString       *out,
                      AvaStringPool *pool,
                      guint32        id)
{
  gsize length = ava_string_pool_get_length (pool, id);

  ava_pg_copy_put_be32 (out, (guint32) length);
  g_string_append_len (out, ava_string_pool_get (pool, id), length);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AvaPgRollupRows, ava_pg_rollup_rows_free)

G_END_DECLS
