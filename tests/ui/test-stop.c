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

#include "ava-application.h"
#include "ava-pg-engine-private.h"
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
  AvaUiTestFixture base;
  char            *conninfo;
  char            *description;
  PGconn          *observer; /* watches pg_stat_activity */
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
  AvaWindow   *window = fixture->base.window;
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
  AvaWindow   *window = fixture->base.window;
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
  AvaWindow *window = fixture->base.window;

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
  g_clear_pointer (&fixture->observer, PQfinish);
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
  ava_pg_test_import_csv (fixture->conninfo, small_csv, "small.csv");
  fixture->observer = ava_pg_test_connect (fixture->conninfo);
  dbname = ava_pg_test_get_dbname (fixture->conninfo);
  fixture->description = ava_ui_test_pg_source_name (dbname);

  ava_ui_test_run_in_app (&fixture->base, (AvaUiTestFunc) user_data);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/ava/stop/refresh", Fixture, test_stop, fixture_setup, run_in_app, fixture_teardown);
  g_test_add ("/ava/stop/source-load", Fixture, test_stop_source, fixture_setup, run_in_app, fixture_teardown);
  g_test_add ("/ava/stop/first-load", Fixture, test_stop_first_load, fixture_setup, run_in_app, fixture_teardown);

  return g_test_run ();
}
