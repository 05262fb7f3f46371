/* fuzz-csv.c: reader + cleaning on arbitrary bytes.
 *
 * Built as a libFuzzer target with -Dfuzzing=true (CC=clang), and as a plain
 * replay program that the test suite runs over tests/fuzz/regressions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "ava-cleaner.h"
#include "ava-csv-reader.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (GBytes)           bytes = g_bytes_new (data, size);
  g_autoptr (AvaCsvReader)     reader = ava_csv_reader_new_for_bytes (bytes, "fuzz.csv");
  g_autoptr (AvaQualityReport) report = NULL;
  g_autoptr (AvaDataset)       dataset = NULL;
  g_autoptr (GError)           error = NULL;

  dataset = ava_load_csv_reader (reader, NULL, &report, &error);

  /* Exactly one of a result or an error, and the report adds up. */
  g_assert_true ((dataset == NULL) != (error == NULL));
  if (dataset != NULL)
    {
      guint n_lines;

      ava_dataset_get_lines (dataset, &n_lines);
      g_assert_cmpuint (n_lines, ==, report->kept_lines);
      g_assert_cmpuint (report->input_rows, ==,
                        report->rejected + report->duplicates_dropped + report->kept_lines);
      g_assert_cmpuint (report->kept_lines, ==,
                        report->sale_lines + report->return_lines + report->excluded_lines);
      g_assert_cmpuint (report->rejected_rows->len, ==, report->rejected);
      g_free (ava_quality_report_to_json (report));
    }
  else
    g_assert_true (error->domain == AVA_CSV_ERROR);

  return 0;
}

#ifndef AVA_FUZZING
/* Replays every file in the regression directory through the same checks. */
static void
test_replay (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "fuzz", "regressions", NULL);
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char      *name;
  guint            n_inputs = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *contents = NULL;
      gsize            length;

      g_test_message ("replaying %s", name);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
      n_inputs++;
    }

  g_assert_cmpuint (n_inputs, >, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ava/fuzz/replay", test_replay);

  return g_test_run ();
}
#endif
