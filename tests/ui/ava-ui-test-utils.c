/* ava-ui-test-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ava-money.h"
#include "ava-pg-engine.h"
#include "ava-ui-test-utils.h"

/* The memory backend lives as long as the process: start every test from
 * the schema defaults. */
void
ava_ui_test_reset_settings (GSettings *settings)
{
  g_auto (GStrv)              keys = NULL;
  g_autoptr (GSettingsSchema) schema = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

/* The application as main() makes it, from the schema defaults. */
void
ava_ui_test_fixture_setup (AvaUiTestFixture *fixture,
                           gconstpointer     user_data)
{
  fixture->settings = g_settings_new (APP_ID);
  ava_ui_test_reset_settings (fixture->settings);

  /* Non-unique: tests must not look for a running instance on a bus. */
  fixture->app = ava_application_new (APP_ID, G_APPLICATION_NON_UNIQUE);
}

/* The same, with an empty directory for the test's files. */
void
ava_ui_test_fixture_setup_with_dir (AvaUiTestFixture *fixture,
                                    gconstpointer     user_data)
{
  ava_ui_test_fixture_setup (fixture, user_data);
  fixture->dir = g_dir_make_tmp ("ava-ui-test-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
}

void
ava_ui_test_fixture_teardown (AvaUiTestFixture *fixture,
                              gconstpointer     user_data)
{
  /* g_application_run() has returned: every window is gone and the
   * application must not be kept alive by anything. */
  g_assert_null (fixture->window);
  g_assert_finalize_object (fixture->app);
  g_clear_object (&fixture->settings);

  if (fixture->dir != NULL)
    {
      g_autoptr (GDir) dir = g_dir_open (fixture->dir, 0, NULL);
      const char      *name;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

          g_unlink (path);
        }
      g_rmdir (fixture->dir);
      g_clear_pointer (&fixture->dir, g_free);
    }
}

/* Runs after AvaApplication's own activate handler opened the window. */
static void
app_activate_cb (GApplication     *app,
                 AvaUiTestFixture *fixture)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (AVA_IS_WINDOW (window));
  fixture->window = AVA_WINDOW (window);
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);

  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  if (fixture->wait_until_idle)
    ava_ui_test_wait_until_idle (fixture->window);

  fixture->run (fixture);

  /* Close what is left the way a user would; run() then returns. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

/* Launches the application like main() does, and runs @run with the main
 * window open and drawn. */
void
ava_ui_test_run_in_app (AvaUiTestFixture *fixture,
                        AvaUiTestFunc     run)
{
  fixture->run = run;
  g_signal_connect_after (fixture->app, "activate", G_CALLBACK (app_activate_cb), fixture);
  g_assert_cmpint (g_application_run (G_APPLICATION (fixture->app), 0, NULL), ==, 0);
}

/* Runs the main loop until the source is loaded and no query is in
 * flight. */
void
ava_ui_test_wait_until_idle (AvaWindow *window)
{
  while (window->engine == NULL || window->source_loading || window->n_pending > 0)
    g_main_context_iteration (NULL, TRUE);
}

/* Renders @widget the way it is on screen, with the window's own renderer. */
GdkTexture *
ava_ui_test_render_widget (GtkWidget *widget)
{
  int                       width = gtk_widget_get_width (widget);
  int                       height = gtk_widget_get_height (widget);
  g_autoptr (GdkPaintable)  paintable = gtk_widget_paintable_new (widget);
  g_autoptr (GskRenderNode) node = NULL;
  GtkSnapshot              *snapshot;
  GskRenderer              *renderer;

  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_assert_nonnull (renderer);

  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* The card's text without the thousands separators: the machine form. */
char *
ava_ui_test_card_plain_text (AvaKpiCard *card)
{
  const char *text = ava_kpi_card_get_value (card);
  GString    *plain = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (*p != ',')
      g_string_append_c (plain, *p);

  return g_string_free (plain, FALSE);
}

/* Every overview card shows what the window's engine itself answers for
 * @filters. */
void
ava_ui_test_assert_cards_match_engine (AvaWindow      *window,
                                       const AvaQuery *filters)
{
  static const struct
  {
    AvaCard     card;
    const char *column;
    gboolean    money;
  } expected[] = {
    { AVA_CARD_GROSS_REVENUE, "gross_revenue", TRUE },
    { AVA_CARD_ORDERS, "orders", FALSE },
    { AVA_CARD_AOV, "aov", TRUE },
    { AVA_CARD_CUSTOMERS, "customers", FALSE },
    { AVA_CARD_RETURNS, "returns", TRUE },
    { AVA_CARD_NET_REVENUE, "net_revenue", TRUE },
  };
  g_autoptr (AvaQuery)  query = ava_query_with_kpi (filters, AVA_KPI_OVERVIEW);
  g_autoptr (GError)    error = NULL;
  g_autoptr (AvaResult) overview = ava_engine_run (window->engine, query, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (overview);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      gint64           value = ava_result_get_integer (overview, 0, ava_result_find_column (overview, expected[i].column));
      g_autofree char *want = NULL;
      g_autofree char *shown = ava_ui_test_card_plain_text (window->cards[expected[i].card]);

      if (expected[i].money)
        want = ava_money_format (value, 2);
      else
        want = g_strdup_printf ("%" G_GINT64_FORMAT, value);

      g_assert_cmpstr (shown, ==, want);
    }
}

/* Saves @widget as it is on screen to AVA_SCREENSHOT_DIR/@name. */
void
ava_ui_test_save_screenshot (GtkWidget  *widget,
                             const char *name)
{
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char       *path = NULL;

  gtk_test_widget_wait_for_draw (widget);
  texture = ava_ui_test_render_widget (widget);
  g_assert_cmpint (g_mkdir_with_parents (AVA_SCREENSHOT_DIR, 0755), ==, 0);
  path = g_build_filename (AVA_SCREENSHOT_DIR, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot saved to %s", path);
}

/* No key of @settings holds @secret, whatever its type. */
void
ava_ui_test_assert_settings_free_of (GSettings  *settings,
                                     const char *secret)
{
  g_autoptr (GSettingsSchema) schema = NULL;
  g_auto (GStrv)              keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr (GVariant) value = g_settings_get_value (settings, keys[i]);
      g_autofree char     *text = g_variant_print (value, FALSE);

      g_assert_null (strstr (text, secret));
    }
}

/* Connects @window to the database of @conninfo the way the connection
 * dialog does (its "connected" signal), and waits for the dashboard. */
void
ava_ui_test_connect (AvaWindow  *window,
                     const char *conninfo,
                     const char *description)
{
  g_autoptr (GError)    error = NULL;
  g_autoptr (AvaEngine) engine = ava_pg_engine_new (conninfo, &error);

  g_assert_no_error (error);
  g_assert_nonnull (engine);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.connect", NULL);
  g_assert_nonnull (window->connection_dialog);
  g_signal_emit_by_name (window->connection_dialog, "connected", engine, description);
  g_assert_null (window->connection_dialog);

  ava_ui_test_wait_until_idle (window);
  g_assert_true (window->engine == engine);
  g_assert_cmpstr (window->source_name, ==, description);
}

/* The name the window gives a test database it connected to through the
 * connection dialog (host localhost). */
char *
ava_ui_test_pg_source_name (const char *dbname)
{
  return g_strdup_printf ("PostgreSQL · %s on localhost", dbname);
}
