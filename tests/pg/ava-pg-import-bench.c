/* ava-pg-import-bench.c: times parse + clean + import of one file.
 *
 * Usage: ava-pg-import-bench [CONNINFO] FILE
 * CONNINFO defaults to $AVA_TEST_PG_CONNINFO, so that
 *   tests/pg/pg-cluster-run ava-pg-import-bench FILE
 * measures imports into empty databases through ava_pg_import_path()
 * (which reads the file while it connects): one into the given database,
 * then four more into new ones it creates and drops, printing each and the
 * median; with AVA_BENCH_SEPARATE set, one through ava_load_csv_path() then
 * ava_pg_import_dataset(), printing the seconds of each. Not a test:
 * `meson test --benchmark`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>

#include "ava-cleaner.h"
#include "ava-pg-connection.h"
#include "ava-pg-importer.h"

#define N_IMPORTS 5

/* Runs @sql through @conninfo; FALSE, with a message, on failure. */
static gboolean
run_command (const char *conninfo,
             const char *sql)
{
  PGconn   *conn = PQconnectdb (conninfo);
  PGresult *result = PQexec (conn, sql);
  gboolean  ok = PQresultStatus (result) == PGRES_COMMAND_OK;

  if (!ok)
    fprintf (stderr, "%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);

  return ok;
}

/* @conninfo, naming database @dbname instead. */
static char *
with_database (const char *conninfo,
               const char *dbname)
{
  PQconninfoOption *options = PQconninfoParse (conninfo, NULL);
  GString          *text = g_string_new (NULL);

  for (PQconninfoOption *option = options; option != NULL && option->keyword != NULL; option++)
    {
      const char *value = g_str_equal (option->keyword, "dbname") ? dbname : option->val;

      if (value == NULL)
        continue;

      ava_pg_append_conninfo (text, option->keyword, value);
    }
  PQconninfoFree (options);

  return g_string_free (text, FALSE);
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError)           error = NULL;
  g_autoptr (AvaDataset)       dataset = NULL;
  g_autoptr (AvaQualityReport) report = NULL;
  AvaPgImportResult            result;
  const char                  *conninfo;
  const char                  *path;
  gint64                       start, parsed, imported;

  if (argc == 2 && g_getenv ("AVA_TEST_PG_CONNINFO") != NULL)
    {
      conninfo = g_getenv ("AVA_TEST_PG_CONNINFO");
      path = argv[1];
    }
  else if (argc == 3)
    {
      conninfo = argv[1];
      path = argv[2];
    }
  else
    {
      fprintf (stderr, "usage: %s [CONNINFO] FILE\n", argv[0]);
      return 2;
    }

  /* The default: one call, which reads the file while it connects. */
  if (g_getenv ("AVA_BENCH_SEPARATE") == NULL)
    {
      double seconds[N_IMPORTS];

      /* The given database, then new ones, dropped after use. */
      for (guint i = 0; i < N_IMPORTS; i++)
        {
          g_autofree char *dbname = g_strdup_printf ("ava_import_bench_%u_%d", i, (int) getpid ());
          g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", dbname);
          g_autofree char *drop = g_strdup_printf ("DROP DATABASE %s", dbname);
          g_autofree char *target = NULL;
          gboolean         imported_ok;

          if (i > 0 && !run_command (conninfo, create))
            return 1;
          target = i == 0 ? g_strdup (conninfo) : with_database (conninfo, dbname);

          g_clear_pointer (&report, ava_quality_report_free);
          start = g_get_monotonic_time ();
          imported_ok = ava_pg_import_path (target, path, NULL, &report, &result, &error);
          imported = g_get_monotonic_time ();

          if ((i > 0 && !run_command (conninfo, drop)) || !imported_ok)
            {
              if (error != NULL)
                fprintf (stderr, "%s\n", error->message);
              return 1;
            }

          seconds[i] = (imported - start) / 1e6;
          printf ("parse+clean+import %.3f s; run %" G_GINT64_FORMAT ", %" G_GUINT64_FORMAT
                  " new lines, %" G_GUINT64_FORMAT " already present\n",
                  seconds[i], result.run_id, result.new_lines, result.already_present_lines);
        }

      qsort (seconds, N_IMPORTS, sizeof *seconds, compare_double);
      printf ("parse+clean+import median %.3f s of %d imports into empty databases (%.3f to %.3f s)\n",
              seconds[N_IMPORTS / 2], N_IMPORTS, seconds[0], seconds[N_IMPORTS - 1]);
      return 0;
    }

  start = g_get_monotonic_time ();
  dataset = ava_load_csv_path (path, NULL, &report, &error);
  if (dataset == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  parsed = g_get_monotonic_time ();

  if (!ava_pg_import_dataset (conninfo, dataset, report, NULL, &result, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  imported = g_get_monotonic_time ();

  printf ("parse+clean %.3f s, import %.3f s, total %.3f s; run %" G_GINT64_FORMAT
          ", %" G_GUINT64_FORMAT " new lines, %" G_GUINT64_FORMAT " already present\n",
          (parsed - start) / 1e6, (imported - parsed) / 1e6, (imported - start) / 1e6,
          result.run_id, result.new_lines, result.already_present_lines);
  return 0;
}
