/* test-responsiveness.c
 *
 * The window over a deliberately slow engine: the main loop keeps running
 * while queries are in flight, and a cancelled refresh never reaches the
 * screen, even when its engine answers anyway.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ava-demo-generator.h"
#include "ava-offline-engine.h"
#include "ava-ui-test-utils.h"

#define SLOW_QUERY_USEC (300 * G_USEC_PER_SEC / 1000)
#define TICK_MS         10
#define MAX_GAP_USEC    (50 * G_USEC_PER_SEC / 1000)

/* {{{ AvaSlowEngine: an offline engine that takes 300 ms per query and
 * ignores cancellation, like a remote database that answers late. */

#define AVA_TYPE_SLOW_ENGINE (ava_slow_engine_get_type ())

G_DECLARE_FINAL_TYPE (AvaSlowEngine, ava_slow_engine, AVA, SLOW_ENGINE, AvaEngine)

struct _AvaSlowEngine
{
  AvaEngine  parent_instance;
  AvaEngine *inner;
  int        n_running;  /* atomic */
  int        n_answered; /* atomic */
};

G_DEFINE_FINAL_TYPE (AvaSlowEngine, ava_slow_engine, AVA_TYPE_ENGINE)

static AvaResult *
ava_slow_engine_run (AvaEngine      *engine,
                     const AvaQuery *query,
                     GCancellable   *cancellable,
                     GError        **error)
{
  AvaSlowEngine *self = AVA_SLOW_ENGINE (engine);
  AvaResult     *result;

  g_atomic_int_inc (&self->n_running);
  g_usleep (SLOW_QUERY_USEC);
  /* No cancellable on purpose: the answer comes, late. */
  result = ava_engine_run (self->inner, query, NULL, error);
  g_atomic_int_inc (&self->n_answered);
  g_atomic_int_dec_and_test (&self->n_running);

  return result;
}

static void
ava_slow_engine_dispose (GObject *object)
{
  g_clear_object (&AVA_SLOW_ENGINE (object)->inner);

  G_OBJECT_CLASS (ava_slow_engine_parent_class)->dispose (object);
}

static void
ava_slow_engine_class_init (AvaSlowEngineClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ava_slow_engine_dispose;
  AVA_ENGINE_CLASS (klass)->run = ava_slow_engine_run;
}

static void
ava_slow_engine_init (AvaSlowEngine *self)
{
  g_autoptr (AvaQualityReport) report = NULL;
  g_autoptr (AvaDataset)       dataset = ava_demo_build_dataset (20000, AVA_DEMO_DEFAULT_SEED, &report);

  self->inner = ava_offline_engine_new (dataset);
}

/* }}} */

typedef struct
{
  AvaUiTestFixture base;
  AvaSlowEngine   *engine;
  gint64           last_tick;
  gint64           max_gap;
  gboolean         measuring;
  const char      *cancelled_country;
  guint            n_cancelled_shown;
  guint            n_results_shown;
} Fixture;

static gboolean
tick_cb (gpointer user_data)
{
  Fixture *fixture = user_data;
  gint64   now = g_get_monotonic_time ();

  if (fixture->measuring && fixture->last_tick != 0)
    {
      if (now - fixture->last_tick > 30000)
        g_test_message ("gap of %.1f ms, %u pending, %u results shown", (now - fixture->last_tick) / 1000.0,
                        fixture->base.window->n_pending, fixture->n_results_shown);
      fixture->max_gap = MAX (fixture->max_gap, now - fixture->last_tick);
    }
  fixture->last_tick = now;

  return G_SOURCE_CONTINUE;
}

static void
countries_shown_cb (AvaResultTable *table,
                    GParamSpec     *pspec,
                    Fixture        *fixture)
{
  AvaResult *result = ava_result_table_get_result (table);
  int        column = ava_result_find_column (result, "country");

  fixture->n_results_shown++;
  for (guint r = 0; r < ava_result_get_n_rows (result); r++)
    if (g_strcmp0 (ava_result_get_text (result, r, column), fixture->cancelled_country) == 0 &&
        ava_result_get_n_rows (result) == 1)
      fixture->n_cancelled_shown++;
}

static void
set_country (AvaWindow  *window,
             const char *country)
{
  g_autoptr (AvaQuery) filters = ava_query_new (AVA_KPI_OVERVIEW);
  const char          *countries[] = { country, NULL };

  filters->countries = g_strdupv ((GStrv) countries);
  ava_window_set_filters (window, filters);
}

static void
activate_cb (GApplication *app,
             Fixture      *fixture)
{
  /* Runs before AvaApplication's handler, which then finds this window
   * and does not start the demo. */
  AvaWindow *window = ava_window_new (ADW_APPLICATION (app));

  ava_window_set_engine (window, AVA_ENGINE (fixture->engine), "slow");
}

static void
check_responsiveness (Fixture *fixture)
{
  AvaWindow       *window = fixture->base.window;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  AvaResult       *countries;
  guint            source;
  gint64           started;

  source = g_timeout_add (TICK_MS, tick_cb, fixture);

  /* Start-up: the source info and the first refresh, all slow. The first
   * layout of every page happens here too; it is not measured. */
  ava_ui_test_wait_until_idle (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  countries = window->results[AVA_SLOT_COUNTRIES];
  g_assert_cmpuint (ava_result_get_n_rows (countries), >=, 2);
  first = g_strdup (ava_result_get_text (countries, 0, 1));
  second = g_strdup (ava_result_get_text (countries, 1, 1));

  g_signal_connect (window->countries_table, "notify::result", G_CALLBACK (countries_shown_cb), fixture);
  fixture->cancelled_country = first;

  /* Filter to the first country, then change our mind at once. */
  fixture->last_tick = 0;
  fixture->measuring = TRUE;
  started = g_get_monotonic_time ();
  set_country (window, first);
  g_assert_cmpuint (window->n_pending, ==, AVA_N_SLOTS);
  while (g_get_monotonic_time () - started < 100 * 1000)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (window->n_pending, ==, AVA_N_SLOTS); /* nothing answered yet */
  set_country (window, second);
  ava_ui_test_wait_until_idle (window);

  /* The engine answers the cancelled queries too; wait for all of them. */
  while (g_atomic_int_get (&fixture->engine->n_running) > 0 || window->n_stale_dropped < AVA_N_SLOTS)
    g_main_context_iteration (NULL, TRUE);
  fixture->measuring = FALSE;

  g_test_message ("Longest main loop gap: %.1f ms", fixture->max_gap / 1000.0);
#ifdef __SANITIZE_ADDRESS__
  /* AddressSanitizer makes every allocation several times slower: the gap
   * says nothing about the app there, only the plain build's does. */
  g_test_message ("Not checking the gap under AddressSanitizer");
#else
  g_assert_cmpint (fixture->max_gap, <, MAX_GAP_USEC);
#endif
  /* Each refresh took at least one slow query. */
  g_assert_cmpint (g_get_monotonic_time () - started, >=, SLOW_QUERY_USEC);

  g_assert_cmpuint (window->n_stale_dropped, >=, AVA_N_SLOTS);
  g_assert_cmpuint (fixture->n_cancelled_shown, ==, 0);
  g_assert_cmpuint (fixture->n_results_shown, ==, 1);
  countries = window->results[AVA_SLOT_COUNTRIES];
  g_assert_cmpuint (ava_result_get_n_rows (countries), ==, 1);
  g_assert_cmpstr (ava_result_get_text (countries, 0, 1), ==, second);

  g_source_remove (source);
}

static void
fixture_setup (Fixture      *fixture,
               gconstpointer user_data)
{
  ava_ui_test_fixture_setup (&fixture->base, user_data);
  fixture->engine = g_object_new (AVA_TYPE_SLOW_ENGINE, NULL);
}

static void
fixture_teardown (Fixture      *fixture,
                  gconstpointer user_data)
{
  ava_ui_test_fixture_teardown (&fixture->base, user_data);
  g_clear_object (&fixture->engine);
}

static void
test_responsiveness (Fixture      *fixture,
                     gconstpointer user_data)
{
  g_signal_connect (fixture->base.app, "activate", G_CALLBACK (activate_cb), fixture);
  ava_ui_test_run_in_app (&fixture->base, (AvaUiTestFunc) check_responsiveness);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ava/responsiveness/slow-engine", Fixture, NULL, fixture_setup, test_responsiveness, fixture_teardown);

  return g_test_run ();
}
