/* test-import.c
 *
 * "Import CSV into Database" against a real server: run through
 * pg-cluster-run (which exports AVA_TEST_PG_*) under Xvfb. The window is
 * connected to a fresh database; files are imported through the dialog and
 * checked against the quality report and the database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ava-application.h"
#include "ava-gui-private.h"
#include "ava-import-dialog-private.h"
#include "ava-offline-engine.h"
#include "ava-pg-engine.h"
#include "ava-pg-importer-private.h"
#include "ava-pg-test-utils.h"
#include "ava-timestamp.h"
#include "ava-ui-test-utils.h"

/* Two countries over three months, a return, a service line, a duplicate
 * and two rows the cleaner rejects, one quoting text that looks like
 * markup. */
static const char small_csv[] =
  AVA_PG_TEST_CSV_HEADER
  "536001,A1,Alpha,2,12/1/2010 23:58,1.50,100,France\n"
  "536001,B2,Beta,1,12/1/2010 23:59,2.25,100,France\n"
  "536001,B2,Beta,1,12/1/2010 23:59,2.25,100,France\n"
  "536002,A1,Alpha,3,12/2/2010 10:00,1.50,101,Germany\n"
  "536003,C3,Gamma,<b>4</b> & more,1/5/2011 9:30,0.85,102,Germany\n"
  "536004,C3,Gamma,4,1/5/2011 9:30,0.85,102,Germany\n"
  "536005,D4,Delta,1,not a date,1.00,103,Germany\n"
  "C536006,A1,Alpha,-1,1/6/2011 11:00,1.50,101,Germany\n"
  "536007,POST,POSTAGE,1,2/7/2011 12:00,18,100,France\n";

typedef struct _Fixture Fixture;

struct _Fixture
{
  AvaUiTestFixture base;     /* its dir holds the CSV files */
  char            *conninfo; /* a fresh, empty database */
  char            *description;
  PGconn          *conn; /* to count rows */
};

/* The importer's test hook blocks the import thread at "lines-copy" until
 * the main thread lets it go: the dialog can then be seen, and cancelled,
 * in the middle of the COPY. */
typedef struct
{
  int reached; /* atomic */
  int released;
} CopyGate;

/* {{{ Helpers */

static void
fixture_setup (Fixture      *fixture,
               gconstpointer user_data)
{
  ava_ui_test_fixture_setup_with_dir (&fixture->base, user_data);
}

static void
fixture_teardown (Fixture      *fixture,
                  gconstpointer user_data)
{
  ava_pg_importer_set_hook (NULL, NULL);

  ava_ui_test_fixture_teardown (&fixture->base, user_data);
  g_clear_pointer (&fixture->conn, PQfinish);
  g_clear_pointer (&fixture->conninfo, g_free);
  g_clear_pointer (&fixture->description, g_free);
}

static void
run_in_app (Fixture      *fixture,
            gconstpointer user_data)
{
  g_autofree char *dbname = NULL;

  if (ava_pg_test_get_base_conninfo () == NULL)
    return;

  fixture->conninfo = ava_pg_test_create_database ();
  fixture->conn = ava_pg_test_connect (fixture->conninfo);
  dbname = ava_pg_test_get_dbname (fixture->conninfo);
  fixture->description = ava_ui_test_pg_source_name (dbname);

  ava_ui_test_run_in_app (&fixture->base, (AvaUiTestFunc) user_data);
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *text)
{
  char *path = g_build_filename (fixture->base.dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

/* Opens the dialog and reads @path into it, up to its quality report. */
static AvaImportDialog *
open_and_read (Fixture    *fixture,
               const char *path)
{
  AvaWindow        *window = fixture->base.window;
  AvaImportDialog  *dialog;
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char  *name = g_path_get_basename (path);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL);
  dialog = window->import_dialog;
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_cmpint (dialog->state, ==, AVA_IMPORT_STATE_CHOOSE);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog->choose_button)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog->import_button)));
  g_assert_nonnull (strstr (adw_status_page_get_description (dialog->start_page), fixture->description));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));

  ava_import_dialog_load_file (dialog, file);
  g_assert_cmpint (dialog->state, ==, AVA_IMPORT_STATE_READING);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (dialog->stack), ==, "progress");
  while (dialog->state == AVA_IMPORT_STATE_READING)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (dialog->state, ==, AVA_IMPORT_STATE_REVIEW);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (dialog->stack), ==, "review");
  g_assert_cmpstr (adw_preferences_group_get_title (dialog->input_group), ==, name);
  /* Reading reached the whole file. */
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (dialog->progress_bar), ==, 1.0);

  return dialog;
}

static void
assert_figure (AvaImportDialog *dialog,
               AvaImportFigure  figure,
               guint64          value)
{
  g_autofree char *want = ava_gui_format_count ((gint64) value);

  g_assert_cmpstr (gtk_label_get_text (dialog->figures[figure]), ==, want);
}

/* What the dialog shows is what the core loader reports for the file. */
static void
assert_review_matches (AvaImportDialog *dialog,
                       const char      *path)
{
  g_autoptr (AvaQualityReport) expected = NULL;
  g_autoptr (AvaDataset)       dataset = NULL;
  g_autoptr (GError)           error = NULL;
  g_autofree char             *first = NULL;
  g_autofree char             *last = NULL;
  g_autofree char             *range = NULL;
  guint                        n_rows;

  dataset = ava_load_csv_path (path, NULL, &expected, &error);
  g_assert_no_error (error);

  assert_figure (dialog, AVA_IMPORT_FIGURE_INPUT_ROWS, expected->input_rows);
  assert_figure (dialog, AVA_IMPORT_FIGURE_REJECTED, expected->rejected);
  assert_figure (dialog, AVA_IMPORT_FIGURE_DUPLICATES, expected->duplicates_dropped);
  assert_figure (dialog, AVA_IMPORT_FIGURE_KEPT, expected->kept_lines);
  assert_figure (dialog, AVA_IMPORT_FIGURE_SALES, expected->sale_lines);
  assert_figure (dialog, AVA_IMPORT_FIGURE_RETURNS, expected->return_lines);
  assert_figure (dialog, AVA_IMPORT_FIGURE_EXCLUDED, expected->excluded_lines);
  assert_figure (dialog, AVA_IMPORT_FIGURE_CUSTOMERS, expected->customers);
  assert_figure (dialog, AVA_IMPORT_FIGURE_PRODUCTS, expected->products);
  assert_figure (dialog, AVA_IMPORT_FIGURE_COUNTRIES, expected->countries);

  /* Days of the first and last kept lines; none without kept lines. */
  if (expected->kept_lines > 0)
    {
      first = ava_timestamp_format (expected->first_invoice_date);
      last = ava_timestamp_format (expected->last_invoice_date);
      range = g_strdup_printf ("%.10s – %.10s", first, last);
    }
  else
    {
      range = g_strdup ("—");
    }
  g_assert_cmpstr (gtk_label_get_text (dialog->figures[AVA_IMPORT_FIGURE_DATES]), ==, range);

  /* Every rejected row, with its line and reason, up to the limit. */
  n_rows = MIN (expected->rejected_rows->len, AVA_IMPORT_DIALOG_MAX_REJECTED_SHOWN);
  g_assert_cmpuint (dialog->rejected_rows->len, ==, n_rows);
  g_assert_cmpint (gtk_widget_get_visible (GTK_WIDGET (dialog->rejected_group)), ==, expected->rejected > 0);
  for (guint i = 0; i < n_rows; i++)
    {
      const AvaRejectedRow *row = &g_array_index (expected->rejected_rows, AvaRejectedRow, i);
      AdwActionRow         *shown = g_ptr_array_index (dialog->rejected_rows, i);
      g_autofree char      *title = g_strdup_printf ("Line %" G_GUINT64_FORMAT, row->line);

      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (shown)), ==, title);
      g_assert_cmpstr (adw_action_row_get_subtitle (shown), ==, row->reason);
    }

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog->import_button)));
  g_assert_cmpint (gtk_widget_get_sensitive (GTK_WIDGET (dialog->import_button)), ==, expected->kept_lines > 0);
}

static void
click (GtkButton *button)
{
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (button)));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
}

static void
wait_for_import (AvaImportDialog *dialog)
{
  while (dialog->state == AVA_IMPORT_STATE_IMPORTING)
    g_main_context_iteration (NULL, TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
}

static void
close_dialog (Fixture         *fixture,
              AvaImportDialog *dialog)
{
  click (dialog->close_button);
  while (fixture->base.window->import_dialog != NULL)
    g_main_context_iteration (NULL, TRUE);
}

static void
gate_hook_cb (const char *stage,
              gpointer    user_data)
{
  CopyGate *gate = user_data;
  gint64    deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;

  if (g_strcmp0 (stage, "lines-copy") != 0)
    return;

  g_atomic_int_set (&gate->reached, TRUE);
  while (!g_atomic_int_get (&gate->released) && g_get_monotonic_time () < deadline)
    g_usleep (10 * G_TIME_SPAN_MILLISECOND);
}

/* Lines enough for several COPY chunks, in invoices no other file has. */
static char *
make_large_csv (guint n_invoices,
                guint lines_per_invoice)
{
  GString *csv = g_string_new (AVA_PG_TEST_CSV_HEADER);

  for (guint i = 0; i < n_invoices; i++)
    for (guint j = 0; j < lines_per_invoice; j++)
      g_string_append_printf (csv, "%u,SYN%04u,SYNTHETIC ITEM %u,%u,2011-%02u-%02u %02u:%02u:00,%u.%02u,%u,Country %u\n",
                              700000 + i, j, j, 1 + j % 7, 1 + i % 12, 1 + i % 28, i % 24, j % 60,
                              1 + j % 9, j % 100, 20000 + i % 500, i % 500 % 11);

  return g_string_free (csv, FALSE);
}

static void
count_cb (gpointer instance,
          guint   *count)
{
  (*count)++;
}

/* }}} */
/* {{{ Tests */

static void
test_import (Fixture *fixture)
{
  AvaWindow                   *window = fixture->base.window;
  g_autofree char             *path = write_file (fixture, "small.csv", small_csv);
  g_autoptr (AvaQualityReport) report = NULL;
  g_autoptr (AvaDataset)       dataset = ava_load_csv_path (path, NULL, &report, NULL);
  AvaImportDialog             *dialog;
  AvaPgTestCounts              before, after;
  guint                        n_loads = 0;

  g_assert_nonnull (dataset);
  ava_ui_test_wait_until_idle (window);

  /* The demo has no database to import into. */
  g_assert_true (AVA_IS_OFFLINE_ENGINE (window->engine));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL);
  g_assert_null (window->import_dialog);

  ava_ui_test_connect (window, fixture->conninfo, fixture->description);
  g_assert_cmpint (ava_pg_test_count (fixture->conn, "invoice_lines"), ==, 0);
  g_signal_connect (window, "source-loaded", G_CALLBACK (count_cb), &n_loads);

  /* Read: the quality report, nothing sent yet. */
  dialog = open_and_read (fixture, path);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  assert_review_matches (dialog, path);
  g_assert_cmpint (ava_pg_test_count (fixture->conn, "invoice_lines"), ==, 0);
  ava_ui_test_save_screenshot (GTK_WIDGET (dialog), "import-dialog-report.png");
  g_assert_cmpuint (ava_import_dialog_get_report (dialog)->kept_lines, ==, report->kept_lines);
  g_assert_cmpuint (report->rejected, ==, 2);

  /* Import: every kept line lands, and the window reloads. */
  click (dialog->import_button);
  g_assert_cmpint (dialog->state, ==, AVA_IMPORT_STATE_IMPORTING);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (dialog->stack), ==, "progress");
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (dialog->cancel_button)));
  wait_for_import (dialog);
  g_assert_cmpint (dialog->state, ==, AVA_IMPORT_STATE_IMPORTED);
  g_assert_cmpuint (dialog->result.new_lines, ==, report->kept_lines);
  g_assert_cmpuint (dialog->result.already_present_lines, ==, 0);
  g_assert_cmpstr (adw_status_page_get_title (dialog->result_page), ==, _ ("Import Complete"));
  g_assert_cmpint (ava_pg_test_count (fixture->conn, "invoice_lines"), ==, (gint64) report->kept_lines);
  g_assert_cmpint (ava_pg_test_count (fixture->conn, "rejected_rows"), ==, (gint64) report->rejected);
  ava_ui_test_save_screenshot (GTK_WIDGET (dialog), "import-dialog-done.png");

  /* The import's "imported" reloaded the source (data range, countries)
   * and then the dashboard. */
  ava_ui_test_wait_until_idle (window);
  g_assert_cmpuint (n_loads, ==, 1);
  g_assert_cmpstr (window->source_name, ==, fixture->description);
  ava_ui_test_assert_cards_match_engine (window, window->filters);
  g_assert_cmpstr (ava_kpi_card_get_value (window->cards[AVA_CARD_GROSS_REVENUE]), !=, "0.00");
  /* The data range and the country list come from the new lines. */
  g_assert_true (window->has_data_range);
  g_assert_cmpint (window->data_first, ==, ava_timestamp_from_civil (2010, 12, 1, 0, 0, 0));
  g_assert_cmpint (window->data_last, ==, ava_timestamp_from_civil (2011, 3, 1, 0, 0, 0) - 1);
  g_assert_cmpuint (g_strv_length (window->all_countries), ==, report->countries);
  close_dialog (fixture, dialog);
  g_assert_null (dialog);

  /* The same file again: nothing new, nothing reloaded. */
  ava_pg_test_get_counts (fixture->conn, &before);
  dialog = open_and_read (fixture, path);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  click (dialog->import_button);
  wait_for_import (dialog);
  g_assert_cmpint (dialog->state, ==, AVA_IMPORT_STATE_IMPORTED);
  g_assert_cmpuint (dialog->result.new_lines, ==, 0);
  g_assert_cmpuint (dialog->result.already_present_lines, ==, report->kept_lines);
  g_assert_cmpstr (adw_status_page_get_title (dialog->result_page), ==, _ ("Nothing New"));
  ava_ui_test_save_screenshot (GTK_WIDGET (dialog), "import-dialog-nothing-new.png");
  g_assert_false (window->source_loading);
  g_assert_cmpuint (n_loads, ==, 1);
  ava_pg_test_get_counts (fixture->conn, &after);
  ava_pg_test_assert_counts_equal (&before, &after);
  close_dialog (fixture, dialog);

  /* Back to the demo: no database to import into again. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-demo", NULL);
  ava_ui_test_wait_until_idle (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL);
  g_assert_null (window->import_dialog);
}

static void
test_cancel (Fixture *fixture)
{
  AvaWindow       *window = fixture->base.window;
  g_autofree char *small_path = write_file (fixture, "small.csv", small_csv);
  g_autofree char *large_text = make_large_csv (2000, 10);
  g_autofree char *large_path = write_file (fixture, "large.csv", large_text);
  AvaImportDialog *dialog;
  AvaPgTestCounts  before, after;
  CopyGate         gate = { 0 };
  AvaEngine       *engine;

  ava_ui_test_connect (window, fixture->conninfo, fixture->description);
  engine = window->engine;

  /* Into a database that has lines: the merge path. */
  dialog = open_and_read (fixture, small_path);
  click (dialog->import_button);
  wait_for_import (dialog);
  g_assert_cmpint (dialog->state, ==, AVA_IMPORT_STATE_IMPORTED);
  close_dialog (fixture, dialog);
  ava_ui_test_wait_until_idle (window);
  ava_pg_test_get_counts (fixture->conn, &before);

  dialog = open_and_read (fixture, large_path);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  assert_review_matches (dialog, large_path);

  /* Stop in the middle of the COPY, with the progress on screen. */
  ava_pg_importer_set_hook (gate_hook_cb, &gate);
  click (dialog->import_button);
  while (!g_atomic_int_get (&gate.reached))
    g_main_context_iteration (NULL, TRUE);
  while (gtk_progress_bar_get_fraction (dialog->progress_bar) <= 0.1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (dialog->progress_bar), <, 0.9);
  g_test_message ("progress: %s, %s (%.3f)", gtk_label_get_text (dialog->progress_title),
                  gtk_label_get_text (dialog->progress_detail), gtk_progress_bar_get_fraction (dialog->progress_bar));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (dialog->progress_detail), "Sending lines: "));
  g_assert_nonnull (strstr (gtk_label_get_text (dialog->progress_detail), "of 20,000"));
  ava_ui_test_save_screenshot (GTK_WIDGET (dialog), "import-dialog-progress.png");

  click (dialog->cancel_button);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (dialog->cancel_button)));
  g_assert_cmpstr (gtk_label_get_text (dialog->progress_title), ==, _ ("Stopping the import…"));
  g_atomic_int_set (&gate.released, TRUE);
  wait_for_import (dialog);

  g_assert_cmpint (dialog->state, ==, AVA_IMPORT_STATE_STOPPED);
  g_assert_cmpstr (adw_status_page_get_title (dialog->result_page), ==, _ ("Import Stopped"));
  ava_ui_test_save_screenshot (GTK_WIDGET (dialog), "import-dialog-stopped.png");
  ava_pg_test_get_counts (fixture->conn, &after);
  ava_pg_test_assert_counts_equal (&before, &after);
  /* Nothing changed, so nothing reloads. */
  g_assert_false (window->source_loading);
  g_assert_true (window->engine == engine);

  /* Cancel while reading goes back to the start. */
  close_dialog (fixture, dialog);
  g_assert_null (dialog);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL);
  dialog = window->import_dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  {
    g_autoptr (GFile) file = g_file_new_for_path (large_path);

    ava_import_dialog_load_file (dialog, file);
  }
  click (dialog->cancel_button);
  g_assert_cmpint (dialog->state, ==, AVA_IMPORT_STATE_CHOOSE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (dialog->stack), ==, "choose");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (dialog);
  g_assert_null (window->import_dialog);
}

/* A file that does not load, and one the database refuses: said in the
 * dialog, nothing imported. */
static void
test_errors (Fixture *fixture)
{
  AvaWindow       *window = fixture->base.window;
  g_autofree char *small_path = write_file (fixture, "small.csv", small_csv);
  g_autofree char *bad_path = write_file (fixture, "no-header.csv", "just,some,text\n1,2,3\n");
  /* Invoice 536002 is stored for customer 101. */
  g_autofree char  *conflict_path = write_file (fixture, "conflict.csv",
                                                AVA_PG_TEST_CSV_HEADER
                                                "536002,Z9,Zeta,1,12/3/2010 10:00,1.00,999,Germany\n");
  g_autoptr (GFile) bad_file = g_file_new_for_path (bad_path);
  AvaImportDialog  *dialog;
  AvaPgTestCounts   before, after;
  const char       *description;

  ava_ui_test_connect (window, fixture->conninfo, fixture->description);
  dialog = open_and_read (fixture, small_path);
  click (dialog->import_button);
  wait_for_import (dialog);
  g_assert_cmpint (dialog->state, ==, AVA_IMPORT_STATE_IMPORTED);
  close_dialog (fixture, dialog);
  ava_ui_test_wait_until_idle (window);
  ava_pg_test_get_counts (fixture->conn, &before);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL);
  dialog = window->import_dialog;
  ava_import_dialog_load_file (dialog, bad_file);
  while (dialog->state == AVA_IMPORT_STATE_READING)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (dialog->state, ==, AVA_IMPORT_STATE_FAILED);
  g_assert_cmpstr (adw_status_page_get_title (dialog->result_page), ==, _ ("Could Not Read the File"));
  description = adw_status_page_get_description (dialog->result_page);
  g_test_message ("%s", description);
  g_assert_nonnull (strstr (description, "no-header.csv"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog->import_button)));
  close_dialog (fixture, dialog);

  dialog = open_and_read (fixture, conflict_path);
  click (dialog->import_button);
  wait_for_import (dialog);
  g_assert_cmpint (dialog->state, ==, AVA_IMPORT_STATE_FAILED);
  g_assert_cmpstr (adw_status_page_get_title (dialog->result_page), ==, _ ("Import Failed"));
  description = adw_status_page_get_description (dialog->result_page);
  g_test_message ("%s", description);
  g_assert_nonnull (strstr (description, "Invoice 536002"));
  g_assert_nonnull (strstr (description, _ ("Nothing was changed in the database.")));
  /* The message never shows the password. */
  g_assert_null (strstr (description, g_getenv ("AVA_TEST_PG_PASSWORD")));
  ava_ui_test_save_screenshot (GTK_WIDGET (dialog), "import-dialog-failed.png");
  ava_pg_test_get_counts (fixture->conn, &after);
  ava_pg_test_assert_counts_equal (&before, &after);
  g_assert_false (window->source_loading);
  close_dialog (fixture, dialog);

  /* Many rejected rows: the first ones are listed, all are counted. */
  {
    g_autoptr (GString) text = g_string_new (AVA_PG_TEST_CSV_HEADER);
    g_autofree char    *many_path = NULL;
    g_autofree char    *want = NULL;

    for (guint i = 0; i < AVA_IMPORT_DIALOG_MAX_REJECTED_SHOWN + 10; i++)
      g_string_append_printf (text, "%u,A1,Alpha,x%u,12/3/2010 10:00,1.00,100,France\n", 800000 + i, i);
    many_path = write_file (fixture, "many-rejected.csv", text->str);
    dialog = open_and_read (fixture, many_path);
    assert_review_matches (dialog, many_path);
    g_assert_cmpuint (dialog->rejected_rows->len, ==, AVA_IMPORT_DIALOG_MAX_REJECTED_SHOWN);
    want = g_strdup_printf ("The first %u of %u rows.", AVA_IMPORT_DIALOG_MAX_REJECTED_SHOWN,
                            AVA_IMPORT_DIALOG_MAX_REJECTED_SHOWN + 10);
    g_assert_true (g_str_has_prefix (adw_preferences_group_get_description (dialog->rejected_group), want));
    /* Nothing is kept: nothing to import. */
    g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (dialog->import_button)));
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/ava/import/import", Fixture, test_import, fixture_setup, run_in_app, fixture_teardown);
  g_test_add ("/ava/import/cancel", Fixture, test_cancel, fixture_setup, run_in_app, fixture_teardown);
  g_test_add ("/ava/import/errors", Fixture, test_errors, fixture_setup, run_in_app, fixture_teardown);

  return g_test_run ();
}
