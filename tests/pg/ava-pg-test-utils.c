/* ava-pg-test-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ava-pg-test-utils.h"

#include <string.h>
#include <unistd.h>

#include "ava-pg-importer.h"

/* Returns NULL, after g_test_skip(), when no cluster was started. */
const char *
ava_pg_test_get_base_conninfo (void)
{
  const char *conninfo = g_getenv ("AVA_TEST_PG_CONNINFO");

  if (conninfo == NULL || *conninfo == '\0')
    {
      g_test_skip ("AVA_TEST_PG_CONNINFO is not set: run through tests/pg/pg-cluster-run");
      return NULL;
    }

  return conninfo;
}

PGconn *
ava_pg_test_connect (const char *conninfo)
{
  g_autoptr (GError) error = NULL;
  PGconn            *conn = ava_pg_connection_open (conninfo, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (conn);
  return conn;
}

/* Creates an empty database for one test case and returns a conninfo for
 * it (the base conninfo with dbname overridden), or NULL when skipped. */
char *
ava_pg_test_create_database (void)
{
  static guint         counter;
  const char          *base = ava_pg_test_get_base_conninfo ();
  g_autoptr (PGconn)   conn = NULL;
  g_autoptr (PGresult) statement = NULL;
  g_autoptr (PGresult) created = NULL;
  g_autofree char     *name = NULL;
  const char          *params[1];

  if (base == NULL)
    return NULL;

  conn = ava_pg_test_connect (base);
  name = g_strdup_printf ("ava_case_%d_%u", (int) getpid (), ++counter);
  params[0] = name;

  /* CREATE DATABASE takes no parameters: let the server quote the name. */
  statement = PQexecParams (conn, "SELECT format('CREATE DATABASE %I', $1::text)",
                            1, NULL, params, NULL, NULL, 0);
  g_assert_cmpint (PQresultStatus (statement), ==, PGRES_TUPLES_OK);
  created = PQexec (conn, PQgetvalue (statement, 0, 0));
  if (PQresultStatus (created) != PGRES_COMMAND_OK)
    g_error ("CREATE DATABASE failed: %s", PQerrorMessage (conn));

  /* Later keywords override earlier ones in a key=value conninfo. */
  return g_strdup_printf ("%s dbname=%s", base, name);
}

gint64
ava_pg_test_query_int (PGconn     *conn,
                       const char *sql)
{
  g_autoptr (PGresult) result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  g_assert_cmpint (PQntuples (result), ==, 1);

  return g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
}

gint64
ava_pg_test_count (PGconn     *conn,
                   const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);

  return ava_pg_test_query_int (conn, sql);
}

void
ava_pg_test_get_counts (PGconn          *conn,
                        AvaPgTestCounts *counts)
{
  counts->countries = ava_pg_test_count (conn, "countries");
  counts->customers = ava_pg_test_count (conn, "customers");
  counts->products = ava_pg_test_count (conn, "products");
  counts->invoices = ava_pg_test_count (conn, "invoices");
  counts->invoice_lines = ava_pg_test_count (conn, "invoice_lines");
  counts->product_variants = ava_pg_test_count (conn, "product_variants");
  counts->import_runs = ava_pg_test_count (conn, "import_runs");
  counts->rejected_rows = ava_pg_test_count (conn, "rejected_rows");
  counts->schema_migrations = ava_pg_test_count (conn, "schema_migrations");
}

void
ava_pg_test_assert_counts_equal (const AvaPgTestCounts *a,
                                 const AvaPgTestCounts *b)
{
  g_assert_cmpint (a->countries, ==, b->countries);
  g_assert_cmpint (a->customers, ==, b->customers);
  g_assert_cmpint (a->products, ==, b->products);
  g_assert_cmpint (a->invoices, ==, b->invoices);
  g_assert_cmpint (a->invoice_lines, ==, b->invoice_lines);
  g_assert_cmpint (a->product_variants, ==, b->product_variants);
  g_assert_cmpint (a->import_runs, ==, b->import_runs);
  g_assert_cmpint (a->rejected_rows, ==, b->rejected_rows);
  g_assert_cmpint (a->schema_migrations, ==, b->schema_migrations);
}

AvaDataset *
ava_pg_test_load_csv (const char        *csv_text,
                      const char        *source_name,
                      AvaQualityReport **report)
{
  g_autoptr (GError)       error = NULL;
  g_autoptr (GBytes)       bytes = g_bytes_new (csv_text, strlen (csv_text));
  g_autoptr (AvaCsvReader) reader = ava_csv_reader_new_for_bytes (bytes, source_name);
  AvaDataset              *dataset = ava_load_csv_reader (reader, NULL, report, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  return dataset;
}

/* Imports @csv_text, which must add lines, into the database of @conninfo. */
void
ava_pg_test_import_csv (const char *conninfo,
                        const char *csv_text,
                        const char *source_name)
{
  g_autoptr (AvaQualityReport) report = NULL;
  g_autoptr (AvaDataset)       dataset = ava_pg_test_load_csv (csv_text, source_name, &report);
  g_autoptr (GError)           error = NULL;
  AvaPgImportResult            result;

  g_assert_true (ava_pg_import_dataset (conninfo, dataset, report, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.new_lines, >, 0);
}

/* The database of a conninfo from ava_pg_test_create_database(), which
 * appends it last. */
char *
ava_pg_test_get_dbname (const char *conninfo)
{
  const char *dbname = g_strrstr (conninfo, "dbname=");

  g_assert_nonnull (dbname);
  return g_strdup (dbname + strlen ("dbname="));
}
