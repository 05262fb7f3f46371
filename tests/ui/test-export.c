/* test-export.c
 *
 * Exports from the real window on the offline demo: every chart in every
 * format through the path of "Export Chart…", tables as shown (sorted),
 * cancelling, the report, and the dialog's look.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "ava-application.h"
#include "ava-csv-reader.h"
#include "ava-result-row.h"
#include "ava-timestamp.h"
#include "ava-export-dialog-private.h"
#include "ava-ui-test-utils.h"

/* Its dir is a fresh directory for the test's files. */
typedef AvaUiTestFixture Fixture;
typedef void (*FixtureFunc) (Fixture *fixture);

/* Every case starts on the demo's first results. */
static void
run_in_app (Fixture      *fixture,
            gconstpointer user_data)
{
  fixture->wait_until_idle = TRUE;
  ava_ui_test_run_in_app (fixture, (AvaUiTestFunc) user_data);
}

static GFile *
fixture_file (Fixture    *fixture,
              const char *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

  return g_file_new_for_path (path);
}

static guint
count_files (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  guint            n = 0;

  while (g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

/* Filters to 2011-09-01 … 2011-12-01 (exclusive), as in the CLI's
 * examples, and waits for the dashboard. */
static void
filter_autumn (Fixture *fixture)
{
  g_autoptr (AvaQuery) filters = ava_query_new (AVA_KPI_OVERVIEW);

  filters->has_from = filters->has_to = TRUE;
  filters->from = ava_timestamp_from_civil (2011, 9, 1, 0, 0, 0);
  filters->to = ava_timestamp_from_civil (2011, 12, 1, 0, 0, 0);
  ava_window_set_filters (fixture->window, filters);
  ava_ui_test_wait_until_idle (fixture->window);
}

static void
wait_for_export (Fixture *fixture)
{
  while (fixture->window->export_task != NULL)
    g_main_context_iteration (NULL, TRUE);
}

static char *
run_tool (const char *const *argv)
{
  g_autofree char   *out = NULL;
  g_autoptr (GError) error = NULL;
  int                status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return g_steal_pointer (&out);
}

/* `pdfinfo`'s page count. */
static int
pdf_pages (const char *path)
{
  const char      *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = run_tool (argv);
  const char      *line = strstr (info, "\nPages:");

  g_assert_nonnull (line);
  return atoi (line + strlen ("\nPages:"));
}

static void
svg_start_element_cb (GMarkupParseContext *context,
                      const char          *element_name,
                      const char         **attribute_names,
                      const char         **attribute_values,
                      gpointer             user_data,
                      GError             **error)
{
  char **root = user_data;

  if (*root == NULL)
    *root = g_strdup (element_name);
}

static void
assert_svg (const char *path)
{
  static const GMarkupParser parser = { svg_start_element_cb };
  g_autofree char           *contents = NULL;
  g_autofree char           *root = NULL;
  g_autoptr (GError)         error = NULL;
  gsize                      length;
  GMarkupParseContext       *context;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  context = g_markup_parse_context_new (&parser, 0, &root, NULL);
  g_assert_true (g_markup_parse_context_parse (context, contents, length, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_markup_parse_context_free (context);
  g_assert_cmpstr (root, ==, "svg");
}

static void
assert_png (const char *path,
            int         width,
            int         height)
{
  static const guchar magic[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autofree char    *contents = NULL;
  gsize               length;
  cairo_surface_t    *image;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, sizeof magic);
  g_assert_cmpmem (contents, sizeof magic, magic, sizeof magic);

  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, height);
  cairo_surface_destroy (image);
}

/* {{{ Charts */

static void
test_export_charts (Fixture *fixture)
{
  AvaWindow    *window = fixture->window;
  AvaChartCard *cards[] = { window->monthly_card, window->products_card, window->countries_map_card,
                            window->countries_bar_card, window->cohorts_card };

  filter_autumn (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    for (AvaChartFormat format = AVA_CHART_FORMAT_PNG; format <= AVA_CHART_FORMAT_PDF; format++)
      {
        AvaChartExportOptions options = { format, 400 + 40 * i, 300, 2.5, i % 2 == 1 };
        const char           *extension = ava_chart_format_get_extension (format);
        g_autofree char      *name = ava_export_default_name (ava_chart_card_get_title (cards[i]), window->filters, extension);
        g_autoptr (GFile)     file = fixture_file (fixture, name);
        g_autofree char      *path = g_file_get_path (file);
        g_autofree char      *toast = g_strdup_printf ("Saved “%s”", name);

        g_assert_true (ava_window_export_chart_to_file (window, cards[i], &options, file));
        wait_for_export (fixture);
        g_assert_cmpstr (window->export_toast_title, ==, toast);

        if (format == AVA_CHART_FORMAT_PNG)
          assert_png (path, options.width * 5 / 2, 750);
        else if (format == AVA_CHART_FORMAT_SVG)
          assert_svg (path);
        else
          g_assert_cmpint (pdf_pages (path), ==, 1);
      }

  /* Five charts, three formats, and nothing else (no temporary file). */
  g_assert_cmpuint (count_files (fixture->dir), ==, 15);
  {
    g_autofree char *path = g_build_filename (fixture->dir, "monthly-revenue-2011-09-01-2011-12-01.png", NULL);

    g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  }
}

/* A name without the extension gets it; an unwritable folder says which
 * file and why. */
static void
test_export_chart_errors (Fixture *fixture)
{
  AvaWindow            *window = fixture->window;
  AvaChartExportOptions options = { AVA_CHART_FORMAT_SVG, 300, 200, 1.0, FALSE };
  g_autoptr (GFile)     bare = fixture_file (fixture, "chart");
  g_autoptr (GFile)     nowhere = g_file_new_for_path ("/nonexistent-dir/chart.svg");
  g_autofree char      *named = g_build_filename (fixture->dir, "chart.svg", NULL);

  g_assert_true (ava_window_export_chart_to_file (window, window->monthly_card, &options, bare));
  /* Drawn on a worker: the window shows the progress bar meanwhile, and
   * takes one export at a time. */
  g_assert_true (gtk_revealer_get_reveal_child (window->export_revealer));
  g_assert_false (ava_window_export_chart_to_file (window, window->monthly_card, &options, bare));
  wait_for_export (fixture);
  assert_svg (named);

  g_assert_true (ava_window_export_chart_to_file (window, window->monthly_card, &options, nowhere));
  wait_for_export (fixture);
  g_assert_nonnull (strstr (window->export_toast_title, "/nonexistent-dir/chart.svg"));
  g_assert_nonnull (strstr (window->export_toast_title, g_strerror (ENOENT)));
}

/* The dialog: remembered choices, a default name from the title and the
 * filters, the export through the window, and a screenshot. */
static void
test_export_dialog (Fixture *fixture)
{
  AvaWindow            *window = fixture->window;
  AvaExportDialog      *dialog;
  AvaChartExportOptions options;
  g_autoptr (GFile)     file = fixture_file (fixture, "from-dialog.png");
  g_autofree char      *png = g_build_filename (fixture->dir, "from-dialog.png", NULL);

  filter_autumn (fixture);
  g_settings_set_int (fixture->settings, "export-chart-width", 640);
  g_settings_set_double (fixture->settings, "export-chart-scale", 2.0);

  dialog = ava_window_show_export_dialog (window, window->monthly_card);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  ava_export_dialog_get_options (dialog, &options);
  g_assert_cmpint (options.format, ==, AVA_CHART_FORMAT_PNG);
  g_assert_cmpint (options.width, ==, 640);
  g_assert_cmpint (options.height, ==, 675);
  g_assert_cmpfloat (options.scale, ==, 2.0);
  g_assert_false (options.dark);

  ava_ui_test_save_screenshot (GTK_WIDGET (dialog), "export-dialog.png");

  /* A PNG too large to draw cannot be asked for. */
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (dialog->export_button)));
  gtk_spin_button_set_value (dialog->scale_spin, 8.0);
  gtk_spin_button_set_value (dialog->width_spin, 2000);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (dialog->export_button)));
  adw_combo_row_set_selected (dialog->format_row, AVA_CHART_FORMAT_SVG);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (dialog->export_button)));
  adw_combo_row_set_selected (dialog->format_row, AVA_CHART_FORMAT_PNG);
  gtk_spin_button_set_value (dialog->scale_spin, 2.0);
  gtk_spin_button_set_value (dialog->width_spin, 640);

  ava_export_dialog_export_to_file (dialog, file);
  g_assert_null (dialog);
  wait_for_export (fixture);
  assert_png (png, 1280, 1350);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "export-chart-width"), ==, 640);
  g_assert_cmpstr (window->export_toast_title, ==, "Saved “from-dialog.png”");
}

static void
save_popover_screenshot (GtkPopover *popover,
                         const char *name)
{
  while (!gtk_widget_get_mapped (GTK_WIDGET (popover)))
    g_main_context_iteration (NULL, TRUE);
  ava_ui_test_save_screenshot (GTK_WIDGET (popover), name);
  gtk_popover_popdown (popover);
}

/* The card's export menu (the last button of its header) and a table's
 * context menu offer every export. */
static void
test_export_menus (Fixture *fixture)
{
  AvaWindow     *window = fixture->window;
  GtkWidget     *header = gtk_widget_get_first_child (GTK_WIDGET (window->monthly_card));
  GtkMenuButton *button = GTK_MENU_BUTTON (gtk_widget_get_last_child (header));
  GtkWidget     *child;
  GtkPopover    *context_menu = NULL;

  gtk_menu_button_popup (button);
  save_popover_screenshot (gtk_menu_button_get_popover (button), "export-card-menu.png");
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));

  adw_view_stack_set_visible_child_name (window->view_stack, "products");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->products_table), "table.menu", NULL));
  for (child = gtk_widget_get_first_child (GTK_WIDGET (window->products_table)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER_MENU (child))
      context_menu = GTK_POPOVER (child);
  g_assert_nonnull (context_menu);
  save_popover_screenshot (context_menu, "export-table-menu.png");
}

/* }}} */
/* {{{ Tables */

static void
sort_descending (AvaResultTable *table,
                 const char     *title)
{
  GtkColumnView *view = ava_result_table_get_column_view (table);
  GListModel    *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        {
          gtk_column_view_sort_by_column (view, column, GTK_SORT_DESCENDING);
          return;
        }
    }

  g_assert_not_reached ();
}

/* The shown order, read from the model after the sort has finished. */
static GArray *
shown_rows (AvaResultTable *table)
{
  GListModel *model = ava_result_table_get_model (table);
  GArray     *rows = g_array_new (FALSE, FALSE, sizeof (guint));

  while (gtk_sort_list_model_get_pending (GTK_SORT_LIST_MODEL (model)) > 0)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (AvaResultRow) row = g_list_model_get_item (model, i);
      guint                    index = ava_result_row_get_row (row);

      g_array_append_val (rows, index);
    }

  return rows;
}

/* Reads @path back with the strict RFC 4180 reader: the header, then every
 * row equal to the result's cells in the shown order. */
static void
assert_csv_rows (const char *path,
                 AvaResult  *result,
                 GArray     *order,
                 gboolean    excel)
{
  g_autofree char         *contents = NULL;
  gsize                    length;
  g_autoptr (GBytes)       bytes = NULL;
  g_autoptr (AvaCsvReader) reader = NULL;
  g_autoptr (GError)       error = NULL;
  const char              *mark = localeconv ()->decimal_point;
  char                     decimal = excel && mark[0] == ',' ? ',' : '.';
  char                     separator = decimal == ',' ? ';' : ',';
  guint                    n = 0;
  guint                    n_columns = ava_result_get_n_columns (result);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpint (g_str_has_prefix (contents, "\xEF\xBB\xBF"), ==, excel);
  if (separator != ',')
    {
      /* The reader reads commas: make the file one for it. */
      g_strdelimit (contents, ";", ',');
    }
  g_assert_nonnull (strchr (contents, ','));

  bytes = g_bytes_new (contents, length);
  reader = ava_csv_reader_new_for_bytes (bytes, path);
  g_assert_true (ava_csv_reader_next (reader, &error));
  g_assert_cmpuint (ava_csv_reader_get_n_fields (reader), ==, n_columns);

  while (ava_csv_reader_next (reader, &error))
    {
      g_assert_null (ava_csv_reader_get_problem (reader));
      g_assert_cmpuint (ava_csv_reader_get_n_fields (reader), ==, n_columns);
      g_assert_cmpuint (n, <, order->len);
      for (guint c = 0; c < n_columns; c++)
        {
          g_autofree char *cell = ava_result_format_cell (result, g_array_index (order, guint, n), c);

          if (decimal != '.')
            g_strdelimit (cell, ".", decimal);
          g_assert_cmpstr (ava_csv_reader_get_field (reader, c, NULL), ==, cell);
        }
      n++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, order->len);
}

static void
assert_json_rows (const char *path,
                  AvaResult  *result,
                  GArray     *order)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError)     error = NULL;
  JsonArray             *rows;
  int                    id_column = ava_result_find_column (result, "customer_id");

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  rows = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (rows), ==, order->len);
  for (guint i = 0; i < order->len; i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      guint       r = g_array_index (order, guint, i);

      g_assert_cmpint (json_object_get_int_member (row, "customer_id"), ==, ava_result_get_integer (result, r, id_column));
      g_assert_cmpint (json_object_get_int_member (row, "rank"), ==, ava_result_get_integer (result, r, 0));
    }
}

static void
test_export_tables (Fixture *fixture)
{
  AvaWindow         *window = fixture->window;
  AvaResultTable    *table = window->customers_table;
  AvaResult         *result = ava_result_table_get_result (table);
  g_autoptr (GArray) order = NULL;
  int                orders_column = ava_result_find_column (result, "orders");
  const char        *names[] = { "customers.csv", "customers-excel.csv", "customers.json" };

  adw_view_stack_set_visible_child_name (window->view_stack, "customers");
  /* Ask for the export while the sort may still be running in slices: the
   * export waits for it. */
  sort_descending (table, _ ("Orders"));
  g_assert_cmpuint (gtk_sort_list_model_get_pending (GTK_SORT_LIST_MODEL (ava_result_table_get_model (table))), >, 0);
  for (AvaTableFormat format = AVA_TABLE_FORMAT_CSV; format <= AVA_TABLE_FORMAT_JSON; format++)
    {
      g_autoptr (GFile) file = fixture_file (fixture, names[format]);

      ava_window_export_table_to_file (window, table, format, file);
      g_assert_true (gtk_revealer_get_reveal_child (window->export_revealer));
      wait_for_export (fixture);
      g_assert_false (gtk_revealer_get_reveal_child (window->export_revealer));
      g_assert_true (g_str_has_prefix (window->export_toast_title, "Saved"));
    }

  order = shown_rows (table);
  g_assert_cmpuint (order->len, ==, ava_result_get_n_rows (result));
  g_assert_cmpuint (order->len, >, 4096);
  for (guint i = 1; i < order->len; i++)
    g_assert_cmpint (ava_result_get_integer (result, g_array_index (order, guint, i - 1), orders_column), >=,
                     ava_result_get_integer (result, g_array_index (order, guint, i), orders_column));
  /* Not the engine's order: the sort is what is exported. */
  g_assert_cmpuint (g_array_index (order, guint, 1), !=, 1);

  {
    g_autofree char *csv_path = g_build_filename (fixture->dir, names[0], NULL);
    g_autofree char *excel_path = g_build_filename (fixture->dir, names[1], NULL);
    g_autofree char *json_path = g_build_filename (fixture->dir, names[2], NULL);

    assert_csv_rows (csv_path, result, order, FALSE);
    assert_csv_rows (excel_path, result, order, TRUE);
    assert_json_rows (json_path, result, order);
  }
  g_assert_cmpuint (count_files (fixture->dir), ==, 3);

  /* An unwritable folder: the toast names the file and the reason. */
  {
    g_autoptr (GFile) nowhere = g_file_new_for_path ("/nonexistent-dir/customers.csv");

    ava_window_export_table_to_file (window, table, AVA_TABLE_FORMAT_CSV, nowhere);
    wait_for_export (fixture);
    g_assert_nonnull (strstr (window->export_toast_title, "/nonexistent-dir/customers.csv"));
    g_assert_nonnull (strstr (window->export_toast_title, g_strerror (ENOENT)));
  }
}

/* A chart card's "Export Table" exports its table, and names the file
 * after the card and the filters. */
static void
test_export_card_table_names_file (Fixture *fixture)
{
  AvaWindow       *window = fixture->window;
  g_autofree char *name = NULL;

  filter_autumn (fixture);
  gtk_widget_activate_action (GTK_WIDGET (window->monthly_card), "card.export-table", "s", "csv");
  g_assert_nonnull (window->export_chooser);
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (window->export_chooser));
  g_assert_cmpstr (name, ==, "monthly-revenue-2011-09-01-2011-12-01.csv");
  gtk_native_dialog_hide (GTK_NATIVE_DIALOG (window->export_chooser));
}

typedef struct
{
  GMutex   mutex;
  GCond    cond;
  gboolean reached; /* the worker wrote its first chunk */
  gboolean released;
} Gate;

/* Holds the worker after its first chunk until the main thread let go. */
static void
gate_hook (guint    rows_written,
           gpointer user_data)
{
  Gate *gate = user_data;

  g_mutex_lock (&gate->mutex);
  gate->reached = TRUE;
  g_cond_broadcast (&gate->cond);
  while (!gate->released)
    g_cond_wait (&gate->cond, &gate->mutex);
  g_mutex_unlock (&gate->mutex);
}

/* Lets the worker go on, whether it waits at the gate already or not. */
static void
gate_release (Gate *gate)
{
  g_mutex_lock (&gate->mutex);
  gate->released = TRUE;
  g_cond_broadcast (&gate->cond);
  g_mutex_unlock (&gate->mutex);
}

static void
gate_clear (Gate *gate)
{
  g_mutex_clear (&gate->mutex);
  g_cond_clear (&gate->cond);
}

/* Cancel, as the progress bar's button does, after the first 4096 rows:
 * neither the file nor a temporary file is left. */
static void
test_export_cancel (Fixture *fixture)
{
  AvaWindow        *window = fixture->window;
  g_autoptr (GFile) file = fixture_file (fixture, "customers.csv");
  Gate              gate = { 0 };

  adw_view_stack_set_visible_child_name (window->view_stack, "customers");
  ava_export_set_test_hook (gate_hook, &gate);
  ava_window_export_table_to_file (window, window->customers_table, AVA_TABLE_FORMAT_CSV, file);

  g_mutex_lock (&gate.mutex);
  while (!gate.reached)
    g_cond_wait (&gate.cond, &gate.mutex);
  g_mutex_unlock (&gate.mutex);

  /* The bar shows the first chunk. */
  while (gtk_progress_bar_get_fraction (window->export_progress) == 0.0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (window->export_progress), <, 1.0);
  while (!gtk_revealer_get_child_revealed (window->export_revealer))
    g_main_context_iteration (NULL, TRUE);
  ava_ui_test_save_screenshot (GTK_WIDGET (window), "export-progress.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-export", NULL));
  gate_release (&gate);

  wait_for_export (fixture);
  ava_export_set_test_hook (NULL, NULL);
  g_assert_cmpstr (window->export_toast_title, ==, _ ("Export cancelled"));
  g_assert_cmpuint (count_files (fixture->dir), ==, 0);
  gate_clear (&gate);
}

/* Cancelled at once: nothing either. The worker may already wait at the
 * gate after its first chunk (it is fast), so releasing it must wake it. */
static void
test_export_cancel_at_once (Fixture *fixture)
{
  AvaWindow        *window = fixture->window;
  g_autoptr (GFile) file = fixture_file (fixture, "countries.json");
  Gate              gate = { 0 };

  ava_export_set_test_hook (gate_hook, &gate);
  ava_window_export_table_to_file (window, window->customers_table, AVA_TABLE_FORMAT_JSON, file);
  g_cancellable_cancel (window->export_cancellable);
  gate_release (&gate);
  wait_for_export (fixture);
  ava_export_set_test_hook (NULL, NULL);

  g_assert_cmpstr (window->export_toast_title, ==, _ ("Export cancelled"));
  g_assert_cmpuint (count_files (fixture->dir), ==, 0);
  gate_clear (&gate);
}

/* }}} */
/* {{{ Report */

static void
test_export_report (Fixture *fixture)
{
  AvaWindow        *window = fixture->window;
  g_autoptr (GFile) file = fixture_file (fixture, "report");
  g_autofree char  *path = g_build_filename (fixture->dir, "report.pdf", NULL);
  g_autofree char  *prefix = g_build_filename (AVA_SCREENSHOT_DIR, "report-page", NULL);
  const char       *argv[] = { "pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile", path, prefix, NULL };
  g_autofree char  *page = NULL;
  g_autofree char  *first = NULL;

  filter_autumn (fixture);
  g_assert_true (ava_window_export_report_to_file (window, file));
  /* The window answers while the worker writes. */
  g_assert_true (gtk_revealer_get_reveal_child (window->export_revealer));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->export_cancel_button)));
  /* One export at a time. */
  g_assert_false (ava_window_export_report_to_file (window, file));
  wait_for_export (fixture);

  g_assert_cmpstr (window->export_toast_title, ==, "Report saved as “report.pdf”");
  g_assert_cmpint (pdf_pages (path), >, 1);
  g_assert_cmpuint (count_files (fixture->dir), ==, 1);

  g_assert_cmpint (g_mkdir_with_parents (AVA_SCREENSHOT_DIR, 0755), ==, 0);
  g_free (run_tool (argv));
  first = g_strconcat (prefix, ".png", NULL);
  assert_png (first, 414, 585);
  g_test_message ("First page rendered to %s", first);
}

/* An unwritable folder: a toast names the file and the reason. */
static void
test_export_report_error (Fixture *fixture)
{
  AvaWindow        *window = fixture->window;
  g_autoptr (GFile) file = g_file_new_for_path ("/nonexistent-dir/report.pdf");

  g_assert_true (ava_window_export_report_to_file (window, file));
  wait_for_export (fixture);
  g_assert_nonnull (strstr (window->export_toast_title, "/nonexistent-dir/report.pdf"));
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  static const struct
  {
    const char *path;
    FixtureFunc run;
  } tests[] = {
    { "/ava/export/charts", test_export_charts },
    { "/ava/export/chart-errors", test_export_chart_errors },
    { "/ava/export/dialog", test_export_dialog },
    { "/ava/export/menus", test_export_menus },
    { "/ava/export/tables", test_export_tables },
    { "/ava/export/card-table-names-file", test_export_card_table_names_file },
    { "/ava/export/cancel", test_export_cancel },
    { "/ava/export/cancel-at-once", test_export_cancel_at_once },
    { "/ava/export/report", test_export_report },
    { "/ava/export/report-error", test_export_report_error },
  };

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    g_test_add (tests[i].path, Fixture, tests[i].run, ava_ui_test_fixture_setup_with_dir, run_in_app, ava_ui_test_fixture_teardown);

  return g_test_run ();
}
