/* ava-export.c
 *
 * Tables and the report are written on worker threads from copies of their
 * inputs (a result reference is enough: results are immutable), so the
 * window stays responsive and may change its results meanwhile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ava-export.h"

#include "ava-csv-writer.h"
#include "ava-json-writer.h"
#include "ava-timestamp.h"

static const char *const chart_extensions[] = { "png", "svg", "pdf" };
static const char *const table_names[] = { "csv", "excel", "json" };

static AvaExportTestHook test_hook;
static gpointer          test_hook_data;

const char *
ava_chart_format_get_extension (AvaChartFormat format)
{
  g_return_val_if_fail (format < G_N_ELEMENTS (chart_extensions), NULL);

  return chart_extensions[format];
}

gboolean
ava_chart_format_from_name (const char     *name,
                            AvaChartFormat *out_format)
{
  for (guint i = 0; i < G_N_ELEMENTS (chart_extensions); i++)
    if (g_strcmp0 (name, chart_extensions[i]) == 0)
      {
        *out_format = i;
        return TRUE;
      }

  return FALSE;
}

const char *
ava_table_format_get_extension (AvaTableFormat format)
{
  return format == AVA_TABLE_FORMAT_JSON ? "json" : "csv";
}

/* "csv", "excel" or "json", as in the actions' targets. */
gboolean
ava_table_format_from_name (const char     *name,
                            AvaTableFormat *out_format)
{
  for (guint i = 0; i < G_N_ELEMENTS (table_names); i++)
    if (g_strcmp0 (name, table_names[i]) == 0)
      {
        *out_format = i;
        return TRUE;
      }

  return FALSE;
}

/* Lower case letters and digits, words joined by "-". */
static void
append_slug (GString    *out,
             const char *text)
{
  gboolean dash = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        {
          if (dash && out->len > 0)
            g_string_append_c (out, '-');
          g_string_append_unichar (out, g_unichar_tolower (c));
          dash = FALSE;
        }
      else if (c != '\'' && c != 0x2019)
        dash = TRUE;
    }
}

static void
append_day (GString *out,
            gint64   timestamp)
{
  int year, month, day, hour, minute, second;

  ava_timestamp_to_civil (timestamp, &year, &month, &day, &hour, &minute, &second);
  g_string_append_printf (out, "%04d-%02d-%02d", year, month, day);
}

/* For example "monthly-revenue-2011-09-01-2011-12-01.png": the title, then
 * the date filter (the end excluded, as in the filter); no extension if
 * @extension is NULL. */
char *
ava_export_default_name (const char     *title,
                         const AvaQuery *filters,
                         const char     *extension)
{
  GString *name = g_string_new (NULL);

  append_slug (name, title);
  if (name->len == 0)
    g_string_append (name, "export");

  if (filters != NULL && filters->has_from)
    {
      g_string_append (name, filters->has_to ? "-" : "-from-");
      append_day (name, filters->from);
    }
  if (filters != NULL && filters->has_to)
    {
      g_string_append (name, filters->has_from ? "-" : "-until-");
      append_day (name, filters->to);
    }

  if (extension != NULL)
    g_string_append_printf (name, ".%s", extension);

  return g_string_free (name, FALSE);
}

/* The writers pick nothing from the name, but people and file managers do:
 * a name typed without the format's extension gets it. */
GFile *
ava_export_ensure_extension (GFile      *file,
                             const char *extension)
{
  g_autofree char  *basename = g_file_get_basename (file);
  g_autofree char  *lower = g_ascii_strdown (basename, -1);
  g_autofree char  *suffix = g_strconcat (".", extension, NULL);
  g_autofree char  *name = NULL;
  g_autoptr (GFile) parent = NULL;

  if (g_str_has_suffix (lower, suffix))
    return g_object_ref (file);

  parent = g_file_get_parent (file);
  name = g_strconcat (basename, suffix, NULL);

  return g_file_get_child (parent, name);
}

/* {{{ Charts */

typedef struct
{
  AvaChart             *chart;
  AvaChartExportOptions options;
  char                 *context;
  GFile                *file;
} ChartJob;

static void
chart_job_free (ChartJob *job)
{
  g_clear_pointer (&job->chart, ava_chart_unref);
  g_clear_pointer (&job->context, g_free);
  g_clear_object (&job->file);
  g_free (job);
}

/* The chart, framed with its title and the context, by the renderer of
 * the screen and the CLI. */
static void
chart_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ChartJob          *job = task_data;
  g_autofree char   *path = g_file_get_path (job->file);
  g_autoptr (GError) error = NULL;
  AvaChartStyle      style;

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (job->file);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _ ("Cannot write “%s”: not a local file"), uri);
      return;
    }

  ava_chart_style_init (&style, job->options.dark);
  if (ava_chart_export (job->chart, path, job->options.width, job->options.height,
                        job->options.format == AVA_CHART_FORMAT_PNG ? job->options.scale : 1.0,
                        &style, job->context, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * ava_export_chart_async:
 * @chart: the chart (immutable: a reference is enough)
 * @options: format, size, scale, colours
 * @context: (nullable): the line under the title: filters, source
 * @file: where; the format's extension is added if missing
 *
 * Draws and writes the chart on a worker thread: a large PNG takes a
 * while. The file appears only when complete.
 *
 * Returns: (transfer full): the task in flight, the same that @callback gets
 */
GTask *
ava_export_chart_async (AvaChart                    *chart,
                        const AvaChartExportOptions *options,
                        const char                  *context,
                        GFile                       *file,
                        GAsyncReadyCallback          callback,
                        gpointer                     user_data)
{
  g_autoptr (GTask) task = NULL;
  ChartJob         *job;

  g_return_val_if_fail (chart != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  job = g_new0 (ChartJob, 1);
  job->chart = ava_chart_ref (chart);
  job->options = *options;
  job->context = g_strdup (context);
  job->file = ava_export_ensure_extension (file, ava_chart_format_get_extension (options->format));

  task = g_task_new (NULL, NULL, callback, user_data);
  g_task_set_source_tag (task, ava_export_chart_async);
  g_task_set_task_data (task, job, (GDestroyNotify) chart_job_free);
  g_task_run_in_thread (task, chart_thread);

  return g_steal_pointer (&task);
}

/* }}} */
/* {{{ Tables */

typedef struct
{
  AvaResult     *result;
  guint         *row_order;
  guint          n_rows;
  AvaTableFormat format;
  AvaCsvDialect  dialect; /* read from the locale on the main thread */
  GFile         *file;
  guint          rows_written; /* atomic: the main thread polls it */
} TableJob;

static void
table_job_free (TableJob *job)
{
  g_clear_object (&job->result);
  g_clear_pointer (&job->row_order, g_free);
  g_clear_object (&job->file);
  g_free (job);
}

static void
table_progress_cb (guint    rows_written,
                   guint    n_rows,
                   gpointer user_data)
{
  TableJob *job = user_data;

  g_atomic_int_set (&job->rows_written, rows_written);
  if (test_hook != NULL)
    test_hook (rows_written, test_hook_data);
}

static void
table_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  TableJob          *job = task_data;
  g_autoptr (GError) error = NULL;
  gboolean           ok;

  if (job->format == AVA_TABLE_FORMAT_JSON)
    ok = ava_json_export_result (job->result, job->row_order, job->n_rows, job->file,
                                 table_progress_cb, job, cancellable, &error);
  else
    ok = ava_csv_export_result (job->result, &job->dialect, job->row_order, job->n_rows, job->file,
                                table_progress_cb, job, cancellable, &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * ava_export_table_async:
 * @result: the table's result
 * @row_order: (array length=n_rows): the rows as shown, copied
 * @n_rows: how many
 * @format: CSV, CSV for Excel or JSON
 * @file: where; it appears only when complete
 *
 * Writes the rows on a worker thread. Cancelling leaves no file and no
 * temporary file.
 *
 * Returns: (transfer full): the task in flight, the same that @callback
 *   gets, for ava_export_table_get_rows_written()
 */
GTask *
ava_export_table_async (AvaResult          *result,
                        const guint        *row_order,
                        guint               n_rows,
                        AvaTableFormat      format,
                        GFile              *file,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  TableJob         *job;

  g_return_val_if_fail (AVA_IS_RESULT (result), NULL);
  g_return_val_if_fail (row_order != NULL || n_rows == 0, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  job = g_new0 (TableJob, 1);
  job->result = g_object_ref (result);
  job->row_order = n_rows > 0 ? g_memdup2 (row_order, n_rows * sizeof (guint)) : g_new0 (guint, 1);
  job->n_rows = n_rows;
  job->format = format;
  ava_csv_dialect_init (&job->dialect, format == AVA_TABLE_FORMAT_CSV_EXCEL ? AVA_CSV_PRESET_EXCEL : AVA_CSV_PRESET_MACHINE);
  job->file = ava_export_ensure_extension (file, ava_table_format_get_extension (format));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ava_export_table_async);
  /* A cancel that comes after the last write is too late: report what
   * happened on disk, not the button. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) table_job_free);
  g_task_run_in_thread (task, table_thread);

  return g_steal_pointer (&task);
}

/* Rows on disk so far, for a progress bar. */
guint
ava_export_table_get_rows_written (GTask *task)
{
  TableJob *job;

  g_return_val_if_fail (G_IS_TASK (task), 0);
  g_return_val_if_fail (g_task_get_source_tag (task) == ava_export_table_async, 0);

  job = g_task_get_task_data (task);
  return g_atomic_int_get (&job->rows_written);
}

/* For tests: @hook runs on the worker after each chunk of a table export,
 * for example to cancel it half-way. */
void
ava_export_set_test_hook (AvaExportTestHook hook,
                          gpointer          user_data)
{
  test_hook = hook;
  test_hook_data = user_data;
}

/* }}} */
/* {{{ Report */

typedef struct
{
  AvaReportContent content; /* owns its strings and results */
  GFile           *file;
} ReportJob;

static void
report_job_free (ReportJob *job)
{
  g_free ((char *) job->content.source);
  g_free ((char *) job->content.filters);
  g_free ((char *) job->content.data_as_of);
  for (AvaKpi kpi = 0; kpi < AVA_N_KPIS; kpi++)
    g_clear_object (&job->content.results[kpi]);
  g_clear_object (&job->file);
  g_free (job);
}

static void
report_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ReportJob         *job = task_data;
  g_autofree char   *path = g_file_get_path (job->file);
  g_autoptr (GError) error = NULL;

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (job->file);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _ ("Cannot write “%s”: not a local file"), uri);
      return;
    }

  /* The report appears only when complete (see ava_chart_export()). */
  if (ava_report_write_pdf (&job->content, path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * ava_export_report_async:
 * @content: what to report; its strings and results are copied or
 *   referenced, never read again after this returns
 * @file: the PDF file
 *
 * Writes the report on a worker thread. It is not cancellable once
 * started: a report takes about a second.
 *
 * Returns: (transfer full): the task in flight, the same that @callback gets
 */
GTask *
ava_export_report_async (const AvaReportContent *content,
                         GFile                  *file,
                         GAsyncReadyCallback     callback,
                         gpointer                user_data)
{
  g_autoptr (GTask) task = NULL;
  ReportJob        *job;

  g_return_val_if_fail (content != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  for (AvaKpi kpi = 0; kpi < AVA_N_KPIS; kpi++)
    g_return_val_if_fail (AVA_IS_RESULT (content->results[kpi]), NULL);

  job = g_new0 (ReportJob, 1);
  job->content.source = g_strdup (content->source);
  job->content.filters = g_strdup (content->filters);
  job->content.data_as_of = g_strdup (content->data_as_of);
  for (AvaKpi kpi = 0; kpi < AVA_N_KPIS; kpi++)
    job->content.results[kpi] = g_object_ref (content->results[kpi]);
  job->file = ava_export_ensure_extension (file, "pdf");

  task = g_task_new (NULL, NULL, callback, user_data);
  g_task_set_source_tag (task, ava_export_report_async);
  g_task_set_task_data (task, job, (GDestroyNotify) report_job_free);
  g_task_run_in_thread (task, report_thread);

  return g_steal_pointer (&task);
}

/* }}} */
/* {{{ Any export */

/* The file of an export task (chart, table or report), with the format's
 * extension. */
GFile *
ava_export_get_file (GTask *task)
{
  gpointer tag;

  g_return_val_if_fail (G_IS_TASK (task), NULL);

  tag = g_task_get_source_tag (task);
  if (tag == ava_export_chart_async)
    return ((ChartJob *) g_task_get_task_data (task))->file;
  if (tag == ava_export_table_async)
    return ((TableJob *) g_task_get_task_data (task))->file;

  g_return_val_if_fail (tag == ava_export_report_async, NULL);
  return ((ReportJob *) g_task_get_task_data (task))->file;
}

/* Whether the file of any export task was written. */
gboolean
ava_export_finish (GAsyncResult *result,
                   GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* }}} */
