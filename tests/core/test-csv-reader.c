/* test-csv-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <zlib.h>

#include "ava-csv-reader.h"

/* Reads every record as "line:field|field|…" (problem records end in " !"),
 * one per line, so that a whole case compares as one string. */
static char *
read_all (AvaCsvReader *reader,
          GError      **error)
{
  g_autoptr (GString) out = g_string_new (NULL);

  while (ava_csv_reader_next (reader, error))
    {
      g_string_append_printf (out, "%" G_GUINT64_FORMAT ":", ava_csv_reader_get_line (reader));
      for (guint i = 0; i < ava_csv_reader_get_n_fields (reader); i++)
        {
          gsize       length;
          const char *field = ava_csv_reader_get_field (reader, i, &length);

          g_assert_cmpuint (strlen (field), ==, length);
          g_string_append_printf (out, "%s%s", i ? "|" : "", field);
        }
      if (ava_csv_reader_get_problem (reader) != NULL)
        g_string_append (out, " !");
      g_string_append_c (out, '\n');
    }

  if (error != NULL && *error != NULL)
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
read_text (const char *text,
           gsize       length,
           GError    **error)
{
  g_autoptr (GBytes)       bytes = g_bytes_new (text, length);
  g_autoptr (AvaCsvReader) reader = ava_csv_reader_new_for_bytes (bytes, "test.csv");

  return read_all (reader, error);
}

static void
test_records (void)
{
  static const struct
  {
    const char *name;
    const char *input;
    const char *expected;
  } cases[] = {
    { "plain", "a,b,c\n1,2,3\n", "1:a|b|c\n2:1|2|3\n" },
    { "no final newline", "a,b\n1,2", "1:a|b\n2:1|2\n" },
    { "crlf", "a,b\r\n1,2\r\n", "1:a|b\n2:1|2\n" },
    { "lone cr", "a,b\r1,2\r", "1:a|b\n2:1|2\n" },
    { "bom", "\xEF\xBB\xBF"
             "a,b\n1,2\n",
      "1:a|b\n2:1|2\n" },
    { "empty fields", ",,\n", "1:||\n" },
    { "trailing comma at eof", "a,", "1:a|\n" },
    { "quoted comma", "\"a,b\",c\n", "1:a,b|c\n" },
    { "doubled quote", "\"12\"\" ruler\",x\n", "1:12\" ruler|x\n" },
    { "quoted empty", "\"\",x\n", "1:|x\n" },
    { "quoted line break", "a,\"two\nlines\",c\nd,e,f\n", "1:a|two\nlines|c\n3:d|e|f\n" },
    { "quoted crlf kept", "\"x\r\ny\",z\r\n", "1:x\r\ny|z\n" },
    { "blank lines skipped", "a\n\n\nb\n", "1:a\n4:b\n" },
    { "spaces kept", " a , b \n", "1: a | b \n" },
    { "quote inside plain field", "12\" ruler,x\n", "1:12\" ruler|x\n" },
    { "text after closing quote", "\"a\"b,c\n", "1:ab|c !\n" },
    { "utf-8", "£,Åland,日本\n", "1:£|Åland|日本\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char   *out = NULL;

      g_test_message ("case: %s", cases[i].name);
      out = read_text (cases[i].input, strlen (cases[i].input), &error);
      g_assert_no_error (error);
      g_assert_cmpstr (out, ==, cases[i].expected);
    }
}

static void
test_errors (void)
{
  static const struct
  {
    const char *name;
    const char *input;
    gsize       length; /* 0: strlen */
    int         code;
    const char *message;
  } cases[] = {
    { "unterminated quote", "a,b\nc,\"open\nd,e\n", 0, AVA_CSV_ERROR_UNTERMINATED_QUOTE,
      "test.csv: line 2: a quoted field is never closed" },
    { "latin-1", "a,b\nx,caf\xE9\n", 0, AVA_CSV_ERROR_ENCODING, "test.csv: line 2: field 2 is not UTF-8 text" },
    { "nul byte", "a,b\nx,y\0z\n", 10, AVA_CSV_ERROR_ENCODING, "test.csv: line 2: field 2 is not UTF-8 text" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char   *out = NULL;
      gsize              length = cases[i].length ? cases[i].length : strlen (cases[i].input);

      g_test_message ("case: %s", cases[i].name);
      out = read_text (cases[i].input, length, &error);
      g_assert_null (out);
      g_assert_error (error, AVA_CSV_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_record_too_long (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *out = NULL;
  gsize              length = AVA_CSV_MAX_RECORD_BYTES + 10;
  g_autofree char   *input = g_malloc (length);

  memset (input, 'x', length);
  input[0] = '"';
  out = read_text (input, length, &error);
  g_assert_null (out);
  g_assert_error (error, AVA_CSV_ERROR, AVA_CSV_ERROR_RECORD_TOO_LONG);
}

/* Long quoted fields and line breaks must survive the buffer boundaries of a
 * real file, compressed or not. */
static void
test_files (void)
{
  g_autoptr (GString) input = g_string_new ("InvoiceNo,Description\r\n");
  g_autoptr (GString) expected = g_string_new ("1:InvoiceNo|Description\n");
  g_autofree char    *dir = g_dir_make_tmp ("ava-csv-XXXXXX", NULL);
  g_autofree char    *plain_path = g_build_filename (dir, "plain.csv", NULL);
  g_autofree char    *gzip_path = g_build_filename (dir, "packed.csv.gz", NULL);
  guint64             line = 2;
  gzFile              gz;

  for (guint i = 0; i < 40000; i++)
    {
      g_string_append_printf (input, "%u,\"desc, \"\"%u\"\"\nsecond\"\r\n", i, i);
      g_string_append_printf (expected, "%" G_GUINT64_FORMAT ":%u|desc, \"%u\"\nsecond\n", line, i, i);
      line += 2;
    }

  g_assert_true (g_file_set_contents (plain_path, input->str, input->len, NULL));
  gz = gzopen (gzip_path, "wb");
  g_assert_nonnull (gz);
  g_assert_cmpint (gzwrite (gz, input->str, input->len), ==, (int) input->len);
  g_assert_cmpint (gzclose (gz), ==, Z_OK);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (GError)       error = NULL;
      g_autoptr (AvaCsvReader) reader = ava_csv_reader_new_for_path (i ? gzip_path : plain_path, &error);
      g_autofree char         *out = NULL;

      g_assert_no_error (error);
      out = read_all (reader, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (out, ==, expected->str);
      g_assert_cmpuint (ava_csv_reader_get_bytes_read (reader), >, 0);
    }

  g_unlink (plain_path);
  g_unlink (gzip_path);
  g_rmdir (dir);
}

static void
test_truncated_gzip (void)
{
  g_autofree char         *dir = g_dir_make_tmp ("ava-csv-XXXXXX", NULL);
  g_autofree char         *path = g_build_filename (dir, "cut.csv.gz", NULL);
  g_autoptr (GString)      input = g_string_new ("a,b\n");
  g_autofree char         *packed = NULL;
  g_autoptr (GError)       error = NULL;
  g_autoptr (AvaCsvReader) reader = NULL;
  g_autofree char         *out = NULL;
  gsize                    packed_length;
  gzFile                   gz;

  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (input, "%u,%u\n", i, i * 7919);

  gz = gzopen (path, "wb");
  gzwrite (gz, input->str, input->len);
  gzclose (gz);
  g_assert_true (g_file_get_contents (path, &packed, &packed_length, NULL));
  g_assert_true (g_file_set_contents (path, packed, packed_length / 2, NULL));

  reader = ava_csv_reader_new_for_path (path, &error);
  g_assert_no_error (error);
  out = read_all (reader, &error);
  g_assert_null (out);
  g_assert_error (error, AVA_CSV_ERROR, AVA_CSV_ERROR_GZIP);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_missing_file (void)
{
  g_autoptr (GError)       error = NULL;
  g_autoptr (AvaCsvReader) reader = ava_csv_reader_new_for_path ("/nonexistent/sales.csv", &error);

  g_assert_null (reader);
  g_assert_error (error, AVA_CSV_ERROR, AVA_CSV_ERROR_OPEN);
  g_assert_true (g_str_has_prefix (error->message, "/nonexistent/sales.csv: cannot open"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ava/csv/records", test_records);
  g_test_add_func ("/ava/csv/errors", test_errors);
  g_test_add_func ("/ava/csv/record-too-long", test_record_too_long);
  g_test_add_func ("/ava/csv/files", test_files);
  g_test_add_func ("/ava/csv/truncated-gzip", test_truncated_gzip);
  g_test_add_func ("/ava/csv/missing-file", test_missing_file);

  return g_test_run ();
}
