/* ava-pg-import-bench.c: times parse + clean + import of one file.
 *
 * Usage: ava-pg-import-bench [CONNINFO] FILE
 * CONNINFO defaults to $AVA_TEST_PG_CONNINFO, so that
 *   tests/pg/pg-cluster-run ava-pg-import-bench FILE
 * measures an import into an empty database, through ava_pg_import_path()
 * (which reads the file while it connects); with AVA_BENCH_SEPARATE set,
 * through ava_load_csv_path() then ava_pg_import_dataset(), printing the
 * seconds of each. Not a test: `meson test --benchmark`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "ava-cleaner.h"
#include "ava-pg-importer.h"

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
      start = g_get_monotonic_time ();
      if (!ava_pg_import_path (conninfo, path, NULL, &report, &result, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      imported = g_get_monotonic_time ();

      printf ("parse+clean+import %.3f s; run %" G_GINT64_FORMAT ", %" G_GUINT64_FORMAT
              " new lines, %" G_GUINT64_FORMAT " already present\n",
              (imported - start) / 1e6, result.run_id, result.new_lines, result.already_present_lines);
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
