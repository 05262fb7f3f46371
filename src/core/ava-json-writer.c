/* ava-json-writer.c
 *
 * The text is json-glib's pretty form of ava_result_to_json_node(), one
 * row at a time: a large table is never a tree in memory, and what the app
 * writes is byte for byte what `avastrolytics-cli kpi` prints.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ava-json-writer.h"

/* Pretty-printed, with json-glib's two-space indent, and a final newline. */
char *
ava_json_to_text (JsonNode *node)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char          *text = NULL;

  g_return_val_if_fail (node != NULL, NULL);

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);

  return g_strconcat (text, "\n", NULL);
}

/* A row object as json-glib prints it one level deep in an array: its own
 * pretty form, every line indented. Strings never hold a raw newline (JSON
 * escapes it), so lines are exactly the generator's. */
static void
append_row (GString   *out,
            AvaResult *result,
            guint      row,
            gboolean   nested)
{
  g_autoptr (JsonNode) node = ava_result_row_to_json_node (result, row);
  g_autofree char     *text = ava_json_to_text (node);
  g_auto (GStrv)       lines = NULL;

  if (!nested)
    {
      g_string_append (out, text);
      return;
    }

  /* Without the final newline: the caller separates rows. */
  text[strlen (text) - 1] = '\0';
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_string_append_printf (out, "%s  %s", i > 0 ? "\n" : "", lines[i]);
}

/* @row_order lists the rows to write, in order (what a sorted table shows);
 * NULL writes every row as the result has them. The overview is one
 * object, every other KPI an array of row objects. @progress, if any, is
 * called on the writing thread after each chunk. */
gboolean
ava_json_write_result (AvaResult          *result,
                       const guint        *row_order,
                       guint               n_rows,
                       GOutputStream      *output,
                       AvaRowsProgressFunc progress,
                       gpointer            progress_data,
                       GCancellable       *cancellable,
                       GError            **error)
{
  g_autoptr (GString) chunk = g_string_new (NULL);

  g_return_val_if_fail (AVA_IS_RESULT (result), FALSE);

  if (row_order == NULL)
    n_rows = ava_result_get_n_rows (result);

  if (ava_result_get_kpi (result) == AVA_KPI_OVERVIEW)
    {
      g_return_val_if_fail (n_rows == 1, FALSE);
      append_row (chunk, result, row_order ? row_order[0] : 0, FALSE);
    }
  else if (n_rows == 0)
    g_string_append (chunk, "[]\n");
  else
    {
      g_string_append (chunk, "[\n");
      for (guint r = 0; r < n_rows; r++)
        {
          guint row = row_order ? row_order[r] : r;

          g_return_val_if_fail (row < ava_result_get_n_rows (result), FALSE);
          append_row (chunk, result, row, TRUE);
          g_string_append (chunk, r + 1 < n_rows ? ",\n" : "\n]\n");

          if ((r + 1) % AVA_ROWS_PER_CHUNK == 0 && r + 1 < n_rows &&
              !ava_file_write_chunk (output, chunk, r + 1, n_rows, progress, progress_data, cancellable, error))
            return FALSE;
        }
    }

  return ava_file_write_chunk (output, chunk, n_rows, n_rows, progress, progress_data, cancellable, error);
}

char *
ava_json_format_result (AvaResult   *result,
                        const guint *row_order,
                        guint        n_rows)
{
  g_autoptr (GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr (GError)        error = NULL;

  /* Zero-terminated: the stream's data becomes the string. */
  if (!ava_json_write_result (result, row_order, n_rows, output, NULL, NULL, NULL, &error) ||
      !g_output_stream_write_all (output, "", 1, NULL, NULL, &error) ||
      !g_output_stream_close (output, NULL, &error))
    g_error ("Cannot format JSON in memory: %s", error->message);

  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (output));
}

typedef struct
{
  AvaResult          *result;
  const guint        *row_order;
  guint               n_rows;
  AvaRowsProgressFunc progress;
  gpointer            progress_data;
} JsonExport;

static gboolean
write_json_cb (GOutputStream *output,
               gpointer       user_data,
               GCancellable  *cancellable,
               GError       **error)
{
  JsonExport *export = user_data;

  return ava_json_write_result (export->result, export->row_order, export->n_rows, output,
                                export->progress, export->progress_data, cancellable, error);
}

/* The file appears only when complete (see ava_file_write_atomically()). */
gboolean
ava_json_export_result (AvaResult          *result,
                        const guint        *row_order,
                        guint               n_rows,
                        GFile              *file,
                        AvaRowsProgressFunc progress,
                        gpointer            progress_data,
                        GCancellable       *cancellable,
                        GError            **error)
{
  JsonExport export = { result, row_order, n_rows, progress, progress_data };

  return ava_file_write_atomically (file, write_json_cb, &export, cancellable, error);
}
