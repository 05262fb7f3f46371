/* test-cli-import.c: `avastrolytics-cli import` and `backup` against a real
 * PostgreSQL,
 * run by tests/pg/pg-cluster-run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

static const char sales[] =
  "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
  "536365,85123A,HEART,6,2010-12-01 08:26,2.55,17850,United Kingdom\n"
  "536365,85123A,HEART,6,2010-12-01 08:26,2.55,17850,United Kingdom\n"
  "C536366,22633,HAND WARMER,-6,2010-12-01 08:28,1.85,17850,United Kingdom\n"
  "536367,84879,BIRD,x,2010-12-01 08:34,1.69,13047,United Kingdom\n";

static int
run_cli (char             **out,
         char             **err,
         const char *const *args)
{
  g_autoptr (GPtrArray)   argv = g_ptr_array_new ();
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError)      error = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("AVA_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char *const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);

  return g_subprocess_get_exit_status (process);
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_import_twice (void)
{
  const char            *conninfo = g_getenv ("AVA_TEST_PG_CONNINFO");
  g_autofree char       *dir = g_dir_make_tmp ("ava-cli-XXXXXX", NULL);
  g_autofree char       *path = g_build_filename (dir, "sales.csv", NULL);
  g_autoptr (JsonParser) first_parser = json_parser_new ();
  g_autoptr (JsonParser) second_parser = json_parser_new ();
  g_autofree char       *out = NULL, *err = NULL, *out2 = NULL, *err2 = NULL;
  JsonObject            *first, *second;

  if (conninfo == NULL)
    {
      g_test_skip ("needs a server: run through tests/pg/pg-cluster-run");
      return;
    }

  g_assert_true (g_file_set_contents (path, sales, -1, NULL));

  g_assert_cmpint (run_cli (&out, &err, (const char *[]){ "import", path, "--db", conninfo, "--json", NULL }), ==, 0);
  g_assert_cmpstr (err, ==, "");
  first = parse_object (first_parser, out);
  g_assert_cmpint (json_object_get_int_member (first, "input_rows"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (first, "rejected"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (first, "duplicates_dropped"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (first, "kept_lines"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (first, "new_lines"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (first, "already_present_lines"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (first, "import_run"), >, 0);

  /* The same file again adds nothing, and says so. */
  g_assert_cmpint (run_cli (&out2, &err2, (const char *[]){ "import", path, "--db", conninfo, "--json", NULL }), ==, 0);
  second = parse_object (second_parser, out2);
  g_assert_cmpint (json_object_get_int_member (second, "new_lines"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (second, "already_present_lines"), ==, 2);
  g_assert_true (json_object_get_null_member (second, "import_run"));

  g_unlink (path);
  g_rmdir (dir);
}

/* A file whose every row is rejected: not an error, and it says so. */
static void
test_import_nothing_to_keep (void)
{
  const char            *conninfo = g_getenv ("AVA_TEST_PG_CONNINFO");
  g_autofree char       *dir = g_dir_make_tmp ("ava-cli-XXXXXX", NULL);
  g_autofree char       *path = g_build_filename (dir, "rejected.csv", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char       *out = NULL, *err = NULL, *json = NULL, *json_err = NULL;
  JsonObject            *summary;

  if (conninfo == NULL)
    {
      g_test_skip ("needs a server: run through tests/pg/pg-cluster-run");
      return;
    }

  g_assert_true (g_file_set_contents (path,
                                      "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
                                      "536367,84879,BIRD,x,2010-12-01 08:34,1.69,13047,United Kingdom\n",
                                      -1, NULL));

  g_assert_cmpint (run_cli (&out, &err, (const char *[]){ "import", path, "--db", conninfo, NULL }), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "Nothing to import: the file has no line to keep."));
  g_assert_nonnull (strstr (out, "line 2: Quantity"));

  g_assert_cmpint (run_cli (&json, &json_err, (const char *[]){ "import", path, "--db", conninfo, "--json", NULL }), ==, 0);
  summary = parse_object (parser, json);
  g_assert_cmpint (json_object_get_int_member (summary, "rejected"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (summary, "kept_lines"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (summary, "new_lines"), ==, 0);
  g_assert_true (json_object_get_null_member (summary, "import_run"));

  g_unlink (path);
  g_rmdir (dir);
}

/* A wrong password: one line, exit 2, and the password is never echoed. */
static void
test_bad_password (void)
{
  const char      *host = g_getenv ("AVA_TEST_PG_HOST");
  const char      *port = g_getenv ("AVA_TEST_PG_PORT");
  const char      *user = g_getenv ("AVA_TEST_PG_USER");
  const char      *dbname = g_getenv ("AVA_TEST_PG_DBNAME");
  g_autofree char *conninfo = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ava-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sales.csv", NULL);

  if (host == NULL)
    {
      g_test_skip ("needs a server: run through tests/pg/pg-cluster-run");
      return;
    }

  conninfo = g_strdup_printf ("host=%s port=%s user=%s dbname=%s password=Sw0rdfish-not-it sslmode=require",
                              host, port, user, dbname);
  g_assert_true (g_file_set_contents (path, sales, -1, NULL));
  g_assert_cmpint (run_cli (&out, &err, (const char *[]){ "import", path, "--db", conninfo, NULL }), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_test_message ("stderr: %s", err);
  g_assert_true (g_str_has_prefix (err, "avastrolytics-cli: "));
  g_assert_nonnull (strstr (err, "password authentication failed"));
  g_assert_null (strstr (err, "Sw0rdfish-not-it"));
  g_assert_cmpint (strchr (err, '\n') - err, ==, strlen (err) - 1);

  g_unlink (path);
  g_rmdir (dir);
}

static guint
count_backups (const char *dir_path,
               const char *suffix)
{
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char      *name;
  guint            n = 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    n += g_str_has_suffix (name, suffix);

  return n;
}

/* Three backups with --keep 2: two custom-format dumps remain, and no
 * partial file. */
static void
test_backup_rotation (void)
{
  const char      *conninfo = g_getenv ("AVA_TEST_PG_CONNINFO");
  g_autofree char *dir = NULL;
  g_autofree char *backups = NULL;

  if (conninfo == NULL)
    {
      g_test_skip ("needs a server: run through tests/pg/pg-cluster-run");
      return;
    }

  dir = g_dir_make_tmp ("ava-backup-XXXXXX", NULL);
  backups = g_build_filename (dir, "backups", NULL);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *out = NULL, *err = NULL, *magic = NULL;
      gsize            length = 0;

      g_assert_cmpint (run_cli (&out, &err, (const char *[]){ "backup", "--db", conninfo, "--output", backups, "--keep", "2", NULL }), ==, 0);
      g_assert_cmpstr (err, ==, "");
      g_strchomp (out);
      g_assert_true (g_str_has_suffix (out, ".dump"));
      g_assert_true (g_file_get_contents (out, &magic, &length, NULL));
      g_assert_cmpuint (length, >, 1000);
      g_assert_cmpmem (magic, 5, "PGDMP", 5);
    }

  g_assert_cmpuint (count_backups (backups, ".dump"), ==, 2);
  g_assert_cmpuint (count_backups (backups, ".partial"), ==, 0);

  {
    g_autoptr (GDir) listing = g_dir_open (backups, 0, NULL);
    const char      *name;

    while ((name = g_dir_read_name (listing)) != NULL)
      {
        g_autofree char *path = g_build_filename (backups, name, NULL);

        g_unlink (path);
      }
  }
  g_rmdir (backups);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ava/cli/import-twice", test_import_twice);
  g_test_add_func ("/ava/cli/import-nothing-to-keep", test_import_nothing_to_keep);
  g_test_add_func ("/ava/cli/bad-password", test_bad_password);
  g_test_add_func ("/ava/cli/backup-rotation", test_backup_rotation);

  return g_test_run ();
}
