/* test-pg-schema.c: migrations are idempotent, atomic and versioned.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ava-pg-private.h"
#include "ava-pg-schema.h"
#include "ava-pg-test-utils.h"

static void
test_apply_twice (void)
{
  g_autofree char   *conninfo = ava_pg_test_create_database ();
  g_autoptr (PGconn) conn = NULL;
  g_autoptr (GError) error = NULL;

  if (conninfo == NULL)
    return;

  conn = ava_pg_test_connect (conninfo);
  g_assert_cmpint (ava_pg_schema_get_version (conn, &error), ==, 0);
  g_assert_no_error (error);

  g_assert_true (ava_pg_schema_ensure (conn, &error));
  g_assert_no_error (error);
  g_assert_true (ava_pg_schema_ensure (conn, &error));
  g_assert_no_error (error);

  /* One row per version, not per call. */
  g_assert_cmpint (ava_pg_test_count (conn, "schema_migrations"), ==, AVA_PG_SCHEMA_VERSION);
  g_assert_cmpint (ava_pg_test_query_int (conn, "SELECT count(DISTINCT version) FROM schema_migrations"),
                   ==, AVA_PG_SCHEMA_VERSION);
  g_assert_cmpint (ava_pg_schema_get_version (conn, &error), ==, AVA_PG_SCHEMA_VERSION);
  g_assert_no_error (error);

  /* Every table of the model exists and is empty. */
  g_assert_cmpint (ava_pg_test_count (conn, "countries"), ==, 0);
  g_assert_cmpint (ava_pg_test_count (conn, "customers"), ==, 0);
  g_assert_cmpint (ava_pg_test_count (conn, "products"), ==, 0);
  g_assert_cmpint (ava_pg_test_count (conn, "invoices"), ==, 0);
  g_assert_cmpint (ava_pg_test_count (conn, "invoice_lines"), ==, 0);
  g_assert_cmpint (ava_pg_test_count (conn, "import_runs"), ==, 0);
  g_assert_cmpint (ava_pg_test_count (conn, "rejected_rows"), ==, 0);

  /* The session is usable after ensure: no transaction left open. */
  g_assert_cmpint (PQtransactionStatus (conn), ==, PQTRANS_IDLE);
}

static void
test_byte_order_text (void)
{
  g_autofree char     *conninfo = ava_pg_test_create_database ();
  g_autoptr (PGconn)   conn = NULL;
  g_autoptr (PGresult) insert = NULL;
  g_autoptr (GError)   error = NULL;

  if (conninfo == NULL)
    return;

  conn = ava_pg_test_connect (conninfo);
  g_assert_true (ava_pg_schema_ensure (conn, &error));
  g_assert_no_error (error);

  /* Every text column of the model compares bytes, whatever the database
   * locale: KPI_SPEC.md's "smallest" text is COLLATE "C". */
  g_assert_cmpint (ava_pg_test_query_int (conn,
                                          "SELECT count(*) FROM pg_attribute a "
                                          "JOIN pg_collation c ON c.oid = a.attcollation "
                                          "WHERE a.attrelid IN ('countries'::regclass, 'products'::regclass, "
                                          "  'invoices'::regclass, 'invoice_lines'::regclass) "
                                          "AND a.atttypid = 'text'::regtype AND c.collname <> 'C'"),
                   ==, 0);

  /* Stock codes differing only in case are different products. */
  insert = PQexec (conn, "INSERT INTO products VALUES ('85123A', false), ('85123a', false)");
  g_assert_cmpint (PQresultStatus (insert), ==, PGRES_COMMAND_OK);
  g_assert_cmpint (ava_pg_test_count (conn, "products"), ==, 2);
}

static void
test_constraints (void)
{
  g_autofree char         *conninfo = ava_pg_test_create_database ();
  g_autoptr (PGconn)       conn = NULL;
  g_autoptr (GError)       error = NULL;
  static const char *const rejected[] = {
    "INSERT INTO countries (name) VALUES ('')",
    "INSERT INTO customers VALUES (-5)",
    "INSERT INTO invoices VALUES ('536365', NULL, 999, 'regular')",
    "INSERT INTO product_variants VALUES (1, 'nope', '')",
    "INSERT INTO invoice_lines (invoice_no, variant_id, quantity, invoiced_at, unit_price, line_class, import_run_id) "
    "VALUES ('nope', 999, 1, '2011-01-01', 1, 0, 1)",
    "INSERT INTO invoice_lines (invoice_no, variant_id, quantity, invoiced_at, unit_price, line_class, import_run_id) "
    "VALUES ('nope', NULL, 1, '2011-01-01', 1, 0, 1)",
  };

  if (conninfo == NULL)
    return;

  conn = ava_pg_test_connect (conninfo);
  g_assert_true (ava_pg_schema_ensure (conn, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (rejected); i++)
    {
      g_autoptr (PGresult) result = PQexec (conn, rejected[i]);

      g_test_message ("%s → %s", rejected[i], PQresultErrorMessage (result));
      g_assert_cmpint (PQresultStatus (result), ==, PGRES_FATAL_ERROR);
      /* 23xxx: integrity constraint violation. */
      g_assert_true (g_str_has_prefix (PQresultErrorField (result, PG_DIAG_SQLSTATE), "23"));
    }
}

static void
test_failed_migration_changes_nothing (void)
{
  g_autofree char     *conninfo = ava_pg_test_create_database ();
  g_autoptr (PGconn)   conn = NULL;
  g_autoptr (PGresult) setup = NULL;
  g_autoptr (GError)   error = NULL;

  if (conninfo == NULL)
    return;

  conn = ava_pg_test_connect (conninfo);

  /* Someone else's table in the way of migration 1. */
  setup = PQexec (conn, "CREATE TABLE invoice_lines (x int)");
  g_assert_cmpint (PQresultStatus (setup), ==, PGRES_COMMAND_OK);

  g_assert_false (ava_pg_schema_ensure (conn, &error));
  g_assert_error (error, AVA_PG_ERROR, AVA_PG_ERROR_SCHEMA);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "migration 1"));
  g_assert_nonnull (strstr (error->message, "invoice_lines"));

  /* Not even the migrations table or the tables created before the failing
   * statement survive. */
  g_assert_cmpint (PQtransactionStatus (conn), ==, PQTRANS_IDLE);
  g_assert_cmpint (ava_pg_test_query_int (conn, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"),
                   ==, 1);
}

static void
test_newer_schema_refused (void)
{
  g_autofree char     *conninfo = ava_pg_test_create_database ();
  g_autoptr (PGconn)   conn = NULL;
  g_autoptr (PGresult) bump = NULL;
  g_autoptr (GError)   error = NULL;

  if (conninfo == NULL)
    return;

  conn = ava_pg_test_connect (conninfo);
  g_assert_true (ava_pg_schema_ensure (conn, &error));
  g_assert_no_error (error);

  bump = PQexec (conn, "INSERT INTO schema_migrations (version) VALUES (99)");
  g_assert_cmpint (PQresultStatus (bump), ==, PGRES_COMMAND_OK);

  g_assert_false (ava_pg_schema_ensure (conn, &error));
  g_assert_error (error, AVA_PG_ERROR, AVA_PG_ERROR_SCHEMA);
  g_assert_nonnull (strstr (error->message, "version 99"));
}

static void
exec_ok (PGconn     *conn,
         const char *sql)
{
  g_autoptr (PGresult) result = PQexec (conn, sql);

  g_assert_cmpstr (PQresultErrorMessage (result), ==, "");
}

/* A version 3 database with lines (surrogate ids) upgrades to the line key
 * as primary key, keeping every line and its values, and gets the rollup
 * rows of those lines. */
static void
test_upgrade_lines (void)
{
  g_autofree char         *conninfo = ava_pg_test_create_database ();
  g_autoptr (PGconn)       conn = NULL;
  g_autoptr (GError)       error = NULL;
  static const char *const files[] = { "schema.sql", "indexes.sql", "rollups.sql" };

  if (conninfo == NULL)
    return;

  conn = ava_pg_test_connect (conninfo);
  exec_ok (conn, ava_pg_sql_get ("schema_create_migrations"));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr (GBytes) bytes = ava_pg_sql_load_file (files[i], &error);
      g_autofree char   *sql = NULL;

      g_assert_no_error (error);
      sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      exec_ok (conn, sql);
    }
  exec_ok (conn,
           "INSERT INTO schema_migrations (version) VALUES (1), (2), (3);"
           "INSERT INTO countries (name) VALUES ('France');"
           "INSERT INTO customers VALUES (12345);"
           "INSERT INTO products VALUES ('85123A', false), ('POST', true);"
           "INSERT INTO invoices SELECT '536365', 12345, id, 'regular' FROM countries;"
           "INSERT INTO import_runs (source_name, started_at, input_rows, rejected, duplicates_dropped,"
           "  kept_lines, sale_lines, return_lines, excluded_lines)"
           "  VALUES ('old.csv', now(), 2, 0, 0, 2, 2, 0, 0);"
           "INSERT INTO invoice_lines (invoice_no, stock_code, description, quantity, invoiced_at,"
           "  unit_price, line_class, import_run_id) VALUES"
           "  ('536365', '85123A', 'WHITE HANGING HEART', 6, '2010-12-01 08:26', 2.55, 0, 1),"
           "  ('536365', 'POST', 'POSTAGE', 1, '2010-12-01 08:26', 18.0001, 0, 1)");

  g_assert_true (ava_pg_schema_ensure (conn, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ava_pg_schema_get_version (conn, &error), ==, AVA_PG_SCHEMA_VERSION);

  g_assert_cmpint (ava_pg_test_count (conn, "invoice_lines"), ==, 2);
  /* Each line names its pair of stock code and description, the postage
   * too, though no rollup sums it. */
  g_assert_cmpint (ava_pg_test_count (conn, "product_variants"), ==, 2);
  g_assert_cmpint (ava_pg_test_query_int (conn,
                                          "SELECT count(*) FROM invoice_lines l "
                                          "JOIN product_variants v ON v.id = l.variant_id "
                                          "WHERE (v.stock_code, v.description, l.quantity) IN "
                                          "  (('85123A', 'WHITE HANGING HEART', 6), ('POST', 'POSTAGE', 1))"),
                   ==, 2);
  g_assert_cmpint (ava_pg_test_query_int (conn,
                                          "SELECT sum(quantity * unit_price * 10000) FROM invoice_lines "
                                          "WHERE invoice_no = '536365' AND import_run_id = 1 AND line_class = 0 "
                                          "AND invoiced_at = '2010-12-01 08:26'"),
                   ==, 333001);
  g_assert_cmpint (ava_pg_test_query_int (conn,
                                          "SELECT count(*) FROM pg_attribute WHERE attrelid = 'invoice_lines'::regclass "
                                          "AND attname = 'id'"),
                   ==, 0);
  g_assert_cmpint (ava_pg_test_query_int (conn,
                                          "SELECT count(*) FROM pg_constraint WHERE conrelid = 'invoice_lines'::regclass "
                                          "AND contype = 'p' AND conname = 'invoice_lines_line_key'"),
                   ==, 1);
  g_assert_cmpint (ava_pg_test_query_int (conn,
                                          "SELECT count(*) FROM pg_constraint WHERE conrelid = 'invoice_lines'::regclass "
                                          "AND contype = 'f'"),
                   ==, 3);
  g_assert_cmpint (ava_pg_test_query_int (conn, "SELECT count(*) FROM pg_indexes WHERE indexname = 'invoice_lines_brin_idx'"),
                   ==, 1);

  /* The rollup tables are filled from those lines; the postage is not
   * merchandise. */
  g_assert_cmpint (ava_pg_test_query_int (conn, "SELECT n_lines FROM invoice_month_totals WHERE invoice_no = '536365'"),
                   ==, 2);
  g_assert_cmpint (ava_pg_test_count (conn, "product_sales_all"), ==, 1);
  g_assert_cmpint (ava_pg_test_query_int (conn,
                                          "SELECT revenue * 10000 FROM product_sales_all t "
                                          "JOIN product_variants v ON v.id = t.variant_id "
                                          "WHERE stock_code = '85123A' AND units = 6 AND orders = 1"),
                   ==, 153000);
  g_assert_cmpint (ava_pg_test_query_int (conn,
                                          "SELECT revenue * 10000 FROM product_country_sales_all t "
                                          "JOIN product_variants v ON v.id = t.variant_id "
                                          "JOIN countries c ON c.id = t.country_id "
                                          "WHERE c.name = 'France' AND stock_code = '85123A' AND units = 6 AND orders = 1"),
                   ==, 153000);
}

static gpointer
ensure_thread (gpointer data)
{
  const char        *conninfo = data;
  g_autoptr (PGconn) conn = ava_pg_test_connect (conninfo);
  g_autoptr (GError) error = NULL;

  g_assert_true (ava_pg_schema_ensure (conn, &error));
  g_assert_no_error (error);
  return NULL;
}

static void
test_concurrent_ensure (void)
{
  g_autofree char   *conninfo = ava_pg_test_create_database ();
  GThread           *threads[4];
  g_autoptr (PGconn) conn = NULL;

  if (conninfo == NULL)
    return;

  /* The advisory lock makes first starts racing each other apply each
   * migration once. */
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("ensure", ensure_thread, conninfo);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);

  conn = ava_pg_test_connect (conninfo);
  g_assert_cmpint (ava_pg_test_count (conn, "schema_migrations"), ==, AVA_PG_SCHEMA_VERSION);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ava/pg/schema/apply-twice", test_apply_twice);
  g_test_add_func ("/ava/pg/schema/byte-order-text", test_byte_order_text);
  g_test_add_func ("/ava/pg/schema/constraints", test_constraints);
  g_test_add_func ("/ava/pg/schema/failed-migration-changes-nothing", test_failed_migration_changes_nothing);
  g_test_add_func ("/ava/pg/schema/newer-schema-refused", test_newer_schema_refused);
  g_test_add_func ("/ava/pg/schema/concurrent-ensure", test_concurrent_ensure);
  g_test_add_func ("/ava/pg/schema/upgrade-lines", test_upgrade_lines);

  return g_test_run ();
}
