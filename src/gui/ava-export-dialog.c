/* ava-export-dialog.c
 *
 * "Export Chart": format, size, scale and colours, then a save dialog. The
 * choices are remembered in GSettings; the export itself is the caller's,
 * on the "export" signal, so a test can export without a file chooser.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ava-export-dialog-private.h"

/* A PNG is drawn in memory first: 10,000² pixels are 400 MB. */
#define AVA_EXPORT_MAX_PIXELS 10000

enum
{
  EXPORT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AvaExportDialog, ava_export_dialog, ADW_TYPE_WINDOW)

static void
update_size_cb (AvaExportDialog *self)
{
  AvaChartExportOptions options;
  g_autofree char      *subtitle = NULL;
  gboolean              too_large = FALSE;

  ava_export_dialog_get_options (self, &options);
  gtk_widget_set_sensitive (GTK_WIDGET (self->scale_row), options.format == AVA_CHART_FORMAT_PNG);

  if (options.format == AVA_CHART_FORMAT_PNG)
    {
      int width = (int) (options.width * options.scale + 0.5);
      int height = (int) (options.height * options.scale + 0.5);

      too_large = MAX (width, height) > AVA_EXPORT_MAX_PIXELS;
      if (too_large)
        /* Translators: %d is a number of pixels */
        subtitle = g_strdup_printf (_ ("Too large: at most %d pixels a side"), AVA_EXPORT_MAX_PIXELS);
      else
        /* Translators: the size of an exported image, e.g. "2400 × 1350 pixels" */
        subtitle = g_strdup_printf (_ ("%d × %d pixels"), width, height);
    }
  else
    subtitle = g_strdup (_ ("PNG only: SVG and PDF are vector drawings"));
  adw_action_row_set_subtitle (self->scale_row, subtitle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), !too_large);
}

static void
ava_export_dialog_save_settings (AvaExportDialog *self)
{
  AvaChartExportOptions options;

  if (self->settings == NULL)
    return;

  ava_export_dialog_get_options (self, &options);
  g_settings_delay (self->settings);
  g_settings_set_string (self->settings, "export-chart-format", ava_chart_format_get_extension (options.format));
  g_settings_set_int (self->settings, "export-chart-width", options.width);
  g_settings_set_int (self->settings, "export-chart-height", options.height);
  g_settings_set_double (self->settings, "export-chart-scale", options.scale);
  g_settings_set_boolean (self->settings, "export-chart-dark", options.dark);
  g_settings_apply (self->settings);
}

static void
ava_export_dialog_load_settings (AvaExportDialog *self)
{
  g_autofree char *format_name = NULL;
  AvaChartFormat   format = AVA_CHART_FORMAT_PNG;

  if (self->settings == NULL)
    return;

  format_name = g_settings_get_string (self->settings, "export-chart-format");
  ava_chart_format_from_name (format_name, &format);
  adw_combo_row_set_selected (self->format_row, format);
  gtk_spin_button_set_value (self->width_spin, g_settings_get_int (self->settings, "export-chart-width"));
  gtk_spin_button_set_value (self->height_spin, g_settings_get_int (self->settings, "export-chart-height"));
  gtk_spin_button_set_value (self->scale_spin, g_settings_get_double (self->settings, "export-chart-scale"));
  gtk_switch_set_active (self->dark_switch, g_settings_get_boolean (self->settings, "export-chart-dark"));
}

static void
chooser_response_cb (AvaExportDialog *self,
                     int              response,
                     GtkNativeDialog *chooser)
{
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);

  if (file != NULL)
    ava_export_dialog_export_to_file (self, file);
}

static void
export_clicked_cb (AvaExportDialog *self)
{
  ava_export_dialog_choose_file (self);
}

static void
ava_export_dialog_dispose (GObject *object)
{
  AvaExportDialog *self = AVA_EXPORT_DIALOG (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), AVA_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (ava_export_dialog_parent_class)->dispose (object);
}

static void
ava_export_dialog_finalize (GObject *object)
{
  AvaExportDialog *self = AVA_EXPORT_DIALOG (object);

  g_clear_pointer (&self->base_name, g_free);

  G_OBJECT_CLASS (ava_export_dialog_parent_class)->finalize (object);
}

static void
ava_export_dialog_class_init (AvaExportDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ava_export_dialog_dispose;
  object_class->finalize = ava_export_dialog_finalize;

  /**
   * AvaExportDialog::export:
   * @file: where the chart goes
   *
   * A file was chosen; ava_export_dialog_get_options() says how.
   */
  signals[EXPORT] =
    g_signal_new ("export", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ava-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AvaExportDialog, dark_switch);
  gtk_widget_class_bind_template_child (widget_class, AvaExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, AvaExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, AvaExportDialog, group);
  gtk_widget_class_bind_template_child (widget_class, AvaExportDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, AvaExportDialog, scale_row);
  gtk_widget_class_bind_template_child (widget_class, AvaExportDialog, scale_spin);
  gtk_widget_class_bind_template_child (widget_class, AvaExportDialog, width_spin);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_size_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ava_export_dialog_init (AvaExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * ava_export_dialog_new:
 * @parent: the window of the chart
 * @title: the chart's title
 * @context: (nullable): what the data is (filters, source)
 * @base_name: the suggested file name, without its extension
 * @settings: (nullable): where the choices are remembered
 *
 * Returns: (transfer none): a new dialog, not yet presented
 */
AvaExportDialog *
ava_export_dialog_new (GtkWindow  *parent,
                       const char *title,
                       const char *context,
                       const char *base_name,
                       GSettings  *settings)
{
  AvaExportDialog *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (title != NULL && base_name != NULL, NULL);

  self = g_object_new (AVA_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->base_name = g_strdup (base_name);
  g_set_object (&self->settings, settings);
  adw_preferences_group_set_title (self->group, title);
  adw_preferences_group_set_description (self->group, context);
  ava_export_dialog_load_settings (self);
  update_size_cb (self);

  return self;
}

void
ava_export_dialog_get_options (AvaExportDialog       *self,
                               AvaChartExportOptions *options)
{
  g_return_if_fail (AVA_IS_EXPORT_DIALOG (self));

  options->format = MIN (adw_combo_row_get_selected (self->format_row), AVA_CHART_FORMAT_PDF);
  options->width = gtk_spin_button_get_value_as_int (self->width_spin);
  options->height = gtk_spin_button_get_value_as_int (self->height_spin);
  options->scale = gtk_spin_button_get_value (self->scale_spin);
  options->dark = gtk_switch_get_active (self->dark_switch);
}

/* The save dialog, named after the chart and the filters, with the
 * format's extension. */
void
ava_export_dialog_choose_file (AvaExportDialog *self)
{
  AvaChartExportOptions     options;
  g_autofree char          *name = NULL;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  const char               *extension;

  g_return_if_fail (AVA_IS_EXPORT_DIALOG (self));

  if (self->chooser != NULL)
    return;

  ava_export_dialog_get_options (self, &options);
  extension = ava_chart_format_get_extension (options.format);
  name = g_strconcat (self->base_name, ".", extension, NULL);

  self->chooser = gtk_file_chooser_native_new (_ ("Export Chart"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_file_filter_add_suffix (filter, extension);
  gtk_file_filter_set_name (filter, adw_combo_row_get_selected_item (self->format_row) != NULL
                                      ? gtk_string_object_get_string (adw_combo_row_get_selected_item (self->format_row))
                                      : extension);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/**
 * ava_export_dialog_export_to_file:
 * @self: a #AvaExportDialog
 * @file: where the chart goes
 *
 * What choosing @file in the save dialog does: remembers the choices,
 * emits #AvaExportDialog::export, and closes the dialog.
 */
void
ava_export_dialog_export_to_file (AvaExportDialog *self,
                                  GFile           *file)
{
  g_return_if_fail (AVA_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  ava_export_dialog_save_settings (self);
  g_signal_emit (self, signals[EXPORT], 0, file);
  gtk_window_destroy (GTK_WINDOW (self));
}
