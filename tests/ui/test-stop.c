/* test-stop.c
 *
 * The Stop button over a PostgreSQL engine made slow on the server
 * (ava_pg_engine_set_test_delay): it cancels the refresh or the source
 * load in flight, on the server too, and keeps the previous results. Run
 * through pg-cluster-run under Xvfb.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ava-application.h"
#include "ava-pg-engine-private.h"
#include "ava-pg-importer.h"
#include "ava-pg-test-utils.h"
#include "ava-ui-test-utils.h"

static const char small_csv[] =
  AVA_PG_TEST_CSV_HEADER
  "536001,A1,Alpha,2,12/1/2010 23:58,1.50,100,France\n"
  "536001,B2,Beta,1,12/1/2010 23:59,2.25,100,France\n"
  "536002,A1,Alpha,3,12/2/2010 10:00,1.50,101,Germany\n"
  "536003,C3,Gamma,4,1/5/2011 9:30,0.85,102,Germany\n"
  "C536004,A1,Alpha,-1,1/6/2011 11:00,1.50,101,Germany\n";

/* Far longer than any wait below: a query that ends did so because it was
 * cancelled. */
#define SLOW_SECONDS 20

typedef struct
{
  AvaWindow *window;
  char      *conninfo;
  char      *description;
  PGconn    *observer; /* watches pg_stat_activity */
} Fixture;

/* Sessions of the test database, other than the observer's, running the
 * test delay's pg_sleep. */
static gint64
count_sleeping (Fixture *fixture)
{
  return ava_pg_test_query_int (fixture->observer,
                                "SELECT count(*) FROM pg_stat_activity "
                                "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                                "AND state = 'active' AND query LIKE '%pg\\_sleep%'");
}

/* Runs the main loop until @n sessions sleep, for up to 10 s. */
static gint64
wait_for_sleeping (Fixture *fixture,
                   gint64   n)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  gint64 count;

  while ((count = count_sleeping (fixture)) != n && g_get_monotonic_time () < deadline)
    {
      g_usleep (20 * G_TIME_SPAN_MILLISECOND);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }

  return count;
}

static void
assert_stop_button (AvaWindow *window,
                    gboolean   shown)
{
  g_assert_cmpint (gtk_widget_get_visible (GTK_WIDGET (window->stop_button)), ==, shown);
  g_assert_cmpint (gtk_spinner_get_spinning (window->spinner), ==, shown);
}

static void
test_stop (Fixture *fixture)
{
  AvaWindow   *window = fixture->window;
  AvaPgEngine *engine;
  AvaResult   *before[AVA_N_SLOTS];
  guint        stale_before;
  gint64       deadline;

  ava_ui_test_wait_until_idle (window);
  ava_ui_test_connect (window, fixture->conninfo, fixture->description);
  engine = AVA_PG_ENGINE (window->engine);
  assert_stop_button (window, FALSE);
  for (guint slot = 0; slot < AVA_N_SLOTS; slot++)
    {
      before[slot] = window->results[slot];
      g_assert_nonnull (before[slot]);
    }
  ava_ui_test_assert_cards_match_engine (window, window->filters);

  /* A refresh whose queries sleep on the server: as many run as the pool
   * has connections, the others wait for one. */
  ava_pg_engine_set_test_delay (engine, SLOW_SECONDS);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL);
  g_assert_cmpuint (window->n_pending, ==, AVA_N_SLOTS);
  assert_stop_button (window, TRUE);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (window->stop_button)), ==, _ ("Stop Queries"));
  g_assert_cmpint (wait_for_sleeping (fixture, AVA_PG_ENGINE_MAX_CONNECTIONS), ==, AVA_PG_ENGINE_MAX_CONNECTIONS);
  ava_ui_test_save_screenshot (GTK_WIDGET (window), "stop-button.png");

  stale_before = window->n_stale_dropped;
  gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL);
  g_assert_cmpuint (window->n_pending, ==, 0);
  assert_stop_button (window, FALSE);

  /* The server stopped them: a cancel request, not a client that stopped
   * waiting. */
  g_assert_cmpint (wait_for_sleeping (fixture, 0), ==, 0);

  /* Every query comes back cancelled, long before its sleep would end,
   * and none of them reaches the screen. */
  deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (window->n_stale_dropped - stale_before < AVA_N_SLOTS && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (window->n_stale_dropped - stale_before, ==, AVA_N_SLOTS);
  for (guint slot = 0; slot < AVA_N_SLOTS; slot++)
    g_assert_true (window->results[slot] == before[slot]);
  g_assert_cmpuint (window->n_pending, ==, 0);
  assert_stop_button (window, FALSE);

  /* The engine, its pool and a later refresh still work. */
  ava_pg_engine_set_test_delay (engine, 0);
  ava_ui_test_assert_cards_match_engine (window, window->filters);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL);
  ava_ui_test_wait_until_idle (window);
  for (guint slot = 0; slot < AVA_N_SLOTS; slot++)
    g_assert_true (window->results[slot] != before[slot]);
  ava_ui_test_assert_cards_match_engine (window, window->filters);
  assert_stop_button (window, FALSE);
}

static void
test_stop_source (Fixture *fixture)
{
  AvaWindow   *window = fixture->window;
  AvaPgEngine *engine;
  AvaResult   *overview;

  ava_ui_test_wait_until_idle (window);
  ava_ui_test_connect (window, fixture->conninfo, fixture->description);
  engine = AVA_PG_ENGINE (window->engine);
  overview = window->results[AVA_SLOT_OVERVIEW];

  /* Reloading the source (its countries and dates) on the slow server. */
  ava_pg_engine_set_test_delay (engine, SLOW_SECONDS);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.retry-source", NULL);
  g_assert_true (window->source_loading);
  assert_stop_button (window, TRUE);
  g_assert_cmpstr (gtk_label_get_text (window->source_label), ==, _ ("Loading…"));
  g_assert_cmpint (wait_for_sleeping (fixture, 1), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL);
  g_assert_false (window->source_loading);
  assert_stop_button (window, FALSE);
  g_assert_cmpint (wait_for_sleeping (fixture, 0), ==, 0);

  /* The source on screen stays, named as before. */
  g_assert_true (window->engine == AVA_ENGINE (engine));
  g_assert_cmpstr (window->source_name, ==, fixture->description);
  g_assert_cmpstr (gtk_label_get_text (window->source_label), ==, fixture->description);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "dashboard");
  g_assert_true (window->results[AVA_SLOT_OVERVIEW] == overview);

  /* Let the cancelled load answer: it changes nothing. */
  for (guint i = 0; i < 25; i++)
    {
      g_usleep (20 * G_TIME_SPAN_MILLISECOND);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_assert_false (window->source_loading);
  g_assert_true (window->results[AVA_SLOT_OVERVIEW] == overview);
  ava_pg_engine_set_test_delay (engine, 0);
}

/* Stopping the first load leaves nothing to show: the error page offers
 * to load it again. */
static void
test_stop_first_load (Fixture *fixture)
{
  AvaWindow *window = fixture->window;

  /* The demo is being built. */
  g_assert_true (window->source_loading);
  g_assert_null (window->engine);
  assert_stop_button (window, TRUE);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL);
  g_assert_false (window->source_loading);
  assert_stop_button (window, FALSE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "error");
  g_assert_cmpstr (adw_status_page_get_description (window->error_page), ==, _ ("Loading was stopped."));

  /* The abandoned build ends unseen. */
  for (guint i = 0; i < 50; i++)
    {
      g_usleep (20 * G_TIME_SPAN_MILLISECOND);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_assert_null (window->engine);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "error");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.retry-source", NULL);
  ava_ui_test_wait_until_idle (window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "dashboard");
  g_assert_nonnull (window->results[AVA_SLOT_OVERVIEW]);
  assert_stop_button (window, FALSE);
}

/* {{{ Running in the app */

typedef void (*TestFunc) (Fixture *fixture);

typedef struct
{
  Fixture  fixture;
  TestFunc func;
} Run;

static void
activated_cb (GApplication *app,
              Run          *run)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (AVA_IS_WINDOW (window));
  run->fixture.window = AVA_WINDOW (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  run->func (&run->fixture);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

static void
run_test (gconstpointer data)
{
  g_autoptr (GSettings)        settings = NULL;
  g_autoptr (AvaApplication)   app = NULL;
  g_autoptr (AvaQualityReport) report = NULL;
  g_autoptr (AvaDataset)       dataset = NULL;
  g_autoptr (GError)           error = NULL;
  AvaPgImportResult            result;
  const char                  *dbname;
  Run                          run = { { 0 }, (TestFunc) data };

  if (g_getenv ("AVA_TEST_PG_CONNINFO") == NULL)
    {
      g_test_skip ("No PostgreSQL server (run through pg-cluster-run)");
      return;
    }

  settings = g_settings_new (APP_ID);
  ava_ui_test_reset_settings (settings);

  run.fixture.conninfo = ava_pg_test_create_database ();
  dataset = ava_pg_test_load_csv (small_csv, "small.csv", &report);
  g_assert_true (ava_pg_import_dataset (run.fixture.conninfo, dataset, report, NULL, &result, &error));
  g_assert_no_error (error);
  run.fixture.observer = ava_pg_test_connect (run.fixture.conninfo);
  dbname = g_strrstr (run.fixture.conninfo, "dbname=");
  g_assert_nonnull (dbname);
  run.fixture.description = g_strdup_printf ("PostgreSQL · %s on localhost", dbname + strlen ("dbname="));

  app = ava_application_new (APP_ID, G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (activated_cb), &run);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);

  g_clear_pointer (&run.fixture.observer, PQfinish);
  g_clear_pointer (&run.fixture.conninfo, g_free);
  g_clear_pointer (&run.fixture.description, g_free);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_data_func ("/ava/stop/refresh", test_stop, run_test);
  g_test_add_data_func ("/ava/stop/source-load", test_stop_source, run_test);
  g_test_add_data_func ("/ava/stop/first-load", test_stop_first_load, run_test);

  return g_test_run ();
}
