/* ava-keyring.c
 *
 * Passwords of connection profiles in the Secret Service (GNOME Keyring,
 * KWallet…) through libsecret, and nowhere else. An item is identified by
 * the login, not by the profile: two profiles for the same server, database
 * and user share one password.
 *
 * libsecret never sees our cancellable: in 0.20 every call waits for one
 * shared connection to the service, and a cancelled first call cancels that
 * for the calls that join it. The calls are short D-Bus round trips, so a
 * cancel only drops their result (G_IO_ERROR_CANCELLED).
 *
 * Any failure to reach the service becomes AVA_KEYRING_ERROR_UNAVAILABLE:
 * the dialog then asks for the password each time and says why. The
 * underlying D-Bus message goes to the debug log only; it never holds the
 * password.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ava-keyring.h"

#include <glib/gi18n.h>

G_DEFINE_QUARK (ava - keyring - error - quark, ava_keyring_error)

/**
 * ava_keyring_get_schema:
 *
 * Returns: the schema of the items: host, port, database and user
 */
const SecretSchema *
ava_keyring_get_schema (void)
{
  static const SecretSchema schema = {
    APP_ID ".Password",
    SECRET_SCHEMA_NONE,
    {
      { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "port", SECRET_SCHEMA_ATTRIBUTE_INTEGER },
      { "database", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

static GHashTable *
attributes_new (AvaConnectionProfile *profile)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (attributes, (gpointer) "host", g_strdup (ava_connection_profile_get_host (profile)));
  g_hash_table_insert (attributes, (gpointer) "port",
                       g_strdup_printf ("%u", ava_connection_profile_get_port (profile)));
  g_hash_table_insert (attributes, (gpointer) "database", g_strdup (ava_connection_profile_get_database (profile)));
  g_hash_table_insert (attributes, (gpointer) "user", g_strdup (ava_connection_profile_get_user (profile)));

  return attributes;
}

/* Cancellation stays itself; everything else means "no usable keyring". */
static void
return_error (GTask  *task,
              GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    {
      g_error_free (error);
      return;
    }

  g_debug ("keyring unavailable: %s", error->message);
  g_task_return_new_error (task, AVA_KEYRING_ERROR, AVA_KEYRING_ERROR_UNAVAILABLE,
                           "%s", error->message);
  g_error_free (error);
}

/* {{{ Store */

static void
store_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError           *error = NULL;

  if (!secret_password_store_finish (result, &error))
    return_error (task, error);
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, TRUE);
}

/**
 * ava_keyring_store_async:
 * @profile: the login the password belongs to
 * @password: the password
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Saves @password in the default collection, replacing the one of the same
 * login if any.
 */
void
ava_keyring_store_async (AvaConnectionProfile *profile,
                         const char           *password,
                         GCancellable         *cancellable,
                         GAsyncReadyCallback   callback,
                         gpointer              user_data)
{
  g_autoptr (GHashTable) attributes = NULL;
  g_autofree char       *label = NULL;
  GTask                 *task;

  g_return_if_fail (AVA_IS_CONNECTION_PROFILE (profile));
  g_return_if_fail (password != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ava_keyring_store_async);

  attributes = attributes_new (profile);
  /* Translators: the label of a password in the keyring (Seahorse shows
   * it): a user, a database, a host */
  label = g_strdup_printf (_ ("Avastrolytics: PostgreSQL password for %s on %s at %s"),
                           ava_connection_profile_get_user (profile),
                           ava_connection_profile_get_database (profile),
                           ava_connection_profile_get_host (profile));
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  secret_password_storev (ava_keyring_get_schema (), attributes, SECRET_COLLECTION_DEFAULT, label,
                          password, NULL, store_done_cb, task);
}

gboolean
ava_keyring_store_finish (GAsyncResult *result,
                          GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ava_keyring_store_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* }}} */
/* {{{ Lookup */

static void
lookup_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError           *error = NULL;
  char             *password = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    {
      return_error (task, error);
      return;
    }

  /* NULL without an error: nothing stored for this login. Our copy is a
   * plain string; libsecret's is wiped. */
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, g_strdup (password), g_free);
  secret_password_free (password);
}

/**
 * ava_keyring_lookup_async:
 * @profile: the login whose password to find
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 */
void
ava_keyring_lookup_async (AvaConnectionProfile *profile,
                          GCancellable         *cancellable,
                          GAsyncReadyCallback   callback,
                          gpointer              user_data)
{
  g_autoptr (GHashTable) attributes = NULL;
  GTask                 *task;

  g_return_if_fail (AVA_IS_CONNECTION_PROFILE (profile));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ava_keyring_lookup_async);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  attributes = attributes_new (profile);
  secret_password_lookupv (ava_keyring_get_schema (), attributes, NULL, lookup_done_cb, task);
}

/**
 * ava_keyring_lookup_finish:
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the password, or %NULL with no
 *   error set when none is stored
 */
char *
ava_keyring_lookup_finish (GAsyncResult *result,
                           GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ava_keyring_lookup_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* }}} */
/* {{{ Clear */

static void
clear_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError           *error = NULL;

  /* FALSE without an error: there was nothing to delete. */
  if (!secret_password_clear_finish (result, &error) && error != NULL)
    return_error (task, error);
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, TRUE);
}

/**
 * ava_keyring_clear_async:
 * @profile: the login whose password to delete
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Deletes the stored password, if any; having none is not an error.
 */
void
ava_keyring_clear_async (AvaConnectionProfile *profile,
                         GCancellable         *cancellable,
                         GAsyncReadyCallback   callback,
                         gpointer              user_data)
{
  g_autoptr (GHashTable) attributes = NULL;
  GTask                 *task;

  g_return_if_fail (AVA_IS_CONNECTION_PROFILE (profile));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ava_keyring_clear_async);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  attributes = attributes_new (profile);
  secret_password_clearv (ava_keyring_get_schema (), attributes, NULL, clear_done_cb, task);
}

gboolean
ava_keyring_clear_finish (GAsyncResult *result,
                          GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ava_keyring_clear_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* }}} */
