/* test-json-writer.c: JSON exports keep json-glib's pretty layout, parse
 * back to the result's cells with ratios at exactly 12 decimals, stream in
 * the order asked, report progress, and leave nothing behind when
 * cancelled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
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

static JsonNode *
parse (JsonParser *parser,
       const char *text)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);

  return json_parser_get_root (parser);
}

/* A row object holds every column under its name: integers as integers,
 * ratios as numbers equal to their fraction, the rest as their machine
 * form in a string. */
static void
assert_row_matches (JsonObject *object,
                    AvaResult  *result,
                    guint       row)
{
  guint n_columns = ava_result_get_n_columns (result);

  g_assert_cmpuint (json_object_get_size (object), ==, n_columns);
  for (guint c = 0; c < n_columns; c++)
    {
      const char      *name = ava_result_get_column_name (result, c);
      JsonNode        *node = json_object_get_member (object, name);
      const AvaCell   *cell = ava_result_get_cell (result, row, c);
      g_autofree char *machine = ava_result_format_cell (result, row, c);

      g_assert_nonnull (node);
      g_assert_cmpint (JSON_NODE_TYPE (node), ==, JSON_NODE_VALUE);
      switch (ava_result_get_column_type (result, c))
        {
        case AVA_COLUMN_INTEGER:
          g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);
          g_assert_cmpint (json_node_get_int (node), ==, cell->integer);
          break;
        case AVA_COLUMN_RATIO:
          {
            double exact = cell->ratio.denominator ? (double) cell->ratio.numerator / (double) cell->ratio.denominator : 0.0;

            g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_DOUBLE);
            g_assert_cmpfloat_with_epsilon (json_node_get_double (node), exact, 1e-12);
          }
          break;
        default:
          g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_STRING);
          g_assert_cmpstr (json_node_get_string (node), ==, machine);
          break;
        }
    }
}

/* The overview is one object, every other KPI an array of row objects. */
static void
assert_node_matches (JsonNode  *node,
                     AvaResult *result)
{
  guint n_rows = ava_result_get_n_rows (result);

  if (ava_result_get_kpi (result) == AVA_KPI_OVERVIEW)
    {
      g_assert_cmpint (JSON_NODE_TYPE (node), ==, JSON_NODE_OBJECT);
      assert_row_matches (json_node_get_object (node), result, 0);
      return;
    }

  g_assert_cmpint (JSON_NODE_TYPE (node), ==, JSON_NODE_ARRAY);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, n_rows);
  for (guint r = 0; r < n_rows; r++)
    assert_row_matches (json_array_get_object_element (json_node_get_array (node), r), result, r);
}

/* In the raw text, every value of @result's ratio columns is a bare
 * number with exactly AVA_RATIO_DECIMALS decimals, rounded from the exact
 * fraction; rows appear in order. */
static void
assert_ratio_digits (const char *text,
                     AvaResult  *result)
{
  for (guint c = 0; c < ava_result_get_n_columns (result); c++)
    {
      g_autofree char       *pattern = NULL;
      g_autoptr (GRegex)     regex = NULL;
      g_autoptr (GMatchInfo) match = NULL;
      guint                  row = 0;

      if (ava_result_get_column_type (result, c) != AVA_COLUMN_RATIO)
        continue;

      pattern = g_strdup_printf ("\"%s\" : ([^,\\n]*)", ava_result_get_column_name (result, c));
      regex = g_regex_new (pattern, 0, 0, NULL);
      for (g_regex_match (regex, text, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
        {
          g_autofree char *number = g_match_info_fetch (match, 1);
          const AvaRatio  *ratio = &ava_result_get_cell (result, row, c)->ratio;
          double           exact = ratio->denominator ? (double) ratio->numerator / (double) ratio->denominator : 0.0;

          g_assert_true (g_regex_match_simple ("^-?(0|[1-9][0-9]*)\\.[0-9]{12}$", number, 0, 0));
          g_assert_cmpfloat_with_epsilon (g_ascii_strtod (number, NULL), exact, 0.5e-12 + 1e-15);
          row++;
        }
      g_assert_cmpuint (row, ==, ava_result_get_n_rows (result));
    }
}

/* Every KPI, empty or not, parses back to its cells, ratios with exactly
 * 12 decimals in the text. */
static void
test_values (void)
{
  g_autoptr (AvaEngine) engine = demo_engine ();

  for (AvaKpi kpi = 0; kpi < AVA_N_KPIS; kpi++)
    {
      g_autoptr (AvaResult)  result = run (engine, kpi, 5);
      g_autoptr (AvaResult)  empty = ava_result_new_for_kpi (kpi);
      g_autofree char       *text = ava_json_format_result (result, NULL, 0);
      g_autoptr (JsonParser) parser = json_parser_new ();

      g_assert_true (g_str_has_suffix (text, "\n"));
      assert_node_matches (parse (parser, text), result);
      assert_ratio_digits (text, result);

      if (kpi != AVA_KPI_OVERVIEW)
        {
          g_autofree char *empty_text = ava_json_format_result (empty, NULL, 0);

          g_assert_cmpstr (empty_text, ==, "[]\n");
        }
    }
}

/* Ratios from their exact fractions, rounded half away from zero: whole
 * ones and halves keep all 12 decimals, no floating point shows. */
static void
test_ratio_digits (void)
{
  g_autoptr (AvaResult)  result = ava_result_new (AVA_KPI_COHORTS);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char       *text = NULL;
  const struct
  {
    gint64      numerator, denominator;
    const char *text;
  } ratios[] = {
    { 1, 1, "1.000000000000" },
    { 1, 2, "0.500000000000" },
    { 0, 0, "0.000000000000" },
    { 0, 7, "0.000000000000" },
    { 2, 3, "0.666666666667" },
    { 869591474183, 1000000000000, "0.869591474183" },
    { 1, 3000000000000, "0.000000000000" },
    { 1, 2000000000000, "0.000000000001" },
    { 999999999999999, 1000000000000000, "1.000000000000" },
    { -1, 3, "-0.333333333333" },
    { G_MAXINT64, G_MAXINT64 - 1, "1.000000000000" },
  };
  g_autoptr (GString) expected = g_string_new ("[\n");

  ava_result_add_column (result, "rate", AVA_COLUMN_RATIO);
  for (guint i = 0; i < G_N_ELEMENTS (ratios); i++)
    {
      ava_result_add_row (result);
      ava_result_set_ratio (result, 0, ratios[i].numerator, ratios[i].denominator);
      g_string_append_printf (expected, "  {\n    \"rate\" : %s\n  }%s\n", ratios[i].text,
                              i + 1 < G_N_ELEMENTS (ratios) ? "," : "");
    }
  g_string_append (expected, "]\n");

  text = ava_json_format_result (result, NULL, 0);
  g_assert_cmpstr (text, ==, expected->str);
  assert_node_matches (parse (parser, text), result);
  assert_ratio_digits (text, result);
}

/* json-glib's pretty layout, as before ratios had fixed decimals. */
static void
test_layout (void)
{
  g_autoptr (AvaResult) overview = ava_result_new_for_kpi (AVA_KPI_OVERVIEW);
  g_autoptr (AvaResult) countries = ava_result_new (AVA_KPI_BY_COUNTRY);
  g_autofree char      *overview_text = NULL;
  g_autofree char      *countries_text = NULL;

  ava_result_add_overview_row (overview, 190000, 2, 1, 8, 0);
  overview_text = ava_json_format_result (overview, NULL, 0);
  g_assert_cmpstr (overview_text, ==,
                   "{\n"
                   "  \"gross_revenue\" : \"19.0000\",\n"
                   "  \"orders\" : 2,\n"
                   "  \"aov\" : \"9.5000\",\n"
                   "  \"customers\" : 1,\n"
                   "  \"units\" : 8,\n"
                   "  \"returns\" : \"0.0000\",\n"
                   "  \"net_revenue\" : \"19.0000\"\n"
                   "}\n");

  ava_result_add_column (countries, "rank", AVA_COLUMN_INTEGER);
  ava_result_add_column (countries, "country", AVA_COLUMN_TEXT);
  ava_result_add_column (countries, "share", AVA_COLUMN_RATIO);
  ava_result_add_column (countries, "first", AVA_COLUMN_TIMESTAMP);
  ava_result_add_row (countries);
  ava_result_set_integer (countries, 0, 1);
  ava_result_set_text (countries, 1, "United Kingdom");
  ava_result_set_ratio (countries, 2, 153, 190);
  ava_result_set_integer (countries, 3, 1291191960);
  ava_result_add_row (countries);
  ava_result_set_integer (countries, 0, -2);
  ava_result_set_text (countries, 1, "France");
  ava_result_set_ratio (countries, 2, 37, 190);
  ava_result_set_integer (countries, 3, 0);
  countries_text = ava_json_format_result (countries, NULL, 0);
  g_assert_cmpstr (countries_text, ==,
                   "[\n"
                   "  {\n"
                   "    \"rank\" : 1,\n"
                   "    \"country\" : \"United Kingdom\",\n"
                   "    \"share\" : 0.805263157895,\n"
                   "    \"first\" : \"2010-12-01 08:26:00\"\n"
                   "  },\n"
                   "  {\n"
                   "    \"rank\" : -2,\n"
                   "    \"country\" : \"France\",\n"
                   "    \"share\" : 0.194736842105,\n"
                   "    \"first\" : \"1970-01-01 00:00:00\"\n"
                   "  }\n"
                   "]\n");
}

/* Quotes, backslashes, every control character and non-ASCII text come
 * back exactly; no raw control character is left in the text. */
static void
test_strings (void)
{
  g_autoptr (AvaResult)  result = ava_result_new (AVA_KPI_TOP_PRODUCTS);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GString)    controls = g_string_new (NULL);
  g_autofree char       *text = NULL;
  const char            *strings[] = {
               "",
               "Say \"hi\"",
               "C:\\path\\",
               "\\\"",
               "Côte d'Ivoire — 10 € 😀",
               "tab\there\r\nnew\bline\f",
               "/slash/ and \x7f",
               NULL, /* every control character */
  };

  for (char c = 1; c < 0x20; c++)
    g_string_append_c (controls, c);
  strings[G_N_ELEMENTS (strings) - 1] = controls->str;

  ava_result_add_column (result, "description", AVA_COLUMN_TEXT);
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      ava_result_add_row (result);
      ava_result_set_text (result, 0, strings[i]);
    }

  text = ava_json_format_result (result, NULL, 0);
  assert_node_matches (parse (parser, text), result);
  for (const char *p = text; *p != '\0'; p++)
    g_assert_true ((guchar) *p >= 0x20 || *p == '\n');
  g_assert_nonnull (strstr (text, "\"Say \\\"hi\\\"\""));
  g_assert_nonnull (strstr (text, "\"C:\\\\path\\\\\""));
  g_assert_nonnull (strstr (text, "\"tab\\there\\r\\nnew\\bline\\f\""));
  g_assert_nonnull (strstr (text, "\"Côte d'Ivoire — 10 € 😀\""));
  g_assert_nonnull (strstr (text, "\\u0001\\u0002"));
  g_assert_nonnull (strstr (text, "\\u001e\\u001f\""));
}

/* `kpi dashboard`: one object with the six results under their KPIs'
 * names, in order, each the result's own text one level deeper. */
static void
test_dashboard (void)
{
  g_autoptr (AvaEngine)  engine = demo_engine ();
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GString)    expected = g_string_new ("{\n");
  AvaResult             *results[AVA_N_KPIS];
  g_autofree char       *text = NULL;
  JsonObject            *root;
  g_autoptr (GList)      names = NULL;

  for (AvaKpi kpi = 0; kpi < AVA_N_KPIS; kpi++)
    {
      g_autofree char *alone = NULL;
      g_auto (GStrv)   lines = NULL;

      results[kpi] = run (engine, kpi, 3);
      alone = ava_json_format_result (results[kpi], NULL, 0);
      alone[strlen (alone) - 1] = '\0';
      lines = g_strsplit (alone, "\n", -1);
      g_string_append_printf (expected, "  \"%s\" : ", ava_kpi_get_name (kpi));
      for (guint i = 0; lines[i] != NULL; i++)
        g_string_append_printf (expected, "%s%s", i > 0 ? "\n  " : "", lines[i]);
      g_string_append (expected, kpi + 1 < AVA_N_KPIS ? ",\n" : "\n");
    }
  g_string_append (expected, "}\n");

  text = ava_json_format_dashboard (results);
  g_assert_cmpstr (text, ==, expected->str);

  root = json_node_get_object (parse (parser, text));
  names = json_object_get_members (root);
  g_assert_cmpuint (g_list_length (names), ==, AVA_N_KPIS);
  for (AvaKpi kpi = 0; kpi < AVA_N_KPIS; kpi++)
    {
      g_assert_cmpstr (g_list_nth_data (names, kpi), ==, ava_kpi_get_name (kpi));
      assert_node_matches (json_object_get_member (root, ava_kpi_get_name (kpi)), results[kpi]);
    }
  g_assert_true (g_regex_match_simple ("\"(share|rate)\" : [0-9]\\.[0-9]{12},?\\n", text, 0, 0));
  g_assert_false (g_regex_match_simple ("\"(share|rate)\" : (?![0-9]\\.[0-9]{12},?\\n)", text, 0, 0));

  for (AvaKpi kpi = 0; kpi < AVA_N_KPIS; kpi++)
    g_object_unref (results[kpi]);
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
 * is the formatted text, whole. */
static void
test_export_progress (void)
{
  g_autoptr (AvaResult)  result = long_result ();
  g_autoptr (JsonParser) parser = json_parser_new ();
  guint                  n_rows = ava_result_get_n_rows (result);
  g_autofree char       *dir = g_dir_make_tmp ("ava-json-XXXXXX", NULL);
  g_autofree char       *path = g_build_filename (dir, "customers.json", NULL);
  g_autoptr (GFile)      file = g_file_new_for_path (path);
  g_autoptr (GError)     error = NULL;
  g_autofree char       *contents = NULL;
  g_autofree char       *expected = ava_json_format_result (result, NULL, 0);
  Progress               progress = { g_array_new (FALSE, FALSE, sizeof (guint)) };

  /* More than one chunk of 4096 rows. */
  g_assert_cmpuint (n_rows, >, 4096);

  g_assert_true (ava_json_export_result (result, NULL, 0, file, progress_cb, &progress, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
  assert_node_matches (parse (parser, contents), result);
  assert_ratio_digits (contents, result);

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

  g_test_add_func ("/ava/json-writer/values", test_values);
  g_test_add_func ("/ava/json-writer/ratio-digits", test_ratio_digits);
  g_test_add_func ("/ava/json-writer/layout", test_layout);
  g_test_add_func ("/ava/json-writer/strings", test_strings);
  g_test_add_func ("/ava/json-writer/dashboard", test_dashboard);
  g_test_add_func ("/ava/json-writer/row-order", test_row_order);
  g_test_add_func ("/ava/json-writer/export-progress", test_export_progress);
  g_test_add_func ("/ava/json-writer/export-cancel-midway", test_export_cancel_midway);
  g_test_add_func ("/ava/json-writer/export-unwritable", test_export_unwritable);
  g_test_add_func ("/ava/result/copy-head", test_copy_head);

  return g_test_run ();
}
