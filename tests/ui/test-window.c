/* test-window.c
 *
 * The real application and main window in a real X11 window (Xvfb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ava-application.h"
#include "ava-window-private.h"

typedef struct _Fixture Fixture;
typedef void (*FixtureFunc) (Fixture *fixture);

typedef struct
{
  /* Optional; runs before the application starts. */
  FixtureFunc prepare;
  /* Runs with the main window open and drawn. */
  FixtureFunc run;
} TestCase;

struct _Fixture
{
  AvaApplication *app;
  AvaWindow      *window;
  GSettings      *settings;
  const TestCase *test_case;
};

static void
fixture_setup (Fixture      *fixture,
               gconstpointer user_data)
{
  g_auto (GStrv)              keys = NULL;
  g_autoptr (GSettingsSchema) schema = NULL;

  /* The memory backend lives as long as the process: start every test from
   * the schema defaults. */
  fixture->settings = g_settings_new (APP_ID);
  g_object_get (fixture->settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (fixture->settings, keys[i]);

  /* Non-unique: tests must not look for a running instance on a bus. */
  fixture->app = ava_application_new (APP_ID, G_APPLICATION_NON_UNIQUE);
}

static void
fixture_teardown (Fixture      *fixture,
                  gconstpointer user_data)
{
  /* g_application_run() has returned: every window is gone and the
   * application must not be kept alive by anything. */
  g_assert_null (fixture->window);
  g_assert_finalize_object (fixture->app);
  g_clear_object (&fixture->settings);
}

/* Runs after AvaApplication's own activate handler opened the window. */
static void
app_activate_cb (GApplication *app,
                 Fixture      *fixture)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (AVA_IS_WINDOW (window));
  fixture->window = AVA_WINDOW (window);
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);

  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));

  fixture->test_case->run (fixture);

  /* Close what is left the way a user would; run() then returns. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

/* Launches the application like main() does, with the test in activate. */
static void
run_in_app (Fixture      *fixture,
            gconstpointer user_data)
{
  int status;

  fixture->test_case = user_data;
  if (fixture->test_case->prepare != NULL)
    fixture->test_case->prepare (fixture);

  g_signal_connect_after (fixture->app, "activate", G_CALLBACK (app_activate_cb), fixture);

  status = g_application_run (G_APPLICATION (fixture->app), 0, NULL);
  g_assert_cmpint (status, ==, 0);
}

static void
test_window_title (Fixture *fixture)
{
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "Avastrolytics");
  g_assert_cmpstr (adw_window_title_get_title (fixture->window->window_title), ==, "Avastrolytics");
  g_assert_cmpstr (adw_window_title_get_subtitle (fixture->window->window_title), ==, _ ("Offline demo"));
}

static void
test_window_empty_state (Fixture *fixture)
{
  GtkWidget    *empty_state;
  GtkIconTheme *icon_theme;

  empty_state = GTK_WIDGET (fixture->window->empty_state);
  g_assert_true (gtk_widget_is_visible (empty_state));
  g_assert_true (gtk_widget_get_mapped (empty_state));
  g_assert_true (gtk_widget_is_drawable (empty_state));
  g_assert_cmpint (gtk_widget_get_width (empty_state), >, 0);
  g_assert_cmpint (gtk_widget_get_height (empty_state), >, 0);

  g_assert_cmpstr (adw_status_page_get_title (fixture->window->empty_state), ==, _ ("No data loaded yet"));
  g_assert_cmpstr (adw_status_page_get_icon_name (fixture->window->empty_state), ==, APP_ID);

  /* The icon comes from our resources, so it resolves uninstalled. */
  icon_theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (empty_state));
  g_assert_true (gtk_icon_theme_has_icon (icon_theme, APP_ID));
}

static void
test_window_actions (Fixture *fixture)
{
  static const char *const app_actions[] = { "about", "quit", "shortcuts" };
  g_auto (GStrv)           quit_accels = NULL;
  g_auto (GStrv)           shortcuts_accels = NULL;
  GtkShortcutsWindow      *help_overlay;

  for (guint i = 0; i < G_N_ELEMENTS (app_actions); i++)
    g_assert_true (g_action_group_has_action (G_ACTION_GROUP (fixture->app), app_actions[i]));

  quit_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture->app), "app.quit");
  g_assert_true (g_strv_contains ((const char *const *) quit_accels, "<Control>q"));
  shortcuts_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture->app), "app.shortcuts");
  g_assert_true (g_strv_contains ((const char *const *) shortcuts_accels, "<Control>question"));

  /* gtk/help-overlay.ui was found in our resources. */
  help_overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (fixture->window));
  g_assert_nonnull (help_overlay);

  /* The menu's Keyboard Shortcuts entry opens it. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "shortcuts", NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (help_overlay)));
  gtk_widget_hide (GTK_WIDGET (help_overlay));
  g_assert_nonnull (gtk_menu_button_get_menu_model (fixture->window->primary_menu_button));
}

static void
test_window_about (Fixture *fixture)
{
  g_autolist (GtkWindow) before = NULL;
  GListModel            *toplevels;
  AdwAboutWindow        *about = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "about", NULL);

  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (window))
        about = ADW_ABOUT_WINDOW (window);
    }

  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_name (about), ==, "Avastrolytics");
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (fixture->window));
  gtk_window_destroy (GTK_WINDOW (about));
}

static void
prepare_small_window (Fixture *fixture)
{
  g_settings_set_int (fixture->settings, "window-width", 720);
  g_settings_set_int (fixture->settings, "window-height", 480);
}

static void
test_window_restores_state (Fixture *fixture)
{
  int width;
  int height;

  gtk_window_get_default_size (GTK_WINDOW (fixture->window), &width, &height);
  g_assert_cmpint (width, ==, 720);
  g_assert_cmpint (height, ==, 480);
  /* The default size includes the client-side decorations, so the widget
   * itself is a little smaller, but never larger. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), >, 600);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, 720);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (fixture->window)), >, 400);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (fixture->window)), <=, 480);
  g_assert_false (gtk_window_is_maximized (GTK_WINDOW (fixture->window)));
}

static void
test_window_saves_state (Fixture *fixture)
{
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 800, 560);

  /* app.quit closes every window, which stores its state. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "quit", NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_null (fixture->window);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-width"), ==, 800);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-height"), ==, 560);
  g_assert_false (g_settings_get_boolean (fixture->settings, "window-maximized"));
}

/* Renders @widget the way it is on screen, with the window's own renderer. */
static GdkTexture *
render_widget (GtkWidget *widget)
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

/* The number of distinct colours in @texture, capped at @limit. */
static guint
count_colors (GdkTexture *texture,
              guint       limit)
{
  int                    width = gdk_texture_get_width (texture);
  int                    height = gdk_texture_get_height (texture);
  gsize                  stride = (gsize) width * 4;
  g_autofree guchar     *pixels = g_malloc (stride * height);
  g_autoptr (GHashTable) colors = g_hash_table_new (NULL, NULL);

  gdk_texture_download (texture, pixels, stride);

  for (int y = 0; y < height && g_hash_table_size (colors) < limit; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel;

        memcpy (&pixel, pixels + y * stride + x * 4, sizeof pixel);
        g_hash_table_add (colors, GUINT_TO_POINTER (pixel));
      }

  return g_hash_table_size (colors);
}

/* Saves a screenshot of the window as @name and checks the file. */
static void
save_and_check_screenshot (Fixture    *fixture,
                           const char *name)
{
  g_autoptr (GdkTexture) texture = NULL;
  g_autoptr (GdkTexture) loaded = NULL;
  g_autoptr (GError)     error = NULL;
  g_autofree char       *path = NULL;
  int                    width;
  int                    height;

  /* Make sure style changes have reached the widgets. */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));

  width = gtk_widget_get_width (GTK_WIDGET (fixture->window));
  height = gtk_widget_get_height (GTK_WIDGET (fixture->window));
  /* The schema default (960×640) minus the client-side decorations. */
  g_assert_cmpint (width, >, 900);
  g_assert_cmpint (width, <=, 960);
  g_assert_cmpint (height, >, 580);
  g_assert_cmpint (height, <=, 640);

  texture = render_widget (GTK_WIDGET (fixture->window));

  g_assert_cmpint (g_mkdir_with_parents (AVA_SCREENSHOT_DIR, 0755), ==, 0);
  path = g_build_filename (AVA_SCREENSHOT_DIR, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot saved to %s", path);

  /* Check the file, not the in-memory texture. */
  loaded = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (loaded), ==, width);
  g_assert_cmpint (gdk_texture_get_height (loaded), ==, height);

  /* A blank or single-colour image has a handful of colours at most; the
   * header bar, icon and antialiased text give far more. */
  g_assert_cmpuint (count_colors (loaded, 64), >=, 64);
}

static void
test_window_screenshot (Fixture *fixture)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  save_and_check_screenshot (fixture, "window.png");

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  save_and_check_screenshot (fixture, "window-dark.png");

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);
}

static void
add_test (const char *path,
          FixtureFunc prepare,
          FixtureFunc run)
{
  TestCase *test_case = g_new0 (TestCase, 1);

  test_case->prepare = prepare;
  test_case->run = run;
  /* Test cases live as long as the process. */
  g_test_add (path, Fixture, test_case, fixture_setup, run_in_app, fixture_teardown);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  add_test ("/ava/window/title", NULL, test_window_title);
  add_test ("/ava/window/empty-state", NULL, test_window_empty_state);
  add_test ("/ava/window/actions", NULL, test_window_actions);
  add_test ("/ava/window/about", NULL, test_window_about);
  add_test ("/ava/window/restores-state", prepare_small_window, test_window_restores_state);
  add_test ("/ava/window/saves-state", NULL, test_window_saves_state);
  add_test ("/ava/window/screenshot", NULL, test_window_screenshot);

  return g_test_run ();
}
