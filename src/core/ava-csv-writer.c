/* ava-csv-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "ava-csv-writer.h"

void
ava_csv_dialect_init (AvaCsvDialect *dialect,
                      AvaCsvPreset   preset)
{
  if (preset == AVA_CSV_PRESET_EXCEL)
    {
      const char *mark = localeconv ()->decimal_point;

      ava_csv_dialect_init_excel (dialect, mark != NULL && mark[0] == ',' ? ',' : '.');
      return;
    }

  dialect->delimiter = ',';
  dialect->decimal_mark = '.';
  dialect->byte_order_mark = FALSE;
}

/* Excel reads a BOM as "this is UTF-8", and splits on ";" in locales whose
 * decimal mark is a comma. */
void
ava_csv_dialect_init_excel (AvaCsvDialect *dialect,
                            char           decimal_mark)
{
  dialect->decimal_mark = decimal_mark;
  dialect->delimiter = decimal_mark == ',' ? ';' : ',';
  dialect->byte_order_mark = TRUE;
}

gboolean
ava_csv_preset_from_name (const char   *name,
                          AvaCsvPreset *out_preset)
{
  if (g_strcmp0 (name, "machine") == 0)
    *out_preset = AVA_CSV_PRESET_MACHINE;
  else if (g_strcmp0 (name, "excel") == 0)
    *out_preset = AVA_CSV_PRESET_EXCEL;
  else
    return FALSE;

  return TRUE;
}

static void
append_field (GString             *out,
              const AvaCsvDialect *dialect,
              const char          *text)
{
  gboolean quote = FALSE;

  for (const char *p = text; *p && !quote; p++)
    quote = *p == dialect->delimiter || *p == '"' || *p == '\r' || *p == '\n';

  if (!quote)
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static gboolean
is_decimal_column (AvaColumnType type)
{
  return type == AVA_COLUMN_MONEY || type == AVA_COLUMN_RATIO;
}

static void
append_row (GString             *out,
            AvaResult           *result,
            const AvaCsvDialect *dialect,
            guint                row)
{
  for (guint c = 0; c < ava_result_get_n_columns (result); c++)
    {
      g_autofree char *text = ava_result_format_cell (result, row, c);

      if (dialect->decimal_mark != '.' && is_decimal_column (ava_result_get_column_type (result, c)))
        g_strdelimit (text, ".", dialect->decimal_mark);
      if (c > 0)
        g_string_append_c (out, dialect->delimiter);
      append_field (out, dialect, text);
    }
  g_string_append (out, "\r\n");
}

static void
append_header (GString             *out,
               AvaResult           *result,
               const AvaCsvDialect *dialect)
{
  if (dialect->byte_order_mark)
    g_string_append (out, "\xEF\xBB\xBF");

  for (guint c = 0; c < ava_result_get_n_columns (result); c++)
    {
      if (c > 0)
        g_string_append_c (out, dialect->delimiter);
      append_field (out, dialect, ava_result_get_column_name (result, c));
    }
  g_string_append (out, "\r\n");
}

/* @row_order lists the rows to write, in order (what a sorted table shows);
 * NULL writes every row as the result has them. */
char *
ava_csv_format_result (AvaResult           *result,
                       const AvaCsvDialect *dialect,
                       const guint         *row_order,
                       guint                n_rows)
{
  GString *out = g_string_new (NULL);

  if (row_order == NULL)
    n_rows = ava_result_get_n_rows (result);

  append_header (out, result, dialect);
  for (guint r = 0; r < n_rows; r++)
    append_row (out, result, dialect, row_order ? row_order[r] : r);

  return g_string_free (out, FALSE);
}

/* Streams in chunks, so a large table never sits in memory twice.
 * @progress, if any, is called on the writing thread after each chunk. */
gboolean
ava_csv_write_result (AvaResult           *result,
                      const AvaCsvDialect *dialect,
                      const guint         *row_order,
                      guint                n_rows,
                      GOutputStream       *output,
                      AvaRowsProgressFunc  progress,
                      gpointer             progress_data,
                      GCancellable        *cancellable,
                      GError             **error)
{
  g_autoptr (GString) chunk = g_string_new (NULL);

  if (row_order == NULL)
    n_rows = ava_result_get_n_rows (result);

  append_header (chunk, result, dialect);
  for (guint r = 0; r < n_rows; r++)
    {
      guint row = row_order ? row_order[r] : r;

      g_return_val_if_fail (row < ava_result_get_n_rows (result), FALSE);
      append_row (chunk, result, dialect, row);

      if ((r + 1) % AVA_ROWS_PER_CHUNK == 0 &&
          !ava_file_write_chunk (output, chunk, r + 1, n_rows, progress, progress_data, cancellable, error))
        return FALSE;
    }

  return ava_file_write_chunk (output, chunk, n_rows, n_rows, progress, progress_data, cancellable, error);
}

typedef struct
{
  AvaResult           *result;
  const AvaCsvDialect *dialect;
  const guint         *row_order;
  guint                n_rows;
  AvaRowsProgressFunc  progress;
  gpointer             progress_data;
} CsvExport;

static gboolean
write_csv_cb (GOutputStream *output,
              gpointer       user_data,
              GCancellable  *cancellable,
              GError       **error)
{
  CsvExport *export = user_data;

  return ava_csv_write_result (export->result, export->dialect, export->row_order, export->n_rows,
                               output, export->progress, export->progress_data, cancellable, error);
}

/* Writes to a temporary file beside @file and renames it over @file only
 * when everything was written: a failure or a cancel leaves @file as it
 * was. */
gboolean
ava_csv_export_result (AvaResult           *result,
                       const AvaCsvDialect *dialect,
                       const guint         *row_order,
                       guint                n_rows,
                       GFile               *file,
                       AvaRowsProgressFunc  progress,
                       gpointer             progress_data,
                       GCancellable        *cancellable,
                       GError             **error)
{
  CsvExport export = { result, dialect, row_order, n_rows, progress, progress_data };

  return ava_file_write_atomically (file, write_csv_cb, &export, cancellable, error);
}
