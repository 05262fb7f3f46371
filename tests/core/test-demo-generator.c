/* test-demo-generator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ava-cleaner.h"
#include "ava-csv-reader.h"
#include "ava-demo-generator.h"
#include "ava-timestamp.h"

static GBytes *
write_csv (guint   n_rows,
           guint64 seed)
{
  g_autoptr (GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr (GError)        error = NULL;
  gboolean                  ok;

  ok = ava_demo_write_csv (output, n_rows, seed, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_true (g_output_stream_close (output, NULL, NULL));

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (output));
}

static AvaDataset *
load_csv (GBytes            *bytes,
          AvaQualityReport **report)
{
  g_autoptr (AvaCsvReader) reader = ava_csv_reader_new_for_bytes (bytes, AVA_DEMO_SOURCE_NAME);
  g_autoptr (GError)       error = NULL;
  AvaDataset              *dataset;

  dataset = ava_load_csv_reader (reader, NULL, report, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dataset);

  return dataset;
}

static char *
checksum (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static void
test_determinism (void)
{
  g_autoptr (GBytes) first = write_csv (20000, 42);
  g_autoptr (GBytes) second = write_csv (20000, 42);
  g_autoptr (GBytes) other = write_csv (20000, 43);
  g_autofree char   *first_sum = checksum (first);
  g_autofree char   *second_sum = checksum (second);
  g_autofree char   *other_sum = checksum (other);

  g_test_message ("20000 rows, seed 42: %" G_GSIZE_FORMAT " bytes, sha256 %s",
                  g_bytes_get_size (first), first_sum);
  g_assert_true (g_bytes_equal (first, second));
  g_assert_cmpstr (first_sum, ==, second_sum);
  g_assert_false (g_bytes_equal (first, other));
  g_assert_cmpstr (first_sum, !=, other_sum);
}

static void
assert_reports_equal (const AvaQualityReport *a,
                      const AvaQualityReport *b)
{
  g_autofree char *a_json = ava_quality_report_to_json (a);
  g_autofree char *b_json = ava_quality_report_to_json (b);

  g_assert_cmpstr (a->source_name, ==, b->source_name);
  g_assert_cmpuint (a->input_rows, ==, b->input_rows);
  g_assert_cmpuint (a->rejected, ==, b->rejected);
  g_assert_cmpuint (a->duplicates_dropped, ==, b->duplicates_dropped);
  g_assert_cmpuint (a->kept_lines, ==, b->kept_lines);
  g_assert_cmpuint (a->sale_lines, ==, b->sale_lines);
  g_assert_cmpuint (a->return_lines, ==, b->return_lines);
  g_assert_cmpuint (a->excluded_lines, ==, b->excluded_lines);
  g_assert_cmpint (a->first_invoice_date, ==, b->first_invoice_date);
  g_assert_cmpint (a->last_invoice_date, ==, b->last_invoice_date);
  g_assert_cmpuint (a->customers, ==, b->customers);
  g_assert_cmpuint (a->products, ==, b->products);
  g_assert_cmpuint (a->countries, ==, b->countries);
  g_assert_cmpuint (a->invoices, ==, b->invoices);
  g_assert_cmpuint (a->rejected_rows->len, ==, b->rejected_rows->len);
  for (guint i = 0; i < a->rejected_rows->len; i++)
    {
      const AvaRejectedRow *x = &g_array_index (a->rejected_rows, AvaRejectedRow, i);
      const AvaRejectedRow *y = &g_array_index (b->rejected_rows, AvaRejectedRow, i);

      g_assert_cmpuint (x->line, ==, y->line);
      g_assert_cmpstr (x->reason, ==, y->reason);
    }

  /* And whatever the report shows beyond the fields above. */
  g_assert_cmpstr (a_json, ==, b_json);
}

static void
assert_datasets_equal (AvaDataset *a,
                       AvaDataset *b)
{
  guint               n_a, n_b;
  const AvaSalesLine *lines_a = ava_dataset_get_lines (a, &n_a);
  const AvaSalesLine *lines_b = ava_dataset_get_lines (b, &n_b);

  g_assert_cmpuint (n_a, ==, n_b);
  for (guint i = 0; i < n_a; i++)
    {
      const AvaSalesLine *x = &lines_a[i];
      const AvaSalesLine *y = &lines_b[i];

      g_assert_cmpint (x->invoiced_at, ==, y->invoiced_at);
      g_assert_cmpint (x->unit_price, ==, y->unit_price);
      g_assert_cmpint (x->customer_id, ==, y->customer_id);
      g_assert_cmpint (x->quantity, ==, y->quantity);
      g_assert_cmpuint (x->source_line, ==, y->source_line);
      g_assert_cmpuint (x->line_class, ==, y->line_class);
      for (AvaPool pool = 0; pool < AVA_N_POOLS; pool++)
        g_assert_cmpstr (ava_dataset_get_text (a, x, pool), ==, ava_dataset_get_text (b, y, pool));
    }
}

/* The dataset built in memory is exactly what loading the CSV file gives. */
static void
test_round_trip (void)
{
  static const guint sizes[] = { 0, 1, 100, 30000, AVA_DEMO_DEFAULT_ROWS };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr (GBytes)           bytes = write_csv (sizes[i], AVA_DEMO_DEFAULT_SEED);
      g_autoptr (AvaQualityReport) built_report = NULL;
      g_autoptr (AvaQualityReport) loaded_report = NULL;
      g_autoptr (AvaDataset)       built = ava_demo_build_dataset (sizes[i], AVA_DEMO_DEFAULT_SEED, &built_report);
      g_autoptr (AvaDataset)       loaded = load_csv (bytes, &loaded_report);

      g_test_message ("%u rows: %" G_GSIZE_FORMAT " CSV bytes, %" G_GUINT64_FORMAT " kept lines",
                      sizes[i], g_bytes_get_size (bytes), built_report->kept_lines);
      g_assert_cmpuint (built_report->input_rows, ==, sizes[i]);
      assert_reports_equal (built_report, loaded_report);
      assert_datasets_equal (built, loaded);
    }
}

static void
test_csv_format (void)
{
  g_autoptr (GBytes) bytes = write_csv (30000, AVA_DEMO_DEFAULT_SEED);
  gsize              size;
  const char        *text = g_bytes_get_data (bytes, &size);
  g_autofree char   *copy = g_strndup (text, size);
  g_auto (GStrv)     records = g_strsplit (copy, "\r\n", -1);
  guint              n_quoted = 0;
  guint              n_padded = 0;

  g_assert_cmpstr (records[0], ==, "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country");
  /* 30000 records, each ended by CRLF, then nothing. */
  g_assert_cmpuint (g_strv_length (records), ==, 30000 + 2);
  g_assert_cmpstr (records[30001], ==, "");

  for (guint i = 1; i <= 30000; i++)
    {
      if (strchr (records[i], '"') != NULL)
        n_quoted++;
      if (strstr (records[i], " ,") != NULL)
        n_padded++;
      g_assert_null (strchr (records[i], '\n'));
    }

  /* Quoting and stray spaces are exercised, but rare. */
  g_assert_cmpuint (n_quoted, >, 0);
  g_assert_cmpuint (n_quoted, <, 3000);
  g_assert_cmpuint (n_padded, >, 0);
  g_assert_cmpuint (n_padded, <, 3000);
}

static void
test_cancel (void)
{
  g_autoptr (GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr (GCancellable)  cancellable = g_cancellable_new ();
  g_autoptr (GError)        error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (ava_demo_write_csv (output, 1000, AVA_DEMO_DEFAULT_SEED, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_small (void)
{
  static const guint sizes[] = { 0, 1, 2, 100 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr (AvaQualityReport) report = NULL;
      g_autoptr (AvaDataset)       dataset = ava_demo_build_dataset (sizes[i], 7, &report);
      guint                        n_lines;

      ava_dataset_get_lines (dataset, &n_lines);
      g_assert_cmpuint (report->input_rows, ==, sizes[i]);
      g_assert_cmpuint (report->rejected, ==, 0);
      g_assert_cmpuint (n_lines + report->duplicates_dropped, ==, sizes[i]);
    }
}

static int
compare_descending (gconstpointer a,
                    gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x < y) - (x > y);
}

static gboolean
is_service (AvaDataset         *dataset,
            const AvaSalesLine *line)
{
  return ava_stock_code_is_service (ava_dataset_get_text (dataset, line, AVA_POOL_STOCK_CODE));
}

static void
test_realism (void)
{
  g_autoptr (AvaQualityReport) report = NULL;
  g_autoptr (AvaDataset)       dataset = NULL;
  g_autoptr (GHashTable)       product_lines = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GArray)           counts = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTableIter               iter;
  gpointer                     value;
  gint64                       start = g_get_monotonic_time ();
  const AvaSalesLine          *lines;
  guint                        n_lines;
  guint                        n_uk = 0, n_anonymous = 0, n_services = 0, n_merchandise = 0;
  guint                        n_small_quantity = 0, n_usual_price = 0;
  gint64                       revenue[13 * 12] = { 0 };
  int                          first_month;
  int                          busiest = 0;
  guint                        top_lines = 0;
  double                       rows;

  dataset = ava_demo_build_dataset (AVA_DEMO_DEFAULT_ROWS, AVA_DEMO_DEFAULT_SEED, &report);
  g_test_message ("built %u rows in %.3f s", AVA_DEMO_DEFAULT_ROWS, (g_get_monotonic_time () - start) / 1e6);

  lines = ava_dataset_get_lines (dataset, &n_lines);
  first_month = ava_timestamp_get_month (report->first_invoice_date);
  rows = report->input_rows;

  for (guint i = 0; i < n_lines; i++)
    {
      const AvaSalesLine *line = &lines[i];
      int                 month = ava_timestamp_get_month (line->invoiced_at) - first_month;
      const char         *code;

      if (strcmp (ava_dataset_get_text (dataset, line, AVA_POOL_COUNTRY), "United Kingdom") == 0)
        n_uk++;
      if (line->customer_id == AVA_NO_CUSTOMER)
        n_anonymous++;

      if (line->line_class != AVA_LINE_SALE)
        continue;

      g_assert_cmpint (month, >=, 0);
      g_assert_cmpint (month, <, (int) G_N_ELEMENTS (revenue));
      revenue[month] += line->quantity * line->unit_price;

      if (is_service (dataset, line))
        {
          n_services++;
          continue;
        }

      n_merchandise++;
      if (line->quantity >= 1 && line->quantity <= 24)
        n_small_quantity++;
      if (line->unit_price >= 1000 && line->unit_price <= 500000)
        n_usual_price++;
      code = ava_dataset_get_text (dataset, line, AVA_POOL_STOCK_CODE);
      g_hash_table_insert (product_lines, (gpointer) code,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (product_lines, code)) + 1));
    }

  for (guint m = 1; m < G_N_ELEMENTS (revenue); m++)
    {
      if (revenue[m] > revenue[busiest])
        busiest = m;
    }

  /* Long tail: the best tenth of the products has a large share of lines. */
  g_hash_table_iter_init (&iter, product_lines);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      guint count = GPOINTER_TO_UINT (value);

      g_array_append_val (counts, count);
    }
  g_array_sort (counts, compare_descending);
  for (guint i = 0; i < counts->len / 10; i++)
    top_lines += g_array_index (counts, guint, i);

  g_test_message ("rows %" G_GUINT64_FORMAT ", kept %" G_GUINT64_FORMAT ", sale %" G_GUINT64_FORMAT
                  ", return %" G_GUINT64_FORMAT " (%.2f%%), excluded %" G_GUINT64_FORMAT " (%.2f%%)"
                  ", duplicates %" G_GUINT64_FORMAT " (%.2f%%), rejected %" G_GUINT64_FORMAT,
                  report->input_rows, report->kept_lines, report->sale_lines,
                  report->return_lines, 100 * report->return_lines / rows,
                  report->excluded_lines, 100 * report->excluded_lines / rows,
                  report->duplicates_dropped, 100 * report->duplicates_dropped / rows, report->rejected);
  g_test_message ("customers %u, products %u, countries %u, invoices %u (%.1f lines each)",
                  report->customers, report->products, report->countries, report->invoices,
                  (double) report->kept_lines / report->invoices);
  g_test_message ("UK %.1f%%, no customer %.1f%%, service sale lines %u, busiest month +%d, "
                  "top tenth of products %.1f%% of lines, quantity 1-24 %.1f%%, price 0.10-50 %.1f%%",
                  100.0 * n_uk / n_lines, 100.0 * n_anonymous / n_lines, n_services, busiest,
                  100.0 * top_lines / n_merchandise, 100.0 * n_small_quantity / n_merchandise,
                  100.0 * n_usual_price / n_merchandise);

  g_assert_cmpuint (report->input_rows, ==, AVA_DEMO_DEFAULT_ROWS);
  g_assert_cmpuint (report->rejected, ==, 0);
  g_assert_cmpuint (report->customers, >=, 3500);
  g_assert_cmpuint (report->customers, <=, 4500);
  g_assert_cmpuint (report->countries, >=, 30);
  g_assert_cmpuint (report->countries, <=, 40);
  g_assert_cmpuint (report->products, >=, 3300);
  g_assert_cmpuint (report->products, <=, 4100);
  g_assert_cmpfloat (report->duplicates_dropped / rows, >=, 0.005);
  g_assert_cmpfloat (report->duplicates_dropped / rows, <=, 0.015);
  g_assert_cmpfloat (report->return_lines / rows, >=, 0.01);
  g_assert_cmpfloat (report->return_lines / rows, <=, 0.025);
  g_assert_cmpuint (report->excluded_lines, >, 0);
  g_assert_cmpfloat (report->excluded_lines / rows, <=, 0.01);
  g_assert_cmpfloat ((double) n_uk / n_lines, >=, 0.80);
  g_assert_cmpfloat ((double) n_uk / n_lines, <=, 0.92);
  g_assert_cmpfloat ((double) n_anonymous / n_lines, >=, 0.20);
  g_assert_cmpfloat ((double) n_anonymous / n_lines, <=, 0.30);
  g_assert_cmpfloat ((double) report->kept_lines / report->invoices, >=, 12);
  g_assert_cmpfloat ((double) report->kept_lines / report->invoices, <=, 30);
  g_assert_cmpfloat ((double) top_lines / n_merchandise, >=, 0.35);
  g_assert_cmpfloat ((double) n_small_quantity / n_merchandise, >=, 0.75);
  g_assert_cmpfloat ((double) n_usual_price / n_merchandise, >=, 0.9);
  g_assert_cmpuint (n_services, >, 0);

  /* Twelve full months and a few days of the thirteenth; November sells
   * most. */
  g_assert_cmpint (ava_timestamp_get_month (report->last_invoice_date) - first_month, ==, 12);
  g_assert_cmpint ((first_month + busiest) % 12, ==, 10);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ava/demo/determinism", test_determinism);
  g_test_add_func ("/ava/demo/round-trip", test_round_trip);
  g_test_add_func ("/ava/demo/csv-format", test_csv_format);
  g_test_add_func ("/ava/demo/cancel", test_cancel);
  g_test_add_func ("/ava/demo/small", test_small);
  g_test_add_func ("/ava/demo/realism", test_realism);

  return g_test_run ();
}
