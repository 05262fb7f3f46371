/* ava-json-writer.c
 *
 * Results as pretty JSON in json-glib's layout (two-space indent,
 * `"key" : value`), written here rather than by json-glib's generator: a
 * ratio is a bare number with exactly AVA_RATIO_DECIMALS decimals from its
 * exact fraction, which json-glib 1.6 cannot emit, so both engines print
 * the same digits. Rows stream one chunk at a time: a large table is never
 * in memory twice, and what the app writes is byte for byte what
 * `avastrolytics-cli kpi` prints.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ava-json-writer.h"

/* A JSON string: quotes, backslashes and control characters escaped as
 * JSON requires, everything else (UTF-8 included) as is. */
static void
append_string (GString    *out,
               const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

static void
append_indent (GString *out,
               guint    level)
{
  for (guint i = 0; i < level; i++)
    g_string_append (out, "  ");
}

/* Integers as integers, ratios as exact numbers, everything else (money,
 * timestamps, months, text) as its machine form in a string. */
static void
append_value (GString   *out,
              AvaResult *result,
              guint      row,
              guint      column)
{
  const AvaCell   *cell = ava_result_get_cell (result, row, column);
  g_autofree char *text = NULL;

  switch (ava_result_get_column_type (result, column))
    {
    case AVA_COLUMN_INTEGER:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, cell->integer);
      break;
    case AVA_COLUMN_RATIO:
      text = ava_ratio_format (cell->ratio, AVA_RATIO_DECIMALS);
      g_string_append (out, text);
      break;
    default:
      text = ava_result_format_cell (result, row, column);
      append_string (out, text);
      break;
    }
}

/* A row object whose braces sit at @level; no newline after it. */
static void
append_row (GString   *out,
            AvaResult *result,
            guint      row,
            guint      level)
{
  guint n_columns = ava_result_get_n_columns (result);

  g_string_append (out, "{\n");
  for (guint c = 0; c < n_columns; c++)
    {
      append_indent (out, level + 1);
      append_string (out, ava_result_get_column_name (result, c));
      g_string_append (out, " : ");
      append_value (out, result, row, c);
      g_string_append (out, c + 1 < n_columns ? ",\n" : "\n");
    }
  append_indent (out, level);
  g_string_append_c (out, '}');
}

/* Appends @result as a value at @level, without a newline after it,
 * writing @chunk out every AVA_ROWS_PER_CHUNK rows; the caller writes the
 * rest. */
static gboolean
write_value (AvaResult          *result,
             const guint        *row_order,
             guint               n_rows,
             guint               level,
             GString            *chunk,
             GOutputStream      *output,
             AvaRowsProgressFunc progress,
             gpointer            progress_data,
             GCancellable       *cancellable,
             GError            **error)
{
  if (ava_result_get_kpi (result) == AVA_KPI_OVERVIEW)
    {
      g_return_val_if_fail (n_rows == 1, FALSE);
      append_row (chunk, result, row_order ? row_order[0] : 0, level);
      return TRUE;
    }

  if (n_rows == 0)
    {
      g_string_append (chunk, "[]");
      return TRUE;
    }

  g_string_append (chunk, "[\n");
  for (guint r = 0; r < n_rows; r++)
    {
      guint row = row_order ? row_order[r] : r;

      g_return_val_if_fail (row < ava_result_get_n_rows (result), FALSE);
      append_indent (chunk, level + 1);
      append_row (chunk, result, row, level + 1);
      g_string_append (chunk, r + 1 < n_rows ? ",\n" : "\n");

      if ((r + 1) % AVA_ROWS_PER_CHUNK == 0 && r + 1 < n_rows &&
          !ava_file_write_chunk (output, chunk, r + 1, n_rows, progress, progress_data, cancellable, error))
        return FALSE;
    }
  append_indent (chunk, level);
  g_string_append_c (chunk, ']');

  return TRUE;
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

  if (!write_value (result, row_order, n_rows, 0, chunk, output, progress, progress_data, cancellable, error))
    return FALSE;
  g_string_append_c (chunk, '\n');

  return ava_file_write_chunk (output, chunk, n_rows, n_rows, progress, progress_data, cancellable, error);
}

/* One object with every KPI's result under its name, in KPI order. */
static gboolean
write_dashboard (GOutputStream *output,
                 gpointer       user_data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  AvaResult *const   *results = user_data;
  g_autoptr (GString) chunk = g_string_new ("{\n");

  for (AvaKpi kpi = 0; kpi < AVA_N_KPIS; kpi++)
    {
      g_return_val_if_fail (AVA_IS_RESULT (results[kpi]), FALSE);
      g_return_val_if_fail (ava_result_get_kpi (results[kpi]) == kpi, FALSE);

      append_indent (chunk, 1);
      append_string (chunk, ava_kpi_get_name (kpi));
      g_string_append (chunk, " : ");
      if (!write_value (results[kpi], NULL, ava_result_get_n_rows (results[kpi]), 1, chunk, output,
                        NULL, NULL, cancellable, error))
        return FALSE;
      g_string_append (chunk, kpi + 1 < AVA_N_KPIS ? ",\n" : "\n");
    }
  g_string_append (chunk, "}\n");

  return ava_file_write_chunk (output, chunk, 0, 0, NULL, NULL, cancellable, error);
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

/* The text @write_func writes, as a string. */
static char *
format_in_memory (AvaStreamWriteFunc write_func,
                  gpointer           user_data)
{
  g_autoptr (GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr (GError)        error = NULL;

  /* Zero-terminated: the stream's data becomes the string. */
  if (!write_func (output, user_data, NULL, &error) ||
      !g_output_stream_write_all (output, "", 1, NULL, NULL, &error) ||
      !g_output_stream_close (output, NULL, &error))
    g_error ("Cannot format JSON in memory: %s", error->message);

  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (output));
}

char *
ava_json_format_result (AvaResult   *result,
                        const guint *row_order,
                        guint        n_rows)
{
  JsonExport export = { result, row_order, n_rows };

  return format_in_memory (write_json_cb, &export);
}

/* `kpi dashboard`: the six results in one object, under their KPIs' names. */
char *
ava_json_format_dashboard (AvaResult *const results[AVA_N_KPIS])
{
  return format_in_memory (write_dashboard, (gpointer) results);
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
