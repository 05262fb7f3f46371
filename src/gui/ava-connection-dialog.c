/* ava-connection-dialog.c
 *
 * Asks for the PostgreSQL server, database and login, then connects on a
 * worker thread: ava_pg_engine_new() blocks on the network and on the
 * schema check. The dialog stays open until the engine is ready, so that a
 * failure is shown next to the fields that caused it.
 *
 * The password lives only in its row and in the conninfo handed to the
 * worker; it is never saved, logged or shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ava-connection-dialog-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ava-gui-private.h"
#include "ava-pg-connection.h"
#include "ava-pg-engine.h"

#define AZURE_HOST_SUFFIX ".postgres.database.azure.com"
#define DEFAULT_PORT      5432
/* Seconds; an unreachable host should fail visibly, not spin forever. */
#define CONNECT_TIMEOUT "10"

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

static const char *const sslmode_values[AVA_N_SSLMODES] = {
  [AVA_SSLMODE_DISABLE] = "disable",
  [AVA_SSLMODE_REQUIRE] = "require",
  [AVA_SSLMODE_VERIFY_CA] = "verify-ca",
  [AVA_SSLMODE_VERIFY_FULL] = "verify-full",
};

/* {{{ Helpers */

static char *
row_dup_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* Returns 0 for text that is not a port number; empty text is the default. */
static guint
parse_port (const char *text)
{
  guint64 port;

  if (text[0] == '\0')
    return DEFAULT_PORT;
  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT16, &port, NULL))
    return 0;
  return (guint) port;
}

static int
sslmode_from_string (const char *value)
{
  for (guint i = 0; i < AVA_N_SSLMODES; i++)
    if (g_strcmp0 (value, sslmode_values[i]) == 0)
      return (int) i;
  return -1;
}

/**
 * ava_connection_dialog_default_sslmode:
 * @host: a host name, possibly empty
 *
 * Azure Database for PostgreSQL presents a certificate for its own name, so
 * full verification works there out of the box; elsewhere the server's
 * certificate is often self-signed, so only encryption is required.
 */
AvaSslmode
ava_connection_dialog_default_sslmode (const char *host)
{
  g_autofree char *lower = g_ascii_strdown (host != NULL ? host : "", -1);

  g_strstrip (lower);
  if (g_str_has_suffix (lower, AZURE_HOST_SUFFIX))
    return AVA_SSLMODE_VERIFY_FULL;
  return AVA_SSLMODE_REQUIRE;
}

/**
 * ava_connection_dialog_build_conninfo:
 * @self: a #AvaConnectionDialog
 * @with_password: whether to include the password
 *
 * Returns: (transfer full): a key=value conninfo of the fields, each value
 *   quoted by ava_gui_append_conninfo()
 */
char *
ava_connection_dialog_build_conninfo (AvaConnectionDialog *self,
                                      gboolean             with_password)
{
  g_autoptr (GString) conninfo = g_string_new (NULL);
  g_autofree char    *host = row_dup_text (self->host_row);
  g_autofree char    *port_text = row_dup_text (self->port_row);
  g_autofree char    *database = row_dup_text (self->database_row);
  g_autofree char    *user = row_dup_text (self->user_row);
  g_autofree char    *ca = row_dup_text (self->ca_row);
  g_autofree char    *port = g_strdup_printf ("%u", parse_port (port_text));
  const char         *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  guint               sslmode = adw_combo_row_get_selected (self->sslmode_row);

  ava_gui_append_conninfo (conninfo, "host", host);
  ava_gui_append_conninfo (conninfo, "port", port);
  ava_gui_append_conninfo (conninfo, "dbname", database);
  ava_gui_append_conninfo (conninfo, "user", user);
  /* An empty password lets libpq look in ~/.pgpass. */
  if (with_password && password[0] != '\0')
    ava_gui_append_conninfo (conninfo, "password", password);
  ava_gui_append_conninfo (conninfo, "sslmode",
                           sslmode_values[sslmode < AVA_N_SSLMODES ? sslmode : AVA_SSLMODE_REQUIRE]);
  if (ca[0] != '\0')
    ava_gui_append_conninfo (conninfo, "sslrootcert", ca);
  ava_gui_append_conninfo (conninfo, "connect_timeout", CONNECT_TIMEOUT);
  ava_gui_append_conninfo (conninfo, "application_name", "Avastrolytics");

  return g_string_free (g_steal_pointer (&conninfo), FALSE);
}

static void
ava_connection_dialog_show_error (AvaConnectionDialog *self,
                                  const char          *text)
{
  g_free (self->error_text);
  self->error_text = g_strdup (text);

  if (text != NULL)
    gtk_label_set_text (self->error_label, text);
  gtk_revealer_set_reveal_child (self->error_revealer, text != NULL);
}

static void
ava_connection_dialog_update (AvaConnectionDialog *self)
{
  g_autofree char *host = row_dup_text (self->host_row);
  g_autofree char *port = row_dup_text (self->port_row);
  g_autofree char *database = row_dup_text (self->database_row);
  g_autofree char *user = row_dup_text (self->user_row);
  gboolean         complete;

  complete = host[0] != '\0' && database[0] != '\0' && user[0] != '\0' && parse_port (port) != 0;

  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button), complete && !self->connecting);
  gtk_widget_set_sensitive (GTK_WIDGET (self->page), !self->connecting);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->connecting);
  gtk_spinner_set_spinning (self->spinner, self->connecting);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->cancel_button),
                               self->connecting ? _ ("Stop connecting") : NULL);
}

/* }}} */
/* {{{ Settings */

static void
ava_connection_dialog_load_settings (AvaConnectionDialog *self)
{
  g_autofree char *host = NULL;
  g_autofree char *database = NULL;
  g_autofree char *user = NULL;
  g_autofree char *sslmode = NULL;
  g_autofree char *ca = NULL;
  g_autofree char *port = NULL;
  int              mode;

  if (self->settings == NULL)
    return;

  host = g_settings_get_string (self->settings, "pg-host");
  database = g_settings_get_string (self->settings, "pg-database");
  user = g_settings_get_string (self->settings, "pg-user");
  sslmode = g_settings_get_string (self->settings, "pg-sslmode");
  ca = g_settings_get_string (self->settings, "pg-root-ca");
  port = g_strdup_printf ("%d", g_settings_get_int (self->settings, "pg-port"));

  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->host_row), host);
  gtk_editable_set_text (GTK_EDITABLE (self->port_row), port);
  gtk_editable_set_text (GTK_EDITABLE (self->database_row), database);
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), user);
  gtk_editable_set_text (GTK_EDITABLE (self->ca_row), ca);
  mode = sslmode_from_string (sslmode);
  if (mode >= 0)
    {
      self->sslmode_chosen = TRUE;
      adw_combo_row_set_selected (self->sslmode_row, (guint) mode);
    }
  else
    {
      adw_combo_row_set_selected (self->sslmode_row, ava_connection_dialog_default_sslmode (host));
    }
  self->syncing = FALSE;
}

/* Everything but the password, which is asked for every time. */
static void
ava_connection_dialog_save_settings (AvaConnectionDialog *self)
{
  g_autofree char *host = row_dup_text (self->host_row);
  g_autofree char *port = row_dup_text (self->port_row);
  g_autofree char *database = row_dup_text (self->database_row);
  g_autofree char *user = row_dup_text (self->user_row);
  g_autofree char *ca = row_dup_text (self->ca_row);
  guint            sslmode = adw_combo_row_get_selected (self->sslmode_row);

  if (self->settings == NULL)
    return;

  g_settings_set_string (self->settings, "pg-host", host);
  g_settings_set_int (self->settings, "pg-port", (int) parse_port (port));
  g_settings_set_string (self->settings, "pg-database", database);
  g_settings_set_string (self->settings, "pg-user", user);
  /* A mode that only followed the host name stays automatic. */
  g_settings_set_string (self->settings, "pg-sslmode",
                         self->sslmode_chosen && sslmode < AVA_N_SSLMODES ? sslmode_values[sslmode] : "");
  g_settings_set_string (self->settings, "pg-root-ca", ca);
}

/* }}} */
/* {{{ Connecting */

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
connect_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (AvaConnectionDialog) self = g_weak_ref_get (user_data);
  g_autoptr (GError)              error = NULL;
  g_autoptr (AvaEngine)           engine = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char                *description = NULL;

  g_weak_ref_clear (user_data);
  g_free (user_data);

  /* Cancelled, superseded, or the dialog is gone: the engine (if any)
   * closes its connection as it is dropped. */
  if (self == NULL || g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;

  self->connecting = FALSE;
  g_clear_object (&self->cancellable);
  ava_connection_dialog_update (self);

  if (engine == NULL)
    {
      ava_connection_dialog_show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  ava_connection_dialog_save_settings (self);
  description = ava_connection_dialog_dup_description (self);
  g_signal_emit (self, signals[CONNECTED], 0, engine, description);
}

static void
ava_connection_dialog_connect (AvaConnectionDialog *self)
{
  g_autoptr (GTask) task = NULL;
  GWeakRef         *self_ref;

  if (self->connecting || !gtk_widget_get_sensitive (GTK_WIDGET (self->connect_button)))
    return;

  self->connecting = TRUE;
  self->cancellable = g_cancellable_new ();
  ava_connection_dialog_show_error (self, NULL);
  ava_connection_dialog_update (self);

  self_ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (self_ref, self);
  task = g_task_new (NULL, self->cancellable, connect_done_cb, self_ref);
  g_task_set_source_tag (task, ava_connection_dialog_connect);
  /* The worker reads only this copy, never the widgets. */
  g_task_set_task_data (task, ava_connection_dialog_build_conninfo (self, TRUE), g_free);
  g_task_run_in_thread (task, connect_thread);
}

/* }}} */
/* {{{ Callbacks */

static void
connect_clicked_cb (AvaConnectionDialog *self)
{
  ava_connection_dialog_connect (self);
}

static void
cancel_clicked_cb (AvaConnectionDialog *self)
{
  if (self->connecting)
    {
      /* libpq cannot abandon a connection attempt: forget it instead. */
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->connecting = FALSE;
      ava_connection_dialog_update (self);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static void
entry_activated_cb (AvaConnectionDialog *self)
{
  ava_connection_dialog_connect (self);
}

static void
host_changed_cb (AvaConnectionDialog *self)
{
  if (!self->syncing && !self->sslmode_chosen)
    {
      g_autofree char *host = row_dup_text (self->host_row);

      self->syncing = TRUE;
      adw_combo_row_set_selected (self->sslmode_row, ava_connection_dialog_default_sslmode (host));
      self->syncing = FALSE;
    }

  ava_connection_dialog_update (self);
}

static void
field_changed_cb (AvaConnectionDialog *self)
{
  ava_connection_dialog_update (self);
}

static void
sslmode_selected_cb (AvaConnectionDialog *self)
{
  if (!self->syncing)
    self->sslmode_chosen = TRUE;
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
        gtk_editable_set_text (GTK_EDITABLE (self->ca_row), path);
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

  gtk_widget_dispose_template (GTK_WIDGET (self), AVA_TYPE_CONNECTION_DIALOG);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ava_connection_dialog_parent_class)->dispose (object);
}

static void
ava_connection_dialog_finalize (GObject *object)
{
  AvaConnectionDialog *self = AVA_CONNECTION_DIALOG (object);

  g_clear_pointer (&self->error_text, g_free);

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
  gtk_widget_class_bind_template_child (widget_class, AvaConnectionDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AvaConnectionDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, AvaConnectionDialog, host_row);
  gtk_widget_class_bind_template_child (widget_class, AvaConnectionDialog, page);
  gtk_widget_class_bind_template_child (widget_class, AvaConnectionDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, AvaConnectionDialog, port_row);
  gtk_widget_class_bind_template_child (widget_class, AvaConnectionDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, AvaConnectionDialog, sslmode_row);
  gtk_widget_class_bind_template_child (widget_class, AvaConnectionDialog, user_row);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_ca_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, connect_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, host_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sslmode_selected_cb);

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

  for (guint i = 0; i < AVA_N_SSLMODES; i++)
    gtk_string_list_append (modes, _ (sslmode_labels[i]));
  self->syncing = TRUE;
  adw_combo_row_set_model (self->sslmode_row, G_LIST_MODEL (modes));
  adw_combo_row_set_selected (self->sslmode_row, AVA_SSLMODE_REQUIRE);
  gtk_editable_set_text (GTK_EDITABLE (self->port_row), G_STRINGIFY (DEFAULT_PORT));
  self->syncing = FALSE;
  self->sslmode_chosen = FALSE;

  ava_connection_dialog_update (self);
}

/* }}} */
/* {{{ Public API */

/**
 * ava_connection_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @settings: (nullable): the application settings, to prefill the fields
 *   and remember them (never the password) after a successful connection
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
      g_autoptr (GSettingsSchema) schema = NULL;

      /* The window's settings apply only on close: use an immediate object
       * on the same schema and backend. */
      g_object_get (settings, "settings-schema", &schema, NULL);
      self->settings = g_settings_new_full (schema, NULL, NULL);
    }
  ava_connection_dialog_load_settings (self);
  ava_connection_dialog_update (self);

  return GTK_WIDGET (self);
}

gboolean
ava_connection_dialog_get_connecting (AvaConnectionDialog *self)
{
  g_return_val_if_fail (AVA_IS_CONNECTION_DIALOG (self), FALSE);

  return self->connecting;
}

/**
 * ava_connection_dialog_get_error:
 * @self: a #AvaConnectionDialog
 *
 * Returns: (nullable): the error shown in the dialog, if any
 */
const char *
ava_connection_dialog_get_error (AvaConnectionDialog *self)
{
  g_return_val_if_fail (AVA_IS_CONNECTION_DIALOG (self), NULL);

  return self->error_text;
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
