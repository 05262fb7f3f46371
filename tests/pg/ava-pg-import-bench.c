/* ava-pg-import-bench.c: times parse + clean + import of one file.
 *
 * Usage: ava-pg-import-bench CONNINFO FILE
 * Prints the seconds of each phase. Not a test: `meson test --benchmark`.
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
  gint64                       start, parsed, imported;

  if (argc != 3)
    {
      fprintf (stderr, "usage: %s CONNINFO FILE\n", argv[0]);
      return 2;
    }

  start = g_get_monotonic_time ();
  dataset = ava_load_csv_path (argv[2], NULL, &report, &error);
  if (dataset == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  parsed = g_get_monotonic_time ();

  if (!ava_pg_import_dataset (argv[1], dataset, report, NULL, &result, &error))
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
