/* ava-connection-dialog.c
 *
 * Asks for the PostgreSQL server, database and login, kept as profiles
 * (ava-connection-profile.c), then connects on a worker thread:
 * ava_pg_engine_new() blocks on the network and on the schema check. The
 * dialog stays open until the engine is ready, so that a failure is shown
 * next to the fields that caused it, as plain advice first and libpq's own
 * words below. "Test connection" only connects and reads what the server
 * tells, without touching the schema.
 *
 * The password lives in its row, in the conninfo handed to the worker and,
 * if the user asks for it, in the keyring (ava-keyring.c); never in the
 * settings, the log or the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ava-connection-dialog-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ava-gui-private.h"
#include "ava-keyring.h"
#include "ava-pg-advice.h"
#include "ava-pg-connection.h"
#include "ava-pg-engine.h"

struct _AvaConnectionDialogClass
{
  AdwWindowClass parent_class;
};

G_DEFINE_FINAL_TYPE (AvaConnectionDialog, ava_connection_dialog, ADW_TYPE_WINDOW)

enum
{
  CONNECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void ava_connection_dialog_lookup_password (AvaConnectionDialog *self);

/* {{{ Helpers */

static char *
row_dup_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
set_row_text (gpointer    row,
              const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* Returns 0 for text that is not a port number; empty text is the default. */
static guint
parse_port (const char *text)
{
  guint64 port;

  if (text[0] == '\0')
    return AVA_CONNECTION_PROFILE_DEFAULT_PORT;
  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT16, &port, NULL))
    return 0;
  return (guint) port;
}

/* A weak reference for callbacks that may outlive the dialog. */
static GWeakRef *
weak_ref_new (gpointer object)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, object);
  return ref;
}

static gpointer
weak_ref_steal (GWeakRef *ref)
{
  gpointer object = g_weak_ref_get (ref);

  g_weak_ref_clear (ref);
  g_free (ref);
  return object;
}

static gboolean
ava_connection_dialog_is_busy (AvaConnectionDialog *self)
{
  return self->connecting || self->testing;
}

static void
ava_connection_dialog_update (AvaConnectionDialog *self)
{
  g_autofree char *host = row_dup_text (self->host_row);
  g_autofree char *port = row_dup_text (self->port_row);
  g_autofree char *database = row_dup_text (self->database_row);
  g_autofree char *user = row_dup_text (self->user_row);
  gboolean         busy = ava_connection_dialog_is_busy (self);
  gboolean         complete;

  complete = host[0] != '\0' && database[0] != '\0' && user[0] != '\0' && parse_port (port) != 0;

  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button), complete && !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), complete && !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->page), !busy);
  /* Deleting the only, unsaved profile would change nothing. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->delete_button),
                            g_list_model_get_n_items (G_LIST_MODEL (self->profiles)) > 1 ||
                              (self->profile != NULL && ava_connection_profile_get_saved (self->profile)));
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->spinner),
                               self->testing ? _ ("Testing the connection…") : _ ("Connecting…"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->cancel_button),
                               self->connecting ? _ ("Stop connecting")
                               : self->testing  ? _ ("Stop testing")
                                                : NULL);
}

/* }}} */
/* {{{ Status */

static void
ava_connection_dialog_clear_status (AvaConnectionDialog *self)
{
  g_clear_pointer (&self->error_text, g_free);
  g_clear_pointer (&self->advice_text, g_free);
  g_clear_pointer (&self->success_text, g_free);
  gtk_revealer_set_reveal_child (self->status_revealer, FALSE);
}

/* @message is already scrubbed of passwords. */
static void
ava_connection_dialog_show_failure (AvaConnectionDialog *self,
                                    const char          *message)
{
  const char *advice = ava_pg_failure_get_advice (ava_pg_failure_classify (message));

  ava_connection_dialog_clear_status (self);
  self->error_text = g_strdup (message);
  self->advice_text = g_strdup (advice);

  gtk_label_set_text (self->status_label, advice != NULL ? advice : message);
  gtk_label_set_text (self->detail_label, advice != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), advice != NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_box), "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->status_box), "failure");
  gtk_revealer_set_reveal_child (self->status_revealer, TRUE);
}

static void
ava_connection_dialog_show_success (AvaConnectionDialog   *self,
                                    const AvaPgServerInfo *info)
{
  ava_connection_dialog_clear_status (self);

  if (info->ssl_in_use)
    /* Translators: a server version, then a protocol such as TLSv1.3 and a
     * cipher such as TLS_AES_256_GCM_SHA384 */
    self->success_text = g_strdup_printf (_ ("Connected to PostgreSQL %s, encrypted with %s (%s)."),
                                          info->server_version,
                                          info->ssl_protocol != NULL ? info->ssl_protocol : "?",
                                          info->ssl_cipher != NULL ? info->ssl_cipher : "?");
  else
    /* Translators: a server version */
    self->success_text = g_strdup_printf (_ ("Connected to PostgreSQL %s, without encryption."),
                                          info->server_version);

  gtk_label_set_text (self->status_label, self->success_text);
  gtk_label_set_text (self->detail_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_box), "failure");
  gtk_widget_add_css_class (GTK_WIDGET (self->status_box), "success");
  gtk_revealer_set_reveal_child (self->status_revealer, TRUE);
}

/* }}} */
/* {{{ Profiles */

/* Copies the rows into the selected profile; the password stays in its row. */
static void
ava_connection_dialog_commit_fields (AvaConnectionDialog *self)
{
  g_autofree char *name = row_dup_text (self->name_row);
  g_autofree char *host = row_dup_text (self->host_row);
  g_autofree char *port = row_dup_text (self->port_row);
  g_autofree char *database = row_dup_text (self->database_row);
  g_autofree char *user = row_dup_text (self->user_row);
  g_autofree char *ca = row_dup_text (self->ca_row);
  guint            sslmode = adw_combo_row_get_selected (self->sslmode_row);
  guint            port_number = parse_port (port);

  if (self->profile == NULL)
    return;

  g_object_freeze_notify (G_OBJECT (self->profile));
  g_object_set (self->profile,
                "name", name,
                "host", host,
                "database", database,
                "user", user,
                "root-ca", ca,
                /* A mode that only followed the host name stays automatic. */
                "sslmode", self->sslmode_chosen && sslmode < AVA_N_SSLMODES ? ava_sslmode_to_string (sslmode) : "",
                NULL);
  if (port_number != 0)
    g_object_set (self->profile, "port", port_number, NULL);
  /* Without a keyring the switch is off by force, not by choice. */
  if (!self->keyring_unavailable)
    g_object_set (self->profile, "remember-password", gtk_switch_get_active (self->remember_switch), NULL);
  g_object_thaw_notify (G_OBJECT (self->profile));
}

static guint
ava_connection_dialog_profile_position (AvaConnectionDialog  *self,
                                        AvaConnectionProfile *profile)
{
  guint position;

  if (profile == NULL || !g_list_store_find (self->profiles, profile, &position))
    return GTK_INVALID_LIST_POSITION;
  return position;
}

/* The combo row shows the profile's title, which follows its name (or its
 * database and host). */
static void
ava_connection_dialog_refresh_title (AvaConnectionDialog *self)
{
  guint            position = ava_connection_dialog_profile_position (self, self->profile);
  g_autofree char *title = NULL;
  const char      *titles[2] = { NULL, NULL };

  if (position == GTK_INVALID_LIST_POSITION)
    return;

  title = ava_connection_profile_dup_title (self->profile);
  if (g_strcmp0 (gtk_string_list_get_string (self->titles, position), title) == 0)
    return;

  titles[0] = title;
  self->syncing = TRUE;
  gtk_string_list_splice (self->titles, position, 1, titles);
  adw_combo_row_set_selected (self->profile_row, position);
  self->syncing = FALSE;
}

/* Fills the rows from the selected profile; the password comes from the
 * keyring, if there. */
static void
ava_connection_dialog_load_profile (AvaConnectionDialog *self)
{
  AvaConnectionProfile *profile = self->profile;
  g_autofree char      *port = g_strdup_printf ("%u", ava_connection_profile_get_port (profile));
  int                   mode = ava_sslmode_from_string (ava_connection_profile_get_sslmode (profile));

  self->syncing = TRUE;
  set_row_text (self->name_row, ava_connection_profile_get_name (profile));
  set_row_text (self->host_row, ava_connection_profile_get_host (profile));
  set_row_text (self->port_row, port);
  set_row_text (self->database_row, ava_connection_profile_get_database (profile));
  set_row_text (self->user_row, ava_connection_profile_get_user (profile));
  set_row_text (self->password_row, "");
  set_row_text (self->ca_row, ava_connection_profile_get_root_ca (profile));
  self->sslmode_chosen = mode >= 0;
  adw_combo_row_set_selected (self->sslmode_row, ava_connection_profile_get_effective_sslmode (profile));
  if (!self->keyring_unavailable)
    gtk_switch_set_active (self->remember_switch, ava_connection_profile_get_remember_password (profile));
  self->syncing = FALSE;

  ava_connection_dialog_clear_status (self);
  ava_connection_dialog_update (self);
  ava_connection_dialog_lookup_password (self);
}

static void
ava_connection_dialog_select (AvaConnectionDialog *self,
                              guint                position)
{
  g_autoptr (AvaConnectionProfile) profile = g_list_model_get_item (G_LIST_MODEL (self->profiles), position);

  g_set_object (&self->profile, profile);
  self->syncing = TRUE;
  adw_combo_row_set_selected (self->profile_row, position);
  self->syncing = FALSE;
  ava_connection_dialog_load_profile (self);
}

static void
ava_connection_dialog_append_profile (AvaConnectionDialog  *self,
                                      AvaConnectionProfile *profile)
{
  g_autofree char *title = ava_connection_profile_dup_title (profile);

  self->syncing = TRUE;
  g_list_store_append (self->profiles, profile);
  gtk_string_list_append (self->titles, title);
  self->syncing = FALSE;
}

static void
ava_connection_dialog_load_profiles (AvaConnectionDialog *self)
{
  g_autoptr (GListStore) saved = ava_connection_profile_load_all (self->settings);
  g_autofree char       *last = NULL;
  guint                  selected = 0;
  guint                  n_saved = g_list_model_get_n_items (G_LIST_MODEL (saved));

  if (self->settings != NULL)
    last = g_settings_get_string (self->settings, "last-profile");

  for (guint i = 0; i < n_saved; i++)
    {
      g_autoptr (AvaConnectionProfile) profile = g_list_model_get_item (G_LIST_MODEL (saved), i);

      if (g_strcmp0 (ava_connection_profile_get_id (profile), last) == 0)
        selected = i;
      ava_connection_dialog_append_profile (self, profile);
    }

  if (n_saved == 0)
    {
      g_autoptr (AvaConnectionProfile) profile = ava_connection_profile_new ();

      ava_connection_dialog_append_profile (self, profile);
    }

  ava_connection_dialog_select (self, selected);
}

/* }}} */
/* {{{ Keyring */

static void
ava_connection_dialog_set_keyring_unavailable (AvaConnectionDialog *self)
{
  if (self->keyring_unavailable)
    return;

  self->keyring_unavailable = TRUE;
  self->syncing = TRUE;
  gtk_switch_set_active (self->remember_switch, FALSE);
  self->syncing = FALSE;
  /* The row stays sensitive so that its reason stays readable. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->remember_switch), FALSE);
  adw_action_row_set_subtitle (self->remember_row,
                               _ ("No keyring is available, so the password will be asked for each time."));
}

static void
lookup_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (AvaConnectionDialog) self = weak_ref_steal (user_data);
  g_autoptr (GError)              error = NULL;
  g_autofree char                *password = ava_keyring_lookup_finish (result, &error);

  if (self == NULL)
    return;

  self->keyring_pending--;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    {
      ava_connection_dialog_set_keyring_unavailable (self);
      return;
    }

  /* Only for the profile it was looked up for, and never over what the user
   * typed meanwhile. */
  if (password != NULL && g_task_get_cancellable (G_TASK (result)) == self->keyring_cancellable &&
      gtk_editable_get_text (GTK_EDITABLE (self->password_row))[0] == '\0')
    {
      self->syncing = TRUE;
      set_row_text (self->password_row, password);
      gtk_switch_set_active (self->remember_switch, TRUE);
      self->syncing = FALSE;
    }
}

static void
ava_connection_dialog_lookup_password (AvaConnectionDialog *self)
{
  g_cancellable_cancel (self->keyring_cancellable);
  g_clear_object (&self->keyring_cancellable);

  /* Looked up even for an empty profile: the answer also tells whether a
   * keyring is there at all. */
  self->keyring_cancellable = g_cancellable_new ();
  self->keyring_pending++;
  ava_keyring_lookup_async (self->profile, self->keyring_cancellable, lookup_done_cb, weak_ref_new (self));
}

/* After the dialog is gone: nobody is left to tell. */
static void
keyring_store_done_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  if (!ava_keyring_store_finish (result, &error))
    g_debug ("could not remember the password: %s", error->message);
}

static void
keyring_clear_done_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  if (!ava_keyring_clear_finish (result, &error))
    g_debug ("could not forget the password: %s", error->message);
}

/* Another profile in the list uses the same login, hence the same item. */
static gboolean
ava_connection_dialog_login_shared (AvaConnectionDialog  *self,
                                    AvaConnectionProfile *profile)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->profiles));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr (AvaConnectionProfile) other = g_list_model_get_item (G_LIST_MODEL (self->profiles), i);

      if (other != profile &&
          g_strcmp0 (ava_connection_profile_get_host (other), ava_connection_profile_get_host (profile)) == 0 &&
          ava_connection_profile_get_port (other) == ava_connection_profile_get_port (profile) &&
          g_strcmp0 (ava_connection_profile_get_database (other), ava_connection_profile_get_database (profile)) == 0 &&
          g_strcmp0 (ava_connection_profile_get_user (other), ava_connection_profile_get_user (profile)) == 0)
        return TRUE;
    }

  return FALSE;
}

/* }}} */
/* {{{ Connecting and testing */

static void
connect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char        *conninfo = task_data;
  g_autoptr (GError) error = NULL;
  AvaEngine         *engine;

  engine = ava_pg_engine_new (conninfo, &error);
  if (engine == NULL)
    {
      /* The pg layer scrubs its messages already; scrub again here, as the
       * dialog shows this text verbatim. */
      g_autofree char *scrubbed = ava_pg_scrub_secrets (error->message, conninfo, NULL);

      g_task_return_new_error (task, error->domain, error->code, "%s", scrubbed);
      return;
    }

  g_task_return_pointer (task, engine, g_object_unref);
}

static void
test_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char        *conninfo = task_data;
  g_autoptr (GError) error = NULL;
  AvaPgServerInfo   *info;

  info = ava_pg_connection_probe (conninfo, cancellable, &error);
  if (info == NULL)
    {
      g_autofree char *scrubbed = ava_pg_scrub_secrets (error->message, conninfo, NULL);

      g_task_return_new_error (task, error->domain, error->code, "%s", scrubbed);
      return;
    }

  g_task_return_pointer (task, info, (GDestroyNotify) ava_pg_server_info_free);
}

/* Saves the profile that just connected, and its password as asked. */
static void
ava_connection_dialog_remember (AvaConnectionDialog *self)
{
  const char        *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  g_autoptr (GError) error = NULL;

  ava_connection_dialog_commit_fields (self);

  if (self->settings != NULL)
    {
      if (ava_connection_profile_save (self->profile, self->settings, &error))
        g_settings_set_string (self->settings, "last-profile", ava_connection_profile_get_id (self->profile));
      else
        g_debug ("could not save the profile: %s", error->message);
    }

  if (self->keyring_unavailable)
    return;

  /* No cancellable: the dialog closes now, the keyring finishes later. */
  if (ava_connection_profile_get_remember_password (self->profile) && password[0] != '\0')
    ava_keyring_store_async (self->profile, password, NULL, keyring_store_done_cb, NULL);
  else if (!ava_connection_profile_get_remember_password (self->profile))
    ava_keyring_clear_async (self->profile, NULL, keyring_clear_done_cb, NULL);
}

static void
connect_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (AvaConnectionDialog) self = weak_ref_steal (user_data);
  g_autoptr (GError)              error = NULL;
  g_autoptr (AvaEngine)           engine = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char                *description = NULL;

  /* Cancelled, superseded, or the dialog is gone: the engine (if any)
   * closes its connection as it is dropped. */
  if (self == NULL || g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;

  self->connecting = FALSE;
  g_clear_object (&self->cancellable);
  ava_connection_dialog_update (self);

  if (engine == NULL)
    {
      ava_connection_dialog_show_failure (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  ava_connection_dialog_remember (self);
  description = ava_connection_dialog_dup_description (self);
  g_signal_emit (self, signals[CONNECTED], 0, engine, description);
}

static void
test_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (AvaConnectionDialog) self = weak_ref_steal (user_data);
  g_autoptr (GError)              error = NULL;
  g_autoptr (AvaPgServerInfo)     info = g_task_propagate_pointer (G_TASK (result), &error);

  if (self == NULL || g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;

  self->testing = FALSE;
  g_clear_object (&self->cancellable);
  ava_connection_dialog_update (self);

  if (info == NULL)
    ava_connection_dialog_show_failure (self, error->message);
  else
    ava_connection_dialog_show_success (self, info);
}

static void
ava_connection_dialog_start (AvaConnectionDialog *self,
                             gboolean             test_only)
{
  g_autoptr (GTask) task = NULL;

  if (ava_connection_dialog_is_busy (self) || !gtk_widget_get_sensitive (GTK_WIDGET (self->connect_button)))
    return;

  if (test_only)
    self->testing = TRUE;
  else
    self->connecting = TRUE;
  self->cancellable = g_cancellable_new ();
  ava_connection_dialog_clear_status (self);
  ava_connection_dialog_update (self);

  task = g_task_new (NULL, self->cancellable, test_only ? test_done_cb : connect_done_cb, weak_ref_new (self));
  g_task_set_source_tag (task, ava_connection_dialog_start);
  /* The worker reads only this copy, never the widgets. */
  g_task_set_task_data (task, ava_connection_dialog_build_conninfo (self, TRUE), g_free);
  g_task_run_in_thread (task, test_only ? test_thread : connect_thread);
}

/* }}} */
/* {{{ Callbacks */

static void
connect_clicked_cb (AvaConnectionDialog *self)
{
  ava_connection_dialog_start (self, FALSE);
}

static void
test_clicked_cb (AvaConnectionDialog *self)
{
  ava_connection_dialog_start (self, TRUE);
}

static void
cancel_clicked_cb (AvaConnectionDialog *self)
{
  if (ava_connection_dialog_is_busy (self))
    {
      /* A test stops at once; libpq cannot abandon the engine's connection
       * attempt, so that one is forgotten instead. */
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->connecting = FALSE;
      self->testing = FALSE;
      ava_connection_dialog_update (self);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static void
entry_activated_cb (AvaConnectionDialog *self)
{
  ava_connection_dialog_start (self, FALSE);
}

static void
field_changed_cb (AvaConnectionDialog *self)
{
  if (self->syncing)
    return;

  ava_connection_dialog_commit_fields (self);
  ava_connection_dialog_refresh_title (self);
  ava_connection_dialog_update (self);
}

static void
host_changed_cb (AvaConnectionDialog *self)
{
  if (!self->syncing && !self->sslmode_chosen)
    {
      g_autofree char *host = row_dup_text (self->host_row);

      self->syncing = TRUE;
      adw_combo_row_set_selected (self->sslmode_row, ava_connection_profile_default_sslmode (host));
      self->syncing = FALSE;
    }

  field_changed_cb (self);
}

static void
sslmode_selected_cb (AvaConnectionDialog *self)
{
  if (self->syncing)
    return;

  self->sslmode_chosen = TRUE;
  field_changed_cb (self);
}

static void
profile_selected_cb (AvaConnectionDialog *self)
{
  guint position = adw_combo_row_get_selected (self->profile_row);

  if (self->syncing || position == GTK_INVALID_LIST_POSITION ||
      position == ava_connection_dialog_profile_position (self, self->profile))
    return;

  ava_connection_dialog_select (self, position);
}

static void
new_clicked_cb (AvaConnectionDialog *self)
{
  g_autoptr (AvaConnectionProfile) profile = ava_connection_profile_new ();

  ava_connection_dialog_append_profile (self, profile);
  ava_connection_dialog_select (self, g_list_model_get_n_items (G_LIST_MODEL (self->profiles)) - 1);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
delete_clicked_cb (AvaConnectionDialog *self)
{
  g_autoptr (AvaConnectionProfile) profile = g_object_ref (self->profile);
  guint                            position = ava_connection_dialog_profile_position (self, profile);

  if (position == GTK_INVALID_LIST_POSITION)
    return;

  if (ava_connection_profile_get_saved (profile))
    ava_connection_profile_delete (profile, self->settings);
  if (!self->keyring_unavailable && !ava_connection_dialog_login_shared (self, profile))
    ava_keyring_clear_async (profile, NULL, keyring_clear_done_cb, NULL);

  self->syncing = TRUE;
  g_list_store_remove (self->profiles, position);
  gtk_string_list_remove (self->titles, position);
  self->syncing = FALSE;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->profiles)) == 0)
    {
      g_autoptr (AvaConnectionProfile) fresh = ava_connection_profile_new ();

      ava_connection_dialog_append_profile (self, fresh);
    }

  ava_connection_dialog_select (self, MIN (position, g_list_model_get_n_items (G_LIST_MODEL (self->profiles)) - 1));
}

static void
ca_response_cb (GtkNativeDialog     *chooser,
                int                  response,
                AvaConnectionDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char  *path = g_file_get_path (file);

      if (path != NULL)
        set_row_text (self->ca_row, path);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
choose_ca_clicked_cb (AvaConnectionDialog *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_ ("Choose Root Certificate"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Select"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (ca_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* }}} */
/* {{{ GObject */

static void
ava_connection_dialog_dispose (GObject *object)
{
  AvaConnectionDialog *self = AVA_CONNECTION_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->keyring_cancellable);
  g_clear_object (&self->keyring_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), AVA_TYPE_CONNECTION_DIALOG);

  g_clear_object (&self->profile);
  g_clear_object (&self->profiles);
  g_clear_object (&self->titles);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ava_connection_dialog_parent_class)->dispose (object);
}

static void
ava_connection_dialog_finalize (GObject *object)
{
  AvaConnectionDialog *self = AVA_CONNECTION_DIALOG (object);

  g_clear_pointer (&self->error_text, g_free);
  g_clear_pointer (&self->advice_text, g_free);
  g_clear_pointer (&self->success_text, g_free);

  G_OBJECT_CLASS (ava_connection_dialog_parent_class)->finalize (object);
}

static void
ava_connection_dialog_class_init (AvaConnectionDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ava_connection_dialog_dispose;
  object_class->finalize = ava_connection_dialog_finalize;

  /**
   * AvaConnectionDialog::connected:
   * @engine: the connected #AvaEngine
   * @description: the source as shown in the window, without the password
   *
   * The server answered and the schema is ready. The dialog stays open;
   * the handler closes it.
   */
  signals[CONNECTED] =
    g_signal_new ("connected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, AVA_TYPE_ENGINE, G_TYPE_STRING);

  ava_gui_ensure_resources ();

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ava-connection-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AvaConnectionDialog, ca_row);
  gtk_widget_class_bind_template_child (widget_class, AvaConnectionDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AvaConnectionDialog, connect_button);
  gtk_widget_class_bind_template_child (widget_class, AvaConnectionDialog, database_row);
  gtk_widget_class_bind_template_child (widget_class, AvaConnectionDialog, delete_button);
  gtk_widget_class_bind_template_child (widget_class, AvaConnectionDialog, detail_label);
  gtk_widget_class_bind_template_child (widget_class, AvaConnectionDialog, host_row);
  gtk_widget_class_bind_template_child (widget_class, AvaConnectionDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, AvaConnectionDialog, new_button);
  gtk_widget_class_bind_template_child (widget_class, AvaConnectionDialog, page);
  gtk_widget_class_bind_template_child (widget_class, AvaConnectionDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, AvaConnectionDialog, port_row);
  gtk_widget_class_bind_template_child (widget_class, AvaConnectionDialog, profile_row);
  gtk_widget_class_bind_template_child (widget_class, AvaConnectionDialog, remember_row);
  gtk_widget_class_bind_template_child (widget_class, AvaConnectionDialog, remember_switch);
  gtk_widget_class_bind_template_child (widget_class, AvaConnectionDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, AvaConnectionDialog, sslmode_row);
  gtk_widget_class_bind_template_child (widget_class, AvaConnectionDialog, status_box);
  gtk_widget_class_bind_template_child (widget_class, AvaConnectionDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, AvaConnectionDialog, status_revealer);
  gtk_widget_class_bind_template_child (widget_class, AvaConnectionDialog, test_button);
  gtk_widget_class_bind_template_child (widget_class, AvaConnectionDialog, user_row);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_ca_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, connect_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, host_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, profile_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, sslmode_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, test_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ava_connection_dialog_init (AvaConnectionDialog *self)
{
  static const char *const sslmode_labels[AVA_N_SSLMODES] = {
    /* Translators: SSL modes of a PostgreSQL connection */
    [AVA_SSLMODE_DISABLE] = N_ ("Disabled"),
    [AVA_SSLMODE_REQUIRE] = N_ ("Required"),
    [AVA_SSLMODE_VERIFY_CA] = N_ ("Verify certificate"),
    [AVA_SSLMODE_VERIFY_FULL] = N_ ("Verify certificate and host"),
  };
  g_autoptr (GtkStringList) modes = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->profiles = g_list_store_new (AVA_TYPE_CONNECTION_PROFILE);
  self->titles = gtk_string_list_new (NULL);

  for (guint i = 0; i < AVA_N_SSLMODES; i++)
    gtk_string_list_append (modes, _ (sslmode_labels[i]));
  self->syncing = TRUE;
  adw_combo_row_set_model (self->sslmode_row, G_LIST_MODEL (modes));
  adw_combo_row_set_selected (self->sslmode_row, AVA_SSLMODE_REQUIRE);
  adw_combo_row_set_model (self->profile_row, G_LIST_MODEL (self->titles));
  self->syncing = FALSE;
}

/* }}} */
/* {{{ Public API */

/**
 * ava_connection_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @settings: (nullable): the application settings, for the saved profiles;
 *   a profile (never its password) is saved after a successful connection
 *
 * Returns: (transfer floating): a new modal #AvaConnectionDialog
 */
GtkWidget *
ava_connection_dialog_new (GtkWindow *parent,
                           GSettings *settings)
{
  AvaConnectionDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (AVA_TYPE_CONNECTION_DIALOG,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);

  if (settings != NULL)
    {
      g_autoptr (GSettingsSchema)  schema = NULL;
      g_autoptr (GSettingsBackend) backend = NULL;

      /* The window's settings apply only on close: use an immediate object
       * on the same schema and backend. */
      g_object_get (settings, "settings-schema", &schema, "backend", &backend, NULL);
      self->settings = g_settings_new_full (schema, backend, NULL);
    }
  ava_connection_dialog_load_profiles (self);

  return GTK_WIDGET (self);
}

/**
 * ava_connection_dialog_build_conninfo:
 * @self: a #AvaConnectionDialog
 * @with_password: whether to include the password
 *
 * Returns: (transfer full): the conninfo of the fields
 */
char *
ava_connection_dialog_build_conninfo (AvaConnectionDialog *self,
                                      gboolean             with_password)
{
  g_return_val_if_fail (AVA_IS_CONNECTION_DIALOG (self), NULL);

  ava_connection_dialog_commit_fields (self);
  return ava_connection_profile_build_conninfo (self->profile,
                                                with_password ? gtk_editable_get_text (GTK_EDITABLE (self->password_row))
                                                              : NULL);
}

gboolean
ava_connection_dialog_get_connecting (AvaConnectionDialog *self)
{
  g_return_val_if_fail (AVA_IS_CONNECTION_DIALOG (self), FALSE);

  return self->connecting;
}

gboolean
ava_connection_dialog_get_testing (AvaConnectionDialog *self)
{
  g_return_val_if_fail (AVA_IS_CONNECTION_DIALOG (self), FALSE);

  return self->testing;
}

/**
 * ava_connection_dialog_get_error:
 * @self: a #AvaConnectionDialog
 *
 * Returns: (nullable): libpq's message of the last failure, scrubbed of
 *   passwords, if any
 */
const char *
ava_connection_dialog_get_error (AvaConnectionDialog *self)
{
  g_return_val_if_fail (AVA_IS_CONNECTION_DIALOG (self), NULL);

  return self->error_text;
}

/**
 * ava_connection_dialog_get_advice:
 * @self: a #AvaConnectionDialog
 *
 * Returns: (nullable): what the dialog advises about the last failure, if
 *   it recognised it
 */
const char *
ava_connection_dialog_get_advice (AvaConnectionDialog *self)
{
  g_return_val_if_fail (AVA_IS_CONNECTION_DIALOG (self), NULL);

  return self->advice_text;
}

/**
 * ava_connection_dialog_get_success:
 * @self: a #AvaConnectionDialog
 *
 * Returns: (nullable): the result of the last successful test, if shown
 */
const char *
ava_connection_dialog_get_success (AvaConnectionDialog *self)
{
  g_return_val_if_fail (AVA_IS_CONNECTION_DIALOG (self), NULL);

  return self->success_text;
}

/**
 * ava_connection_dialog_dup_description:
 * @self: a #AvaConnectionDialog
 *
 * Returns: (transfer full): the source for the window's badge and
 *   subtitle, such as “PostgreSQL · sales on db.example.com”
 */
char *
ava_connection_dialog_dup_description (AvaConnectionDialog *self)
{
  g_autofree char *host = NULL;
  g_autofree char *database = NULL;

  g_return_val_if_fail (AVA_IS_CONNECTION_DIALOG (self), NULL);

  host = row_dup_text (self->host_row);
  database = row_dup_text (self->database_row);
  /* Translators: the data source: a database name, then a host name */
  return g_strdup_printf (_ ("PostgreSQL · %s on %s"), database, host);
}

/* }}} */
