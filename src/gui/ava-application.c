/* ava-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ava-application.h"
#include "ava-gui-private.h"
#include "ava-window.h"

struct _AvaApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (AvaApplication, ava_application, ADW_TYPE_APPLICATION)

static void
ava_application_quit_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  AvaApplication        *self = user_data;
  GList                 *windows = gtk_application_get_windows (GTK_APPLICATION (self));
  g_autolist (GtkWindow) copy = g_list_copy_deep (windows, (GCopyFunc) g_object_ref, NULL);

  /* Close rather than destroy, so every window saves its state in
   * close-request before the application goes away. */
  for (const GList *l = copy; l != NULL; l = l->next)
    gtk_window_close (l->data);

  g_application_quit (G_APPLICATION (self));
}

static void
ava_application_about_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  AvaApplication *self = user_data;
  GtkWindow      *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  AdwAboutWindow *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", "Avastrolytics",
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "comments", _ ("Explore and analyze your business data"),
                        "developer-name", _ ("The Avastrolytics developers"),
                        "copyright", _ ("© 2026 The Avastrolytics developers"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: Replace "translator-credits" with your names, one name per line */
                        "translator-credits", _ ("translator-credits"),
                        NULL);

  gtk_window_present (GTK_WINDOW (about));
}

static void
ava_application_shortcuts_action (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  AvaApplication *self = user_data;
  GtkWindow      *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* GtkApplication loads gtk/help-overlay.ui from our resources and gives
   * every application window a win.show-help-overlay action. */
  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static const GActionEntry app_actions[] = {
  { "about", ava_application_about_action },
  { "quit", ava_application_quit_action },
  { "shortcuts", ava_application_shortcuts_action },
};

static const struct
{
  const char *action;
  const char *accels[3];
} app_accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.shortcuts", { "<Control>question", NULL } },
  /* Our app.shortcuts replaces the default binding of the built-in action,
   * so one accelerator maps to one action. */
  { "win.show-help-overlay", { NULL } },
  { "window.close", { "<Control>w", NULL } },
  /* Window shortcuts (F5, Ctrl+R, Alt+1…5, Ctrl+F, Ctrl+O, Escape) are
   * bindings of AvaWindow itself. */
};

static void
ava_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  /* No file: the offline demo. The data set is built on a worker thread,
   * so the window appears at once and the numbers follow. */
  if (window == NULL)
    {
      window = GTK_WINDOW (ava_window_new (ADW_APPLICATION (application)));
      ava_window_load_demo (AVA_WINDOW (window));
    }

  gtk_window_present (window);
}

static void
ava_application_open (GApplication *application,
                      GFile       **files,
                      int           n_files,
                      const char   *hint)
{
  /* One window per file; each loads in the background. */
  for (int i = 0; i < n_files; i++)
    {
      AvaWindow *window = ava_window_new (ADW_APPLICATION (application));

      ava_window_open_file (window, files[i]);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
ava_application_startup (GApplication *application)
{
  AvaApplication *self = AVA_APPLICATION (application);

  /* Chain up first: AdwApplication initializes libadwaita and GtkApplication
   * loads the help overlay and sets its default accelerators here. */
  G_APPLICATION_CLASS (ava_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions,
                                   G_N_ELEMENTS (app_actions),
                                   self);

  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           app_accels[i].action,
                                           app_accels[i].accels);

  gtk_window_set_default_icon_name (APP_ID);
}

static void
ava_application_class_init (AvaApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = ava_application_activate;
  app_class->open = ava_application_open;
  app_class->startup = ava_application_startup;

  /* Before startup: GtkApplication looks for gtk/help-overlay.ui there. */
  ava_gui_ensure_resources ();
}

static void
ava_application_init (AvaApplication *self)
{
}

/**
 * ava_application_new:
 * @application_id: the application ID, usually %APP_ID
 * @flags: #GApplicationFlags
 *
 * Returns: (transfer full): a new #AvaApplication
 */
AvaApplication *
ava_application_new (const char       *application_id,
                     GApplicationFlags flags)
{
  g_return_val_if_fail (application_id == NULL || g_application_id_is_valid (application_id), NULL);

  return g_object_new (AVA_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}
