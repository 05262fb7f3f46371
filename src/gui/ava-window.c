/* ava-window.c
 *
 * The main window. For now it only shows the offline-demo empty state;
 * dashboards are added as further pages later.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ava-gui-private.h"
#include "ava-window-private.h"

G_DEFINE_FINAL_TYPE (AvaWindow, ava_window, ADW_TYPE_APPLICATION_WINDOW)

static GSettings *
ava_window_create_settings (void)
{
  GSettingsSchemaSource      *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  /* g_settings_new() aborts on a missing schema. Running the binary
   * uninstalled without `meson devenv` is a developer mistake, not a reason
   * to crash, so keep working without persistence instead. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  if (schema == NULL)
    {
      g_warning ("GSettings schema %s is not installed; window state will not be saved "
                 "(run uninstalled builds through `meson devenv`)",
                 APP_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static void
ava_window_restore_state (AvaWindow *self)
{
  int width;
  int height;

  if (self->settings == NULL)
    return;

  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
ava_window_save_state (AvaWindow *self)
{
  gboolean maximized;

  if (self->settings == NULL)
    return;

  maximized = gtk_window_is_maximized (GTK_WINDOW (self));

  /* Write all keys in one change set so dconf sees a single update. */
  g_settings_delay (self->settings);

  /* A maximized window reports the monitor size; keep the size the user
   * chose so unmaximizing after a restart restores it. */
  if (!maximized)
    {
      int width;
      int height;

      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

      /* -1 means "natural size"; do not persist that. */
      if (width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }

  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  g_settings_apply (self->settings);
}

static gboolean
ava_window_close_request (GtkWindow *window)
{
  AvaWindow *self = AVA_WINDOW (window);

  ava_window_save_state (self);

  if (GTK_WINDOW_CLASS (ava_window_parent_class)->close_request != NULL)
    return GTK_WINDOW_CLASS (ava_window_parent_class)->close_request (window);

  return GDK_EVENT_PROPAGATE;
}

static void
ava_window_dispose (GObject *object)
{
  AvaWindow *self = AVA_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), AVA_TYPE_WINDOW);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ava_window_parent_class)->dispose (object);
}

static void
ava_window_class_init (AvaWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ava_window_dispose;

  window_class->close_request = ava_window_close_request;

  ava_gui_ensure_resources ();

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ava-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, empty_state);
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, window_title);
}

static void
ava_window_init (AvaWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = ava_window_create_settings ();
  ava_window_restore_state (self);
}

/**
 * ava_window_new:
 * @application: the application that owns the window
 *
 * Returns: (transfer full): a new #AvaWindow, not yet presented
 */
AvaWindow *
ava_window_new (AdwApplication *application)
{
  g_return_val_if_fail (ADW_IS_APPLICATION (application), NULL);

  return g_object_new (AVA_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * ava_window_add_toast:
 * @self: a #AvaWindow
 * @toast: (transfer full): the toast to show
 *
 * Shows @toast over the window content.
 */
void
ava_window_add_toast (AvaWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (AVA_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
