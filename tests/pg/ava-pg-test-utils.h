/* ava-pg-test-utils.h: a fresh database per test, and small CSV inputs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libpq-fe.h>

#include "ava-cleaner.h"
#include "ava-csv-reader.h"
#include "ava-pg-connection.h"

G_BEGIN_DECLS

/* The header of every CSV text built by a test. */
#define AVA_PG_TEST_CSV_HEADER "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"

const char *ava_pg_test_get_base_conninfo (void);
char       *ava_pg_test_create_database (void);
PGconn     *ava_pg_test_connect (const char *conninfo);
gint64      ava_pg_test_query_int (PGconn     *conn,
                                   const char *sql);
gint64      ava_pg_test_count (PGconn     *conn,
                               const char *table);
AvaDataset *ava_pg_test_load_csv (const char        *csv_text,
                                  const char        *source_name,
                                  AvaQualityReport **report);
void        ava_pg_test_import_csv (const char *conninfo,
                                    const char *csv_text,
                                    const char *source_name);
char       *ava_pg_test_get_dbname (const char *conninfo);

/* Row counts of every table, to compare a database before and after. */
typedef struct
{
  gint64 countries;
  gint64 customers;
  gint64 products;
  gint64 invoices;
  gint64 invoice_lines;
  gint64 product_variants;
  gint64 import_runs;
  gint64 rejected_rows;
  gint64 schema_migrations;
} AvaPgTestCounts;

void ava_pg_test_get_counts (PGconn          *conn,
                             AvaPgTestCounts *counts);
void ava_pg_test_assert_counts_equal (const AvaPgTestCounts *a,
                                      const AvaPgTestCounts *b);

G_END_DECLS
