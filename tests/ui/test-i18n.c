/* test-i18n.c
 *
 * The window in French, with the catalogue compiled into the build tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "ava-connection-dialog-private.h"
#include "ava-ui-test-utils.h"

static void
check_french (AvaUiTestFixture *fixture)
{
  AvaWindow *window = fixture->window;

  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (window->switcher_title), ==, "Démo hors ligne");
  g_assert_cmpstr (gtk_menu_button_get_label (window->countries_button), ==, "Tous les pays");
  g_assert_cmpstr (gtk_label_get_text (window->source_label), ==, "Chargement…");
  /* The connection dialog, from its template and from code. */
  {
    AvaConnectionDialog *dialog = AVA_CONNECTION_DIALOG (ava_connection_dialog_new (GTK_WINDOW (window), NULL));
    g_autofree char     *description = NULL;

    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Connexion à PostgreSQL");
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (dialog->database_row)), ==, "Base de données");
    gtk_editable_set_text (GTK_EDITABLE (dialog->host_row), "db.example.com");
    gtk_editable_set_text (GTK_EDITABLE (dialog->database_row), "ventes");
    description = ava_connection_dialog_dup_description (dialog);
    g_assert_cmpstr (description, ==, "PostgreSQL · ventes sur db.example.com");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  /* The product name stays as is. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Avastrolytics");
}

static void
test_i18n_french (AvaUiTestFixture *fixture,
                  gconstpointer     user_data)
{
  ava_ui_test_run_in_app (fixture, (AvaUiTestFunc) check_french);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  /* Only C.UTF-8 is guaranteed to exist on the CI image. gettext ignores
   * LANGUAGE for the plain "C" locale but honours it for C.UTF-8. */
  if (setlocale (LC_ALL, "C.UTF-8") == NULL)
    {
      g_test_skip ("The C.UTF-8 locale is not available");
      return g_test_run ();
    }
  g_setenv ("LANGUAGE", "fr", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, AVA_BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  adw_init ();

  g_test_add ("/ava/i18n/french", AvaUiTestFixture, NULL, ava_ui_test_fixture_setup, test_i18n_french,
              ava_ui_test_fixture_teardown);

  return g_test_run ();
}
