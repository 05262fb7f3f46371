/* ava-import-dialog.c
 *
 * Imports a CSV file into the connected PostgreSQL database in two steps,
 * each on a worker thread with a progress bar and Cancel: the file is read
 * and cleaned and its quality report shown; "Import" then sends it with
 * ava_pg_import_dataset_with_progress(). The import is one transaction, so
 * Cancel, or closing the dialog, leaves the database as it was.
 *
 * The conninfo may hold the password: it lives only in this object and in
 * the worker's copy, and every error is scrubbed of it before it is shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ava-import-dialog-private.h"

#include <glib/gi18n.h>

#include "ava-cleaner.h"
#include "ava-gui-private.h"
#include "ava-pg-connection.h"
#include "ava-timestamp.h"

G_DEFINE_FINAL_TYPE (AvaImportDialog, ava_import_dialog, ADW_TYPE_WINDOW)

enum
{
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The phase of an AvaImportProgress while the file is read; the import
 * uses the AvaPgImportPhase values. */
#define READING_PHASE (-1)

static void ava_import_dialog_show_progress (AvaImportDialog *self);

/* {{{ Shared with the workers */

struct _AvaImportLoaded
{
  AvaDataset       *dataset;
  AvaQualityReport *report;
};

static void
loaded_clear (gpointer data)
{
  AvaImportLoaded *loaded = data;

  g_clear_object (&loaded->dataset);
  g_clear_pointer (&loaded->report, ava_quality_report_free);
}

static void
loaded_unref (AvaImportLoaded *loaded)
{
  g_rc_box_release_full (loaded, loaded_clear);
}

/* The worker overwrites the latest figures; at most one idle at a time
 * carries them to the main thread. */
struct _AvaImportProgress
{
  GMutex   lock;
  GWeakRef dialog;
  gboolean queued;
  int      phase;
  guint64  done;
  guint64  total;
};

static void
progress_clear (gpointer data)
{
  AvaImportProgress *progress = data;

  g_weak_ref_clear (&progress->dialog);
  g_mutex_clear (&progress->lock);
}

static void
progress_unref (AvaImportProgress *progress)
{
  g_rc_box_release_full (progress, progress_clear);
}

static AvaImportProgress *
progress_new (AvaImportDialog *self,
              int              phase)
{
  AvaImportProgress *progress = g_rc_box_new0 (AvaImportProgress);

  g_mutex_init (&progress->lock);
  g_weak_ref_init (&progress->dialog, self);
  progress->phase = phase;

  return progress;
}

static gboolean
progress_idle_cb (gpointer data)
{
  AvaImportProgress          *progress = data;
  g_autoptr (AvaImportDialog) self = g_weak_ref_get (&progress->dialog);

  g_mutex_lock (&progress->lock);
  progress->queued = FALSE;
  g_mutex_unlock (&progress->lock);

  /* A finished step, or a closed dialog, shows nothing. */
  if (self != NULL && self->progress == progress)
    ava_import_dialog_show_progress (self);

  return G_SOURCE_REMOVE;
}

/* Any thread. */
static void
progress_update (AvaImportProgress *progress,
                 int                phase,
                 guint64            done,
                 guint64            total)
{
  gboolean queue;

  g_mutex_lock (&progress->lock);
  progress->phase = phase;
  progress->done = done;
  progress->total = total;
  queue = !progress->queued;
  progress->queued = TRUE;
  g_mutex_unlock (&progress->lock);

  if (queue)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, progress_idle_cb, g_rc_box_acquire (progress),
                     (GDestroyNotify) progress_unref);
}

/* }}} */
/* {{{ Showing the state */

static char *
format_day (gint64 timestamp)
{
  int year, month, day, hour, minute, second;

  ava_timestamp_to_civil (timestamp, &year, &month, &day, &hour, &minute, &second);
  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

static void
ava_import_dialog_show_progress (AvaImportDialog *self)
{
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  double           fraction = 0;
  int              phase;
  guint64          done, total;

  g_mutex_lock (&self->progress->lock);
  phase = self->progress->phase;
  done = self->progress->done;
  total = self->progress->total;
  g_mutex_unlock (&self->progress->lock);

  if (phase == READING_PHASE)
    {
      g_autofree char *done_size = g_format_size (done);
      g_autofree char *total_size = g_format_size (total);

      /* Translators: %s is a file name */
      title = g_strdup_printf (_ ("Reading %s…"), self->file_name);
      /* Translators: bytes read of a file, e.g. “1.2 MB of 3.4 MB” */
      detail = g_strdup_printf (_ ("%s of %s"), done_size, total_size);
      fraction = total > 0 ? (double) done / (double) total : 0;
    }
  else
    {
      /* Translators: %s is the database, e.g. “PostgreSQL · sales on db.example.com” */
      title = g_strdup_printf (_ ("Importing into %s…"), self->target);
      /* The lines are most of the work; the other phases get a fixed
       * share of the bar. */
      switch ((AvaPgImportPhase) phase)
        {
        case AVA_PG_IMPORT_PHASE_CONNECT:
          detail = g_strdup (_ ("Connecting…"));
          break;

        case AVA_PG_IMPORT_PHASE_STAGE:
          detail = g_strdup (_ ("Sending the invoices and products…"));
          fraction = 0.05;
          break;

        case AVA_PG_IMPORT_PHASE_LINES:
          {
            g_autofree char *sent = ava_gui_format_count ((gint64) done);
            g_autofree char *all = ava_gui_format_count ((gint64) total);

            /* Translators: sales lines sent to the database, e.g. “Sending lines: 3,500 of 12,000” */
            detail = g_strdup_printf (_ ("Sending lines: %s of %s"), sent, all);
            fraction = 0.1 + 0.8 * (total > 0 ? (double) done / (double) total : 1);
          }
          break;

        case AVA_PG_IMPORT_PHASE_FINISH:
        default:
          detail = g_strdup (_ ("Updating the indexes and summaries…"));
          fraction = 0.9;
          break;
        }

      if (g_cancellable_is_cancelled (self->cancellable))
        {
          g_free (title);
          title = g_strdup (_ ("Stopping the import…"));
        }
    }

  gtk_label_set_text (self->progress_title, title);
  gtk_label_set_text (self->progress_detail, detail);
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0, 1));
}

static void
ava_import_dialog_show_result (AvaImportDialog *self)
{
  g_autofree char *description = NULL;
  const char      *icon = "dialog-error-symbolic";
  const char      *title = NULL;

  switch (self->state)
    {
    case AVA_IMPORT_STATE_IMPORTED:
      icon = "emblem-ok-symbolic";
      if (self->result.new_lines > 0)
        {
          guint64             n_added = self->result.new_lines;
          guint64             n_present = self->result.already_present_lines;
          g_autofree char    *added = ava_gui_format_count ((gint64) n_added);
          g_autofree char    *present = ava_gui_format_count ((gint64) n_present);
          g_autoptr (GString) text = g_string_new (NULL);

          title = _ ("Import Complete");
          /* Translators: %s is a count of sales lines */
          g_string_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s new line was added.", "%s new lines were added.", n_added),
                           added);
          if (n_present > 0)
            {
              g_string_append_c (text, ' ');
              /* Translators: %s is a count of sales lines */
              g_string_append_printf (text,
                                      g_dngettext (GETTEXT_PACKAGE, "%s line was already in the database.",
                                                   "%s lines were already in the database.", n_present),
                                      present);
            }
          description = g_string_free (g_steal_pointer (&text), FALSE);
        }
      else
        {
          g_autofree char *present = ava_gui_format_count ((gint64) self->result.already_present_lines);

          title = _ ("Nothing New");
          /* Translators: %s is a count of sales lines */
          description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s line is already in the database.",
                                                      "All %s lines are already in the database.",
                                                      self->result.already_present_lines),
                                         present);
        }
      break;

    case AVA_IMPORT_STATE_STOPPED:
      icon = "process-stop-symbolic";
      title = _ ("Import Stopped");
      description = g_strdup (_ ("Nothing was changed in the database."));
      break;

    case AVA_IMPORT_STATE_FAILED:
      if (self->loaded == NULL)
        {
          title = _ ("Could Not Read the File");
          description = g_strdup (self->message);
        }
      else
        {
          title = _ ("Import Failed");
          description = g_strdup_printf ("%s\n\n%s", self->message, _ ("Nothing was changed in the database."));
        }
      break;

    case AVA_IMPORT_STATE_CHOOSE:
    case AVA_IMPORT_STATE_READING:
    case AVA_IMPORT_STATE_REVIEW:
    case AVA_IMPORT_STATE_IMPORTING:
    default:
      g_assert_not_reached ();
    }

  adw_status_page_set_icon_name (self->result_page, icon);
  adw_status_page_set_title (self->result_page, title);
  adw_status_page_set_description (self->result_page, description);
}

static void
ava_import_dialog_set_state (AvaImportDialog *self,
                             AvaImportState   state)
{
  static const char *const pages[] = {
    [AVA_IMPORT_STATE_CHOOSE] = "choose",
    [AVA_IMPORT_STATE_READING] = "progress",
    [AVA_IMPORT_STATE_REVIEW] = "review",
    [AVA_IMPORT_STATE_IMPORTING] = "progress",
    [AVA_IMPORT_STATE_IMPORTED] = "result",
    [AVA_IMPORT_STATE_STOPPED] = "result",
    [AVA_IMPORT_STATE_FAILED] = "result",
  };
  gboolean finished = state >= AVA_IMPORT_STATE_IMPORTED;

  self->state = state;

  if (finished)
    ava_import_dialog_show_result (self);
  else if (self->progress != NULL)
    ava_import_dialog_show_progress (self);

  gtk_stack_set_visible_child_name (self->stack, pages[state]);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !finished);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), state == AVA_IMPORT_STATE_REVIEW);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button),
                            self->loaded != NULL && self->loaded->report->kept_lines > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->close_button), finished);
}

static void
ava_import_dialog_set_figure (AvaImportDialog *self,
                              AvaImportFigure  figure,
                              guint64          value)
{
  g_autofree char *text = ava_gui_format_count ((gint64) value);

  gtk_label_set_text (self->figures[figure], text);
}

/* Fills the review page from the quality report. */
static void
ava_import_dialog_build_review (AvaImportDialog *self)
{
  const AvaQualityReport *report = self->loaded->report;
  GArray                 *rows = report->rejected_rows;
  guint                   n_shown = rows != NULL ? MIN (rows->len, AVA_IMPORT_DIALOG_MAX_REJECTED_SHOWN) : 0;

  adw_preferences_group_set_title (self->input_group, self->file_name);
  ava_import_dialog_set_figure (self, AVA_IMPORT_FIGURE_INPUT_ROWS, report->input_rows);
  ava_import_dialog_set_figure (self, AVA_IMPORT_FIGURE_REJECTED, report->rejected);
  ava_import_dialog_set_figure (self, AVA_IMPORT_FIGURE_DUPLICATES, report->duplicates_dropped);
  ava_import_dialog_set_figure (self, AVA_IMPORT_FIGURE_KEPT, report->kept_lines);
  ava_import_dialog_set_figure (self, AVA_IMPORT_FIGURE_SALES, report->sale_lines);
  ava_import_dialog_set_figure (self, AVA_IMPORT_FIGURE_RETURNS, report->return_lines);
  ava_import_dialog_set_figure (self, AVA_IMPORT_FIGURE_EXCLUDED, report->excluded_lines);
  ava_import_dialog_set_figure (self, AVA_IMPORT_FIGURE_CUSTOMERS, report->customers);
  ava_import_dialog_set_figure (self, AVA_IMPORT_FIGURE_PRODUCTS, report->products);
  ava_import_dialog_set_figure (self, AVA_IMPORT_FIGURE_COUNTRIES, report->countries);

  if (report->kept_lines > 0)
    {
      g_autofree char *first = format_day (report->first_invoice_date);
      g_autofree char *last = format_day (report->last_invoice_date);
      g_autofree char *range = g_strdup_printf ("%s – %s", first, last);

      gtk_label_set_text (self->figures[AVA_IMPORT_FIGURE_DATES], range);
    }
  else
    {
      gtk_label_set_text (self->figures[AVA_IMPORT_FIGURE_DATES], "—");
    }

  for (guint i = 0; i < self->rejected_rows->len; i++)
    adw_preferences_group_remove (self->rejected_group, g_ptr_array_index (self->rejected_rows, i));
  g_ptr_array_set_size (self->rejected_rows, 0);

  for (guint i = 0; i < n_shown; i++)
    {
      const AvaRejectedRow *rejected = &g_array_index (rows, AvaRejectedRow, i);
      g_autofree char      *line = ava_gui_format_count ((gint64) rejected->line);
      g_autofree char      *title = NULL;
      GtkWidget            *row = adw_action_row_new ();

      /* Translators: %s is a line number of the file */
      title = g_strdup_printf (_ ("Line %s"), line);
      /* The reason quotes the file: never markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), rejected->reason);
      adw_preferences_group_add (self->rejected_group, row);
      g_ptr_array_add (self->rejected_rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->rejected_group), report->rejected > 0);
  if (report->rejected > n_shown)
    {
      g_autofree char *all = ava_gui_format_count ((gint64) report->rejected);
      g_autofree char *description = NULL;

      /* Translators: “The first 50 of 1,234 rows…” */
      description = g_strdup_printf (_ ("The first %u of %s rows. All of them are recorded in the database with the import."),
                                     n_shown, all);
      adw_preferences_group_set_description (self->rejected_group, description);
    }
  else
    {
      adw_preferences_group_set_description (self->rejected_group,
                                             _ ("They are recorded in the database with the import."));
    }
}

/* }}} */
/* {{{ Reading the file */

typedef struct
{
  char              *path;
  AvaImportProgress *progress;
} ReadJob;

static void
read_job_free (ReadJob *job)
{
  g_free (job->path);
  progress_unref (job->progress);
  g_free (job);
}

static void
read_progress_cb (guint64  bytes_read,
                  guint64  file_size,
                  gpointer user_data)
{
  progress_update (user_data, READING_PHASE, bytes_read, file_size);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadJob           *job = task_data;
  g_autoptr (GError) error = NULL;
  AvaImportLoaded   *loaded = g_rc_box_new0 (AvaImportLoaded);

  loaded->dataset = ava_load_csv_path_with_progress (job->path, read_progress_cb, job->progress, cancellable,
                                                     &loaded->report, &error);
  if (loaded->dataset == NULL)
    {
      loaded_unref (loaded);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, loaded, (GDestroyNotify) loaded_unref);
}

static void
read_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (AvaImportDialog) self = g_weak_ref_get (user_data);
  g_autoptr (GError)          error = NULL;
  AvaImportLoaded            *loaded = g_task_propagate_pointer (G_TASK (result), &error);

  g_weak_ref_clear (user_data);
  g_free (user_data);

  /* Cancelled (the dialog went back to the start) or closed. */
  if (self == NULL || g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    {
      g_clear_pointer (&loaded, loaded_unref);
      return;
    }

  /* The last figures may still be on their way in an idle. */
  ava_import_dialog_show_progress (self);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->progress, progress_unref);

  if (loaded == NULL)
    {
      g_free (self->message);
      self->message = g_strdup (error->message);
      ava_import_dialog_set_state (self, AVA_IMPORT_STATE_FAILED);
      return;
    }

  self->loaded = loaded;
  ava_import_dialog_build_review (self);
  ava_import_dialog_set_state (self, AVA_IMPORT_STATE_REVIEW);
}

/* }}} */
/* {{{ Importing */

typedef struct
{
  char              *conninfo;
  AvaImportLoaded   *loaded;
  AvaImportProgress *progress;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_free (job->conninfo);
  loaded_unref (job->loaded);
  progress_unref (job->progress);
  g_free (job);
}

static void
import_progress_cb (AvaPgImportPhase phase,
                    guint64          lines_sent,
                    guint64          n_lines,
                    gpointer         user_data)
{
  progress_update (user_data, (int) phase, lines_sent, n_lines);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob                    *job = task_data;
  g_autoptr (GError)            error = NULL;
  g_autofree AvaPgImportResult *result = g_new0 (AvaPgImportResult, 1);

  if (!ava_pg_import_dataset_with_progress (job->conninfo, job->loaded->dataset, job->loaded->report,
                                            import_progress_cb, job->progress, cancellable, result, &error))
    {
      /* The pg layer scrubs its messages already; the dialog shows this
       * text verbatim, so scrub again. */
      g_autofree char *scrubbed = ava_pg_scrub_secrets (error->message, job->conninfo, NULL);

      g_task_return_new_error (task, error->domain, error->code, "%s", scrubbed);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&result), g_free);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (AvaImportDialog)   self = g_weak_ref_get (user_data);
  g_autoptr (GError)            error = NULL;
  g_autofree AvaPgImportResult *counts = g_task_propagate_pointer (G_TASK (result), &error);

  g_weak_ref_clear (user_data);
  g_free (user_data);

  if (self == NULL)
    return;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->progress, progress_unref);

  if (counts == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          ava_import_dialog_set_state (self, AVA_IMPORT_STATE_STOPPED);
          return;
        }

      g_free (self->message);
      self->message = g_strdup (error->message);
      ava_import_dialog_set_state (self, AVA_IMPORT_STATE_FAILED);
      return;
    }

  self->result = *counts;
  ava_import_dialog_set_state (self, AVA_IMPORT_STATE_IMPORTED);
  if (counts->new_lines > 0)
    g_signal_emit (self, signals[IMPORTED], 0);
}

static void
ava_import_dialog_start_import (AvaImportDialog *self)
{
  g_autoptr (GTask) task = NULL;
  ImportJob        *job;
  GWeakRef         *self_ref;

  g_assert (self->state == AVA_IMPORT_STATE_REVIEW);

  self->cancellable = g_cancellable_new ();
  self->progress = progress_new (self, AVA_PG_IMPORT_PHASE_CONNECT);
  ava_import_dialog_set_state (self, AVA_IMPORT_STATE_IMPORTING);

  /* The worker reads only these copies and references. */
  job = g_new0 (ImportJob, 1);
  job->conninfo = g_strdup (self->conninfo);
  job->loaded = g_rc_box_acquire (self->loaded);
  job->progress = g_rc_box_acquire (self->progress);

  self_ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (self_ref, self);
  task = g_task_new (NULL, self->cancellable, import_done_cb, self_ref);
  g_task_set_source_tag (task, ava_import_dialog_start_import);
  /* A cancel that comes after the commit must not hide it: the result
   * is the worker's, whatever the cancellable says by then. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_thread);
}

/* }}} */
/* {{{ Callbacks */

static void
cancel_clicked_cb (AvaImportDialog *self)
{
  switch (self->state)
    {
    case AVA_IMPORT_STATE_READING:
      /* Nothing depends on the read: forget it and start over. */
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      g_clear_pointer (&self->progress, progress_unref);
      ava_import_dialog_set_state (self, AVA_IMPORT_STATE_CHOOSE);
      break;

    case AVA_IMPORT_STATE_IMPORTING:
      /* Wait for the rollback, so that "nothing was changed" is true when
       * it is said. */
      g_cancellable_cancel (self->cancellable);
      gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
      ava_import_dialog_show_progress (self);
      break;

    case AVA_IMPORT_STATE_CHOOSE:
    case AVA_IMPORT_STATE_REVIEW:
    case AVA_IMPORT_STATE_IMPORTED:
    case AVA_IMPORT_STATE_STOPPED:
    case AVA_IMPORT_STATE_FAILED:
    default:
      gtk_window_close (GTK_WINDOW (self));
      break;
    }
}

static void
close_clicked_cb (AvaImportDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
import_clicked_cb (AvaImportDialog *self)
{
  if (self->state == AVA_IMPORT_STATE_REVIEW && gtk_widget_get_sensitive (GTK_WIDGET (self->import_button)))
    ava_import_dialog_start_import (self);
}

static void
choose_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    AvaImportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      ava_import_dialog_load_file (self, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
choose_clicked_cb (AvaImportDialog *self)
{
  GtkFileChooserNative     *chooser;
  g_autoptr (GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_ ("Choose Sales Data"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Open"), _ ("_Cancel"));

  gtk_file_filter_set_name (csv, _ ("CSV files"));
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_filter_add_pattern (csv, "*.CSV");
  gtk_file_filter_add_pattern (csv, "*.csv.gz");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  gtk_file_filter_set_name (all, _ ("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (choose_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* }}} */
/* {{{ GObject */

static void
ava_import_dialog_dispose (GObject *object)
{
  AvaImportDialog *self = AVA_IMPORT_DIALOG (object);

  /* A running import rolls back on its own thread. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->progress, progress_unref);
  g_clear_pointer (&self->loaded, loaded_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), AVA_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (ava_import_dialog_parent_class)->dispose (object);
}

static void
ava_import_dialog_finalize (GObject *object)
{
  AvaImportDialog *self = AVA_IMPORT_DIALOG (object);

  g_clear_pointer (&self->conninfo, g_free);
  g_clear_pointer (&self->target, g_free);
  g_clear_pointer (&self->file_name, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->rejected_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (ava_import_dialog_parent_class)->finalize (object);
}

static void
ava_import_dialog_class_init (AvaImportDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ava_import_dialog_dispose;
  object_class->finalize = ava_import_dialog_finalize;

  /**
   * AvaImportDialog::imported:
   *
   * An import added lines to the database and is committed.
   */
  signals[IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  ava_gui_ensure_resources ();

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ava-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AvaImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AvaImportDialog, choose_button);
  gtk_widget_class_bind_template_child (widget_class, AvaImportDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, AvaImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, AvaImportDialog, input_group);
  gtk_widget_class_bind_template_child (widget_class, AvaImportDialog, kept_group);
  gtk_widget_class_bind_template_child (widget_class, AvaImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AvaImportDialog, progress_detail);
  gtk_widget_class_bind_template_child (widget_class, AvaImportDialog, progress_title);
  gtk_widget_class_bind_template_child (widget_class, AvaImportDialog, rejected_group);
  gtk_widget_class_bind_template_child (widget_class, AvaImportDialog, result_page);
  gtk_widget_class_bind_template_child (widget_class, AvaImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AvaImportDialog, start_page);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, close_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ava_import_dialog_init (AvaImportDialog *self)
{
  static const struct
  {
    AvaImportFigure figure;
    gboolean        kept; /* in the kept lines group */
    const char     *title;
  } rows[] = {
    { AVA_IMPORT_FIGURE_INPUT_ROWS, FALSE, N_ ("Input rows") },
    { AVA_IMPORT_FIGURE_REJECTED, FALSE, N_ ("Rejected rows") },
    { AVA_IMPORT_FIGURE_DUPLICATES, FALSE, N_ ("Duplicates dropped") },
    { AVA_IMPORT_FIGURE_KEPT, FALSE, N_ ("Kept lines") },
    { AVA_IMPORT_FIGURE_SALES, TRUE, N_ ("Sale lines") },
    { AVA_IMPORT_FIGURE_RETURNS, TRUE, N_ ("Return lines") },
    { AVA_IMPORT_FIGURE_EXCLUDED, TRUE, N_ ("Excluded lines") },
    { AVA_IMPORT_FIGURE_DATES, TRUE, N_ ("Dates") },
    { AVA_IMPORT_FIGURE_CUSTOMERS, TRUE, N_ ("Customers") },
    { AVA_IMPORT_FIGURE_PRODUCTS, TRUE, N_ ("Products") },
    { AVA_IMPORT_FIGURE_COUNTRIES, TRUE, N_ ("Countries") },
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (rows) == AVA_IMPORT_N_FIGURES);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rejected_rows = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *value = gtk_label_new (NULL);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _ (rows[i].title));
      gtk_label_set_selectable (GTK_LABEL (value), TRUE);
      gtk_widget_add_css_class (value, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
      adw_preferences_group_add (rows[i].kept ? self->kept_group : self->input_group, row);
      self->figures[rows[i].figure] = GTK_LABEL (value);
    }

  ava_import_dialog_set_state (self, AVA_IMPORT_STATE_CHOOSE);
}

/* }}} */
/* {{{ Public API */

/**
 * ava_import_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @conninfo: the database to import into; may hold the password
 * @target: (nullable): the database as shown to the user, never a secret
 *
 * Returns: (transfer floating): a new modal #AvaImportDialog
 */
GtkWidget *
ava_import_dialog_new (GtkWindow  *parent,
                       const char *conninfo,
                       const char *target)
{
  AvaImportDialog *self;
  g_autofree char *description = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (conninfo != NULL, NULL);

  self = g_object_new (AVA_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->conninfo = g_strdup (conninfo);
  self->target = g_strdup (target != NULL ? target : _ ("the database"));

  /* Translators: %s is the database, e.g. “PostgreSQL · sales on db.example.com” */
  description = g_strdup_printf (_ ("Choose a CSV file, plain or compressed (.csv.gz). Its quality report is shown "
                                    "before anything is sent to %s."),
                                 self->target);
  adw_status_page_set_description (self->start_page, description);

  return GTK_WIDGET (self);
}

/**
 * ava_import_dialog_load_file:
 * @self: a #AvaImportDialog waiting for a file
 * @file: a CSV file, plain or gzip
 *
 * Reads and cleans @file on a worker thread, then shows its quality
 * report. Nothing is sent to the database until "Import" is pressed.
 */
void
ava_import_dialog_load_file (AvaImportDialog *self,
                             GFile           *file)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char  *path = NULL;
  ReadJob          *job;
  GWeakRef         *self_ref;

  g_return_if_fail (AVA_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->state == AVA_IMPORT_STATE_CHOOSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_free (self->message);
      self->message = g_strdup (_ ("Only local files can be imported."));
      ava_import_dialog_set_state (self, AVA_IMPORT_STATE_FAILED);
      return;
    }

  g_free (self->file_name);
  self->file_name = g_file_get_basename (file);
  self->cancellable = g_cancellable_new ();
  self->progress = progress_new (self, READING_PHASE);
  ava_import_dialog_set_state (self, AVA_IMPORT_STATE_READING);

  job = g_new0 (ReadJob, 1);
  job->path = g_steal_pointer (&path);
  job->progress = g_rc_box_acquire (self->progress);

  self_ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (self_ref, self);
  task = g_task_new (NULL, self->cancellable, read_done_cb, self_ref);
  g_task_set_source_tag (task, ava_import_dialog_load_file);
  g_task_set_task_data (task, job, (GDestroyNotify) read_job_free);
  g_task_run_in_thread (task, read_thread);
}

/**
 * ava_import_dialog_get_report:
 * @self: a #AvaImportDialog
 *
 * Returns: (nullable): the quality report of the file read, if any
 */
const AvaQualityReport *
ava_import_dialog_get_report (AvaImportDialog *self)
{
  g_return_val_if_fail (AVA_IS_IMPORT_DIALOG (self), NULL);

  return self->loaded != NULL ? self->loaded->report : NULL;
}

/* }}} */
