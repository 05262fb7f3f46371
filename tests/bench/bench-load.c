/* bench-load.c: how fast the real file is read, cleaned and deduplicated.
 *
 * Prints figures; asserts nothing about time (a benchmark, not a test).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "ava-cleaner.h"

#define RUNS 5

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int    argc,
      char **argv)
{
  const char      *dir = g_getenv ("AVA_SHARED_DATA");
  g_autofree char *path = g_build_filename (dir ? dir : ".", "online_retail.csv.gz", NULL);
  double           seconds[RUNS];
  guint64          kept = 0;
  struct rusage    usage;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      printf ("SKIP: the real data set is not at %s\n", path);
      return 77;
    }

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr (GError)           error = NULL;
      g_autoptr (AvaQualityReport) report = NULL;
      g_autoptr (AvaDataset)       dataset = NULL;
      gint64                       start = g_get_monotonic_time ();

      dataset = ava_load_csv_path (path, NULL, &report, &error);
      seconds[i] = (g_get_monotonic_time () - start) / 1e6;
      if (dataset == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return EXIT_FAILURE;
        }
      kept = report->kept_lines;
    }

  qsort (seconds, RUNS, sizeof seconds[0], compare_doubles);
  getrusage (RUSAGE_SELF, &usage);

  printf ("load+clean %s: %" G_GUINT64_FORMAT " kept lines\n", path, kept);
  printf ("  median %.3f s, best %.3f s over %d runs (target <= 0.5 s)\n",
          seconds[RUNS / 2], seconds[0], RUNS);
  printf ("  peak RSS %.1f MB\n", usage.ru_maxrss / 1024.0);

  return EXIT_SUCCESS;
}
