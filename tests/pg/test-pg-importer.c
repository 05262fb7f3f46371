/* test-pg-importer.c: imports are complete, idempotent and atomic.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "ava-money.h"
#include "ava-timestamp.h"
#include "ava-pg-importer-private.h"
#include "ava-pg-private.h"
#include "ava-pg-schema.h"
#include "ava-pg-test-utils.h"
#include "ava-string-pool.h"

/* Three invoices of customer 17850 and 13047, one cancellation, a row the
 * cleaner rejects (bad quantity), an exact duplicate, and descriptions that
 * need COPY escaping. */
static const char file_a[] =
  AVA_PG_TEST_CSV_HEADER
  "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n"
  "536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850,United Kingdom\n"
  "536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850,United Kingdom\n"
  "536365,85123a,\"tab\there, back\\slash \"\"quoted\"\" £\",1,2010-12-01 08:27:00,0.001,17850,United Kingdom\n"
  "536366,POST,POSTAGE,1,2010-12-01 08:28:00,18,13047,France\n"
  "536366,22633,,-2,2010-12-01 08:28:00,1.85,13047,France\n"
  "536367,22632,HAND WARMER RED POLKA DOT,twelve,2010-12-01 08:34:00,1.85,13047,France\n"
  "C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527,United Kingdom\n"
  "536380,22961,JAM MAKING SET PRINTED,24,2010-12-01 09:41:00,1.45,,United Kingdom\n";

/* Overlaps file A in two lines, adds a line to an invoice of A, a new
 * invoice of a known customer and one of a new customer. */
static const char file_b[] =
  AVA_PG_TEST_CSV_HEADER
  "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n"
  "536380,22961,JAM MAKING SET PRINTED,24,2010-12-01 09:41:00,1.45,,United Kingdom\n"
  "536365,84406B,CREAM CUPID HEARTS COAT HANGER,8,2010-12-01 08:26:00,2.75,17850,United Kingdom\n"
  "536400,22633,HAND WARMER UNION JACK,12,2010-12-02 10:00:00,1.85,13047,France\n"
  "536401,21730,GLASS STAR FROSTED T-LIGHT HOLDER,6,2010-12-02 11:00:00,4.25,12583,Germany\n"
  "536401,,MISSING STOCK CODE,6,2010-12-02 11:00:00,4.25,12583,Germany\n";

/* What the rollup tables must get right: an invoice whose sale lines span
 * midnight and one that spans a month end (split), a product sold under two
 * descriptions in one invoice, service codes, stock codes that differ in
 * case, returns in two months, an excluded line, an invoice without a
 * customer, and text that needs COPY escaping. */
static const char file_rollups[] =
  AVA_PG_TEST_CSV_HEADER
  "540001,22633,HAND WARMER,1,2011-01-01 23:59:00,1.85,13047,France\n"
  "540001,22633,HAND WARMER,2,2011-01-02 00:01:00,1.85,13047,France\n"
  "540001,POST,POSTAGE,1,2011-01-02 00:01:00,18,13047,France\n"
  "540002,22633,B HAND WARMER,3,2011-01-02 10:00:00,1.85,,France\n"
  "540002,22633,A HAND WARMER,4,2011-01-02 10:00:00,1.9,,France\n"
  "540002,22633,A HAND WARMER,5,2011-01-02 10:01:00,1.8501,,France\n"
  "540002,22633,\"tab\there, back\\slash\",1,2011-01-02 10:01:00,0.0001,,France\n"
  "540003,POST,POSTAGE,1,2011-01-02 11:00:00,18,12583,Germany\n"
  "540003,22633,A HAND WARMER,6,2011-01-02 11:00:00,1.85,12583,Germany\n"
  "540003,85123A,HEART,6,2011-01-02 11:00:00,2.55,12583,Germany\n"
  "540003,85123a,HEART,6,2011-01-02 11:00:00,2.55,12583,Germany\n"
  "540003,85123a,HEART,0,2011-01-02 11:00:00,2.55,12583,Germany\n"
  "540004,22633,A HAND WARMER,7,2011-01-31 23:59:00,1.85,17850,United Kingdom\n"
  "540004,22633,A HAND WARMER,7,2011-02-01 00:00:00,1.85,17850,United Kingdom\n"
  "540005,22633,A HAND WARMER,2,2011-02-03 09:00:00,1.85,17850,United Kingdom\n"
  "540005,,B HAND WARMER,2,2011-02-03 09:00:00,1.85,17850,United Kingdom\n"
  "C540006,22633,A HAND WARMER,-2,2011-01-31 23:00:00,1.85,17850,United Kingdom\n"
  "C540006,22633,A HAND WARMER,-1,2011-02-01 01:00:00,1.85,17850,United Kingdom\n"
  "C540007,DOT,DOTCOM POSTAGE,-1,2011-02-01 01:00:00,5.5,17850,United Kingdom\n";

typedef struct
{
  char             *conninfo;
  PGconn           *conn;
  AvaDataset       *dataset;
  AvaQualityReport *report;
} Fixture;

static void
fixture_set_up (Fixture      *fixture,
                gconstpointer data)
{
  fixture->conninfo = ava_pg_test_create_database ();
  if (fixture->conninfo != NULL)
    fixture->conn = ava_pg_test_connect (fixture->conninfo);
}

static void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer data)
{
  ava_pg_importer_set_hook (NULL, NULL);
  ava_pg_importer_set_bulk_threshold (50000);
  g_clear_pointer (&fixture->conn, PQfinish);
  g_clear_pointer (&fixture->conninfo, g_free);
  g_clear_object (&fixture->dataset);
  g_clear_pointer (&fixture->report, ava_quality_report_free);
}

static gboolean
import_text (Fixture           *fixture,
             const char        *csv,
             const char        *source_name,
             GCancellable      *cancellable,
             AvaPgImportResult *result,
             GError           **error)
{
  g_autoptr (AvaQualityReport) report = NULL;
  g_autoptr (AvaDataset)       dataset = ava_pg_test_load_csv (csv, source_name, &report);

  return ava_pg_import_dataset (fixture->conninfo, dataset, report, cancellable, result, error);
}

static void
import_text_ok (Fixture           *fixture,
                const char        *csv,
                const char        *source_name,
                AvaPgImportResult *result)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (import_text (fixture, csv, source_name, NULL, result, &error));
  g_assert_no_error (error);
}

static char *
query_text (PGconn     *conn,
            const char *sql)
{
  g_autoptr (PGresult) result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  g_assert_cmpint (PQntuples (result), ==, 1);

  return PQgetisnull (result, 0, 0) ? NULL : g_strdup (PQgetvalue (result, 0, 0));
}

/* The rollup tables as text, one line per row in a fixed order. */
static char *
describe_rollups (PGconn *conn)
{
  static const char *const queries[] = {
    "SELECT coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '') FROM split_invoices t",
    "SELECT coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '') FROM invoice_month_totals t",
    /* Variant ids depend on the order pairs came in: compare the pairs. */
    "SELECT coalesce(string_agg(r, E'\\n' ORDER BY r), '') FROM ("
    "  SELECT row (t.day, t.country_id, v.stock_code, v.description, t.units, t.revenue, t.n_lines, t.orders)::text AS r"
    "    FROM product_day_sales t JOIN product_variants v ON v.id = t.variant_id) AS rows",
    "SELECT coalesce(string_agg(r, E'\\n' ORDER BY r), '') FROM ("
    "  SELECT row (t.month, t.country_id, v.stock_code, v.description, t.units, t.revenue, t.n_lines, t.orders)::text AS r"
    "    FROM product_month_sales t JOIN product_variants v ON v.id = t.variant_id) AS rows",
    "SELECT coalesce(string_agg(r, E'\\n' ORDER BY r), '') FROM ("
    "  SELECT row (t.country_id, v.stock_code, v.description, t.units, t.revenue, t.n_lines, t.orders)::text AS r"
    "    FROM product_country_sales_all t JOIN product_variants v ON v.id = t.variant_id) AS rows",
    "SELECT coalesce(string_agg(r, E'\\n' ORDER BY r), '') FROM ("
    "  SELECT row (t.month, v.stock_code, v.description, t.units, t.revenue, t.n_lines, t.orders)::text AS r"
    "    FROM product_month_sales_all t JOIN product_variants v ON v.id = t.variant_id) AS rows",
    "SELECT coalesce(string_agg(r, E'\\n' ORDER BY r), '') FROM ("
    "  SELECT row (v.stock_code, v.description, t.units, t.revenue, t.n_lines, t.orders)::text AS r"
    "    FROM product_sales_all t JOIN product_variants v ON v.id = t.variant_id) AS rows",
    /* Every rollup row has its pair. */
    "SELECT count(*) FROM (SELECT variant_id FROM product_day_sales UNION ALL SELECT variant_id FROM product_month_sales"
    "  UNION ALL SELECT variant_id FROM product_country_sales_all"
    "  UNION ALL SELECT variant_id FROM product_month_sales_all UNION ALL SELECT variant_id FROM product_sales_all) AS t"
    " WHERE variant_id NOT IN (SELECT id FROM product_variants)",
  };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *rows = query_text (conn, queries[i]);

      g_string_append_printf (text, "%s\n--\n", rows);
    }

  return g_string_free (text, FALSE);
}

/* The importer computes the rollup rows of a bulk load in C: they must be
 * exactly what rollup_rebuild, the SQL definition, makes of the lines. */
static void
assert_rollups_match_rebuild (PGconn *conn)
{
  g_autofree char     *imported = describe_rollups (conn);
  g_autofree char     *rebuilt = NULL;
  g_autoptr (PGresult) result = NULL;

  g_assert_nonnull (strstr (imported, "\n"));

  result = PQexec (conn, "BEGIN");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  g_clear_pointer (&result, PQclear);

  result = PQexec (conn, ava_pg_sql_get ("rollup_rebuild"));
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  g_clear_pointer (&result, PQclear);

  rebuilt = describe_rollups (conn);

  result = PQexec (conn, "ROLLBACK");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);

  g_assert_cmpstr (imported, ==, rebuilt);
}

/* Constraints and indexes of the tables the bulk paths rebuild: a failed
 * import must leave all of them in place. */
static char *
describe_keys (PGconn *conn)
{
  return query_text (conn,
                     "SELECT string_agg(d, E'\\n' ORDER BY d) FROM ("
                     "  SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS d"
                     "    FROM pg_constraint"
                     "   WHERE conrelid IN ('invoices'::regclass, 'invoice_lines'::regclass, 'product_variants'::regclass)"
                     "  UNION ALL"
                     "  SELECT indexdef FROM pg_indexes"
                     "   WHERE tablename IN ('invoices', 'invoice_lines', 'product_variants')) AS keys");
}

/* A synthetic file big enough for several COPY chunks. */
static char *
make_large_csv (guint n_invoices,
                guint lines_per_invoice,
                guint first_invoice)
{
  GString *csv = g_string_new (AVA_PG_TEST_CSV_HEADER);

  for (guint i = 0; i < n_invoices; i++)
    for (guint j = 0; j < lines_per_invoice; j++)
      g_string_append_printf (csv, "%u,SYN%04u,SYNTHETIC ITEM %u,%u,2011-%02u-%02u %02u:%02u:00,%u.%02u,%u,Country %u\n",
                              first_invoice + i, j, j, 1 + j % 7, 1 + i % 12, 1 + i % 28, i % 24, j % 60,
                              1 + j % 9, j % 100, 20000 + i % 500, i % 500 % 11);

  return g_string_free (csv, FALSE);
}

static void
test_small_file (Fixture      *fixture,
                 gconstpointer data)
{
  AvaPgImportResult result;
  g_autofree char  *description = NULL;
  g_autofree char  *price = NULL;
  g_autofree char  *reason = NULL;

  if (fixture->conn == NULL)
    return;

  import_text_ok (fixture, file_a, "a.csv", &result);

  /* 9 rows: 1 rejected, 1 duplicate, 7 kept. */
  g_assert_cmpint (result.run_id, >, 0);
  g_assert_cmpuint (result.new_lines, ==, 7);
  g_assert_cmpuint (result.already_present_lines, ==, 0);
  g_assert_cmpuint (result.new_customers, ==, 3);
  g_assert_cmpuint (result.new_products, ==, 7);
  g_assert_cmpuint (result.new_invoices, ==, 4);

  g_assert_cmpint (ava_pg_test_count (fixture->conn, "invoice_lines"), ==, 7);
  g_assert_cmpint (ava_pg_test_count (fixture->conn, "invoices"), ==, 4);
  g_assert_cmpint (ava_pg_test_count (fixture->conn, "customers"), ==, 3);
  g_assert_cmpint (ava_pg_test_count (fixture->conn, "products"), ==, 7);
  g_assert_cmpint (ava_pg_test_count (fixture->conn, "countries"), ==, 2);
  g_assert_cmpint (ava_pg_test_count (fixture->conn, "import_runs"), ==, 1);
  g_assert_cmpint (ava_pg_test_count (fixture->conn, "rejected_rows"), ==, 1);

  /* Escaping survives the round trip, byte for byte. */
  description = query_text (fixture->conn,
                            "SELECT v.description FROM invoice_lines l "
                            "JOIN product_variants v ON v.id = l.variant_id WHERE v.stock_code = '85123a'");
  g_assert_cmpstr (description, ==, "tab\there, back\\slash \"quoted\" £");

  /* Exact money: four decimals, no float on the way. */
  price = query_text (fixture->conn,
                      "SELECT l.unit_price::text FROM invoice_lines l "
                      "JOIN product_variants v ON v.id = l.variant_id WHERE v.stock_code = '85123a'");
  g_assert_cmpstr (price, ==, "0.0010");

  g_assert_cmpint (ava_pg_test_query_int (fixture->conn,
                                          "SELECT count(*) FROM invoice_lines l "
                                          "JOIN product_variants v ON v.id = l.variant_id WHERE v.description = ''"),
                   ==, 1);
  g_assert_cmpint (ava_pg_test_query_int (fixture->conn, "SELECT count(*) FROM products WHERE is_service"), ==, 2);
  g_assert_cmpint (ava_pg_test_query_int (fixture->conn, "SELECT count(*) FROM invoices WHERE customer_id IS NULL"), ==, 1);
  g_assert_cmpint (ava_pg_test_query_int (fixture->conn, "SELECT count(*) FROM invoices WHERE kind = 'cancellation' AND invoice_no = 'C536379'"), ==, 1);
  g_assert_cmpint (ava_pg_test_query_int (fixture->conn, "SELECT count(*) FROM invoice_lines WHERE line_class = 0"), ==, 5);
  g_assert_cmpint (ava_pg_test_query_int (fixture->conn, "SELECT count(*) FROM invoice_lines WHERE line_class = 1"), ==, 1);
  g_assert_cmpint (ava_pg_test_query_int (fixture->conn, "SELECT count(*) FROM invoice_lines WHERE line_class = 2"), ==, 1);
  g_assert_cmpint (ava_pg_test_query_int (fixture->conn,
                                          "SELECT count(*) FROM invoice_lines "
                                          "WHERE invoiced_at = '2010-12-01 08:27:00' AND quantity = 1"),
                   ==, 1);

  reason = query_text (fixture->conn, "SELECT line || ': ' || reason FROM rejected_rows");
  g_test_message ("rejected: %s", reason);
  g_assert_true (g_str_has_prefix (reason, "8: "));

  g_assert_cmpint (ava_pg_test_query_int (fixture->conn,
                                          "SELECT count(*) FROM import_runs WHERE source_name = 'a.csv' "
                                          "AND input_rows = 9 AND rejected = 1 AND duplicates_dropped = 1 "
                                          "AND kept_lines = 7 AND new_lines = 7 AND already_present_lines = 0 "
                                          "AND new_customers = 3 AND new_products = 7 AND new_invoices = 4 "
                                          "AND finished_at IS NOT NULL "
                                          "AND first_invoiced_at = '2010-12-01 08:26' AND last_invoiced_at = '2010-12-01 09:41'"),
                   ==, 1);
}

static void
test_reimport_is_noop (Fixture      *fixture,
                       gconstpointer data)
{
  AvaPgImportResult result;
  AvaPgTestCounts   before, after;
  g_autofree char  *runs_before = NULL;
  g_autofree char  *runs_after = NULL;

  if (fixture->conn == NULL)
    return;

  import_text_ok (fixture, file_a, "a.csv", &result);
  ava_pg_test_get_counts (fixture->conn, &before);
  runs_before = query_text (fixture->conn, "SELECT string_agg(id || ' ' || finished_at, ',') FROM import_runs");

  import_text_ok (fixture, file_a, "a-again.csv", &result);

  g_assert_cmpint (result.run_id, ==, 0);
  g_assert_cmpuint (result.new_lines, ==, 0);
  g_assert_cmpuint (result.already_present_lines, ==, 7);
  g_assert_cmpuint (result.new_customers, ==, 0);
  g_assert_cmpuint (result.new_products, ==, 0);
  g_assert_cmpuint (result.new_invoices, ==, 0);

  /* Not even an audit row or a rejected row of the second run. */
  ava_pg_test_get_counts (fixture->conn, &after);
  ava_pg_test_assert_counts_equal (&before, &after);
  runs_after = query_text (fixture->conn, "SELECT string_agg(id || ' ' || finished_at, ',') FROM import_runs");
  g_assert_cmpstr (runs_before, ==, runs_after);
}

static void
check_append (Fixture *fixture)
{
  AvaPgImportResult result;
  g_autofree char  *keys_before = NULL;
  g_autofree char  *keys_after = NULL;

  import_text_ok (fixture, file_a, "a.csv", &result);
  keys_before = describe_keys (fixture->conn);

  import_text_ok (fixture, file_b, "b.csv", &result);

  /* 6 rows, 1 rejected (no stock code), 5 kept, of which 2 were in A. */
  g_assert_cmpint (result.run_id, >, 0);
  g_assert_cmpuint (result.new_lines, ==, 3);
  g_assert_cmpuint (result.already_present_lines, ==, 2);
  g_assert_cmpuint (result.new_customers, ==, 1);
  g_assert_cmpuint (result.new_products, ==, 2);
  g_assert_cmpuint (result.new_invoices, ==, 2);

  g_assert_cmpint (ava_pg_test_count (fixture->conn, "invoice_lines"), ==, 10);
  g_assert_cmpint (ava_pg_test_count (fixture->conn, "invoices"), ==, 6);
  g_assert_cmpint (ava_pg_test_count (fixture->conn, "customers"), ==, 4);
  g_assert_cmpint (ava_pg_test_count (fixture->conn, "products"), ==, 9);
  g_assert_cmpint (ava_pg_test_count (fixture->conn, "countries"), ==, 3);
  g_assert_cmpint (ava_pg_test_count (fixture->conn, "import_runs"), ==, 2);
  g_assert_cmpint (ava_pg_test_count (fixture->conn, "rejected_rows"), ==, 2);

  /* Lines belong to the run that added them; the overlap stays with A. */
  g_assert_cmpint (ava_pg_test_query_int (fixture->conn,
                                          "SELECT count(*) FROM invoice_lines l JOIN import_runs r ON r.id = l.import_run_id "
                                          "WHERE r.source_name = 'b.csv'"),
                   ==, 3);
  g_assert_cmpint (ava_pg_test_query_int (fixture->conn,
                                          "SELECT count(*) FROM import_runs WHERE source_name = 'b.csv' "
                                          "AND new_lines = 3 AND already_present_lines = 2 AND kept_lines = 5"),
                   ==, 1);
  g_assert_cmpint (ava_pg_test_query_int (fixture->conn,
                                          "SELECT count(*) FROM rejected_rows r JOIN import_runs i ON i.id = r.import_run_id "
                                          "WHERE i.source_name = 'b.csv' AND r.line = 7"),
                   ==, 1);

  /* Whatever path the merge took, every constraint and index is back. */
  keys_after = describe_keys (fixture->conn);
  g_assert_cmpstr (keys_before, ==, keys_after);
}

static void
test_append (Fixture      *fixture,
             gconstpointer data)
{
  if (fixture->conn == NULL)
    return;

  check_append (fixture);
}

static void
test_append_bulk (Fixture      *fixture,
                  gconstpointer data)
{
  if (fixture->conn == NULL)
    return;

  /* The merge path that drops and rebuilds the foreign keys. */
  ava_pg_importer_set_bulk_threshold (1);
  check_append (fixture);
}

static void
check_import_fails_unchanged (Fixture    *fixture,
                              const char *csv,
                              GQuark      domain,
                              gint        code,
                              const char *expected_text)
{
  AvaPgImportResult  result = { 0 };
  AvaPgTestCounts    before, after;
  g_autofree char   *keys_before = NULL;
  g_autofree char   *keys_after = NULL;
  g_autoptr (GError) error = NULL;

  /* The schema is set up in a transaction of its own, first; "unchanged"
   * is about the data. */
  g_assert_true (ava_pg_schema_ensure (fixture->conn, &error));
  g_assert_no_error (error);
  keys_before = describe_keys (fixture->conn);
  ava_pg_test_get_counts (fixture->conn, &before);

  g_assert_false (import_text (fixture, csv, "bad.csv", NULL, &result, &error));
  g_assert_error (error, domain, code);
  g_test_message ("%s", error->message);
  if (expected_text != NULL)
    g_assert_nonnull (strstr (error->message, expected_text));
  g_assert_cmpint (result.run_id, ==, 0);

  ava_pg_test_get_counts (fixture->conn, &after);
  ava_pg_test_assert_counts_equal (&before, &after);
  keys_after = describe_keys (fixture->conn);
  g_assert_cmpstr (keys_before, ==, keys_after);
}

static void
test_conflict_last_invoice (Fixture      *fixture,
                            gconstpointer data)
{
  AvaPgImportResult result;
  static const char file_c[] =
    AVA_PG_TEST_CSV_HEADER
    "536500,22633,HAND WARMER UNION JACK,12,2010-12-03 10:00:00,1.85,13047,France\n"
    "536501,21730,GLASS STAR FROSTED T-LIGHT HOLDER,6,2010-12-03 11:00:00,4.25,12583,Germany\n"
    "536366,22634,CHILDS BREAKFAST SET,1,2010-12-01 08:28:00,9.95,13047,Germany\n";
  static const char file_d[] =
    AVA_PG_TEST_CSV_HEADER
    "536502,22633,HAND WARMER UNION JACK,12,2010-12-03 10:00:00,1.85,13047,France\n"
    "536380,22962,JAM JAR,1,2010-12-01 09:41:00,0.85,12345,United Kingdom\n";

  if (fixture->conn == NULL)
    return;

  import_text_ok (fixture, file_a, "a.csv", &result);

  /* Same customer, another country. */
  check_import_fails_unchanged (fixture, file_c, AVA_PG_ERROR, AVA_PG_ERROR_CONFLICT,
                                "Invoice 536366 is already in the database for customer 13047, France, "
                                "but bad.csv has it for customer 13047, Germany");
  /* A customer where the stored invoice has none. */
  check_import_fails_unchanged (fixture, file_d, AVA_PG_ERROR, AVA_PG_ERROR_CONFLICT,
                                "Invoice 536380 is already in the database for no customer");
}

static void
test_conflict_within_file (Fixture      *fixture,
                           gconstpointer data)
{
  AvaPgImportResult result;
  g_autofree char  *reason = NULL;
  static const char file_e[] =
    AVA_PG_TEST_CSV_HEADER
    "536600,22633,HAND WARMER UNION JACK,12,2010-12-03 10:00:00,1.85,13047,France\n"
    "536600,22634,CHILDS BREAKFAST SET,1,2010-12-03 10:00:00,9.95,13048,France\n";

  if (fixture->conn == NULL)
    return;

  /* The cleaner rejects the line that contradicts its invoice, so the file
   * imports with one line and one rejected row. */
  import_text_ok (fixture, file_e, "e.csv", &result);
  g_assert_cmpuint (result.new_lines, ==, 1);
  g_assert_cmpint (ava_pg_test_count (fixture->conn, "invoice_lines"), ==, 1);
  reason = query_text (fixture->conn, "SELECT line || ': ' || reason FROM rejected_rows");
  g_test_message ("rejected: %s", reason);
  g_assert_true (g_str_has_prefix (reason, "3: "));
}

/* A dataset not made by the cleaner may still disagree within an invoice;
 * the importer refuses it rather than store one of the two customers. */
static void
test_conflict_within_dataset (Fixture      *fixture,
                              gconstpointer data)
{
  AvaStringPool               *pools[AVA_N_POOLS];
  GArray                      *lines = g_array_new (FALSE, TRUE, sizeof (AvaSalesLine));
  g_autoptr (AvaDataset)       dataset = NULL;
  g_autoptr (AvaQualityReport) report = ava_quality_report_new ("made-up");
  g_autoptr (GError)           error = NULL;
  AvaPgImportResult            result;
  AvaSalesLine                 line = { 0 };

  if (fixture->conn == NULL)
    return;

  for (guint i = 0; i < AVA_N_POOLS; i++)
    pools[i] = ava_string_pool_new ();

  line.invoiced_at = ava_timestamp_from_civil (2011, 1, 2, 10, 0, 0);
  line.unit_price = 2 * AVA_MONEY_SCALE;
  line.quantity = 1;
  line.invoice = ava_string_pool_intern (pools[AVA_POOL_INVOICE], "540000", 6);
  line.description = ava_string_pool_intern (pools[AVA_POOL_DESCRIPTION], "", 0);
  line.country = ava_string_pool_intern (pools[AVA_POOL_COUNTRY], "Spain", 5);
  line.stock_code = ava_string_pool_intern (pools[AVA_POOL_STOCK_CODE], "A1", 2);
  line.customer_id = 12345;
  line.source_line = 2;
  g_array_append_val (lines, line);

  line.stock_code = ava_string_pool_intern (pools[AVA_POOL_STOCK_CODE], "A2", 2);
  line.customer_id = 12346;
  line.source_line = 3;
  g_array_append_val (lines, line);

  dataset = ava_dataset_new (pools, lines);
  report->input_rows = report->kept_lines = report->sale_lines = 2;

  g_assert_false (ava_pg_import_dataset (fixture->conninfo, dataset, report, NULL, &result, &error));
  g_assert_error (error, AVA_PG_ERROR, AVA_PG_ERROR_CONFLICT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "Invoice 540000 has lines for different customers in made-up "
                                            "(line 2: customer 12345, Spain; line 3: customer 12346, Spain)"));
  /* The schema was created in the import transaction: it went with it. */
  g_assert_cmpint (ava_pg_schema_get_version (fixture->conn, NULL), ==, 0);

  /* With the schema in place, nothing is added either. */
  g_clear_error (&error);
  g_assert_true (ava_pg_schema_ensure (fixture->conn, &error));
  g_assert_no_error (error);
  g_assert_false (ava_pg_import_dataset (fixture->conninfo, dataset, report, NULL, &result, &error));
  g_assert_error (error, AVA_PG_ERROR, AVA_PG_ERROR_CONFLICT);
  g_assert_cmpint (ava_pg_test_count (fixture->conn, "invoices"), ==, 0);
  g_assert_cmpint (ava_pg_test_count (fixture->conn, "import_runs"), ==, 0);
}

static void
cancel_hook_cb (const char *stage,
                gpointer    user_data)
{
  if (g_strcmp0 (stage, "lines-copy") == 0)
    g_cancellable_cancel (user_data);
}

static void
check_cancel_mid_copy (Fixture *fixture)
{
  g_autofree char         *csv = make_large_csv (2000, 12, 600000);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError)       error = NULL;
  g_autofree char         *keys_before = describe_keys (fixture->conn);
  g_autofree char         *keys_after = NULL;
  AvaPgImportResult        result = { 0 };
  AvaPgTestCounts          before, after;

  g_assert_cmpuint (strlen (csv), >, 4 * 256 * 1024);

  ava_pg_test_get_counts (fixture->conn, &before);
  ava_pg_importer_set_hook (cancel_hook_cb, cancellable);

  g_assert_false (import_text (fixture, csv, "big.csv", cancellable, &result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (result.run_id, ==, 0);

  ava_pg_importer_set_hook (NULL, NULL);
  ava_pg_test_get_counts (fixture->conn, &after);
  ava_pg_test_assert_counts_equal (&before, &after);
  keys_after = describe_keys (fixture->conn);
  g_assert_cmpstr (keys_before, ==, keys_after);

  /* The same file imports completely afterwards. */
  g_clear_error (&error);
  g_assert_true (import_text (fixture, csv, "big.csv", NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.new_lines, ==, 2000 * 12);
}

static void
test_cancel_mid_copy_empty (Fixture      *fixture,
                            gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  if (fixture->conn == NULL)
    return;

  /* The bulk path: the lines table is empty, its keys are dropped. */
  g_assert_true (ava_pg_schema_ensure (fixture->conn, &error));
  g_assert_no_error (error);
  check_cancel_mid_copy (fixture);
}

static void
test_cancel_mid_copy_merge (Fixture      *fixture,
                            gconstpointer data)
{
  AvaPgImportResult result;

  if (fixture->conn == NULL)
    return;

  import_text_ok (fixture, file_a, "a.csv", &result);
  ava_pg_importer_set_bulk_threshold (1000);
  check_cancel_mid_copy (fixture);
}

static gpointer
cancel_later_thread (gpointer data)
{
  g_usleep (30 * G_TIME_SPAN_MILLISECOND);
  g_cancellable_cancel (data);
  return NULL;
}

typedef struct
{
  GCancellable *cancellable;
  GThread      *thread;
} CancelLater;

static void
cancel_later_hook_cb (const char *stage,
                      gpointer    user_data)
{
  CancelLater *later = user_data;

  /* From another thread while the server rebuilds indexes: the cancel must
   * reach the running statement through PQcancel. */
  if (g_strcmp0 (stage, "lines-loaded") == 0)
    later->thread = g_thread_new ("cancel", cancel_later_thread, later->cancellable);
}

static const char *
real_file_path (void)
{
  static char *path;
  const char  *dir = g_getenv ("AVA_SHARED_DATA");

  if (path == NULL && dir != NULL)
    path = g_build_filename (dir, "online_retail.csv.gz", NULL);

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("the real data file $AVA_SHARED_DATA/online_retail.csv.gz is absent");
      return NULL;
    }

  return path;
}

static void
load_real_file (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  gint64             start = g_get_monotonic_time ();

  fixture->dataset = ava_load_csv_path (real_file_path (), NULL, &fixture->report, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->dataset);
  g_test_message ("parse and clean: %.3f s", (g_get_monotonic_time () - start) / 1e6);
}

static void
test_cancel_statement_real_file (Fixture      *fixture,
                                 gconstpointer data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError)       error = NULL;
  CancelLater              later = { cancellable, NULL };
  AvaPgImportResult        result = { 0 };
  AvaPgTestCounts          before, after;

  if (fixture->conn == NULL || real_file_path () == NULL)
    return;

  load_real_file (fixture);
  g_assert_true (ava_pg_schema_ensure (fixture->conn, &error));
  g_assert_no_error (error);
  ava_pg_test_get_counts (fixture->conn, &before);

  ava_pg_importer_set_hook (cancel_later_hook_cb, &later);

  g_assert_false (ava_pg_import_dataset (fixture->conninfo, fixture->dataset, fixture->report,
                                         cancellable, &result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (later.thread);
  g_thread_join (later.thread);

  ava_pg_test_get_counts (fixture->conn, &after);
  ava_pg_test_assert_counts_equal (&before, &after);
}

static void
test_real_file (Fixture      *fixture,
                gconstpointer data)
{
  g_autoptr (GError)      error = NULL;
  const AvaSalesLine     *lines;
  const AvaQualityReport *report;
  AvaPgImportResult       result;
  AvaPgTestCounts         before, after;
  guint                   n_lines;
  gint64                  gross = 0;
  gint64                  start;
  g_autofree char        *gross_text = NULL;
  g_autofree char        *gross_db = NULL;
  g_autofree char        *first = NULL;
  g_autofree char        *last = NULL;
  g_autofree char        *first_db = NULL;
  g_autofree char        *last_db = NULL;

  if (fixture->conn == NULL || real_file_path () == NULL)
    return;

  load_real_file (fixture);
  report = fixture->report;

  start = g_get_monotonic_time ();
  g_assert_true (ava_pg_import_dataset (fixture->conninfo, fixture->dataset, report, NULL, &result, &error));
  g_assert_no_error (error);
  g_test_message ("import into an empty database: %.3f s", (g_get_monotonic_time () - start) / 1e6);

  g_assert_cmpint (result.run_id, >, 0);
  g_assert_cmpuint (result.new_lines, ==, report->kept_lines);
  g_assert_cmpuint (result.already_present_lines, ==, 0);
  g_assert_cmpuint (result.new_customers, ==, report->customers);
  g_assert_cmpuint (result.new_products, ==, report->products);
  g_assert_cmpuint (result.new_invoices, ==, report->invoices);

  /* Every table holds what the quality report counted. */
  g_assert_cmpint (ava_pg_test_count (fixture->conn, "invoice_lines"), ==, report->kept_lines);
  g_assert_cmpint (ava_pg_test_count (fixture->conn, "customers"), ==, report->customers);
  g_assert_cmpint (ava_pg_test_count (fixture->conn, "products"), ==, report->products);
  g_assert_cmpint (ava_pg_test_count (fixture->conn, "invoices"), ==, report->invoices);
  g_assert_cmpint (ava_pg_test_count (fixture->conn, "countries"), ==, report->countries);
  g_assert_cmpint (ava_pg_test_count (fixture->conn, "rejected_rows"), ==, report->rejected);
  g_assert_cmpint (ava_pg_test_count (fixture->conn, "import_runs"), ==, 1);
  g_assert_cmpint (ava_pg_test_query_int (fixture->conn, "SELECT count(*) FROM invoice_lines WHERE line_class = 0"),
                   ==, report->sale_lines);
  g_assert_cmpint (ava_pg_test_query_int (fixture->conn, "SELECT count(*) FROM invoice_lines WHERE line_class = 1"),
                   ==, report->return_lines);
  g_assert_cmpint (ava_pg_test_query_int (fixture->conn, "SELECT count(*) FROM invoice_lines WHERE line_class = 2"),
                   ==, report->excluded_lines);

  /* The data README's figures, as a check on both sides. */
  g_assert_cmpint (report->kept_lines, ==, 541909 - 5268 - report->rejected);
  g_assert_cmpint (report->customers, ==, 4372);
  g_assert_cmpint (report->countries, ==, 38);
  g_assert_cmpint (report->invoices, ==, 25900);

  /* Money arrives exact: gross revenue, summed in C and in SQL. */
  lines = ava_dataset_get_lines (fixture->dataset, &n_lines);
  for (guint i = 0; i < n_lines; i++)
    if (lines[i].line_class == AVA_LINE_SALE)
      gross += (gint64) lines[i].quantity * lines[i].unit_price;
  gross_text = ava_money_format (gross, AVA_MONEY_DECIMALS);
  gross_db = query_text (fixture->conn, "SELECT sum(quantity * unit_price)::numeric(20, 4)::text FROM invoice_lines WHERE line_class = 0");
  g_test_message ("gross revenue: %s", gross_db);
  g_assert_cmpstr (gross_text, ==, gross_db);

  first = ava_timestamp_format (report->first_invoice_date);
  last = ava_timestamp_format (report->last_invoice_date);
  first_db = query_text (fixture->conn, "SELECT to_char(min(invoiced_at), 'YYYY-MM-DD HH24:MI:SS') FROM invoice_lines");
  last_db = query_text (fixture->conn, "SELECT to_char(max(invoiced_at), 'YYYY-MM-DD HH24:MI:SS') FROM invoice_lines");
  g_assert_cmpstr (first, ==, first_db);
  g_assert_cmpstr (last, ==, last_db);
  g_assert_cmpstr (first, ==, "2010-12-01 08:26:00");
  g_assert_cmpstr (last, ==, "2011-12-09 12:50:00");

  assert_rollups_match_rebuild (fixture->conn);

  /* The second import of the same file changes nothing. */
  ava_pg_test_get_counts (fixture->conn, &before);
  start = g_get_monotonic_time ();
  g_assert_true (ava_pg_import_dataset (fixture->conninfo, fixture->dataset, report, NULL, &result, &error));
  g_assert_no_error (error);
  g_test_message ("re-import: %.3f s", (g_get_monotonic_time () - start) / 1e6);

  g_assert_cmpint (result.run_id, ==, 0);
  g_assert_cmpuint (result.new_lines, ==, 0);
  g_assert_cmpuint (result.already_present_lines, ==, report->kept_lines);
  ava_pg_test_get_counts (fixture->conn, &after);
  ava_pg_test_assert_counts_equal (&before, &after);
}

static void
test_rollups_bulk (Fixture      *fixture,
                   gconstpointer data)
{
  AvaPgImportResult result;
  g_autofree char  *rollups = NULL;

  if (fixture->conn == NULL)
    return;

  import_text_ok (fixture, file_rollups, "rollups.csv", &result);
  g_assert_cmpint (ava_pg_test_count (fixture->conn, "split_invoices"), ==, 2);
  assert_rollups_match_rebuild (fixture->conn);

  rollups = describe_rollups (fixture->conn);
  g_test_message ("%s", rollups);
}

/* Sums beyond 64-bit money: the importer lets SQL compute the rollup rows,
 * exactly. */
static void
test_rollups_bulk_overflow (Fixture      *fixture,
                            gconstpointer data)
{
  static const char csv[] =
    AVA_PG_TEST_CSV_HEADER
    "540010,22633,HAND WARMER,2000000000,2011-01-02 10:00:00,9999999999,13047,France\n"
    "540010,22633,HAND WARMER,1,2011-01-02 10:00:00,1.85,13047,France\n";
  AvaPgImportResult result;
  g_autofree char  *amount = NULL;

  if (fixture->conn == NULL)
    return;

  import_text_ok (fixture, csv, "big.csv", &result);
  g_assert_cmpuint (result.new_lines, ==, 2);
  assert_rollups_match_rebuild (fixture->conn);

  amount = query_text (fixture->conn, "SELECT amount::text FROM invoice_month_totals");
  g_assert_cmpstr (amount, ==, "19999999998000000001.8500");
}

static void
test_import_path (Fixture      *fixture,
                  gconstpointer data)
{
  g_autoptr (GError)           error = NULL;
  g_autoptr (AvaQualityReport) report = NULL;
  g_autofree char             *dir = NULL;
  g_autofree char             *path = NULL;
  g_autofree char             *missing = NULL;
  AvaPgImportResult            result = { 0 };

  if (fixture->conn == NULL)
    return;

  dir = g_dir_make_tmp ("ava-pg-import-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "rollups.csv", NULL);
  missing = g_build_filename (dir, "missing.csv", NULL);
  g_assert_true (g_file_set_contents (path, file_rollups, -1, &error));
  g_assert_no_error (error);

  /* A file that does not load: nothing is imported, and the schema the
   * import transaction created while the file was read goes too. */
  g_assert_false (ava_pg_import_path (fixture->conninfo, missing, NULL, &report, &result, &error));
  g_assert_nonnull (error);
  g_assert_null (report);
  g_assert_cmpint (ava_pg_schema_get_version (fixture->conn, NULL), ==, 0);
  g_clear_error (&error);

  g_assert_true (ava_pg_import_path (fixture->conninfo, path, NULL, &report, &result, &error));
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpint (result.run_id, >, 0);
  g_assert_cmpuint (result.new_lines, ==, report->kept_lines);
  g_assert_cmpint (ava_pg_test_count (fixture->conn, "invoice_lines"), ==, report->kept_lines);
  assert_rollups_match_rebuild (fixture->conn);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_wrong_password (Fixture      *fixture,
                     gconstpointer data)
{
  g_autofree char             *conninfo = NULL;
  g_autoptr (AvaQualityReport) report = NULL;
  g_autoptr (AvaDataset)       dataset = NULL;
  g_autoptr (GError)           error = NULL;
  AvaPgImportResult            result;

  if (fixture->conn == NULL)
    return;

  conninfo = g_strdup_printf ("%s password=Not-The-Right-0ne", fixture->conninfo);
  dataset = ava_pg_test_load_csv (file_a, "a.csv", &report);

  g_assert_false (ava_pg_import_dataset (conninfo, dataset, report, NULL, &result, &error));
  g_assert_error (error, AVA_PG_ERROR, AVA_PG_ERROR_CONNECT);
  g_assert_null (strstr (error->message, "Not-The-Right-0ne"));
  g_assert_null (strstr (error->message, g_getenv ("AVA_TEST_PG_PASSWORD")));
  g_assert_cmpint (result.run_id, ==, 0);
}

typedef struct
{
  AvaPgImportPhase phase;
  guint64          lines_sent;
  guint64          n_lines;
} ProgressEvent;

static void
record_progress_cb (AvaPgImportPhase phase,
                    guint64          lines_sent,
                    guint64          n_lines,
                    gpointer         user_data)
{
  ProgressEvent event = { phase, lines_sent, n_lines };

  g_array_append_val (user_data, event);
}

/* Phases come in order; the lines count up, chunk by chunk, to all of
 * them. */
static void
test_progress (Fixture      *fixture,
               gconstpointer data)
{
  g_autofree char             *csv = make_large_csv (1000, 12, 700000);
  g_autoptr (AvaQualityReport) report = NULL;
  g_autoptr (AvaDataset)       dataset = NULL;
  g_autoptr (GArray)           events = g_array_new (FALSE, FALSE, sizeof (ProgressEvent));
  g_autoptr (GError)           error = NULL;
  AvaPgImportResult            result;
  const ProgressEvent         *last;
  guint                        n_line_events = 0;

  if (fixture->conn == NULL)
    return;

  dataset = ava_pg_test_load_csv (csv, "progress.csv", &report);
  g_assert_true (ava_pg_import_dataset_with_progress (fixture->conninfo, dataset, report, record_progress_cb,
                                                      events, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.new_lines, ==, 12000);

  g_assert_cmpuint (events->len, >=, 4);
  g_assert_cmpint (g_array_index (events, ProgressEvent, 0).phase, ==, AVA_PG_IMPORT_PHASE_CONNECT);
  g_assert_cmpint (g_array_index (events, ProgressEvent, 1).phase, ==, AVA_PG_IMPORT_PHASE_STAGE);
  for (guint i = 0; i < events->len; i++)
    {
      const ProgressEvent *event = &g_array_index (events, ProgressEvent, i);

      g_assert_cmpuint (event->n_lines, ==, 12000);
      g_assert_cmpuint (event->lines_sent, <=, event->n_lines);
      if (i > 0)
        {
          const ProgressEvent *before = &g_array_index (events, ProgressEvent, i - 1);

          g_assert_cmpint (event->phase, >=, before->phase);
          g_assert_cmpuint (event->lines_sent, >=, before->lines_sent);
        }
      if (event->phase == AVA_PG_IMPORT_PHASE_LINES)
        n_line_events++;
    }
  /* 12,000 lines take several chunks of COPY data. */
  g_assert_cmpuint (n_line_events, >=, 3);

  last = &g_array_index (events, ProgressEvent, events->len - 1);
  g_assert_cmpint (last->phase, ==, AVA_PG_IMPORT_PHASE_FINISH);
  g_assert_cmpuint (last->lines_sent, ==, 12000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/ava/pg/importer/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("small-file", test_small_file);
  ADD ("reimport-is-noop", test_reimport_is_noop);
  ADD ("append", test_append);
  ADD ("append-bulk", test_append_bulk);
  ADD ("conflict-last-invoice", test_conflict_last_invoice);
  ADD ("conflict-within-file", test_conflict_within_file);
  ADD ("conflict-within-dataset", test_conflict_within_dataset);
  ADD ("cancel-mid-copy-empty", test_cancel_mid_copy_empty);
  ADD ("cancel-mid-copy-merge", test_cancel_mid_copy_merge);
  ADD ("wrong-password", test_wrong_password);
  ADD ("progress", test_progress);
  ADD ("rollups-bulk", test_rollups_bulk);
  ADD ("rollups-bulk-overflow", test_rollups_bulk_overflow);
  ADD ("import-path", test_import_path);
  ADD ("real-file", test_real_file);
  ADD ("cancel-statement-real-file", test_cancel_statement_real_file);
#undef ADD

  return g_test_run ();
}
