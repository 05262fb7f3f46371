/* ava-window-export.c
 *
 * The window's exports: every chart card's "Export Chart…", every table's
 * CSV and JSON exports, and the one-click report. The writing is in
 * ava-export.c; here are the actions, the file choosers, the progress bar
 * with its Cancel button, and the toasts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ava-window-private.h"

#include "ava-describe.h"
#include "ava-export-dialog.h"
#include "ava-offline-engine.h"

/* How often the progress bar reads the worker's row count. */
#define POLL_INTERVAL_MS 100

#define N_CHART_CARDS 5

static void
ava_window_get_chart_cards (AvaWindow    *self,
                            AvaChartCard *cards[N_CHART_CARDS])
{
  cards[0] = self->monthly_card;
  cards[1] = self->products_card;
  cards[2] = self->countries_map_card;
  cards[3] = self->countries_bar_card;
  cards[4] = self->cohorts_card;
}

/* {{{ Words */

static char *
ava_window_describe_source (AvaWindow *self)
{
  if (self->source_name != NULL)
    return g_strdup (self->source_name);
  if (self->source_path != NULL || AVA_IS_OFFLINE_ENGINE (self->engine))
    return ava_describe_file_source (self->source_path);

  return g_strdup (_ ("Custom engine"));
}

/* The margin of an exported chart: the filters on screen, the source. */
static char *
ava_window_describe_context (AvaWindow *self)
{
  g_autofree char *filters = ava_describe_filters (self->filters);
  g_autofree char *source = ava_window_describe_source (self);

  return ava_describe_context (filters, source);
}

/* What a table is called in its file name. */
static const char *
ava_window_get_table_title (AvaWindow      *self,
                            AvaResultTable *table)
{
  AvaChartCard *cards[N_CHART_CARDS];

  if (table == self->products_table)
    return _ ("Top products");
  if (table == self->customers_table)
    return _ ("Customers");
  if (table == self->countries_table)
    return _ ("Countries");

  ava_window_get_chart_cards (self, cards);
  for (guint i = 0; i < N_CHART_CARDS; i++)
    if (table == ava_chart_card_get_table (cards[i]))
      return ava_chart_card_get_title (cards[i]);

  return _ ("Table");
}

/* }}} */
/* {{{ Toasts */

static void
ava_window_show_export_toast (AvaWindow  *self,
                              GFile      *file,
                              const char *title)
{
  AdwToast *toast = adw_toast_new (title);

  g_free (self->export_toast_title);
  self->export_toast_title = g_strdup (title);

  if (file != NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      adw_toast_set_button_label (toast, _ ("_Open"));
      adw_toast_set_detailed_action_name (toast, "win.open-export");
      adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
    }
  ava_window_add_toast (self, toast);
}

static void
ava_window_show_saved_toast (AvaWindow *self,
                             GFile     *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *title = NULL;

  /* Translators: after an export; %s is a file name */
  title = g_strdup_printf (_ ("Saved “%s”"), name);
  ava_window_show_export_toast (self, file, title);
}

/* The error names the file and the reason (see ava-file-writer.c). */
static void
ava_window_show_error_toast (AvaWindow    *self,
                             const GError *error)
{
  AdwToast *toast;

  g_free (self->export_toast_title);
  self->export_toast_title = g_strdup (error->message);

  toast = adw_toast_new (error->message);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 10);
  ava_window_add_toast (self, toast);
}

/* }}} */
/* {{{ Progress */

static gboolean
poll_progress_cb (gpointer user_data)
{
  AvaWindow *self = user_data;

  if (g_task_get_source_tag (self->export_task) == ava_export_table_async && self->export_n_rows > 0)
    gtk_progress_bar_set_fraction (self->export_progress,
                                   (double) ava_export_table_get_rows_written (self->export_task) / self->export_n_rows);
  else
    gtk_progress_bar_pulse (self->export_progress);

  return G_SOURCE_CONTINUE;
}

static void
ava_window_begin_export (AvaWindow  *self,
                         GTask      *task,
                         guint       n_rows,
                         const char *label)
{
  self->export_task = task;
  self->export_n_rows = n_rows;

  gtk_label_set_text (self->export_label, label);
  gtk_progress_bar_set_fraction (self->export_progress, 0.0);
  /* A chart or a report is written in one go: nothing to cancel
   * half-way. */
  gtk_widget_set_visible (GTK_WIDGET (self->export_cancel_button), self->export_cancellable != NULL);
  gtk_revealer_set_reveal_child (self->export_revealer, TRUE);
  self->export_poll_id = g_timeout_add (POLL_INTERVAL_MS, poll_progress_cb, self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-report", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-export", self->export_cancellable != NULL);
}

static void
ava_window_end_export (AvaWindow *self)
{
  g_clear_object (&self->export_task);
  g_clear_object (&self->export_cancellable);
  g_clear_handle_id (&self->export_poll_id, g_source_remove);
  gtk_revealer_set_reveal_child (self->export_revealer, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-report", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-export", FALSE);
}

static gboolean
ava_window_check_export_idle (AvaWindow *self)
{
  if (self->export_task == NULL)
    return TRUE;

  ava_window_add_toast (self, adw_toast_new (_ ("Another export is running")));
  return FALSE;
}

/* }}} */
/* {{{ Charts */

/* Any export ended: a toast says how. */
static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (AvaWindow) self = g_weak_ref_get (user_data);
  g_autoptr (GError)    error = NULL;
  gboolean              ok = ava_export_finish (result, &error);
  GFile                *file = ava_export_get_file (G_TASK (result));

  g_weak_ref_clear (user_data);
  g_free (user_data);

  if (self == NULL || self->export_task != G_TASK (result))
    return;

  if (ok && g_task_get_source_tag (G_TASK (result)) == ava_export_report_async)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *title = NULL;

      /* Translators: after the report is written; %s is a file name */
      title = g_strdup_printf (_ ("Report saved as “%s”"), name);
      ava_window_show_export_toast (self, file, title);
    }
  else if (ok)
    ava_window_show_saved_toast (self, file);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ava_window_show_export_toast (self, NULL, _ ("Export cancelled"));
  else
    ava_window_show_error_toast (self, error);

  /* Last: it drops the task, and @file with it. */
  ava_window_end_export (self);
}

static gpointer
ava_window_weak_ref (AvaWindow *self)
{
  GWeakRef *self_ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (self_ref, self);
  return self_ref;
}

/* Shows the progress bar for @task, labelled with its file. */
static void
ava_window_show_export (AvaWindow  *self,
                        GTask      *task,
                        guint       n_rows,
                        const char *format)
{
  g_autofree char *name = g_file_get_basename (ava_export_get_file (task));
  g_autofree char *label = g_strdup_printf (format, name);

  ava_window_begin_export (self, task, n_rows, label);
}

/**
 * ava_window_export_chart_to_file:
 * @self: a #AvaWindow
 * @card: one of the window's chart cards
 * @options: format, size, scale, colours
 * @file: where; the format's extension is added if missing
 *
 * What "Export Chart…" does once a file is chosen: the card's chart,
 * framed with the window's filters and source, drawn on a worker thread;
 * then a toast.
 *
 * Returns: whether the export started: not without a chart, nor during
 *   another export
 */
gboolean
ava_window_export_chart_to_file (AvaWindow                   *self,
                                 AvaChartCard                *card,
                                 const AvaChartExportOptions *options,
                                 GFile                       *file)
{
  AvaChart        *chart;
  g_autofree char *context = NULL;
  GTask           *task;

  g_return_val_if_fail (AVA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (AVA_IS_CHART_CARD (card), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  chart = ava_chart_view_get_chart (ava_chart_card_get_chart_view (card));
  if (chart == NULL || !ava_window_check_export_idle (self))
    return FALSE;

  context = ava_window_describe_context (self);
  task = ava_export_chart_async (chart, options, context, file, export_done_cb, ava_window_weak_ref (self));
  /* Translators: in the progress bar; %s is a file name */
  ava_window_show_export (self, task, 0, _ ("Exporting “%s”…"));

  return TRUE;
}

static void
chart_dialog_export_cb (AvaExportDialog *dialog,
                        GFile           *file,
                        AvaWindow       *self)
{
  AvaChartCard         *card = g_object_get_data (G_OBJECT (dialog), "card");
  AvaChartExportOptions options;

  ava_export_dialog_get_options (dialog, &options);
  ava_window_export_chart_to_file (self, card, &options, file);
}

/**
 * ava_window_show_export_dialog:
 * @self: a #AvaWindow
 * @card: the chart to export
 *
 * Returns: (transfer none): the "Export Chart" dialog, presented
 */
AvaExportDialog *
ava_window_show_export_dialog (AvaWindow    *self,
                               AvaChartCard *card)
{
  g_autofree char *context = ava_window_describe_context (self);
  /* The dialog adds the chosen format's extension. */
  g_autofree char *name = ava_export_default_name (ava_chart_card_get_title (card), self->filters, NULL);
  AvaExportDialog *dialog;

  dialog = ava_export_dialog_new (GTK_WINDOW (self), ava_chart_card_get_title (card), context, name, self->settings);
  g_object_set_data_full (G_OBJECT (dialog), "card", g_object_ref (card), g_object_unref);
  g_signal_connect_object (dialog, "export", G_CALLBACK (chart_dialog_export_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

static void
export_chart_cb (AvaChartCard *card,
                 AvaWindow    *self)
{
  ava_window_show_export_dialog (self, card);
}

/* }}} */
/* {{{ Tables */

/**
 * ava_window_export_table_to_file:
 * @self: a #AvaWindow
 * @table: one of the window's tables
 * @format: CSV, CSV for Excel, or JSON
 * @file: where; the format's extension is added if missing
 *
 * Writes the rows @table shows, in its order, on a worker thread, with the
 * progress bar and its Cancel button; a toast says how it ended.
 */
void
ava_window_export_table_to_file (AvaWindow      *self,
                                 AvaResultTable *table,
                                 AvaTableFormat  format,
                                 GFile          *file)
{
  AvaResult        *result;
  g_autofree guint *rows = NULL;
  GTask            *task;
  guint             n_rows;

  g_return_if_fail (AVA_IS_WINDOW (self));
  g_return_if_fail (AVA_IS_RESULT_TABLE (table));
  g_return_if_fail (G_IS_FILE (file));

  result = ava_result_table_get_result (table);
  if (result == NULL || !ava_window_check_export_idle (self))
    return;

  rows = ava_result_table_dup_shown_rows (table, &n_rows);
  self->export_cancellable = g_cancellable_new ();
  task = ava_export_table_async (result, rows, n_rows, format, file, self->export_cancellable,
                                 export_done_cb, ava_window_weak_ref (self));
  /* Translators: in the progress bar; %s is a file name */
  ava_window_show_export (self, task, n_rows, _ ("Exporting “%s”…"));
}

static void
table_chooser_response_cb (GtkNativeDialog *chooser,
                           int              response,
                           AvaWindow       *self)
{
  AvaResultTable   *table = g_object_get_data (G_OBJECT (chooser), "table");
  AvaTableFormat    format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "format"));
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    ava_window_export_table_to_file (self, table, format, file);

  g_clear_object (&self->export_chooser);
}

static void
ava_window_choose_file (AvaWindow  *self,
                        const char *title,
                        const char *name,
                        GCallback   response_cb)
{
  g_clear_object (&self->export_chooser);
  self->export_chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                                      _ ("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->export_chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->export_chooser), name);
  g_signal_connect (self->export_chooser, "response", response_cb, self);
}

static void
export_table_cb (AvaResultTable *table,
                 const char     *format_name,
                 AvaWindow      *self)
{
  g_autofree char *name = NULL;
  AvaTableFormat   format;

  if (!ava_table_format_from_name (format_name, &format) ||
      ava_result_table_get_result (table) == NULL ||
      !ava_window_check_export_idle (self))
    return;

  name = ava_export_default_name (ava_window_get_table_title (self, table), self->filters,
                                  ava_table_format_get_extension (format));
  ava_window_choose_file (self, format == AVA_TABLE_FORMAT_JSON ? _ ("Export as JSON") : _ ("Export as CSV"),
                          name, G_CALLBACK (table_chooser_response_cb));
  g_object_set_data_full (G_OBJECT (self->export_chooser), "table", g_object_ref (table), g_object_unref);
  g_object_set_data (G_OBJECT (self->export_chooser), "format", GINT_TO_POINTER (format));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_chooser));
}

/* }}} */
/* {{{ Report */

/**
 * ava_window_export_report_to_file:
 * @self: a #AvaWindow
 * @file: the PDF file; ".pdf" is added if missing
 *
 * The dashboard as it is on screen — its results and filters — as a PDF
 * report, written on a worker thread.
 *
 * Returns: whether the report was started: not while the dashboard is
 *   still loading
 */
gboolean
ava_window_export_report_to_file (AvaWindow *self,
                                  GFile     *file)
{
  static const AvaSlot slots[AVA_N_KPIS] = {
    [AVA_KPI_OVERVIEW] = AVA_SLOT_OVERVIEW,
    [AVA_KPI_MONTHLY_REVENUE] = AVA_SLOT_MONTHLY,
    [AVA_KPI_TOP_PRODUCTS] = AVA_SLOT_PRODUCTS,
    [AVA_KPI_TOP_CUSTOMERS] = AVA_SLOT_CUSTOMERS,
    [AVA_KPI_BY_COUNTRY] = AVA_SLOT_COUNTRIES,
    [AVA_KPI_COHORTS] = AVA_SLOT_COHORTS,
  };
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (AvaResult) customers = NULL;
  g_autofree char      *source = ava_window_describe_source (self);
  g_autofree char      *filters = ava_describe_filters (self->filters);
  g_autofree char      *data_as_of = NULL;
  AvaReportContent      content = { 0 };
  GTask                *task;

  g_return_val_if_fail (AVA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  for (AvaKpi kpi = 0; kpi < AVA_N_KPIS; kpi++)
    if (self->results[slots[kpi]] == NULL)
      {
        ava_window_add_toast (self, adw_toast_new (_ ("The dashboard is still loading")));
        return FALSE;
      }
  if (!ava_window_check_export_idle (self))
    return FALSE;

  for (AvaKpi kpi = 0; kpi < AVA_N_KPIS; kpi++)
    content.results[kpi] = self->results[slots[kpi]];
  /* The window lists every customer; the report, the head of the ranking,
   * as long as the products'. */
  customers = ava_result_copy_head (content.results[AVA_KPI_TOP_CUSTOMERS], AVA_WINDOW_TOP_PRODUCTS);
  content.results[AVA_KPI_TOP_CUSTOMERS] = customers;
  data_as_of = ava_describe_data_as_of (content.results[AVA_KPI_MONTHLY_REVENUE], now);
  content.source = source;
  content.filters = filters;
  content.data_as_of = data_as_of;

  task = ava_export_report_async (&content, file, export_done_cb, ava_window_weak_ref (self));
  /* Translators: in the progress bar; %s is a file name */
  ava_window_show_export (self, task, 0, _ ("Writing the report “%s”…"));

  return TRUE;
}

static void
report_chooser_response_cb (GtkNativeDialog *chooser,
                            int              response,
                            AvaWindow       *self)
{
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    ava_window_export_report_to_file (self, file);

  g_clear_object (&self->export_chooser);
}

/* }}} */
/* {{{ Actions */

static void
export_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AvaWindow       *self = AVA_WINDOW (widget);
  g_autofree char *name = NULL;

  if (!ava_window_check_export_idle (self))
    return;

  name = ava_export_default_name (_ ("Sales report"), self->filters, "pdf");
  ava_window_choose_file (self, _ ("Export Report"), name, G_CALLBACK (report_chooser_response_cb));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_chooser));
}

static void
cancel_export_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AvaWindow *self = AVA_WINDOW (widget);

  g_cancellable_cancel (self->export_cancellable);
}

static void
open_export_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  gtk_show_uri (GTK_WINDOW (widget), g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

/* The customers page has no chart card: its export menu stands beside
 * the search. */
static void
export_customers_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     AvaWindow     *self)
{
  gtk_widget_activate_action_variant (GTK_WIDGET (self->customers_table), "table.export", parameter);
}

static GtkWidget *
ava_window_create_customers_export_button (AvaWindow *self)
{
  g_autoptr (GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr (GSimpleAction)      action = g_simple_action_new ("export", G_VARIANT_TYPE_STRING);
  g_autoptr (GMenu)              menu = g_menu_new ();
  GtkWidget                     *button = gtk_menu_button_new ();

  g_signal_connect_object (action, "activate", G_CALLBACK (export_customers_cb), self, 0);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  g_menu_append (menu, _ ("Export as C_SV…"), "customers.export::csv");
  g_menu_append (menu, _ ("Export for _Excel…"), "customers.export::excel");
  g_menu_append (menu, _ ("Export as _JSON…"), "customers.export::json");

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "document-save-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (button, _ ("Export"));
  gtk_widget_insert_action_group (button, "customers", G_ACTION_GROUP (group));

  return button;
}

/* }}} */
/* {{{ Window */

void
ava_window_class_init_export (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, export_cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, export_label);
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, export_progress);
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, export_revealer);

  gtk_widget_class_install_action (widget_class, "win.cancel-export", NULL, cancel_export_action);
  gtk_widget_class_install_action (widget_class, "win.export-report", NULL, export_report_action);
  gtk_widget_class_install_action (widget_class, "win.open-export", "s", open_export_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export-report", NULL);

  g_type_ensure (AVA_TYPE_EXPORT_DIALOG);
}

/* After the pages are built: every chart card and table exports. */
void
ava_window_init_export (AvaWindow *self)
{
  AvaChartCard   *cards[N_CHART_CARDS];
  AvaResultTable *tables[] = { self->products_table, self->customers_table, self->countries_table };

  ava_window_get_chart_cards (self, cards);
  for (guint i = 0; i < N_CHART_CARDS; i++)
    {
      g_signal_connect (cards[i], "export-chart", G_CALLBACK (export_chart_cb), self);
      g_signal_connect (ava_chart_card_get_table (cards[i]), "export", G_CALLBACK (export_table_cb), self);
    }
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_signal_connect (tables[i], "export", G_CALLBACK (export_table_cb), self);

  gtk_box_append (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->customers_count_label))),
                  ava_window_create_customers_export_button (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-export", FALSE);
}

/* An export in flight stops (a table) or goes on (a chart, a report); its
 * callback finds the window gone. */
void
ava_window_dispose_export (AvaWindow *self)
{
  g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_task);
  g_clear_object (&self->export_cancellable);
  g_clear_handle_id (&self->export_poll_id, g_source_remove);
  if (self->export_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->export_chooser));
  g_clear_object (&self->export_chooser);
  g_clear_pointer (&self->export_toast_title, g_free);
}

/* }}} */
