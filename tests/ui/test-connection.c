/* test-connection.c
 *
 * The "Connect to PostgreSQL" dialog against a real server: run through
 * pg-cluster-run (which exports AVA_TEST_PG_*) under Xvfb.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ava-application.h"
#include "ava-connection-dialog-private.h"
#include "ava-gui-private.h"
#include "ava-keyring.h"
#include "ava-offline-engine.h"
#include "ava-pg-advice.h"
#include "ava-pg-connection.h"
#include "ava-pg-engine.h"
#include "ava-pg-test-utils.h"
#include "ava-ui-test-utils.h"

/* Two countries, two months, a return: every card has a non-zero value. */
static const char small_csv[] =
  AVA_PG_TEST_CSV_HEADER
  "536001,A1,Alpha,2,12/1/2010 23:58,1.50,100,France\n"
  "536001,B2,Beta,1,12/1/2010 23:59,2.25,100,France\n"
  "536002,A1,Alpha,3,12/2/2010 10:00,1.50,101,Germany\n"
  "536003,C3,Gamma,4,1/5/2011 9:30,0.85,102,Germany\n"
  "C536004,A1,Alpha,-1,1/6/2011 11:00,1.50,101,Germany\n";

typedef struct _Fixture Fixture;

struct _Fixture
{
  AvaUiTestFixture base;
  char            *dbname; /* a fresh database with small_csv in it */
};

/* Whether tests/keyring-run started a Secret Service for this run. */
static gboolean keyring_running;

/* {{{ Helpers */

static void
fixture_setup (Fixture      *fixture,
               gconstpointer user_data)
{
  ava_ui_test_fixture_setup (&fixture->base, user_data);
}

static void
fixture_teardown (Fixture      *fixture,
                  gconstpointer user_data)
{
  ava_ui_test_fixture_teardown (&fixture->base, user_data);
  g_clear_pointer (&fixture->dbname, g_free);
}

static void
run_in_app (Fixture      *fixture,
            gconstpointer user_data)
{
  g_autofree char *conninfo = NULL;

  if (ava_pg_test_get_base_conninfo () == NULL)
    return;

  conninfo = ava_pg_test_create_database ();
  ava_pg_test_import_csv (conninfo, small_csv, "small.csv");
  fixture->dbname = ava_pg_test_get_dbname (conninfo);
  ava_ui_test_run_in_app (&fixture->base, (AvaUiTestFunc) user_data);
}

static void
wait_until_idle (Fixture *fixture)
{
  ava_ui_test_wait_until_idle (fixture->base.window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->base.window));
}

/* The password lookup of the selected profile, which also tells whether a
 * keyring is there. */
static void
wait_for_keyring (AvaConnectionDialog *dialog)
{
  while (dialog->keyring_pending > 0)
    g_main_context_iteration (NULL, TRUE);
}

static AvaConnectionDialog *
open_dialog (Fixture *fixture)
{
  AvaConnectionDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (fixture->base.window), "win.connect", NULL);
  dialog = fixture->base.window->connection_dialog;
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (fixture->base.window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  wait_for_keyring (dialog);

  return dialog;
}

static void
set_row (gpointer    row,
         const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* Fills the dialog from AVA_TEST_PG_*: verify-full against the test CA,
 * which signs a certificate for localhost. */
static void
fill_dialog (Fixture             *fixture,
             AvaConnectionDialog *dialog,
             const char          *password)
{
  set_row (dialog->host_row, "localhost");
  set_row (dialog->port_row, g_getenv ("AVA_TEST_PG_PORT"));
  set_row (dialog->database_row, fixture->dbname);
  set_row (dialog->user_row, g_getenv ("AVA_TEST_PG_USER"));
  set_row (dialog->password_row, password);
  adw_combo_row_set_selected (dialog->sslmode_row, AVA_SSLMODE_VERIFY_FULL);
  set_row (dialog->ca_row, g_getenv ("AVA_TEST_PG_CA"));
  if (keyring_running)
    gtk_switch_set_active (dialog->remember_switch, TRUE);
}

static void
click_test (AvaConnectionDialog *dialog)
{
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (dialog->test_button)));
  gtk_widget_grab_focus (GTK_WIDGET (dialog->test_button));
  g_signal_emit_by_name (dialog->test_button, "clicked");
  g_assert_true (ava_connection_dialog_get_testing (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog->spinner)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (dialog->connect_button)));
  while (ava_connection_dialog_get_testing (dialog))
    g_main_context_iteration (NULL, TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
}

/* The failure shown is @expected's advice, with libpq's words below. */
static void
assert_advice (AvaConnectionDialog *dialog,
               AvaPgFailure         expected)
{
  const char *error = ava_connection_dialog_get_error (dialog);
  const char *advice = ava_connection_dialog_get_advice (dialog);

  g_assert_nonnull (error);
  g_test_message ("advice: %s; detail: %s", advice, error);
  g_assert_cmpstr (advice, ==, ava_pg_failure_get_advice (expected));
  g_assert_cmpstr (gtk_label_get_text (dialog->status_label), ==, advice);
  g_assert_cmpstr (gtk_label_get_text (dialog->detail_label), ==, error);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog->detail_label)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (dialog->status_box), "failure"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (dialog->status_box), "success"));
  g_assert_true (gtk_revealer_get_reveal_child (dialog->status_revealer));
  g_assert_null (ava_connection_dialog_get_success (dialog));
  g_assert_null (strstr (error, g_getenv ("AVA_TEST_PG_PASSWORD")));
}

/* The keyring's password for the login of the given fields, as libsecret
 * itself finds it. */
static char *
keyring_lookup_sync (const char *host,
                     const char *port,
                     const char *database,
                     const char *user)
{
  g_autoptr (GError) error = NULL;
  char              *password;

  password = secret_password_lookup_sync (ava_keyring_get_schema (), NULL, &error,
                                          "host", host, "port", atoi (port),
                                          "database", database, "user", user, NULL);
  g_assert_no_error (error);
  return password;
}

/* The keyring stores after the dialog is gone; wait (at most 10 s). */
static char *
wait_for_keyring_password (const char *host,
                           const char *port,
                           const char *database,
                           const char *user)
{
  for (guint i = 0; i < 200; i++)
    {
      char *password = keyring_lookup_sync (host, port, database, user);

      if (password != NULL)
        return password;
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (50000);
    }
  return NULL;
}

/* As a click does, the button takes the focus first. */
static void
click_connect (AvaConnectionDialog *dialog)
{
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (dialog->connect_button)));
  gtk_widget_grab_focus (GTK_WIDGET (dialog->connect_button));
  g_signal_emit_by_name (dialog->connect_button, "clicked");
}

/* }}} */
/* {{{ Tests without a server */

static void
test_conninfo_quoting (void)
{
  static const struct
  {
    const char *value;
    const char *quoted;
  } cases[] = {
    { "", "k=''" },
    { "plain", "k='plain'" },
    { "with space", "k='with space'" },
    { "it's", "k='it\\'s'" },
    { "back\\slash", "k='back\\\\slash'" },
    { "x' host='evil", "k='x\\' host=\\'evil'" },
    { "pässwörd=1", "k='pässwörd=1'" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GString) conninfo = g_string_new (NULL);

      ava_pg_append_conninfo (conninfo, "k", cases[i].value);
      g_assert_cmpstr (conninfo->str, ==, cases[i].quoted);
    }

  {
    g_autoptr (GString) conninfo = g_string_new (NULL);

    ava_pg_append_conninfo (conninfo, "host", "a");
    ava_pg_append_conninfo (conninfo, "port", "5432");
    g_assert_cmpstr (conninfo->str, ==, "host='a' port='5432'");
  }
}

static void
test_dialog_fields (void)
{
  AvaConnectionDialog *dialog = AVA_CONNECTION_DIALOG (ava_connection_dialog_new (NULL, NULL));
  g_autofree char     *conninfo = NULL;
  g_autofree char     *safe = NULL;
  g_autofree char     *description = NULL;

  g_object_ref_sink (dialog);

  /* Without settings: one new, unsaved profile. */
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (dialog->profile_row)), ==, 1);
  g_assert_cmpuint (adw_combo_row_get_selected (dialog->profile_row), ==, 0);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (dialog->delete_button)));

  /* Connect and Test wait for host, database and user; the port has a
   * default. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog->port_row)), ==, "5432");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (dialog->connect_button)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (dialog->test_button)));
  set_row (dialog->host_row, "db.example.com");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (dialog->connect_button)));
  set_row (dialog->database_row, "sales");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (dialog->connect_button)));
  set_row (dialog->user_row, "ana");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (dialog->connect_button)));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (dialog->test_button)));
  set_row (dialog->port_row, "99999");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (dialog->connect_button)));
  set_row (dialog->port_row, "6432");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (dialog->connect_button)));

  /* sslmode follows the host until the user picks one. */
  g_assert_cmpuint (adw_combo_row_get_selected (dialog->sslmode_row), ==, AVA_SSLMODE_REQUIRE);
  set_row (dialog->host_row, "myserver.postgres.database.azure.com");
  g_assert_cmpuint (adw_combo_row_get_selected (dialog->sslmode_row), ==, AVA_SSLMODE_VERIFY_FULL);
  set_row (dialog->host_row, "db.example.com");
  g_assert_cmpuint (adw_combo_row_get_selected (dialog->sslmode_row), ==, AVA_SSLMODE_REQUIRE);
  adw_combo_row_set_selected (dialog->sslmode_row, AVA_SSLMODE_VERIFY_CA);
  set_row (dialog->host_row, "other.postgres.database.azure.com");
  g_assert_cmpuint (adw_combo_row_get_selected (dialog->sslmode_row), ==, AVA_SSLMODE_VERIFY_CA);
  g_assert_cmpint (ava_connection_profile_default_sslmode ("X.Postgres.Database.Azure.com"), ==, AVA_SSLMODE_VERIFY_FULL);
  g_assert_cmpint (ava_connection_profile_default_sslmode ("postgres.database.azure.com.evil.org"), ==, AVA_SSLMODE_REQUIRE);

  /* A password that tries to add keywords stays one quoted value. */
  set_row (dialog->host_row, "db.example.com");
  set_row (dialog->password_row, "p' host='evil");
  conninfo = ava_connection_dialog_build_conninfo (dialog, TRUE);
  g_assert_nonnull (strstr (conninfo, "host='db.example.com' port='6432' dbname='sales' user='ana' password='p\\' host=\\'evil' sslmode='verify-ca'"));
  safe = ava_connection_dialog_build_conninfo (dialog, FALSE);
  g_assert_null (strstr (safe, "password"));
  g_assert_null (strstr (safe, "evil"));

  description = ava_connection_dialog_dup_description (dialog);
  g_assert_cmpstr (description, ==, "PostgreSQL · sales on db.example.com");

  /* The profile list shows the profile's title as it is typed. */
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (dialog->profile_row)), 0),
                   ==, "sales on db.example.com");
  set_row (dialog->name_row, "Sales");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (dialog->profile_row)), 0),
                   ==, "Sales");
  g_assert_cmpuint (adw_combo_row_get_selected (dialog->profile_row), ==, 0);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
}

/* Saved profiles: the dialog opens on the last one, switches between them,
 * adds and deletes. */
static void
test_dialog_profiles (void)
{
  g_autoptr (GSettings)            settings = g_settings_new (APP_ID);
  g_autoptr (AvaConnectionProfile) azure = ava_connection_profile_new ();
  g_autoptr (AvaConnectionProfile) local = ava_connection_profile_new ();
  g_autoptr (GError)               error = NULL;
  g_auto (GStrv)                   ids = NULL;
  AvaConnectionDialog             *dialog;
  GtkStringList                   *titles;

  ava_ui_test_reset_settings (settings);
  g_object_set (azure, "name", "Sales (Azure)", "host", "sales.postgres.database.azure.com",
                "database", "sales", "user", "analyst", NULL);
  g_object_set (local, "name", "Local copy", "host", "localhost", "port", 6543, "database", "shop",
                "user", "me", "sslmode", "disable", NULL);
  g_assert_true (ava_connection_profile_save (azure, settings, &error));
  g_assert_true (ava_connection_profile_save (local, settings, &error));
  g_assert_no_error (error);
  g_settings_set_string (settings, "last-profile", ava_connection_profile_get_id (local));

  dialog = AVA_CONNECTION_DIALOG (ava_connection_dialog_new (NULL, settings));
  g_object_ref_sink (dialog);
  titles = GTK_STRING_LIST (adw_combo_row_get_model (dialog->profile_row));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (titles)), ==, 2);
  g_assert_cmpstr (gtk_string_list_get_string (titles, 0), ==, "Sales (Azure)");
  g_assert_cmpstr (gtk_string_list_get_string (titles, 1), ==, "Local copy");

  /* The last profile, its fields restored. */
  g_assert_cmpuint (adw_combo_row_get_selected (dialog->profile_row), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog->name_row)), ==, "Local copy");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog->host_row)), ==, "localhost");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog->port_row)), ==, "6543");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog->database_row)), ==, "shop");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog->user_row)), ==, "me");
  g_assert_cmpuint (adw_combo_row_get_selected (dialog->sslmode_row), ==, AVA_SSLMODE_DISABLE);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (dialog->delete_button)));

  /* Switching: the Azure profile follows its host (verify-full). */
  set_row (dialog->password_row, "typed-for-local");
  adw_combo_row_set_selected (dialog->profile_row, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog->host_row)), ==, "sales.postgres.database.azure.com");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog->port_row)), ==, "5432");
  g_assert_cmpuint (adw_combo_row_get_selected (dialog->sslmode_row), ==, AVA_SSLMODE_VERIFY_FULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog->password_row)), ==, "");

  /* Edits stay with their profile while switching back and forth. */
  set_row (dialog->database_row, "sales_eu");
  adw_combo_row_set_selected (dialog->profile_row, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog->database_row)), ==, "shop");
  adw_combo_row_set_selected (dialog->profile_row, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog->database_row)), ==, "sales_eu");

  /* New: an empty profile at the end. */
  g_signal_emit_by_name (dialog->new_button, "clicked");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (titles)), ==, 3);
  g_assert_cmpuint (adw_combo_row_get_selected (dialog->profile_row), ==, 2);
  g_assert_cmpstr (gtk_string_list_get_string (titles, 2), ==, "New Profile");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog->host_row)), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog->name_row)), ==, "");
  set_row (dialog->name_row, "Scratch");
  g_assert_cmpstr (gtk_string_list_get_string (titles, 2), ==, "Scratch");

  /* Deleting the unsaved one leaves the settings alone. */
  g_signal_emit_by_name (dialog->delete_button, "clicked");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (titles)), ==, 2);
  ids = g_settings_get_strv (settings, "profiles");
  g_assert_cmpuint (g_strv_length (ids), ==, 2);
  g_clear_pointer (&ids, g_strfreev);

  /* Deleting a saved one removes it from the settings. */
  adw_combo_row_set_selected (dialog->profile_row, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog->name_row)), ==, "Sales (Azure)");
  g_signal_emit_by_name (dialog->delete_button, "clicked");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (titles)), ==, 1);
  g_assert_cmpstr (gtk_string_list_get_string (titles, 0), ==, "Local copy");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog->host_row)), ==, "localhost");
  ids = g_settings_get_strv (settings, "profiles");
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  g_assert_cmpstr (ids[0], ==, ava_connection_profile_get_id (local));

  /* Nothing is saved without connecting: the edited database is not. */
  {
    g_autoptr (GListStore)           saved = ava_connection_profile_load_all (settings);
    g_autoptr (AvaConnectionProfile) first = g_list_model_get_item (G_LIST_MODEL (saved), 0);

    g_assert_cmpstr (ava_connection_profile_get_database (first), ==, "shop");
  }

  wait_for_keyring (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
  ava_ui_test_reset_settings (settings);
}

/* }}} */
/* {{{ Tests with a server */

static void
test_connect (Fixture *fixture)
{
  AvaWindow           *window = fixture->base.window;
  AvaConnectionDialog *dialog;
  const char          *password = g_getenv ("AVA_TEST_PG_PASSWORD");
  const char          *port = g_getenv ("AVA_TEST_PG_PORT");
  const char          *user = g_getenv ("AVA_TEST_PG_USER");
  g_autofree char     *description = NULL;
  g_autofree char     *remembered = NULL;
  g_auto (GStrv)       ids = NULL;
  g_autofree char     *last = NULL;

  wait_until_idle (fixture);
  g_assert_true (AVA_IS_OFFLINE_ENGINE (window->engine));
  g_assert_true (keyring_running);

  dialog = open_dialog (fixture);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_false (dialog->keyring_unavailable);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (dialog->remember_switch)));
  fill_dialog (fixture, dialog, password);
  set_row (dialog->name_row, "Test cluster");
  ava_ui_test_save_screenshot (GTK_WIDGET (dialog), "connection-dialog.png");

  click_connect (dialog);
  /* While the worker connects: a spinner, no second attempt, Cancel left. */
  g_assert_true (ava_connection_dialog_get_connecting (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog->spinner)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (dialog->connect_button)));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (dialog->cancel_button)));

  /* Success closes the dialog and loads the new source. */
  while (dialog != NULL)
    g_main_context_iteration (NULL, TRUE);
  wait_until_idle (fixture);

  g_assert_true (AVA_IS_PG_ENGINE (window->engine));
  ava_ui_test_assert_cards_match_engine (fixture->base.window, fixture->base.window->filters);
  g_assert_cmpstr (ava_kpi_card_get_value (window->cards[AVA_CARD_ORDERS]), !=, "0");

  description = ava_ui_test_pg_source_name (fixture->dbname);
  g_assert_cmpstr (gtk_label_get_text (window->source_label), ==, description);
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (window->switcher_title), ==, description);
  g_assert_null (strstr (gtk_window_get_title (GTK_WINDOW (window)), password));

  /* The profile is saved and is the last one; the password is in the
   * keyring, and in no setting. */
  ids = g_settings_get_strv (fixture->base.settings, "profiles");
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  last = g_settings_get_string (fixture->base.settings, "last-profile");
  g_assert_cmpstr (last, ==, ids[0]);
  {
    g_autofree char      *path = g_strdup_printf ("/org/avastrolytics/Avastrolytics/profiles/%s/", ids[0]);
    g_autoptr (GSettings) profile = g_settings_new_with_path (APP_ID ".Profile", path);
    g_autofree char      *host = g_settings_get_string (profile, "host");
    g_autofree char      *name = g_settings_get_string (profile, "name");
    g_autofree char      *sslmode = g_settings_get_string (profile, "sslmode");

    g_assert_cmpstr (host, ==, "localhost");
    g_assert_cmpstr (name, ==, "Test cluster");
    g_assert_cmpstr (sslmode, ==, "verify-full");
    g_assert_cmpint (g_settings_get_int (profile, "port"), ==, atoi (port));
    g_assert_true (g_settings_get_boolean (profile, "remember-password"));
    ava_ui_test_assert_settings_free_of (profile, password);
  }
  ava_ui_test_assert_settings_free_of (fixture->base.settings, password);
  remembered = wait_for_keyring_password ("localhost", port, fixture->dbname, user);
  g_assert_cmpstr (remembered, ==, password);

  ava_ui_test_save_screenshot (GTK_WIDGET (window), "dashboard-postgresql.png");

  /* The next dialog starts from the profile that worked, the password
   * from the keyring. */
  dialog = open_dialog (fixture);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (dialog->profile_row)), 0),
                   ==, "Test cluster");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog->name_row)), ==, "Test cluster");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog->host_row)), ==, "localhost");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog->port_row)), ==, port);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog->database_row)), ==, fixture->dbname);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog->user_row)), ==, user);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog->ca_row)), ==, g_getenv ("AVA_TEST_PG_CA"));
  g_assert_cmpuint (adw_combo_row_get_selected (dialog->sslmode_row), ==, AVA_SSLMODE_VERIFY_FULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog->password_row)), ==, password);
  g_assert_true (gtk_switch_get_active (dialog->remember_switch));

  /* A second profile beside it, for the screenshot of the list. */
  g_signal_emit_by_name (dialog->new_button, "clicked");
  set_row (dialog->name_row, "Sales (Azure)");
  set_row (dialog->host_row, "sales.postgres.database.azure.com");
  set_row (dialog->database_row, "sales");
  set_row (dialog->user_row, "analyst");
  wait_for_keyring (dialog);
  g_assert_cmpuint (adw_combo_row_get_selected (dialog->sslmode_row), ==, AVA_SSLMODE_VERIFY_FULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog->password_row)), ==, "");
  ava_ui_test_save_screenshot (GTK_WIDGET (dialog), "connection-dialog-profiles.png");

  /* Connecting without "Remember" forgets the password. */
  adw_combo_row_set_selected (dialog->profile_row, 0);
  wait_for_keyring (dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog->password_row)), ==, password);
  gtk_switch_set_active (dialog->remember_switch, FALSE);
  click_connect (dialog);
  while (dialog != NULL)
    g_main_context_iteration (NULL, TRUE);
  wait_until_idle (fixture);
  g_assert_true (AVA_IS_PG_ENGINE (window->engine));
  for (guint i = 0; i < 200 && remembered != NULL; i++)
    {
      g_clear_pointer (&remembered, g_free);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      remembered = keyring_lookup_sync ("localhost", port, fixture->dbname, user);
      if (remembered != NULL)
        g_usleep (50000);
    }
  g_assert_null (remembered);
  /* The unsaved second profile was not saved. */
  g_clear_pointer (&ids, g_strfreev);
  ids = g_settings_get_strv (fixture->base.settings, "profiles");
  g_assert_cmpuint (g_strv_length (ids), ==, 1);

  /* Back to the demo: the badge forgets the database. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-demo", NULL);
  wait_until_idle (fixture);
  g_assert_true (AVA_IS_OFFLINE_ENGINE (window->engine));
  g_assert_cmpstr (gtk_label_get_text (window->source_label), ==, _ ("Offline demo"));
}

static void
test_wrong_password (Fixture *fixture)
{
  AvaWindow           *window = fixture->base.window;
  AvaConnectionDialog *dialog;
  AvaEngine           *previous;
  const char          *wrong = "Wr0ng-secret-Pa55";
  const char          *error;

  wait_until_idle (fixture);
  previous = window->engine;

  dialog = open_dialog (fixture);
  fill_dialog (fixture, dialog, wrong);
  click_connect (dialog);
  while (ava_connection_dialog_get_connecting (dialog))
    g_main_context_iteration (NULL, TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));

  /* The error is inline, in the dialog, which stays open. */
  g_assert_true (window->connection_dialog == dialog);
  error = ava_connection_dialog_get_error (dialog);
  g_assert_nonnull (error);
  g_test_message ("error: %s", error);
  g_assert_nonnull (strstr (error, "password authentication failed"));
  g_assert_null (strstr (error, wrong));
  /* Advice first, libpq's words below. */
  assert_advice (dialog, AVA_PG_FAILURE_AUTH_FAILED);
  g_assert_null (strstr (gtk_label_get_text (dialog->detail_label), wrong));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog->spinner)));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (dialog->connect_button)));
  ava_ui_test_save_screenshot (GTK_WIDGET (dialog), "connection-dialog-error.png");

  /* The window did not change source. */
  g_assert_true (window->engine == previous);
  g_assert_true (AVA_IS_OFFLINE_ENGINE (window->engine));
  g_assert_false (window->source_loading);
  g_assert_cmpstr (gtk_label_get_text (window->source_label), ==, _ ("Offline demo"));

  /* Failed attempts save nothing, and never the password. */
  ava_ui_test_assert_settings_free_of (fixture->base.settings, wrong);
  {
    g_auto (GStrv)   ids = g_settings_get_strv (fixture->base.settings, "profiles");
    g_autofree char *password = keyring_lookup_sync ("localhost", g_getenv ("AVA_TEST_PG_PORT"),
                                                     fixture->dbname, g_getenv ("AVA_TEST_PG_USER"));

    g_assert_cmpuint (g_strv_length (ids), ==, 0);
    g_assert_null (password);
  }

  /* Cancel closes an idle dialog. */
  g_signal_emit_by_name (dialog->cancel_button, "clicked");
  while (window->connection_dialog != NULL)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_cancel (Fixture *fixture)
{
  AvaWindow           *window = fixture->base.window;
  AvaConnectionDialog *dialog;
  AvaEngine           *previous;

  wait_until_idle (fixture);
  previous = window->engine;

  dialog = open_dialog (fixture);
  fill_dialog (fixture, dialog, g_getenv ("AVA_TEST_PG_PASSWORD"));
  click_connect (dialog);
  g_assert_true (ava_connection_dialog_get_connecting (dialog));

  /* Cancel while connecting goes back to the form; the late engine is
   * dropped. */
  g_signal_emit_by_name (dialog->cancel_button, "clicked");
  g_assert_false (ava_connection_dialog_get_connecting (dialog));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog->spinner)));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (dialog->connect_button)));

  /* Let the worker finish: nothing changes. */
  for (guint i = 0; i < 50; i++)
    {
      g_usleep (20000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_assert_true (window->connection_dialog == dialog);
  g_assert_true (window->engine == previous);
  g_assert_null (ava_connection_dialog_get_error (dialog));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (window->connection_dialog);
}

/* "Test Connection": success with what the server told, or advice; the
 * window's source never changes and nothing is saved. */
static void
test_test_button (Fixture *fixture)
{
  AvaWindow           *window = fixture->base.window;
  AvaConnectionDialog *dialog;
  AvaEngine           *previous;
  const char          *success;

  wait_until_idle (fixture);
  previous = window->engine;

  dialog = open_dialog (fixture);
  fill_dialog (fixture, dialog, g_getenv ("AVA_TEST_PG_PASSWORD"));

  click_test (dialog);
  success = ava_connection_dialog_get_success (dialog);
  g_assert_nonnull (success);
  g_test_message ("success: %s", success);
  g_assert_true (g_str_has_prefix (success, "Connected to PostgreSQL 1"));
  g_assert_nonnull (strstr (success, "encrypted with TLSv1."));
  g_assert_cmpstr (gtk_label_get_text (dialog->status_label), ==, success);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog->detail_label)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (dialog->status_box), "success"));
  g_assert_true (gtk_revealer_get_reveal_child (dialog->status_revealer));
  g_assert_null (ava_connection_dialog_get_error (dialog));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (dialog->connect_button)));
  ava_ui_test_save_screenshot (GTK_WIDGET (dialog), "connection-dialog-test-success.png");

  /* Another CA signed nothing here: the certificate is not trusted. */
  set_row (dialog->ca_row, g_getenv ("AVA_TEST_PG_OTHER_CA"));
  click_test (dialog);
  assert_advice (dialog, AVA_PG_FAILURE_CERT_UNTRUSTED);
  g_assert_nonnull (strstr (ava_connection_dialog_get_error (dialog), "certificate verify failed"));
  ava_ui_test_save_screenshot (GTK_WIDGET (dialog), "connection-dialog-advice.png");

  /* A role the server admits only over SSL, with SSL off. */
  set_row (dialog->user_row, g_getenv ("AVA_TEST_PG_SSL_ONLY_USER"));
  adw_combo_row_set_selected (dialog->sslmode_row, AVA_SSLMODE_DISABLE);
  click_test (dialog);
  assert_advice (dialog, AVA_PG_FAILURE_SSL_REQUIRED);

  /* Following the advice works. */
  adw_combo_row_set_selected (dialog->sslmode_row, AVA_SSLMODE_REQUIRE);
  click_test (dialog);
  g_assert_nonnull (ava_connection_dialog_get_success (dialog));

  /* A database that does not exist. */
  set_row (dialog->database_row, "ava_no_such_database");
  click_test (dialog);
  assert_advice (dialog, AVA_PG_FAILURE_NO_DATABASE);

  /* Nothing changed in the window or the settings. */
  g_assert_true (window->connection_dialog == dialog);
  g_assert_true (window->engine == previous);
  {
    g_auto (GStrv) ids = g_settings_get_strv (fixture->base.settings, "profiles");

    g_assert_cmpuint (g_strv_length (ids), ==, 0);
  }

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (window->connection_dialog);
}

/* Cancel stops a test at once, even against a server that never answers
 * (a loopback socket that listens and never accepts). */
static void
test_cancel_test (Fixture *fixture)
{
  g_autoptr (GError)         error = NULL;
  g_autoptr (GInetAddress)   loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GSocket)        silent = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                                    G_SOCKET_PROTOCOL_TCP, &error);
  g_autofree char           *port = NULL;
  AvaConnectionDialog       *dialog;

  g_assert_no_error (error);
  g_assert_true (g_socket_bind (silent, any_port, TRUE, &error));
  g_assert_true (g_socket_listen (silent, &error));
  bound = g_socket_get_local_address (silent, &error);
  port = g_strdup_printf ("%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  wait_until_idle (fixture);
  dialog = open_dialog (fixture);
  fill_dialog (fixture, dialog, "unused");
  set_row (dialog->host_row, "127.0.0.1");
  set_row (dialog->port_row, port);

  gtk_widget_grab_focus (GTK_WIDGET (dialog->test_button));
  g_signal_emit_by_name (dialog->test_button, "clicked");
  g_assert_true (ava_connection_dialog_get_testing (dialog));
  for (guint i = 0; i < 10; i++)
    {
      g_usleep (20000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_assert_true (ava_connection_dialog_get_testing (dialog));

  g_signal_emit_by_name (dialog->cancel_button, "clicked");
  g_assert_false (ava_connection_dialog_get_testing (dialog));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog->spinner)));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (dialog->test_button)));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (dialog->page)));
  for (guint i = 0; i < 25; i++)
    {
      g_usleep (20000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  /* The cancelled attempt reports nothing. */
  g_assert_null (ava_connection_dialog_get_error (dialog));
  g_assert_null (ava_connection_dialog_get_success (dialog));
  g_assert_false (gtk_revealer_get_reveal_child (dialog->status_revealer));
  g_assert_true (fixture->base.window->connection_dialog == dialog);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_socket_close (silent, NULL);
}

/* No Secret Service: the dialog says why it cannot remember, and still
 * connects with the typed password. */
static void
test_no_keyring (Fixture *fixture)
{
  AvaWindow           *window = fixture->base.window;
  AvaConnectionDialog *dialog;
  const char          *password = g_getenv ("AVA_TEST_PG_PASSWORD");

  wait_until_idle (fixture);
  g_assert_false (keyring_running);

  dialog = open_dialog (fixture);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (dialog->keyring_unavailable);
  g_assert_cmpstr (adw_action_row_get_subtitle (dialog->remember_row), ==,
                   _ ("No keyring is available, so the password will be asked for each time."));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (dialog->remember_switch)));
  g_assert_false (gtk_switch_get_active (dialog->remember_switch));

  fill_dialog (fixture, dialog, password);
  ava_ui_test_save_screenshot (GTK_WIDGET (dialog), "connection-dialog-no-keyring.png");
  click_connect (dialog);
  while (dialog != NULL)
    g_main_context_iteration (NULL, TRUE);
  wait_until_idle (fixture);
  g_assert_true (AVA_IS_PG_ENGINE (window->engine));

  /* The profile is saved, without the password; the next dialog asks for
   * it again and says why. */
  ava_ui_test_assert_settings_free_of (fixture->base.settings, password);
  dialog = open_dialog (fixture);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog->database_row)), ==, fixture->dbname);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog->password_row)), ==, "");
  g_assert_true (dialog->keyring_unavailable);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (dialog->remember_switch)));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (dialog);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  keyring_running = g_strcmp0 (g_getenv ("AVA_TEST_KEYRING"), "running") == 0;
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Screenshots show the end state of row titles and the error revealer,
   * not a frame of their transitions. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  /* tests/keyring-run sets AVA_TEST_KEYRING=running; the other run has the
   * session bus address pointing nowhere and checks only the fallback. */
  if (!keyring_running)
    {
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/ava-test-bus", TRUE);
      g_test_add ("/ava/connection/no-keyring", Fixture, test_no_keyring, fixture_setup, run_in_app, fixture_teardown);
      return g_test_run ();
    }

  g_test_add_func ("/ava/connection/conninfo-quoting", test_conninfo_quoting);
  g_test_add_func ("/ava/connection/dialog-fields", test_dialog_fields);
  g_test_add_func ("/ava/connection/dialog-profiles", test_dialog_profiles);
  g_test_add ("/ava/connection/connect", Fixture, test_connect, fixture_setup, run_in_app, fixture_teardown);
  g_test_add ("/ava/connection/wrong-password", Fixture, test_wrong_password, fixture_setup, run_in_app, fixture_teardown);
  g_test_add ("/ava/connection/test-button", Fixture, test_test_button, fixture_setup, run_in_app, fixture_teardown);
  g_test_add ("/ava/connection/cancel", Fixture, test_cancel, fixture_setup, run_in_app, fixture_teardown);
  g_test_add ("/ava/connection/cancel-test", Fixture, test_cancel_test, fixture_setup, run_in_app, fixture_teardown);

  return g_test_run ();
}
