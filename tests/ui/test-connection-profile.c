/* test-connection-profile.c: saving, loading and deleting profiles, and the
 * connection strings they make.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ava-connection-profile.h"

static void
reset_settings (GSettings *settings)
{
  g_settings_reset (settings, "profiles");
  g_settings_reset (settings, "last-profile");
}

static AvaConnectionProfile *
get_profile (GListStore *store,
             guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (store), position);
}

static void
test_save_load_delete (void)
{
  g_autoptr (GSettings)            settings = g_settings_new (APP_ID);
  g_autoptr (AvaConnectionProfile) azure = ava_connection_profile_new ();
  g_autoptr (AvaConnectionProfile) local = ava_connection_profile_new ();
  g_autoptr (AvaConnectionProfile) loaded = NULL;
  g_autoptr (GListStore)           store = NULL;
  g_autoptr (GError)               error = NULL;
  g_auto (GStrv)                   ids = NULL;

  reset_settings (settings);
  store = ava_connection_profile_load_all (settings);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_clear_object (&store);

  g_assert_cmpstr (ava_connection_profile_get_id (azure), !=, ava_connection_profile_get_id (local));
  g_assert_false (ava_connection_profile_get_saved (azure));
  g_object_set (azure, "name", "Sales (Azure)", "host", "sales.postgres.database.azure.com",
                "port", 5432, "database", "sales", "user", "analyst", "remember-password", TRUE, NULL);
  g_object_set (local, "host", "localhost", "port", 6543, "database", "shop", "user", "me",
                "sslmode", "verify-ca", "root-ca", "/etc/ssl/local-ca.pem", NULL);

  g_assert_true (ava_connection_profile_save (azure, settings, &error));
  g_assert_no_error (error);
  g_assert_true (ava_connection_profile_save (local, settings, &error));
  g_assert_true (ava_connection_profile_get_saved (local));
  /* Saving twice does not list it twice. */
  g_assert_true (ava_connection_profile_save (azure, settings, &error));
  ids = g_settings_get_strv (settings, "profiles");
  g_assert_cmpuint (g_strv_length (ids), ==, 2);
  g_assert_cmpstr (ids[0], ==, ava_connection_profile_get_id (azure));
  g_assert_cmpstr (ids[1], ==, ava_connection_profile_get_id (local));

  store = ava_connection_profile_load_all (settings);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  loaded = get_profile (store, 0);
  g_assert_cmpstr (ava_connection_profile_get_id (loaded), ==, ava_connection_profile_get_id (azure));
  g_assert_cmpstr (ava_connection_profile_get_name (loaded), ==, "Sales (Azure)");
  g_assert_cmpstr (ava_connection_profile_get_host (loaded), ==, "sales.postgres.database.azure.com");
  g_assert_cmpuint (ava_connection_profile_get_port (loaded), ==, 5432);
  g_assert_cmpstr (ava_connection_profile_get_sslmode (loaded), ==, "");
  g_assert_cmpint (ava_connection_profile_get_effective_sslmode (loaded), ==, AVA_SSLMODE_VERIFY_FULL);
  g_assert_true (ava_connection_profile_get_remember_password (loaded));
  g_assert_true (ava_connection_profile_get_saved (loaded));
  g_clear_object (&loaded);
  loaded = get_profile (store, 1);
  g_assert_cmpstr (ava_connection_profile_get_host (loaded), ==, "localhost");
  g_assert_cmpuint (ava_connection_profile_get_port (loaded), ==, 6543);
  g_assert_cmpstr (ava_connection_profile_get_database (loaded), ==, "shop");
  g_assert_cmpstr (ava_connection_profile_get_user (loaded), ==, "me");
  g_assert_cmpstr (ava_connection_profile_get_sslmode (loaded), ==, "verify-ca");
  g_assert_cmpstr (ava_connection_profile_get_root_ca (loaded), ==, "/etc/ssl/local-ca.pem");
  g_assert_false (ava_connection_profile_get_remember_password (loaded));
  g_clear_object (&loaded);
  g_clear_object (&store);

  /* Deleting forgets the keys and the list entry, and the last profile. */
  g_settings_set_string (settings, "last-profile", ava_connection_profile_get_id (azure));
  ava_connection_profile_delete (azure, settings);
  g_assert_false (ava_connection_profile_get_saved (azure));
  store = ava_connection_profile_load_all (settings);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  loaded = get_profile (store, 0);
  g_assert_cmpstr (ava_connection_profile_get_id (loaded), ==, ava_connection_profile_get_id (local));
  {
    g_autofree char      *last = g_settings_get_string (settings, "last-profile");
    g_autofree char      *path = g_strdup_printf ("/org/avastrolytics/Avastrolytics/profiles/%s/",
                                                  ava_connection_profile_get_id (azure));
    g_autoptr (GSettings) gone = g_settings_new_with_path (APP_ID ".Profile", path);
    g_autofree char      *host = g_settings_get_string (gone, "host");

    g_assert_cmpstr (last, ==, "");
    g_assert_cmpstr (host, ==, "");
  }

  reset_settings (settings);
}

static void
test_malformed_ids_skipped (void)
{
  g_autoptr (GSettings)  settings = g_settings_new (APP_ID);
  g_autoptr (GListStore) store = NULL;
  const char            *ids[] = { "../evil", "", "a//b", NULL };

  g_settings_set_strv (settings, "profiles", ids);
  store = ava_connection_profile_load_all (settings);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  reset_settings (settings);
}

static void
test_conninfo (void)
{
  g_autoptr (AvaConnectionProfile) profile = ava_connection_profile_new ();
  g_autofree char                 *plain = NULL;
  g_autofree char                 *azure = NULL;
  g_autofree char                 *with_ca = NULL;
  g_autofree char                 *required = NULL;
  g_autofree char                 *user_root = NULL;
  g_autofree char                 *user_root_dir = NULL;
  g_autofree char                 *with_user_root = NULL;
  g_autofree char                 *title = NULL;

  title = ava_connection_profile_dup_title (profile);
  g_assert_cmpstr (title, ==, "New Profile");
  g_clear_pointer (&title, g_free);

  g_object_set (profile, "host", "db.example.com", "port", 6432, "database", "sales", "user", "ana", NULL);
  title = ava_connection_profile_dup_title (profile);
  g_assert_cmpstr (title, ==, "sales on db.example.com");

  /* Not Azure: require, no root certificate; a password stays one value. */
  plain = ava_connection_profile_build_conninfo (profile, "p' host='evil");
  g_assert_cmpstr (plain, ==,
                   "host='db.example.com' port='6432' dbname='sales' user='ana' password='p\\' host=\\'evil' "
                   "sslmode='require' connect_timeout='10' application_name='Avastrolytics'");

  /* Azure: verify-full against the system store (libpq 15 has no
   * sslrootcert=system and would look for ~/.postgresql/root.crt). */
  g_object_set (profile, "host", "Sales.Postgres.Database.Azure.com", NULL);
  azure = ava_connection_profile_build_conninfo (profile, NULL);
  g_assert_null (strstr (azure, "password"));
  g_assert_nonnull (strstr (azure, "sslmode='verify-full' sslrootcert='" AVA_SYSTEM_CA_FILE "'"));
  g_assert_cmpint (ava_connection_profile_default_sslmode ("postgres.database.azure.com.evil.org"), ==, AVA_SSLMODE_REQUIRE);

  /* A chosen file wins. */
  g_object_set (profile, "root-ca", "/tmp/DigiCertGlobalRootG2.crt.pem", NULL);
  with_ca = ava_connection_profile_build_conninfo (profile, "");
  g_assert_nonnull (strstr (with_ca, "sslrootcert='/tmp/DigiCertGlobalRootG2.crt.pem'"));
  g_assert_null (strstr (with_ca, AVA_SYSTEM_CA_FILE));
  g_assert_null (strstr (with_ca, "password"));

  /* Required encrypts without checking: no root certificate at all. */
  g_object_set (profile, "sslmode", "require", NULL);
  required = ava_connection_profile_build_conninfo (profile, NULL);
  g_assert_nonnull (strstr (required, "sslmode='require'"));
  g_assert_null (strstr (required, "sslrootcert"));

  /* So does the user's own libpq root certificate (HOME is a test dir). */
  g_object_set (profile, "root-ca", "", "sslmode", "verify-ca", NULL);
  user_root_dir = g_build_filename (g_get_home_dir (), ".postgresql", NULL);
  user_root = g_build_filename (user_root_dir, "root.crt", NULL);
  g_assert_cmpint (g_mkdir_with_parents (user_root_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (user_root, "", 0, NULL));
  with_user_root = ava_connection_profile_build_conninfo (profile, NULL);
  g_assert_nonnull (strstr (with_user_root, "sslmode='verify-ca'"));
  g_assert_null (strstr (with_user_root, "sslrootcert"));
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_properties_notify (void)
{
  g_autoptr (AvaConnectionProfile) profile = ava_connection_profile_new ();
  guint                            notified = 0;

  g_signal_connect (profile, "notify::host", G_CALLBACK (count_notify_cb), &notified);
  g_object_set (profile, "host", "a", NULL);
  g_object_set (profile, "host", "a", NULL);
  g_object_set (profile, "host", "b", NULL);
  /* Only changes notify. */
  g_assert_cmpuint (notified, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *home = g_dir_make_tmp ("ava-profile-test-XXXXXX", &error);
  g_autofree char   *root_dir = NULL;
  g_autofree char   *root_crt = NULL;
  int                status;

  /* A HOME of our own, for ~/.postgresql/root.crt, set before GLib reads
   * it. (G_TEST_OPTION_ISOLATE_DIRS leaks in GLib 2.74, which fails the
   * sanitizer run.) */
  g_assert_no_error (error);
  g_setenv ("HOME", home, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ava/connection-profile/save-load-delete", test_save_load_delete);
  g_test_add_func ("/ava/connection-profile/malformed-ids", test_malformed_ids_skipped);
  g_test_add_func ("/ava/connection-profile/conninfo", test_conninfo);
  g_test_add_func ("/ava/connection-profile/notify", test_properties_notify);

  status = g_test_run ();

  root_dir = g_build_filename (home, ".postgresql", NULL);
  root_crt = g_build_filename (root_dir, "root.crt", NULL);
  g_remove (root_crt);
  g_rmdir (root_dir);
  g_rmdir (home);
  return status;
}
