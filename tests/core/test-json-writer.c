/* test-json-writer.c: JSON exports match json-glib's whole-document text
 * byte for byte, stream in the order asked, report progress, and leave
 * nothing behind when cancelled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ava-demo-generator.h"
#include "ava-json-writer.h"
#include "ava-offline-engine.h"

static AvaEngine *
demo_engine (void)
{
  g_autoptr (AvaQualityReport) report = NULL;
  g_autoptr (AvaDataset)       dataset = ava_demo_build_dataset (20000, AVA_DEMO_DEFAULT_SEED, &report);

  return ava_offline_engine_new (dataset);
}

static AvaResult *
run (AvaEngine *engine,
     AvaKpi     kpi,
     guint      limit)
{
  g_autoptr (AvaQuery) query = ava_query_new (kpi);
  g_autoptr (GError)   error = NULL;
  AvaResult           *result;

  query->limit = limit;
  result = ava_engine_run (engine, query, NULL, &error);
  g_assert_no_error (error);

  return result;
}

/* More rows than one 4096-row chunk, with every column type. */
static AvaResult *
long_result (void)
{
  AvaResult *result = ava_result_new (AVA_KPI_TOP_CUSTOMERS);

  ava_result_add_column (result, "rank", AVA_COLUMN_INTEGER);
  ava_result_add_column (result, "country", AVA_COLUMN_TEXT);
  ava_result_add_column (result, "revenue", AVA_COLUMN_MONEY);
  ava_result_add_column (result, "share", AVA_COLUMN_RATIO);
  ava_result_add_column (result, "first_purchase", AVA_COLUMN_TIMESTAMP);
  for (guint i = 0; i < 10000; i++)
    {
      ava_result_add_row (result);
      ava_result_set_integer (result, 0, i + 1);
      ava_result_set_text (result, 1, i % 2 ? "Côte d'Ivoire \"CI\"" : "Line\nbreak");
      ava_result_set_integer (result, 2, 12345678 - i);
      ava_result_set_ratio (result, 3, i, 10000);
      ava_result_set_integer (result, 4, 1291161600 + i);
    }

  return result;
}

static guint
count_files (const char *dir)
{
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  guint            n_files = 0;

  while (g_dir_read_name (listing) != NULL)
    n_files++;

  return n_files;
}

/* Every KPI, empty or not, as the CLI printed it before the streaming
 * writer existed: json-glib's pretty text of the whole tree. */
static void
test_same_as_json_glib (void)
{
  g_autoptr (AvaEngine) engine = demo_engine ();

  for (AvaKpi kpi = 0; kpi < AVA_N_KPIS; kpi++)
    {
      g_autoptr (AvaResult) result = run (engine, kpi, 5);
      g_autoptr (AvaResult) empty = ava_result_new_for_kpi (kpi);
      g_autoptr (JsonNode)  root = ava_result_to_json_node (result);
      g_autofree char      *expected = ava_json_to_text (root);
      g_autofree char      *text = ava_json_format_result (result, NULL, 0);

      g_assert_cmpstr (text, ==, expected);
      g_assert_true (g_str_has_suffix (text, "\n"));

      if (kpi != AVA_KPI_OVERVIEW)
        {
          g_autoptr (JsonNode) empty_root = ava_result_to_json_node (empty);
          g_autofree char     *empty_expected = ava_json_to_text (empty_root);
          g_autofree char     *empty_text = ava_json_format_result (empty, NULL, 0);

          g_assert_cmpstr (empty_text, ==, empty_expected);
        }
    }
}

/* Rows in the order given, each the row it names. */
static void
test_row_order (void)
{
  g_autoptr (AvaEngine)  engine = demo_engine ();
  g_autoptr (AvaResult)  result = run (engine, AVA_KPI_TOP_PRODUCTS, 6);
  guint                  order[] = { 5, 0, 3 };
  g_autofree char       *text = ava_json_format_result (result, order, G_N_ELEMENTS (order));
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError)     error = NULL;
  JsonArray             *rows;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  rows = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (rows), ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      g_assert_cmpint (json_object_get_int_member (row, "rank"), ==, order[i] + 1);
      g_assert_cmpstr (json_object_get_string_member (row, "stock_code"), ==,
                       ava_result_get_text (result, order[i], 1));
    }
}

typedef struct
{
  GArray       *calls; /* guint rows_written */
  guint         n_rows;
  GCancellable *cancel_after_first;
} Progress;

static void
progress_cb (guint    rows_written,
             guint    n_rows,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_array_append_val (progress->calls, rows_written);
  progress->n_rows = n_rows;
  if (progress->cancel_after_first != NULL)
    g_cancellable_cancel (progress->cancel_after_first);
}

/* A long table reports progress chunk by chunk, up to every row; the file
 * is the formatted text. */
static void
test_export_progress (void)
{
  g_autoptr (AvaResult) result = long_result ();
  g_autoptr (JsonNode)  root = ava_result_to_json_node (result);
  g_autofree char      *whole = ava_json_to_text (root);
  guint                 n_rows = ava_result_get_n_rows (result);
  g_autofree char      *dir = g_dir_make_tmp ("ava-json-XXXXXX", NULL);
  g_autofree char      *path = g_build_filename (dir, "customers.json", NULL);
  g_autoptr (GFile)     file = g_file_new_for_path (path);
  g_autoptr (GError)    error = NULL;
  g_autofree char      *contents = NULL;
  g_autofree char      *expected = ava_json_format_result (result, NULL, 0);
  Progress              progress = { g_array_new (FALSE, FALSE, sizeof (guint)) };

  /* More than one chunk of 4096 rows. */
  g_assert_cmpuint (n_rows, >, 4096);

  g_assert_true (ava_json_export_result (result, NULL, 0, file, progress_cb, &progress, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
  g_assert_cmpstr (contents, ==, whole);

  g_assert_cmpuint (progress.calls->len, ==, 3);
  g_assert_cmpuint (g_array_index (progress.calls, guint, 0), ==, 4096);
  g_assert_cmpuint (g_array_index (progress.calls, guint, progress.calls->len - 1), ==, n_rows);
  g_assert_cmpuint (progress.n_rows, ==, n_rows);
  g_assert_cmpuint (count_files (dir), ==, 1);

  g_array_unref (progress.calls);
  g_unlink (path);
  g_rmdir (dir);
}

/* Cancelled after the first chunk, a new file is not created and no
 * temporary file stays: the writer does not write in place. */
static void
test_export_cancel_midway (void)
{
  g_autoptr (AvaResult)    result = long_result ();
  g_autofree char         *dir = g_dir_make_tmp ("ava-json-XXXXXX", NULL);
  g_autofree char         *path = g_build_filename (dir, "customers.json", NULL);
  g_autoptr (GFile)        file = g_file_new_for_path (path);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError)       error = NULL;
  Progress                 progress = { g_array_new (FALSE, FALSE, sizeof (guint)), 0, cancellable };

  g_assert_false (ava_json_export_result (result, NULL, 0, file, progress_cb, &progress, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (progress.calls->len, ==, 1);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (dir), ==, 0);

  g_array_unref (progress.calls);
  g_rmdir (dir);
}

/* An unwritable place fails with the file's name and the reason. */
static void
test_export_unwritable (void)
{
  g_autoptr (AvaEngine) engine = demo_engine ();
  g_autoptr (AvaResult) result = run (engine, AVA_KPI_BY_COUNTRY, 5);
  g_autoptr (GFile)     file = g_file_new_for_path ("/nonexistent-dir/countries.json");
  g_autoptr (GError)    error = NULL;

  g_assert_false (ava_json_export_result (result, NULL, 0, file, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent-dir/countries.json"));
  g_assert_nonnull (strstr (error->message, g_strerror (ENOENT)));
}

/* The head of a ranking keeps its columns and first rows exactly. */
static void
test_copy_head (void)
{
  g_autoptr (AvaEngine) engine = demo_engine ();
  g_autoptr (AvaResult) result = run (engine, AVA_KPI_BY_COUNTRY, 0);
  g_autoptr (AvaResult) head = ava_result_copy_head (result, 3);
  g_autoptr (AvaResult) all = ava_result_copy_head (result, G_MAXUINT);
  g_autofree char      *difference = NULL;

  g_assert_cmpuint (ava_result_get_n_rows (head), ==, 3);
  g_assert_cmpuint (ava_result_get_n_columns (head), ==, ava_result_get_n_columns (result));
  for (guint r = 0; r < 3; r++)
    for (guint c = 0; c < ava_result_get_n_columns (result); c++)
      {
        g_autofree char *want = ava_result_format_cell (result, r, c);
        g_autofree char *got = ava_result_format_cell (head, r, c);

        g_assert_cmpstr (got, ==, want);
      }
  g_assert_true (ava_result_equal (all, result, &difference));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ava/json-writer/same-as-json-glib", test_same_as_json_glib);
  g_test_add_func ("/ava/json-writer/row-order", test_row_order);
  g_test_add_func ("/ava/json-writer/export-progress", test_export_progress);
  g_test_add_func ("/ava/json-writer/export-cancel-midway", test_export_cancel_midway);
  g_test_add_func ("/ava/json-writer/export-unwritable", test_export_unwritable);
  g_test_add_func ("/ava/result/copy-head", test_copy_head);

  return g_test_run ();
}
