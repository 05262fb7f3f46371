/* test-keyring.c: connection passwords in the Secret Service.
 *
 * Run by tests/keyring-run (a private D-Bus session and an unlocked GNOME
 * Keyring in a throwaway HOME; AVA_TEST_KEYRING=running) for store, lookup
 * and clear; run without it (AVA_TEST_KEYRING=none, the session bus address
 * pointing nowhere) for the fallback. Anything else never reaches a real
 * keyring: the bus address is forced to nowhere first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ava-connection-profile.h"
#include "ava-keyring.h"
#include "ava-ui-test-utils.h"

#define PASSWORD       "S3cret-Keyring-Pw 'quoted' é"
#define OTHER_PASSWORD "An0ther-Keyring-Pw"

static gboolean keyring_running;

/* {{{ Helpers */

static AvaConnectionProfile *
profile_new (const char *host,
             guint       port,
             const char *database,
             const char *user)
{
  AvaConnectionProfile *profile = ava_connection_profile_new ();

  g_object_set (profile, "name", "Keyring test", "host", host, "port", port,
                "database", database, "user", user, NULL);
  return profile;
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
store (AvaConnectionProfile *profile,
       const char           *password,
       GError              **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ava_keyring_store_async (profile, password, NULL, result_cb, &result);
  return ava_keyring_store_finish (wait_for_result (&result), error);
}

static char *
lookup (AvaConnectionProfile *profile,
        GError              **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ava_keyring_lookup_async (profile, NULL, result_cb, &result);
  return ava_keyring_lookup_finish (wait_for_result (&result), error);
}

static gboolean
clear (AvaConnectionProfile *profile,
       GError              **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ava_keyring_clear_async (profile, NULL, result_cb, &result);
  return ava_keyring_clear_finish (wait_for_result (&result), error);
}

/* What `secret-tool lookup` finds for the login, or NULL (exit status 1). */
static char *
secret_tool_lookup (AvaConnectionProfile *profile)
{
  g_autofree char *port = g_strdup_printf ("%u", ava_connection_profile_get_port (profile));
  const char      *argv[] = {
         "secret-tool",
         "lookup",
         "host",
         ava_connection_profile_get_host (profile),
         "port",
         port,
         "database",
         ava_connection_profile_get_database (profile),
         "user",
         ava_connection_profile_get_user (profile),
         NULL,
  };
  g_autofree char   *out = NULL;
  g_autoptr (GError) error = NULL;
  int                status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    return NULL;
  return g_steal_pointer (&out);
}

/* How many items `secret-tool search --all` finds for the login: another
 * process's view, which also keeps libsecret's item objects (whose async
 * construction leaks a few bytes in 0.20) out of this one. */
static guint
count_items (AvaConnectionProfile *profile)
{
  g_autofree char *port = g_strdup_printf ("%u", ava_connection_profile_get_port (profile));
  const char      *argv[] = {
         "secret-tool",
         "search",
         "--all",
         "host",
         ava_connection_profile_get_host (profile),
         "port",
         port,
         "database",
         ava_connection_profile_get_database (profile),
         "user",
         ava_connection_profile_get_user (profile),
         NULL,
  };
  g_autofree char   *out = NULL;
  g_autofree char   *err = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv)     lines = NULL;
  int                status;
  guint              n = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH,
                               NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  /* secret-tool prints each item's attributes, "[/path]" first, on stdout
   * or stderr depending on its version. */
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "[/"))
      n++;
  g_strfreev (g_steal_pointer (&lines));
  lines = g_strsplit (err, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "[/"))
      n++;
  return n;
}

/* }}} */
/* {{{ With a keyring */

static void
test_store_lookup_clear (void)
{
  g_autoptr (AvaConnectionProfile) profile = profile_new ("db.example.com", 6432, "sales", "ana");
  g_autoptr (AvaConnectionProfile) same_login = profile_new ("db.example.com", 6432, "sales", "ana");
  g_autoptr (AvaConnectionProfile) other_user = profile_new ("db.example.com", 6432, "sales", "bob");
  g_autoptr (AvaConnectionProfile) other_port = profile_new ("db.example.com", 5432, "sales", "ana");
  g_autoptr (GError)               error = NULL;
  g_autofree char                 *found = NULL;
  g_autofree char                 *tool = NULL;

  g_assert_null (lookup (profile, &error));
  g_assert_no_error (error);
  g_assert_null (secret_tool_lookup (profile));

  g_assert_true (store (profile, PASSWORD, &error));
  g_assert_no_error (error);

  /* Our own lookup, another profile of the same login, and the keyring as
   * any other client sees it. */
  found = lookup (profile, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, PASSWORD);
  g_clear_pointer (&found, g_free);
  found = lookup (same_login, &error);
  g_assert_cmpstr (found, ==, PASSWORD);
  g_clear_pointer (&found, g_free);
  tool = secret_tool_lookup (profile);
  g_assert_cmpstr (tool, ==, PASSWORD);
  g_assert_cmpuint (count_items (profile), ==, 1);

  /* Another login has nothing. */
  g_assert_null (lookup (other_user, &error));
  g_assert_no_error (error);
  g_assert_null (lookup (other_port, &error));
  g_assert_no_error (error);

  /* Storing again replaces the item. */
  g_assert_true (store (profile, OTHER_PASSWORD, &error));
  found = lookup (profile, &error);
  g_assert_cmpstr (found, ==, OTHER_PASSWORD);
  g_clear_pointer (&found, g_free);
  g_assert_cmpuint (count_items (profile), ==, 1);

  /* Clearing deletes it; clearing nothing is fine. */
  g_assert_true (clear (profile, &error));
  g_assert_no_error (error);
  g_assert_null (lookup (profile, &error));
  g_assert_no_error (error);
  g_assert_null (secret_tool_lookup (profile));
  g_assert_cmpuint (count_items (profile), ==, 0);
  g_assert_true (clear (profile, &error));
  g_assert_no_error (error);
}

/* A saved profile with a remembered password: the password is in the
 * keyring and in no settings key. */
static void
test_password_not_in_settings (void)
{
  g_autoptr (GSettings)            settings = g_settings_new (APP_ID);
  g_autoptr (AvaConnectionProfile) profile = profile_new ("pg.example.org", 5432, "shop", "carla");
  g_autoptr (GListStore)           loaded = NULL;
  g_autoptr (GError)               error = NULL;
  g_autofree char                 *tool = NULL;
  g_autofree char                 *path = NULL;
  g_autoptr (GSettings)            profile_settings = NULL;
  g_autofree char                 *user = NULL;

  g_object_set (profile, "remember-password", TRUE, NULL);
  g_assert_true (ava_connection_profile_save (profile, settings, &error));
  g_assert_no_error (error);
  g_assert_true (store (profile, PASSWORD, &error));

  tool = secret_tool_lookup (profile);
  g_assert_cmpstr (tool, ==, PASSWORD);

  loaded = ava_connection_profile_load_all (settings);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (loaded)), ==, 1);
  ava_ui_test_assert_settings_free_of (settings, PASSWORD);
  path = g_strdup_printf ("/org/avastrolytics/Avastrolytics/profiles/%s/", ava_connection_profile_get_id (profile));
  profile_settings = g_settings_new_with_path (APP_ID ".Profile", path);
  g_assert_true (g_settings_get_boolean (profile_settings, "remember-password"));
  user = g_settings_get_string (profile_settings, "user");
  g_assert_cmpstr (user, ==, "carla");
  ava_ui_test_assert_settings_free_of (profile_settings, PASSWORD);
  ava_ui_test_assert_settings_free_of (profile_settings, "S3cret");

  g_assert_true (clear (profile, &error));
  ava_connection_profile_delete (profile, settings);
}

/* }}} */
/* {{{ Without a keyring */

static void
test_unavailable (void)
{
  g_autoptr (AvaConnectionProfile) profile = profile_new ("db.example.com", 5432, "sales", "ana");
  g_autoptr (GError)               error = NULL;

  g_assert_false (store (profile, PASSWORD, &error));
  g_assert_error (error, AVA_KEYRING_ERROR, AVA_KEYRING_ERROR_UNAVAILABLE);
  g_test_message ("store: %s", error->message);
  g_assert_null (strstr (error->message, PASSWORD));
  g_clear_error (&error);

  g_assert_null (lookup (profile, &error));
  g_assert_error (error, AVA_KEYRING_ERROR, AVA_KEYRING_ERROR_UNAVAILABLE);
  g_clear_error (&error);

  g_assert_false (clear (profile, &error));
  g_assert_error (error, AVA_KEYRING_ERROR, AVA_KEYRING_ERROR_UNAVAILABLE);
}

static void
test_cancelled (void)
{
  g_autoptr (AvaConnectionProfile) profile = profile_new ("db.example.com", 5432, "sales", "ana");
  g_autoptr (GCancellable)         cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult)         result = NULL;
  g_autoptr (GError)               error = NULL;

  /* Cancelled stays cancelled, keyring or not: it is not "unavailable".
   * This case runs first, so store-lookup-clear also checks that a
   * cancelled first call does not spoil the ones after it. */
  g_cancellable_cancel (cancellable);
  ava_keyring_lookup_async (profile, cancellable, result_cb, &result);
  g_assert_null (ava_keyring_lookup_finish (wait_for_result (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  keyring_running = g_strcmp0 (g_getenv ("AVA_TEST_KEYRING"), "running") == 0;
  /* Outside keyring-run, never reach the user's own keyring. */
  if (!keyring_running)
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/ava-test-bus", TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ava/keyring/cancelled", test_cancelled);
  if (keyring_running)
    {
      g_test_add_func ("/ava/keyring/store-lookup-clear", test_store_lookup_clear);
      g_test_add_func ("/ava/keyring/password-not-in-settings", test_password_not_in_settings);
    }
  else
    {
      g_test_add_func ("/ava/keyring/unavailable", test_unavailable);
    }

  return g_test_run ();
}
