/* test-cleaner.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <zlib.h>

#include "ava-cleaner.h"
#include "ava-csv-reader.h"
#include "ava-demo-generator.h"
#include "ava-money.h"
#include "ava-timestamp.h"

#define HEADER "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"

static AvaDataset *
load_text (const char        *text,
           AvaQualityReport **report,
           GError           **error)
{
  g_autoptr (GBytes)       bytes = g_bytes_new (text, strlen (text));
  g_autoptr (AvaCsvReader) reader = ava_csv_reader_new_for_bytes (bytes, "sales.csv");

  return ava_load_csv_reader (reader, NULL, report, error);
}

static const char *
rejected_reason (AvaQualityReport *report,
                 guint             index,
                 guint64          *line)
{
  const AvaRejectedRow *row;

  g_assert_cmpuint (index, <, report->rejected_rows->len);
  row = &g_array_index (report->rejected_rows, AvaRejectedRow, index);
  *line = row->line;
  return row->reason;
}

static void
test_rejections (void)
{
  static const struct
  {
    const char *row;
    const char *reason;
  } cases[] = {
    { ",85123A,X,6,2010-12-01 08:26,2.55,17850,United Kingdom", "InvoiceNo is empty" },
    { "536365, ,X,6,2010-12-01 08:26,2.55,17850,United Kingdom", "StockCode is empty" },
    { "536365,85123A,X,,2010-12-01 08:26,2.55,17850,United Kingdom", "Quantity is empty" },
    { "536365,85123A,X,6,,2.55,17850,United Kingdom", "InvoiceDate is empty" },
    { "536365,85123A,X,6,2010-12-01 08:26,,17850,United Kingdom", "UnitPrice is empty" },
    { "536365,85123A,X,6,2010-12-01 08:26,2.55,17850,", "Country is empty" },
    { "536365,85123A,X,six,2010-12-01 08:26,2.55,17850,United Kingdom", "Quantity 'six' is not a whole number" },
    { "536365,85123A,X,6.5,2010-12-01 08:26,2.55,17850,United Kingdom", "Quantity '6.5' is not a whole number" },
    { "536365,85123A,X,99999999999,2010-12-01 08:26,2.55,17850,United Kingdom", "Quantity '99999999999' is out of range" },
    { "536365,85123A,X,6,2010-02-30 08:26,2.55,17850,United Kingdom", "InvoiceDate '2010-02-30 08:26' is not a valid calendar date and time" },
    { "536365,85123A,X,6,01.12.2010,2.55,17850,United Kingdom", "InvoiceDate '01.12.2010' is not a date like 2011-12-09 12:50 or 12/9/2011 12:50" },
    { "536365,85123A,X,6,2010-12-01 08:26,2.5.5,17850,United Kingdom", "UnitPrice '2.5.5' is not a decimal number" },
    { "536365,85123A,X,6,2010-12-01 08:26,0.00001,17850,United Kingdom", "UnitPrice '0.00001' has more than 4 decimal places" },
    { "536365,85123A,X,6,2010-12-01 08:26,2.55,17850.5,United Kingdom", "CustomerID '17850.5' is not a whole number" },
    { "536365,85123A,X,6,2010-12-01 08:26,2.55,-4,United Kingdom", "CustomerID '-4' is out of range" },
    { "536365,85123A,X,6,2010-12-01 08:26,2.55,17850", "has 7 fields, the header has 8" },
    { "536365,85123A,X,6,2010-12-01 08:26,2.55,17850,United Kingdom,extra", "has 9 fields, the header has 8" },
    { "536365,85123A,\"X\"Y,6,2010-12-01 08:26,2.55,17850,United Kingdom", "is not valid CSV: it has text after a closing quote" },
    { "536365,85123A,X,abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz,2010-12-01 08:26,2.55,17850,United Kingdom",
      "Quantity 'abcdefghijklmnopqrstuvwxyzabcdefghijklmn…' is not a whole number" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char             *text = g_strconcat (HEADER, "536300,1,ok,1,2010-12-01 08:00,1,,Spain\n", cases[i].row, "\n", NULL);
      g_autoptr (AvaQualityReport) report = NULL;
      g_autoptr (AvaDataset)       dataset = NULL;
      g_autoptr (GError)           error = NULL;
      guint64                      line = 0;

      g_test_message ("row: %s", cases[i].row);
      dataset = load_text (text, &report, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (report->input_rows, ==, 2);
      g_assert_cmpuint (report->rejected, ==, 1);
      g_assert_cmpuint (report->kept_lines, ==, 1);
      g_assert_cmpstr (rejected_reason (report, 0, &line), ==, cases[i].reason);
      g_assert_cmpuint (line, ==, 3);
    }
}

static void
test_header_errors (void)
{
  static const struct
  {
    const char *text;
    const char *message;
  } cases[] = {
    { "", "sales.csv: the file is empty; expected a header line" },
    { "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID\n",
      "sales.csv: line 1: the header has no Country column; expected the Online Retail columns "
      "InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID, Country" },
    { "Invoice,InvoiceNo,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country\n",
      "sales.csv: line 1: the header names column InvoiceNo twice" },
    { "\x89PNG\r\n", "sales.csv: line 1: field 1 is not UTF-8 text" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (AvaQualityReport) report = NULL;
      g_autoptr (AvaDataset)       dataset = NULL;
      g_autoptr (GError)           error = NULL;

      dataset = load_text (cases[i].text, &report, &error);
      g_assert_null (dataset);
      g_assert_null (report);
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* Online Retail II spelling, another column order, extra columns, trimming,
 * the M/D/YYYY date layout and spreadsheet-style "17850.0" ids. */
static void
test_header_variants (void)
{
  const char *text =
    "Country, Customer ID ,Price,InvoiceDate,Quantity,Description,StockCode,Invoice,Note\r\n"
    "  United Kingdom ,17850.0, 2.55 ,12/1/2010 8:26,6,  WHITE HANGING HEART  ,85123A,536365,x\r\n"
    "France,,1.5,2010-12-01 09:00:00,-2,,85123a,C536366,y\r\n";
  g_autoptr (AvaQualityReport) report = NULL;
  g_autoptr (AvaDataset)       dataset = NULL;
  g_autoptr (GError)           error = NULL;
  g_autofree char             *date = NULL;
  const AvaSalesLine          *lines;
  guint                        n_lines;

  dataset = load_text (text, &report, &error);
  g_assert_no_error (error);
  lines = ava_dataset_get_lines (dataset, &n_lines);
  g_assert_cmpuint (n_lines, ==, 2);

  g_assert_cmpstr (ava_dataset_get_text (dataset, &lines[0], AVA_POOL_COUNTRY), ==, "United Kingdom");
  g_assert_cmpstr (ava_dataset_get_text (dataset, &lines[0], AVA_POOL_DESCRIPTION), ==, "WHITE HANGING HEART");
  g_assert_cmpstr (ava_dataset_get_text (dataset, &lines[0], AVA_POOL_STOCK_CODE), ==, "85123A");
  g_assert_cmpstr (ava_dataset_get_text (dataset, &lines[0], AVA_POOL_INVOICE), ==, "536365");
  g_assert_cmpint (lines[0].customer_id, ==, 17850);
  g_assert_cmpint (lines[0].unit_price, ==, 25500);
  g_assert_cmpint (lines[0].quantity, ==, 6);
  g_assert_cmpuint (lines[0].source_line, ==, 2);
  date = ava_timestamp_format (lines[0].invoiced_at);
  g_assert_cmpstr (date, ==, "2010-12-01 08:26:00");
  g_assert_cmpint (lines[0].line_class, ==, AVA_LINE_SALE);

  /* Letter case is kept: 85123a is another product. */
  g_assert_cmpstr (ava_dataset_get_text (dataset, &lines[1], AVA_POOL_STOCK_CODE), ==, "85123a");
  g_assert_cmpint (lines[1].customer_id, ==, AVA_NO_CUSTOMER);
  g_assert_cmpstr (ava_dataset_get_text (dataset, &lines[1], AVA_POOL_DESCRIPTION), ==, "");
  g_assert_cmpint (lines[1].line_class, ==, AVA_LINE_RETURN);
  g_assert_cmpuint (report->products, ==, 2);
}

static void
test_classes (void)
{
  static const struct
  {
    const char  *row;
    AvaLineClass line_class;
  } cases[] = {
    { "536365,A,x,6,2010-12-01 08:26,2.55,1,UK", AVA_LINE_SALE },
    { "536366,POST,x,1,2010-12-01 08:26,18,1,UK", AVA_LINE_SALE },
    { "C536367,A,x,-6,2010-12-01 08:26,2.55,1,UK", AVA_LINE_RETURN },
    { "C536368,M,x,-1,2010-12-01 08:26,0,1,UK", AVA_LINE_RETURN },
    { "536369,A,x,-6,2010-12-01 08:26,2.55,1,UK", AVA_LINE_EXCLUDED },
    { "536370,A,x,6,2010-12-01 08:26,0,1,UK", AVA_LINE_EXCLUDED },
    { "536371,A,x,0,2010-12-01 08:26,2.55,1,UK", AVA_LINE_EXCLUDED },
    { "A563186,B,Adjust bad debt,1,2011-08-12 14:51,-11062.06,,UK", AVA_LINE_EXCLUDED },
    { "c536372,A,x,-6,2010-12-01 08:26,2.55,1,UK", AVA_LINE_EXCLUDED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char             *text = g_strconcat (HEADER, cases[i].row, "\n", NULL);
      g_autoptr (AvaQualityReport) report = NULL;
      g_autoptr (AvaDataset)       dataset = NULL;
      g_autoptr (GError)           error = NULL;
      const AvaSalesLine          *lines;
      guint                        n_lines;

      g_test_message ("row: %s", cases[i].row);
      dataset = load_text (text, &report, &error);
      g_assert_no_error (error);
      lines = ava_dataset_get_lines (dataset, &n_lines);
      g_assert_cmpuint (n_lines, ==, 1);
      g_assert_cmpint (lines[0].line_class, ==, cases[i].line_class);
      g_assert_cmpuint (report->sale_lines + report->return_lines + report->excluded_lines, ==, 1);
    }
}

static void
test_service_codes (void)
{
  g_assert_true (ava_stock_code_is_service ("POST"));
  g_assert_true (ava_stock_code_is_service ("BANK CHARGES"));
  g_assert_true (ava_stock_code_is_service ("m"));
  g_assert_false (ava_stock_code_is_service ("post"));
  g_assert_false (ava_stock_code_is_service ("85123A"));
  g_assert_false (ava_stock_code_is_service ("BANK"));
}

/* Duplicates compare parsed values: the same price written "2.5" and "2.50",
 * the same time in both layouts, spaces around fields. */
static void
test_duplicates (void)
{
  const char *text =
    HEADER
    "536365,85123A,HEART,6,2010-12-01 08:26:00,2.5,17850,United Kingdom\n"
    "536365,85123A,HEART ,6,12/1/2010 8:26,2.50,17850.0,United Kingdom\n"
    "536365,85123A,HEART,6,2010-12-01 08:26:00,2.5,17850,United Kingdom\n"
    "536365,85123A,HEART,7,2010-12-01 08:26:00,2.5,17850,United Kingdom\n"
    "536365,85123A,heart,6,2010-12-01 08:26:00,2.5,17850,United Kingdom\n"
    "536365,85123A,HEART,6,2010-12-01 08:27:00,2.5,17850,United Kingdom\n";
  g_autoptr (AvaQualityReport) report = NULL;
  g_autoptr (AvaDataset)       dataset = NULL;
  g_autoptr (GError)           error = NULL;
  const AvaSalesLine          *lines;
  guint                        n_lines;

  dataset = load_text (text, &report, &error);
  g_assert_no_error (error);
  lines = ava_dataset_get_lines (dataset, &n_lines);
  g_assert_cmpuint (report->input_rows, ==, 6);
  g_assert_cmpuint (report->duplicates_dropped, ==, 2);
  g_assert_cmpuint (report->kept_lines, ==, 4);
  g_assert_cmpuint (n_lines, ==, 4);
  /* The first of equal rows is the one kept. */
  g_assert_cmpuint (lines[0].source_line, ==, 2);
  g_assert_cmpuint (lines[1].source_line, ==, 5);
}

/* A rejected row is not an "earlier row" for duplicate detection, and a line
 * whose invoice already has another customer or country is rejected. */
static void
test_invoice_consistency (void)
{
  const char *text =
    HEADER
    "536365,A,x,1,2010-12-01 08:26,1,17850,United Kingdom\n"
    "536365,B,x,1,2010-12-01 08:26,1,12345,United Kingdom\n"
    "536365,C,x,1,2010-12-01 08:26,1,17850,France\n"
    "536365,D,x,1,2010-12-01 08:27,1,17850,United Kingdom\n"
    "536366,A,x,1,2010-12-01 08:26,1,,France\n"
    "536366,B,x,1,2010-12-01 08:26,1,17850,France\n";
  g_autoptr (AvaQualityReport) report = NULL;
  g_autoptr (AvaDataset)       dataset = NULL;
  g_autoptr (GError)           error = NULL;
  guint64                      line;

  dataset = load_text (text, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->rejected, ==, 3);
  g_assert_cmpuint (report->kept_lines, ==, 3);
  g_assert_cmpstr (rejected_reason (report, 0, &line), ==, "CustomerID differs from line 2 of invoice 536365");
  g_assert_cmpuint (line, ==, 3);
  g_assert_cmpstr (rejected_reason (report, 1, &line), ==, "Country differs from line 2 of invoice 536365");
  g_assert_cmpuint (line, ==, 4);
  g_assert_cmpstr (rejected_reason (report, 2, &line), ==, "CustomerID differs from line 6 of invoice 536366");
  g_assert_cmpuint (line, ==, 7);
  g_assert_cmpuint (report->invoices, ==, 2);
  g_assert_cmpuint (report->customers, ==, 1);
  g_assert_cmpuint (report->countries, ==, 2);
}

/* Line numbers are physical: a quoted line break moves later records down. */
static void
test_line_numbers (void)
{
  const char *text =
    HEADER
    "536365,A,\"two\nlines\",1,2010-12-01 08:26,1,17850,United Kingdom\n"
    "\n"
    "536365,B,x,bad,2010-12-01 08:26,1,17850,United Kingdom\n";
  g_autoptr (AvaQualityReport) report = NULL;
  g_autoptr (AvaDataset)       dataset = NULL;
  g_autoptr (GError)           error = NULL;
  guint64                      line;

  dataset = load_text (text, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->input_rows, ==, 2);
  g_assert_cmpstr (rejected_reason (report, 0, &line), ==, "Quantity 'bad' is not a whole number");
  g_assert_cmpuint (line, ==, 5);
}

static void
test_report (void)
{
  const char *text =
    HEADER
    "536365,A,x,2,2010-12-01 08:26,1.5,17850,United Kingdom\n"
    "C536366,A,x,-1,2011-01-05 10:00,1.5,17850,United Kingdom\n"
    "536367,B,y,1,2010-11-30 23:59,0,,EIRE\n"
    "536368,B,y,1,oops,0,,EIRE\n";
  g_autoptr (AvaQualityReport) report = NULL;
  g_autoptr (AvaDataset)       dataset = NULL;
  g_autoptr (GError)           error = NULL;
  g_autoptr (JsonParser)       parser = json_parser_new ();
  g_autofree char             *json = NULL;
  g_autofree char             *summary = NULL;
  JsonObject                  *object;
  JsonArray                   *rejected;

  dataset = load_text (text, &report, &error);
  g_assert_no_error (error);
  json = ava_quality_report_to_json (report);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));

  g_assert_cmpint (json_object_get_int_member (object, "input_rows"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (object, "rejected"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (object, "duplicates_dropped"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (object, "kept_lines"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (object, "sale_lines"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (object, "return_lines"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (object, "excluded_lines"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (object, "first_invoice_date"), ==, "2010-11-30 23:59:00");
  g_assert_cmpstr (json_object_get_string_member (object, "last_invoice_date"), ==, "2011-01-05 10:00:00");
  g_assert_cmpint (json_object_get_int_member (object, "customers"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (object, "products"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (object, "countries"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (object, "invoices"), ==, 3);
  rejected = json_object_get_array_member (object, "rejected_rows");
  g_assert_cmpuint (json_array_get_length (rejected), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (rejected, 0), "line"), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rejected, 0), "reason"), ==,
                   "InvoiceDate 'oops' is not a date like 2011-12-09 12:50 or 12/9/2011 12:50");

  summary = ava_quality_report_to_text (report);
  g_assert_nonnull (strstr (summary, "line 5: InvoiceDate 'oops'"));
}

/* The figures the data set's README states for the real file. */
static void
test_real_file (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("AVA_SHARED_DATA") ? g_getenv ("AVA_SHARED_DATA") : "",
                                            "online_retail.csv.gz", NULL);
  g_autoptr (AvaQualityReport) report = NULL;
  g_autoptr (AvaDataset)       dataset = NULL;
  g_autoptr (GError)           error = NULL;
  g_autofree char             *first = NULL;
  g_autofree char             *last = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *message = g_strdup_printf ("the real data set is not at %s (set AVA_SHARED_DATA)", path);

      g_test_skip (message);
      return;
    }

  dataset = ava_load_csv_path (path, NULL, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->input_rows, ==, 541909);
  g_assert_cmpuint (report->rejected, ==, 0);
  g_assert_cmpuint (report->duplicates_dropped, ==, 5268);
  g_assert_cmpuint (report->kept_lines, ==, 541909 - 5268);
  g_assert_cmpuint (report->sale_lines + report->return_lines + report->excluded_lines, ==, report->kept_lines);
  g_assert_cmpuint (report->customers, ==, 4372);
  g_assert_cmpuint (report->countries, ==, 38);
  g_assert_cmpuint (report->invoices, ==, 25900);
  first = ava_timestamp_format (report->first_invoice_date);
  last = ava_timestamp_format (report->last_invoice_date);
  g_assert_cmpstr (first, ==, "2010-12-01 08:26:00");
  g_assert_cmpstr (last, ==, "2011-12-09 12:50:00");
}

static void
record_progress_cb (guint64  bytes_read,
                    guint64  file_size,
                    gpointer user_data)
{
  guint64 pair[2] = { bytes_read, file_size };

  g_array_append_vals (user_data, pair, 2);
}

/* The bytes of the file, not of the text: a compressed file reports its
 * compressed size. Progress grows chunk by chunk up to the whole file. */
static void
test_progress (void)
{
  g_autofree char              *dir = g_dir_make_tmp ("ava-cleaner-XXXXXX", NULL);
  g_autofree char              *plain_path = g_build_filename (dir, "demo.csv", NULL);
  g_autofree char              *gzip_path = g_build_filename (dir, "demo.csv.gz", NULL);
  g_autoptr (GFile)             file = g_file_new_for_path (plain_path);
  g_autoptr (GFileOutputStream) output = NULL;
  g_autoptr (GError)            error = NULL;
  g_autofree char              *text = NULL;
  gsize                         length;
  gzFile                        gz;

  output = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ava_demo_write_csv (G_OUTPUT_STREAM (output), 40000, 7, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (output), NULL, &error));
  g_assert_true (g_file_get_contents (plain_path, &text, &length, &error));
  gz = gzopen (gzip_path, "wb");
  g_assert_nonnull (gz);
  g_assert_cmpint (gzwrite (gz, text, length), ==, (int) length);
  g_assert_cmpint (gzclose (gz), ==, Z_OK);

  for (guint i = 0; i < 2; i++)
    {
      const char                  *path = i ? gzip_path : plain_path;
      g_autoptr (GArray)           calls = g_array_new (FALSE, FALSE, sizeof (guint64));
      g_autoptr (AvaQualityReport) report = NULL;
      g_autoptr (AvaDataset)       dataset = NULL;
      GStatBuf                     st;
      const guint64               *pairs;
      guint                        n;

      g_assert_cmpint (g_stat (path, &st), ==, 0);
      dataset = ava_load_csv_path_with_progress (path, record_progress_cb, calls, NULL, &report, &error);
      g_assert_no_error (error);
      g_assert_nonnull (dataset);
      g_assert_cmpuint (report->input_rows, ==, 40000);

      pairs = (const guint64 *) (gpointer) calls->data;
      n = calls->len / 2;
      g_test_message ("%s: %u progress calls for %" G_GUINT64_FORMAT " bytes", path, n, (guint64) st.st_size);
      g_assert_cmpuint (n, >=, 3);
      /* Some calls come before the end... */
      g_assert_cmpuint (pairs[0], <, (guint64) st.st_size);
      for (guint c = 0; c < n; c++)
        {
          g_assert_cmpuint (pairs[2 * c + 1], ==, (guint64) st.st_size);
          if (c > 0)
            g_assert_cmpuint (pairs[2 * c], >=, pairs[2 * c - 2]);
        }
      /* ...and the last says all of it. */
      g_assert_cmpuint (pairs[2 * (n - 1)], ==, (guint64) st.st_size);
    }

  g_unlink (plain_path);
  g_unlink (gzip_path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ava/cleaner/rejections", test_rejections);
  g_test_add_func ("/ava/cleaner/header-errors", test_header_errors);
  g_test_add_func ("/ava/cleaner/header-variants", test_header_variants);
  g_test_add_func ("/ava/cleaner/classes", test_classes);
  g_test_add_func ("/ava/cleaner/service-codes", test_service_codes);
  g_test_add_func ("/ava/cleaner/duplicates", test_duplicates);
  g_test_add_func ("/ava/cleaner/invoice-consistency", test_invoice_consistency);
  g_test_add_func ("/ava/cleaner/line-numbers", test_line_numbers);
  g_test_add_func ("/ava/cleaner/report", test_report);
  g_test_add_func ("/ava/cleaner/progress", test_progress);
  g_test_add_func ("/ava/cleaner/real-file", test_real_file);

  return g_test_run ();
}
