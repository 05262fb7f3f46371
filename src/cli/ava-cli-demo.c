/* ava-cli-demo.c: the demo data as a CSV file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "ava-cli.h"
#include "ava-demo-generator.h"

int
ava_cli_demo_data (int    argc,
                   char **argv)
{
  g_autofree char *output = NULL;
  int              rows = AVA_DEMO_DEFAULT_ROWS;
  gint64           seed = AVA_DEMO_DEFAULT_SEED;
  GOptionEntry     entries[] = {
        { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "The CSV file to write", "FILE.csv" },
        { "rows", 0, 0, G_OPTION_ARG_INT, &rows, "Rows to generate (default 500000)", "N" },
        { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed: the same seed gives the same file", "S" },
        { NULL }
  };
  g_autoptr (GOptionContext) context =
    ava_cli_context_new (NULL, "Write the deterministic demo sales data in the Online Retail layout.", entries);
  g_autoptr (GError)            error = NULL;
  g_autoptr (GFile)             file = NULL;
  g_autoptr (GFileOutputStream) stream = NULL;
  g_autoptr (GOutputStream)     buffered = NULL;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ava_cli_fail (error);
  if (argc != 1)
    return ava_cli_usage_error ("takes no arguments besides its options");
  if (output == NULL)
    return ava_cli_usage_error ("--output FILE.csv is required");
  if (rows < 0)
    return ava_cli_usage_error ("--rows %d: expected a count of rows", rows);

  /* g_file_replace writes a temporary file and renames it on close, so a
   * failure never leaves half a file behind. */
  file = g_file_new_for_commandline_arg (output);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, &error);
  if (stream == NULL)
    return ava_cli_fail (error);
  buffered = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (stream), 1 << 20);

  if (!ava_demo_write_csv (buffered, rows, (guint64) seed, NULL, &error) ||
      !g_output_stream_close (buffered, NULL, &error))
    {
      g_autoptr (GCancellable) cancelled = g_cancellable_new ();

      /* Closing with a cancelled cancellable drops the temporary file. */
      g_cancellable_cancel (cancelled);
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancelled, NULL);
      return ava_cli_fail (error);
    }

  return EXIT_SUCCESS;
}
