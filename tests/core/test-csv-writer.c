/* test-csv-writer.c: CSV exports, byte for byte, and back through the
 * strict reader.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ava-csv-reader.h"
#include "ava-csv-writer.h"

/* A result with the awkward texts a real export meets. */
static AvaResult *
make_result (void)
{
  AvaResult  *result = ava_result_new (AVA_KPI_BY_COUNTRY);
  const char *names[] = { "Côte d'Ivoire, \"CI\"", "Two\r\nlines", "Plain", "日本" };

  ava_result_add_column (result, "rank", AVA_COLUMN_INTEGER);
  ava_result_add_column (result, "country", AVA_COLUMN_TEXT);
  ava_result_add_column (result, "revenue", AVA_COLUMN_MONEY);
  ava_result_add_column (result, "share", AVA_COLUMN_RATIO);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      ava_result_add_row (result);
      ava_result_set_integer (result, 0, i + 1);
      ava_result_set_text (result, 1, names[i]);
      ava_result_set_integer (result, 2, 12345678 - i * 1000000);
      ava_result_set_ratio (result, 3, i + 1, 3);
    }

  return result;
}

static void
test_machine_bytes (void)
{
  g_autoptr (AvaResult) result = make_result ();
  AvaCsvDialect         dialect;
  g_autofree char      *text = NULL;

  ava_csv_dialect_init (&dialect, AVA_CSV_PRESET_MACHINE);
  text = ava_csv_format_result (result, &dialect, NULL, 0);
  g_assert_cmpstr (text, ==,
                   "rank,country,revenue,share\r\n"
                   "1,\"Côte d'Ivoire, \"\"CI\"\"\",1234.5678,0.333333333333\r\n"
                   "2,\"Two\r\nlines\",1134.5678,0.666666666667\r\n"
                   "3,Plain,1034.5678,1.000000000000\r\n"
                   "4,日本,934.5678,1.333333333333\r\n");
}

static void
test_excel_bytes (void)
{
  g_autoptr (AvaResult) result = make_result ();
  guint                 order[] = { 2, 0 };
  AvaCsvDialect         comma, point;
  g_autofree char      *comma_text = NULL;
  g_autofree char      *point_text = NULL;

  /* A locale whose decimal mark is a comma: ";" between fields. */
  ava_csv_dialect_init_excel (&comma, ',');
  comma_text = ava_csv_format_result (result, &comma, order, G_N_ELEMENTS (order));
  g_assert_cmpstr (comma_text, ==,
                   "\xEF\xBB\xBFrank;country;revenue;share\r\n"
                   "3;Plain;1034,5678;1,000000000000\r\n"
                   "1;\"Côte d'Ivoire, \"\"CI\"\"\";1234,5678;0,333333333333\r\n");

  ava_csv_dialect_init_excel (&point, '.');
  point_text = ava_csv_format_result (result, &point, order, 1);
  g_assert_cmpstr (point_text, ==,
                   "\xEF\xBB\xBFrank,country,revenue,share\r\n"
                   "3,Plain,1034.5678,1.000000000000\r\n");
}

/* What we write, a strict RFC 4180 reader reads back unchanged. */
static void
test_round_trip (void)
{
  g_autoptr (AvaResult)    result = make_result ();
  AvaCsvDialect            dialect;
  g_autofree char         *text = NULL;
  g_autoptr (GBytes)       bytes = NULL;
  g_autoptr (AvaCsvReader) reader = NULL;
  g_autoptr (GError)       error = NULL;
  guint                    row = 0;

  ava_csv_dialect_init (&dialect, AVA_CSV_PRESET_MACHINE);
  text = ava_csv_format_result (result, &dialect, NULL, 0);
  bytes = g_bytes_new (text, strlen (text));
  reader = ava_csv_reader_new_for_bytes (bytes, "export.csv");

  g_assert_true (ava_csv_reader_next (reader, &error));
  g_assert_cmpstr (ava_csv_reader_get_field (reader, 3, NULL), ==, "share");

  while (ava_csv_reader_next (reader, &error))
    {
      g_assert_null (ava_csv_reader_get_problem (reader));
      g_assert_cmpuint (ava_csv_reader_get_n_fields (reader), ==, 4);
      for (guint c = 0; c < 4; c++)
        {
          g_autofree char *cell = ava_result_format_cell (result, row, c);

          g_assert_cmpstr (ava_csv_reader_get_field (reader, c, NULL), ==, cell);
        }
      row++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (row, ==, ava_result_get_n_rows (result));
}

static void
test_export_file (void)
{
  g_autoptr (AvaResult)    result = make_result ();
  g_autofree char         *dir = g_dir_make_tmp ("ava-export-XXXXXX", NULL);
  g_autofree char         *path = g_build_filename (dir, "table.csv", NULL);
  g_autoptr (GFile)        file = g_file_new_for_path (path);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError)       error = NULL;
  g_autofree char         *contents = NULL;
  g_autofree char         *expected = NULL;
  g_autoptr (GDir)         listing = NULL;
  AvaCsvDialect            dialect;
  guint                    n_files = 0;

  ava_csv_dialect_init (&dialect, AVA_CSV_PRESET_MACHINE);
  g_assert_true (ava_csv_export_result (result, &dialect, NULL, 0, file, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  expected = ava_csv_format_result (result, &dialect, NULL, 0);
  g_assert_cmpstr (contents, ==, expected);

  /* A cancelled export leaves the earlier file as it was, and no temporary
   * file behind. */
  g_clear_pointer (&contents, g_free);
  g_cancellable_cancel (cancellable);
  g_assert_false (ava_csv_export_result (result, &dialect, NULL, 0, file, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);

  listing = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);

  g_unlink (path);
  g_rmdir (dir);
}

typedef struct
{
  GArray       *seen;   /* guint rows_written, one per call */
  GCancellable *cancel; /* cancelled on the first call, if set */
} Progress;

static void
progress_cb (guint    rows_written,
             guint    n_rows,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_array_append_val (progress->seen, rows_written);
  if (progress->cancel != NULL)
    g_cancellable_cancel (progress->cancel);
}

/* A table of 10,000 rows: 4096-row chunks, progress after each, and a
 * cancel after the first leaves no new file and no temporary file. */
static void
test_export_progress_and_cancel (void)
{
  g_autoptr (AvaResult)    result = ava_result_new (AVA_KPI_TOP_CUSTOMERS);
  g_autofree char         *dir = g_dir_make_tmp ("ava-export-XXXXXX", NULL);
  g_autofree char         *path = g_build_filename (dir, "long.csv", NULL);
  g_autoptr (GFile)        file = g_file_new_for_path (path);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError)       error = NULL;
  g_autoptr (GArray)       seen = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray)       seen_cancelled = g_array_new (FALSE, FALSE, sizeof (guint));
  Progress                 progress = { seen, NULL };
  Progress                 cancelling = { seen_cancelled, cancellable };
  g_autoptr (GDir)         listing = NULL;
  g_autofree char         *contents = NULL;
  AvaCsvDialect            dialect;
  guint                    n_lines = 0;

  ava_result_add_column (result, "rank", AVA_COLUMN_INTEGER);
  for (guint i = 0; i < 10000; i++)
    {
      ava_result_add_row (result);
      ava_result_set_integer (result, 0, i + 1);
    }
  ava_csv_dialect_init (&dialect, AVA_CSV_PRESET_MACHINE);

  g_assert_true (ava_csv_export_result (result, &dialect, NULL, 0, file, progress_cb, &progress, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, ==, 3);
  g_assert_cmpuint (g_array_index (seen, guint, 0), ==, 4096);
  g_assert_cmpuint (g_array_index (seen, guint, 1), ==, 8192);
  g_assert_cmpuint (g_array_index (seen, guint, 2), ==, 10000);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  for (const char *p = contents; *p; p++)
    n_lines += *p == '\n';
  g_assert_cmpuint (n_lines, ==, 10001);
  g_unlink (path);

  g_assert_false (ava_csv_export_result (result, &dialect, NULL, 0, file, progress_cb, &cancelling, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (seen_cancelled->len, ==, 1);

  listing = g_dir_open (dir, 0, NULL);
  g_assert_null (g_dir_read_name (listing));
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ava/csv-writer/machine-bytes", test_machine_bytes);
  g_test_add_func ("/ava/csv-writer/excel-bytes", test_excel_bytes);
  g_test_add_func ("/ava/csv-writer/round-trip", test_round_trip);
  g_test_add_func ("/ava/csv-writer/export-file", test_export_file);
  g_test_add_func ("/ava/csv-writer/export-progress-and-cancel", test_export_progress_and_cancel);

  return g_test_run ();
}
