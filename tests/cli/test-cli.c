/* test-cli.c: avastrolytics-cli as a script would use it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture      *fixture,
                gconstpointer user_data)
{
  fixture->dir = g_dir_make_tmp ("ava-cli-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
}

static void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer user_data)
{
  g_autoptr (GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char      *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

/* Runs the CLI; returns its exit status and fills stdout and stderr. */
static int
run_cli (char      **out,
         char      **err,
         const char *first_arg,
         ...)
{
  const char             *cli = g_getenv ("AVA_CLI");
  g_autoptr (GPtrArray)   args = g_ptr_array_new ();
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError)      error = NULL;
  const char             *arg;
  va_list                 ap;

  g_assert_nonnull (cli);
  g_ptr_array_add (args, (gpointer) cli);
  va_start (ap, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  process = g_subprocess_newv ((const char *const *) args->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);

  return g_subprocess_get_exit_status (process);
}

static void
test_quality_json (Fixture      *fixture,
                   gconstpointer user_data)
{
  g_autofree char       *path = write_file (fixture, "sales.csv",
                                            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
                                                  "536365,85123A,\"HEART, WHITE\",6,2010-12-01 08:26,2.55,17850.0,United Kingdom\n"
                                                  "536365,85123A,\"HEART, WHITE\",6,2010-12-01 08:26,2.55,17850.0,United Kingdom\n"
                                                  "C536366,22633,HAND WARMER,-6,2010-12-01 08:28,1.85,17850,United Kingdom\n"
                                                  "536367,84879,BIRD,x,2010-12-01 08:34,1.69,13047,United Kingdom\n");
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError)     error = NULL;
  g_autofree char       *out = NULL;
  g_autofree char       *err = NULL;
  JsonObject            *report;
  JsonObject            *rejected;

  g_assert_cmpint (run_cli (&out, &err, "quality", path, "--json", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);

  report = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (report, "input_rows"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (report, "rejected"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (report, "duplicates_dropped"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (report, "kept_lines"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (report, "sale_lines"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (report, "return_lines"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (report, "excluded_lines"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (report, "first_invoice_date"), ==, "2010-12-01 08:26:00");
  g_assert_cmpstr (json_object_get_string_member (report, "last_invoice_date"), ==, "2010-12-01 08:28:00");
  g_assert_cmpint (json_object_get_int_member (report, "customers"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (report, "products"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (report, "countries"), ==, 1);
  rejected = json_array_get_object_element (json_object_get_array_member (report, "rejected_rows"), 0);
  g_assert_cmpint (json_object_get_int_member (rejected, "line"), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (rejected, "reason"), ==, "Quantity 'x' is not a whole number");
}

static void
test_quality_text (Fixture      *fixture,
                   gconstpointer user_data)
{
  g_autofree char *path = write_file (fixture, "sales.csv",
                                      "Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country\n"
                                      "536365,85123A,HEART,6,12/1/2010 8:26,2.55,,France\n");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "quality", path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Kept lines"));
  g_assert_nonnull (strstr (out, "2010-12-01 08:26:00 to 2010-12-01 08:26:00"));
}

/* Bad input: one line on stderr naming the problem, nothing on stdout, 2. */
static void
test_bad_input (Fixture      *fixture,
                gconstpointer user_data)
{
  g_autofree char *latin1 = write_file (fixture, "latin1.csv",
                                        "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
                                        "536365,85123A,CAF\xC9,6,2010-12-01 08:26,2.55,,France\n");
  g_autofree char *no_country = write_file (fixture, "nocountry.csv",
                                            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID\n");
  const struct
  {
    const char *args[3];
    const char *message;
  } cases[] = {
    { { "quality", "/nonexistent/sales.csv", NULL }, "/nonexistent/sales.csv: cannot open: No such file or directory" },
    { { "quality", latin1, NULL }, "latin1.csv: line 2: field 3 is not UTF-8 text" },
    { { "quality", no_country, NULL }, "nocountry.csv: line 1: the header has no Country column" },
    { { "quality", NULL, NULL }, "quality: expected one FILE" },
    { { "frobnicate", NULL, NULL }, "unknown command 'frobnicate'" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int              status = run_cli (&out, &err, cases[i].args[0], cases[i].args[1], cases[i].args[2], NULL);

      g_test_message ("case %u: %s", i, err);
      g_assert_cmpint (status, ==, 2);
      g_assert_cmpstr (out, ==, "");
      g_assert_true (g_str_has_prefix (err, "avastrolytics-cli: "));
      g_assert_nonnull (strstr (err, cases[i].message));
      /* One line. */
      g_assert_cmpint (strchr (err, '\n') - err, ==, strlen (err) - 1);
    }
}

/* The KPI contract: every share and rate in the raw JSON is a bare number
 * with at least 10 decimals (1 is 1.000000000000, not 1.0). Returns how
 * many there are. */
static guint
assert_ratio_decimals (const char *json)
{
  g_autoptr (GRegex)     regex = g_regex_new ("\"(share|rate)\" : ([^,\\n]*)", 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  guint                  n_ratios = 0;

  for (g_regex_match (regex, json, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *number = g_match_info_fetch (match, 2);

      g_test_message ("ratio %s", number);
      g_assert_true (g_regex_match_simple ("^-?(0|[1-9][0-9]*)\\.[0-9]{10,}$", number, 0, 0));
      n_ratios++;
    }

  return n_ratios;
}

/* The kpi contract: money as 4-decimal strings, ratios as numbers with at
 * least 10 decimals, bad options rejected with one line and status 2,
 * unknown countries giving empty results. */
static void
test_kpi (Fixture      *fixture,
          gconstpointer user_data)
{
  g_autofree char       *path = write_file (fixture, "sales.csv",
                                            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
                                                  "536365,85123A,HEART,6,2010-12-01 08:26,2.55,17850,United Kingdom\n"
                                                  "536366,22633,WARMER,2,2010-12-02 09:00,1.85,,France\n");
  g_autofree char       *source = g_strconcat ("csv:", path, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError)     error = NULL;
  g_autofree char       *out = NULL, *err = NULL, *empty = NULL, *empty_err = NULL, *csv = NULL, *csv_err = NULL;
  g_autofree char       *countries = NULL, *countries_err = NULL, *cohorts = NULL, *cohorts_err = NULL;
  g_autofree char       *dashboard = NULL, *dashboard_err = NULL;
  JsonObject            *overview;
  const struct
  {
    const char *args[5];
    const char *message;
  } bad[] = {
    { { "kpi", "nope", NULL }, "unknown KPI 'nope'" },
    { { "kpi", "overview", "--from", "2011-13-01", NULL }, "--from '2011-13-01' is not a date" },
    { { "kpi", "overview", "--to", "yesterday", NULL }, "--to 'yesterday' is not a date" },
    { { "kpi", "overview", "--format", "xml", NULL }, "--format 'xml'" },
    { { "kpi", "overview", "--source", "csv:/nonexistent.csv", NULL }, "/nonexistent.csv: cannot open" },
  };

  g_assert_cmpint (run_cli (&out, &err, "kpi", "overview", "--source", source, NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  overview = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (overview, "gross_revenue"), ==, "19.0000");
  g_assert_cmpint (json_object_get_int_member (overview, "orders"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (overview, "aov"), ==, "9.5000");

  g_assert_cmpint (run_cli (&countries, &countries_err, "kpi", "by-country", "--source", source, NULL), ==, 0);
  g_assert_cmpuint (assert_ratio_decimals (countries), ==, 2);
  g_assert_nonnull (strstr (countries, "\"share\" : 0.805263157895,\n"));
  g_assert_cmpint (run_cli (&cohorts, &cohorts_err, "kpi", "cohorts", "--source", source, NULL), ==, 0);
  g_assert_cmpuint (assert_ratio_decimals (cohorts), ==, 1);
  g_assert_nonnull (strstr (cohorts, "\"rate\" : 1.000000000000\n"));
  g_assert_cmpint (run_cli (&dashboard, &dashboard_err, "kpi", "dashboard", "--source", source, NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, dashboard, -1, &error));
  g_assert_no_error (error);
  g_assert_true (json_object_has_member (json_node_get_object (json_parser_get_root (parser)), "cohorts"));
  g_assert_cmpuint (assert_ratio_decimals (dashboard), ==, 3);

  g_assert_cmpint (run_cli (&empty, &empty_err, "kpi", "by-country", "--source", source, "--country", "Atlantis", NULL), ==, 0);
  g_assert_cmpstr (g_strstrip (empty), ==, "[]");

  g_assert_cmpint (run_cli (&csv, &csv_err, "kpi", "by-country", "--source", source, "--format", "csv", NULL), ==, 0);
  g_assert_cmpstr (csv, ==,
                   "rank,country,revenue,share,orders,customers\r\n"
                   "1,United Kingdom,15.3000,0.805263157895,1,1\r\n"
                   "2,France,3.7000,0.194736842105,1,0\r\n");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *bad_out = NULL, *bad_err = NULL;
      int              status = run_cli (&bad_out, &bad_err, bad[i].args[0], bad[i].args[1], bad[i].args[2], bad[i].args[3], NULL);

      g_test_message ("case %u: %s", i, bad_err);
      g_assert_cmpint (status, ==, 2);
      g_assert_cmpstr (bad_out, ==, "");
      g_assert_nonnull (strstr (bad_err, bad[i].message));
      g_assert_cmpint (strchr (bad_err, '\n') - bad_err, ==, strlen (bad_err) - 1);
    }
}

static guint32
read_be32 (const guchar *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

/* PNG pixel sizes are exact; SVG is well-formed XML; PDF has its magic. */
static void
test_chart_exports (Fixture      *fixture,
                    gconstpointer user_data)
{
  g_autofree char                *png = g_build_filename (fixture->dir, "monthly.png", NULL);
  g_autofree char                *svg = g_build_filename (fixture->dir, "map.svg", NULL);
  g_autofree char                *pdf = g_build_filename (fixture->dir, "cohorts.pdf", NULL);
  g_autofree char                *out = NULL, *err = NULL, *out2 = NULL, *err2 = NULL, *out3 = NULL, *err3 = NULL;
  g_autofree char                *bad_out = NULL, *bad_err = NULL;
  g_autofree char                *contents = NULL;
  g_autoptr (GMarkupParseContext) markup = NULL;
  g_autoptr (GError)              error = NULL;
  GMarkupParser                   parser = { 0 };
  gsize                           length;

  g_assert_cmpint (run_cli (&out, &err, "chart", "monthly-revenue", "--output", png, "--width", "640", "--height", "360", "--scale", "2", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_file_get_contents (png, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 24);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpuint (read_be32 ((guchar *) contents + 16), ==, 1280);
  g_assert_cmpuint (read_be32 ((guchar *) contents + 20), ==, 720);
  g_clear_pointer (&contents, g_free);

  g_assert_cmpint (run_cli (&out2, &err2, "chart", "country-map", "--output", svg, "--dark", NULL), ==, 0);
  g_assert_true (g_file_get_contents (svg, &contents, &length, NULL));
  markup = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_assert_true (g_markup_parse_context_parse (markup, contents, length, &error));
  g_assert_true (g_markup_parse_context_end_parse (markup, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "<svg"));
  g_clear_pointer (&contents, g_free);

  g_assert_cmpint (run_cli (&out3, &err3, "chart", "cohorts", "--output", pdf, "--country", "France", NULL), ==, 0);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_cmpmem (contents, 5, "%PDF-", 5);

  /* A wrong name writes nothing. */
  g_assert_cmpint (run_cli (&bad_out, &bad_err, "chart", "monthly-revenue", "--output", "/tmp/chart.gif", NULL), ==, 2);
  g_assert_nonnull (strstr (bad_err, ".png, .svg or .pdf"));
  g_assert_false (g_file_test ("/tmp/chart.gif", G_FILE_TEST_EXISTS));
}

static void
test_report (Fixture      *fixture,
             gconstpointer user_data)
{
  g_autofree char   *pdf = g_build_filename (fixture->dir, "report.pdf", NULL);
  g_autofree char   *out = NULL, *err = NULL, *info = NULL;
  g_autofree char   *pdfinfo = NULL;
  g_autoptr (GError) error = NULL;
  int                status;

  g_assert_cmpint (run_cli (&out, &err, "report", "--output", pdf, "--from", "2011-09-01", "--to", "2011-12-01", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");

  pdfinfo = g_find_program_in_path ("pdfinfo");
  if (pdfinfo == NULL)
    {
      g_test_skip ("pdfinfo (poppler-utils) is not installed");
      return;
    }
  g_assert_true (g_spawn_sync (NULL, (char *[]){ "pdfinfo", pdf, NULL }, NULL, G_SPAWN_SEARCH_PATH,
                               NULL, NULL, &info, NULL, &status, &error));
  g_assert_no_error (error);
  g_test_message ("%s", info);
  /* Cover, six chart pages, and at least one page per table. */
  g_assert_nonnull (strstr (info, "Title:           Avastrolytics report"));
  g_assert_nonnull (strstr (info, "A4"));
  g_assert_nonnull (strstr (info, "Pages:"));
  g_assert_cmpint (atoi (strstr (info, "Pages:") + strlen ("Pages:")), >=, 1 + 6 + 5);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/ava/cli/quality-json", Fixture, NULL, fixture_set_up, test_quality_json, fixture_tear_down);
  g_test_add ("/ava/cli/quality-text", Fixture, NULL, fixture_set_up, test_quality_text, fixture_tear_down);
  g_test_add ("/ava/cli/bad-input", Fixture, NULL, fixture_set_up, test_bad_input, fixture_tear_down);
  g_test_add ("/ava/cli/kpi", Fixture, NULL, fixture_set_up, test_kpi, fixture_tear_down);
  g_test_add ("/ava/cli/chart-exports", Fixture, NULL, fixture_set_up, test_chart_exports, fixture_tear_down);
  g_test_add ("/ava/cli/report", Fixture, NULL, fixture_set_up, test_report, fixture_tear_down);

  return g_test_run ();
}
