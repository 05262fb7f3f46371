/* test-window.c
 *
 * The real application and main window in a real X11 window (Xvfb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ava-application.h"
#include "ava-demo-generator.h"
#include "ava-offline-engine.h"
#include "ava-result-row.h"
#include "ava-ui-test-utils.h"

typedef AvaUiTestFixture Fixture;
typedef void (*FixtureFunc) (Fixture *fixture);

typedef struct
{
  /* Optional; runs before the application starts. */
  FixtureFunc prepare;
  /* Runs with the main window open and drawn. */
  FixtureFunc run;
} TestCase;

static void
run_in_app (Fixture      *fixture,
            gconstpointer user_data)
{
  const TestCase *test_case = user_data;

  if (test_case->prepare != NULL)
    test_case->prepare (fixture);

  ava_ui_test_run_in_app (fixture, (AvaUiTestFunc) test_case->run);
}

static void
wait_until_idle (Fixture *fixture)
{
  ava_ui_test_wait_until_idle (fixture->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static AvaResult *
run_query (Fixture        *fixture,
           const AvaQuery *filters,
           AvaKpi          kpi)
{
  g_autoptr (AvaQuery) query = ava_query_with_kpi (filters, kpi);
  g_autoptr (GError)   error = NULL;
  AvaResult           *result;

  query->limit = G_MAXUINT;
  result = ava_engine_run (fixture->window->engine, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);

  return result;
}

static void
test_window_title (Fixture *fixture)
{
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "Avastrolytics");
  g_assert_cmpstr (adw_view_switcher_title_get_title (fixture->window->switcher_title), ==, "Avastrolytics");
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (fixture->window->switcher_title), ==, _ ("Offline demo"));

  wait_until_idle (fixture);
  /* The badge keeps the mode visible when the switcher hides the title. */
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->window->source_label)));
  g_assert_cmpstr (gtk_label_get_text (fixture->window->source_label), ==, _ ("Offline demo"));
}

static void
test_window_demo_numbers (Fixture *fixture)
{
  AvaWindow           *window = fixture->window;
  g_autoptr (AvaQuery) no_filters = ava_query_new (AVA_KPI_OVERVIEW);

  /* The first frame comes before the numbers. */
  g_assert_true (window->source_loading);
  g_assert_cmpstr (ava_kpi_card_get_value (window->cards[AVA_CARD_GROSS_REVENUE]), ==, "—");

  wait_until_idle (fixture);

  g_assert_true (AVA_IS_OFFLINE_ENGINE (window->engine));
  g_assert_nonnull (window->report);
  g_assert_cmpstr (window->report->source_name, ==, AVA_DEMO_SOURCE_NAME);
  g_assert_cmpuint (ava_offline_engine_get_n_lines (AVA_OFFLINE_ENGINE (window->engine)), ==, window->report->kept_lines);

  ava_ui_test_assert_cards_match_engine (fixture->window, no_filters);

  /* Over the whole data, there is no earlier period to compare with. */
  g_assert_cmpstr (ava_kpi_card_get_change (window->cards[AVA_CARD_GROSS_REVENUE]), ==, _ ("No previous period data"));

  /* Every page has its result. */
  for (guint slot = 0; slot < AVA_N_SLOTS; slot++)
    g_assert_nonnull (window->results[slot]);
  g_assert_cmpuint (ava_result_get_n_rows (window->results[AVA_SLOT_PRODUCTS]), ==, AVA_WINDOW_TOP_PRODUCTS);
  g_assert_nonnull (ava_chart_view_get_chart (ava_chart_card_get_chart_view (window->monthly_card)));
  g_assert_cmpuint (g_list_model_get_n_items (ava_result_table_get_model (window->customers_table)), ==,
                    ava_result_get_n_rows (window->results[AVA_SLOT_CUSTOMERS]));
}

/* The country with the second-largest revenue: not the obvious one. */
static const char *
pick_country (Fixture *fixture)
{
  AvaResult *countries = fixture->window->results[AVA_SLOT_COUNTRIES];

  g_assert_cmpuint (ava_result_get_n_rows (countries), >=, 2);
  return ava_result_get_text (countries, 1, ava_result_find_column (countries, "country"));
}

static void
assert_every_page_filtered (Fixture    *fixture,
                            const char *country)
{
  AvaWindow *window = fixture->window;
  AvaResult *countries = window->results[AVA_SLOT_COUNTRIES];
  AvaResult *customers = window->results[AVA_SLOT_CUSTOMERS];
  AvaResult *monthly = window->results[AVA_SLOT_MONTHLY];
  AvaResult *overview = window->results[AVA_SLOT_OVERVIEW];
  gint64     monthly_total = 0;
  int        column;

  g_assert_cmpuint (ava_result_get_n_rows (countries), ==, 1);
  g_assert_cmpstr (ava_result_get_text (countries, 0, ava_result_find_column (countries, "country")), ==, country);
  g_assert_cmpuint (g_list_model_get_n_items (ava_result_table_get_model (window->countries_table)), ==, 1);

  column = ava_result_find_column (customers, "country");
  g_assert_cmpuint (ava_result_get_n_rows (customers), >, 0);
  for (guint r = 0; r < ava_result_get_n_rows (customers); r++)
    g_assert_cmpstr (ava_result_get_text (customers, r, column), ==, country);

  for (guint r = 0; r < ava_result_get_n_rows (monthly); r++)
    monthly_total += ava_result_get_integer (monthly, r, ava_result_find_column (monthly, "gross_revenue"));
  g_assert_cmpint (monthly_total, ==, ava_result_get_integer (overview, 0, ava_result_find_column (overview, "gross_revenue")));

  g_assert_true (ava_chart_get_result (ava_chart_view_get_chart (ava_chart_card_get_chart_view (window->countries_map_card))) == countries);
  g_assert_true (ava_chart_get_result (ava_chart_view_get_chart (ava_chart_card_get_chart_view (window->cohorts_card))) == window->results[AVA_SLOT_COHORTS]);
  g_assert_true (ava_result_table_get_result (window->products_table) == window->results[AVA_SLOT_PRODUCTS]);
}

static void
test_window_filter_updates_every_page (Fixture *fixture)
{
  AvaWindow            *window = fixture->window;
  g_autoptr (AvaQuery)  filters = ava_query_new (AVA_KPI_OVERVIEW);
  g_autoptr (AvaResult) products = NULL;
  g_autoptr (AvaResult) products_before = NULL;
  g_autoptr (AvaResult) cohorts_before = NULL;
  g_autofree char      *country = NULL;
  const char           *countries[2] = { NULL, NULL };
  char                 *difference = NULL;

  wait_until_idle (fixture);
  country = g_strdup (pick_country (fixture));
  products_before = g_object_ref (window->results[AVA_SLOT_PRODUCTS]);
  cohorts_before = g_object_ref (window->results[AVA_SLOT_COHORTS]);

  countries[0] = country;
  filters->countries = g_strdupv ((GStrv) countries);
  filters->has_from = TRUE;
  filters->from = window->data_first;
  ava_window_set_filters (window, filters);
  g_assert_cmpuint (window->n_pending, >, 0);
  wait_until_idle (fixture);

  ava_ui_test_assert_cards_match_engine (fixture->window, filters);
  assert_every_page_filtered (fixture, country);
  g_assert_true (window->results[AVA_SLOT_PRODUCTS] != products_before);
  g_assert_true (window->results[AVA_SLOT_COHORTS] != cohorts_before);

  /* The products table shows exactly the engine's answer. */
  products = run_query (fixture, filters, AVA_KPI_TOP_PRODUCTS);
  g_assert_cmpuint (ava_result_get_n_rows (window->results[AVA_SLOT_PRODUCTS]), ==, MIN (AVA_WINDOW_TOP_PRODUCTS, ava_result_get_n_rows (products)));
  for (guint r = 0; r < ava_result_get_n_rows (window->results[AVA_SLOT_PRODUCTS]); r++)
    g_assert_cmpstr (ava_result_get_text (window->results[AVA_SLOT_PRODUCTS], r, 1), ==, ava_result_get_text (products, r, 1));
  g_assert_null (difference);

  /* The filter bar says what is filtered. */
  g_assert_cmpstr (gtk_menu_button_get_label (window->countries_button), ==, country);
  g_assert_nonnull (gtk_widget_get_first_child (GTK_WIDGET (window->chips_box)));

  /* Ranking by revenue re-runs the products query only. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.rank-by", "s", "revenue");
  g_assert_cmpuint (window->n_pending, ==, 1);
  wait_until_idle (fixture);
  for (guint r = 1; r < ava_result_get_n_rows (window->results[AVA_SLOT_PRODUCTS]); r++)
    g_assert_cmpint (ava_result_get_integer (window->results[AVA_SLOT_PRODUCTS], r - 1, 4), >=,
                     ava_result_get_integer (window->results[AVA_SLOT_PRODUCTS], r, 4));
}

static gint64
row_integer (GListModel *model,
             guint       position,
             const char *column)
{
  g_autoptr (AvaResultRow) row = g_list_model_get_item (model, position);
  AvaResult               *result = ava_result_row_get_result (row);

  return ava_result_get_integer (result, ava_result_row_get_row (row), ava_result_find_column (result, column));
}

static const char *
row_text (GListModel *model,
          guint       position,
          const char *column)
{
  g_autoptr (AvaResultRow) row = g_list_model_get_item (model, position);
  AvaResult               *result = ava_result_row_get_result (row);

  return ava_result_get_text (result, ava_result_row_get_row (row), ava_result_find_column (result, column));
}

static GtkColumnViewColumn *
find_column (GtkColumnView *view,
             const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }

  g_assert_not_reached ();
}

/* The table sorts incrementally, over several frames. */
static void
sort_and_wait (GtkColumnView *view,
               GListModel    *model,
               const char    *title,
               GtkSortType    direction)
{
  gtk_column_view_sort_by_column (view, find_column (view, title), direction);
  while (gtk_sort_list_model_get_pending (GTK_SORT_LIST_MODEL (model)) > 0)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_window_sort_columns (Fixture *fixture)
{
  AvaResultTable *table = fixture->window->customers_table;
  GtkColumnView  *view = ava_result_table_get_column_view (table);
  GListModel     *model = ava_result_table_get_model (table);
  guint           n;

  wait_until_idle (fixture);
  while (gtk_sort_list_model_get_pending (GTK_SORT_LIST_MODEL (model)) > 0)
    g_main_context_iteration (NULL, TRUE);
  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, >, 100);

  /* Initially by rank, which is revenue descending. */
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (row_integer (model, i - 1, "rank"), <, row_integer (model, i, "rank"));

  /* Numbers sort as numbers: 9 before 10. */
  sort_and_wait (view, model, _ ("Orders"), GTK_SORT_ASCENDING);
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (row_integer (model, i - 1, "orders"), <=, row_integer (model, i, "orders"));

  sort_and_wait (view, model, _ ("Revenue"), GTK_SORT_DESCENDING);
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (row_integer (model, i - 1, "revenue"), >=, row_integer (model, i, "revenue"));

  sort_and_wait (view, model, _ ("Country"), GTK_SORT_ASCENDING);
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (strcmp (row_text (model, i - 1, "country"), row_text (model, i, "country")), <=, 0);

  /* The search narrows the same sorted list. */
  gtk_editable_set_text (GTK_EDITABLE (fixture->window->customer_search), row_text (model, 0, "country"));
  /* GtkSearchEntry waits a moment before it says the text changed. */
  while (g_list_model_get_n_items (model) == n)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (model), <, n);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
}

static void
test_window_copy_rows (Fixture *fixture)
{
  AvaResultTable    *table = fixture->window->products_table;
  GtkSelectionModel *selection;
  g_autofree char   *tsv = NULL;
  g_auto (GStrv)     lines = NULL;
  g_auto (GStrv)     cells = NULL;

  wait_until_idle (fixture);
  g_assert_null (ava_result_table_selection_to_tsv (table));

  selection = gtk_column_view_get_model (ava_result_table_get_column_view (table));
  gtk_selection_model_select_range (selection, 0, 3, TRUE);
  tsv = ava_result_table_selection_to_tsv (table);
  lines = g_strsplit (tsv, "\n", -1);
  /* Header, three rows, and the empty string after the last newline. */
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_true (g_str_has_prefix (lines[0], "rank\tstock_code\tdescription\tunits\trevenue"));
  cells = g_strsplit (lines[1], "\t", -1);
  g_assert_cmpstr (cells[0], ==, "1");
  /* Machine form: exact money with 4 decimals, no grouping. */
  g_assert_nonnull (strchr (cells[4], '.'));
  g_assert_cmpuint (strlen (strchr (cells[4], '.')), ==, 5);

  /* Ctrl+C goes through the table's action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (table), "table.copy", NULL));
}

static void
test_window_cross_filter (Fixture *fixture)
{
  AvaWindow       *window = fixture->window;
  AvaChartView    *map = ava_chart_card_get_chart_view (window->countries_map_card);
  AvaChartView    *bars = ava_chart_card_get_chart_view (window->countries_bar_card);
  g_autofree char *country = NULL;

  wait_until_idle (fixture);
  g_assert_null (window->filters->countries);
  country = g_strdup (pick_country (fixture));

  /* A click on the second bar of the country ranking. */
  g_signal_emit_by_name (bars, "item-activated", 1);
  g_assert_cmpuint (window->n_pending, >, 0);
  wait_until_idle (fixture);
  g_assert_nonnull (window->filters->countries);
  g_assert_cmpstr (window->filters->countries[0], ==, country);
  g_assert_null (window->filters->countries[1]);
  assert_every_page_filtered (fixture, country);

  /* The way back: the chip, and Escape. */
  g_assert_true (GTK_IS_BUTTON (gtk_widget_get_first_child (GTK_WIDGET (window->chips_box))));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-cross-filter", NULL);
  wait_until_idle (fixture);
  g_assert_null (window->filters->countries);
  g_assert_null (gtk_widget_get_first_child (GTK_WIDGET (window->chips_box)));
  g_assert_cmpuint (ava_result_get_n_rows (window->results[AVA_SLOT_COUNTRIES]), >, 1);

  /* The map cross-filters too; so does the action. */
  g_signal_emit_by_name (map, "item-activated", 0);
  wait_until_idle (fixture);
  g_assert_nonnull (window->filters->countries);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.cross-filter-country", "s", country);
  wait_until_idle (fixture);
  g_assert_cmpstr (window->filters->countries[0], ==, country);
  /* The chip's action removes the filter and goes back to all countries. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-country", "s", country);
  wait_until_idle (fixture);
  g_assert_null (window->filters->countries);
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

  /* Alt+2 shows the second page; the window's bindings are real. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "products");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (fixture->window->view_stack), ==, "products");
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

/* The pixels of @texture whose alpha is over half, of all. */
static double
opaque_share (GdkTexture *texture)
{
  int                width = gdk_texture_get_width (texture);
  int                height = gdk_texture_get_height (texture);
  gsize              stride = (gsize) width * 4;
  g_autofree guchar *pixels = g_malloc (stride * height);
  guint              opaque = 0;

  /* Premultiplied ARGB in native endianness: alpha is the top byte. */
  gdk_texture_download (texture, pixels, stride);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel;

        memcpy (&pixel, pixels + y * stride + x * 4, sizeof pixel);
        opaque += (pixel >> 24) > 0x80;
      }

  return (double) opaque / (width * height);
}

static guint count_colors (GdkTexture *texture,
                           guint       limit);

/* The app icon comes from the bundled resource when running uninstalled
 * (the installed one goes to hicolor/scalable/apps) and renders as a
 * picture, not as the missing-icon placeholder. */
static void
test_window_app_icon (Fixture *fixture)
{
  GtkIconTheme                *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (fixture->window)));
  g_autoptr (GtkIconPaintable) icon = NULL;
  g_autoptr (GFile)            file = NULL;
  g_autofree char             *uri = NULL;
  GtkSnapshot                 *snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode)    node = NULL;
  g_autoptr (GdkTexture)       texture = NULL;

  g_assert_cmpstr (gtk_window_get_default_icon_name (), ==, APP_ID);
  g_assert_true (gtk_icon_theme_has_icon (theme, APP_ID));

  icon = gtk_icon_theme_lookup_icon (theme, APP_ID, NULL, 128, 1, GTK_TEXT_DIR_NONE, 0);
  file = gtk_icon_paintable_get_file (icon);
  g_assert_nonnull (file);
  uri = g_file_get_uri (file);
  g_assert_cmpstr (uri, ==, "resource://" RESOURCE_BASE "/icons/scalable/apps/" APP_ID ".svg");

  gdk_paintable_snapshot (GDK_PAINTABLE (icon), snapshot, 128, 128);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (fixture->window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, 128, 128));
  /* A rounded tile fills most of the square; a broken load draws nothing. */
  g_assert_cmpfloat (opaque_share (texture), >, 0.5);
  g_assert_cmpuint (count_colors (texture, 16), >=, 16);
}

static void
prepare_small_window (Fixture *fixture)
{
  g_settings_set_int (fixture->settings, "window-width", 720);
  g_settings_set_int (fixture->settings, "window-height", 480);
  g_settings_set_string (fixture->settings, "last-page", "cohorts");
  g_settings_set_value (fixture->settings, "filter-customer", g_variant_new_maybe (G_VARIANT_TYPE_INT64, g_variant_new_int64 (4242)));
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
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (fixture->window->view_stack), ==, "cohorts");
  g_assert_true (fixture->window->filters->has_customer);
  g_assert_cmpint (fixture->window->filters->customer_id, ==, 4242);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (fixture->window->customer_entry)), ==, "4242");
}

static void
test_window_saves_state (Fixture *fixture)
{
  g_autoptr (AvaQuery) filters = ava_query_new (AVA_KPI_OVERVIEW);
  const char          *countries[] = { "Testland", NULL };
  g_auto (GStrv)       saved_countries = NULL;
  g_autofree char     *last_page = NULL;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 800, 560);
  adw_view_stack_set_visible_child_name (fixture->window->view_stack, "countries");
  wait_until_idle (fixture);
  filters->countries = g_strdupv ((GStrv) countries);
  filters->has_customer = TRUE;
  filters->customer_id = 12345;
  ava_window_set_filters (fixture->window, filters);

  /* app.quit closes every window, which stores its state. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "quit", NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_null (fixture->window);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-width"), ==, 800);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-height"), ==, 560);
  g_assert_false (g_settings_get_boolean (fixture->settings, "window-maximized"));
  last_page = g_settings_get_string (fixture->settings, "last-page");
  g_assert_cmpstr (last_page, ==, "countries");
  saved_countries = g_settings_get_strv (fixture->settings, "filter-countries");
  g_assert_cmpstrv (saved_countries, countries);
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
  GtkWidget             *widget = GTK_WIDGET (fixture->window);
  g_autoptr (GdkTexture) loaded = NULL;
  g_autoptr (GError)     error = NULL;
  g_autofree char       *path = g_build_filename (AVA_SCREENSHOT_DIR, name, NULL);
  int                    width;
  int                    height;

  /* Make sure style changes have reached the widgets. */
  gtk_test_widget_wait_for_draw (widget);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  /* The schema default (960×640) minus the client-side decorations. */
  g_assert_cmpint (width, >, 900);
  g_assert_cmpint (width, <=, 960);
  g_assert_cmpint (height, >, 580);
  g_assert_cmpint (height, <=, 640);

  ava_ui_test_save_screenshot (widget, name);

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
  static const char *const pages[] = { "overview", "products", "customers", "countries", "cohorts" };
  AdwStyleManager         *style_manager = adw_style_manager_get_default ();

  wait_until_idle (fixture);

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *name = g_strdup_printf ("page-%s.png", pages[i]);

      adw_view_stack_set_visible_child_name (fixture->window->view_stack, pages[i]);
      save_and_check_screenshot (fixture, name);
    }
  adw_view_stack_set_visible_child_name (fixture->window->view_stack, "overview");
  save_and_check_screenshot (fixture, "window.png");

  /* Filtered to one country by a click, with its chip. */
  ava_window_cross_filter_country (fixture->window, pick_country (fixture));
  wait_until_idle (fixture);
  save_and_check_screenshot (fixture, "overview-cross-filtered.png");

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  save_and_check_screenshot (fixture, "window-dark.png");
  adw_view_stack_set_visible_child_name (fixture->window->view_stack, "countries");
  save_and_check_screenshot (fixture, "page-countries-dark.png");

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  static const struct
  {
    const char *path;
    TestCase    test_case;
  } tests[] = {
    { "/ava/window/title", { NULL, test_window_title } },
    { "/ava/window/demo-numbers", { NULL, test_window_demo_numbers } },
    { "/ava/window/filter-updates-every-page", { NULL, test_window_filter_updates_every_page } },
    { "/ava/window/sort-columns", { NULL, test_window_sort_columns } },
    { "/ava/window/copy-rows", { NULL, test_window_copy_rows } },
    { "/ava/window/cross-filter", { NULL, test_window_cross_filter } },
    { "/ava/window/actions", { NULL, test_window_actions } },
    { "/ava/window/about", { NULL, test_window_about } },
    { "/ava/window/app-icon", { NULL, test_window_app_icon } },
    { "/ava/window/restores-state", { prepare_small_window, test_window_restores_state } },
    { "/ava/window/saves-state", { NULL, test_window_saves_state } },
    { "/ava/window/screenshot", { NULL, test_window_screenshot } },
  };

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    g_test_add (tests[i].path, Fixture, &tests[i].test_case, ava_ui_test_fixture_setup, run_in_app, ava_ui_test_fixture_teardown);

  return g_test_run ();
}
