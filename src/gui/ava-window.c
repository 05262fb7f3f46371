/* ava-window.c
 *
 * The main window: a dashboard of five pages over one data source. Every
 * number comes from AvaEngine queries run on the engine's worker threads;
 * the main thread only starts queries and shows results, so the window
 * never freezes, whatever the engine's speed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "ava-window-private.h"

#include "ava-cleaner.h"
#include "ava-connection-dialog.h"
#include "ava-demo-generator.h"
#include "ava-gui-private.h"
#include "ava-offline-engine.h"
#include "ava-pg-engine.h"
#include "ava-result-row.h"
#include "ava-timestamp.h"

#define DAY_SECONDS ((gint64) 86400)

typedef struct
{
  gboolean has_from;
  gint64   from;
  gboolean has_to;
  gint64   to;
} PresetRange;

enum
{
  PROP_0,
  PROP_RANK_BY,
  N_PROPS
};

enum
{
  SOURCE_LOADED,
  REFRESHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

static const char *const page_names[] = { "overview", "products", "customers", "countries", "cohorts" };

G_DEFINE_FINAL_TYPE (AvaWindow, ava_window, ADW_TYPE_APPLICATION_WINDOW)

static void ava_window_sync_filter_widgets (AvaWindow *self);
static void ava_window_start_query (AvaWindow *self,
                                    AvaSlot    slot);

/* {{{ Time helpers */

static gint64
day_start (gint64 timestamp)
{
  gint64 rest = timestamp % DAY_SECONDS;

  return timestamp - (rest < 0 ? rest + DAY_SECONDS : rest);
}

static char *
format_day (gint64 timestamp)
{
  int year, month, day, hour, minute, second;

  ava_timestamp_to_civil (timestamp, &year, &month, &day, &hour, &minute, &second);
  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

static gint64
month_start (int month_index)
{
  return ava_timestamp_from_civil (month_index / 12, month_index % 12 + 1, 1, 0, 0, 0);
}

/* }}} */
/* {{{ Source loading */

typedef struct
{
  char      *path; /* NULL: the demo, unless engine is set */
  AvaEngine *engine;
} SourceRequest;

typedef struct
{
  AvaEngine        *engine;
  AvaQualityReport *report;
  GStrv             countries;
  gboolean          has_range;
  gint64            first;
  gint64            last;
} SourceInfo;

static void
source_request_free (SourceRequest *request)
{
  g_clear_pointer (&request->path, g_free);
  g_clear_object (&request->engine);
  g_free (request);
}

static void
source_info_free (SourceInfo *info)
{
  g_clear_object (&info->engine);
  g_clear_pointer (&info->report, ava_quality_report_free);
  g_clear_pointer (&info->countries, g_strfreev);
  g_free (info);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SourceInfo, source_info_free)

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Worker thread: reads only the request, builds everything the window needs
 * to show the source. */
static void
source_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SourceRequest         *request = task_data;
  g_autoptr (SourceInfo) info = g_new0 (SourceInfo, 1);
  g_autoptr (GError)     error = NULL;
  g_autoptr (AvaQuery)   by_country = ava_query_new (AVA_KPI_BY_COUNTRY);
  g_autoptr (AvaResult)  countries = NULL;
  g_autoptr (GPtrArray)  names = g_ptr_array_new ();
  int                    column;

  if (request->engine != NULL)
    {
      info->engine = g_object_ref (request->engine);
    }
  else
    {
      g_autoptr (AvaDataset) dataset = NULL;

      if (request->path != NULL)
        {
          dataset = ava_load_csv_path (request->path, cancellable, &info->report, &error);
          if (dataset == NULL)
            {
              g_task_return_error (task, g_steal_pointer (&error));
              return;
            }
        }
      else
        {
          guint rows = AVA_DEMO_DEFAULT_ROWS;

          /* Benchmarks and tests may ask for a smaller demo. */
          if (g_getenv ("AVA_DEMO_ROWS") != NULL)
            rows = MAX (1, (guint) g_ascii_strtoull (g_getenv ("AVA_DEMO_ROWS"), NULL, 10));
          dataset = ava_demo_build_dataset (rows, AVA_DEMO_DEFAULT_SEED, &info->report);
        }
      info->engine = ava_offline_engine_new (dataset);
    }

  countries = ava_engine_run (info->engine, by_country, cancellable, &error);
  if (countries == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  column = ava_result_find_column (countries, "country");
  for (guint r = 0; r < ava_result_get_n_rows (countries); r++)
    g_ptr_array_add (names, g_strdup (ava_result_get_text (countries, r, column)));
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  info->countries = (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);

  if (info->report != NULL && info->report->kept_lines > 0)
    {
      info->has_range = TRUE;
      info->first = info->report->first_invoice_date;
      info->last = info->report->last_invoice_date;
    }
  else
    {
      /* Engines without a report: month precision is enough for presets. */
      g_autoptr (AvaQuery)  monthly = ava_query_new (AVA_KPI_MONTHLY_REVENUE);
      g_autoptr (AvaResult) months = ava_engine_run (info->engine, monthly, cancellable, &error);
      guint                 n_months;

      if (months == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      n_months = ava_result_get_n_rows (months);
      if (n_months > 0)
        {
          info->has_range = TRUE;
          info->first = month_start ((int) ava_result_get_integer (months, 0, 0));
          info->last = month_start ((int) ava_result_get_integer (months, n_months - 1, 0) + 1) - 1;
        }
    }

  g_task_return_pointer (task, g_steal_pointer (&info), (GDestroyNotify) source_info_free);
}

/* The spinner and the Stop button show that a load or a refresh runs. */
static void
ava_window_update_busy (AvaWindow *self)
{
  gboolean busy = self->source_loading || self->n_pending > 0;

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->stop_button), busy);
}

static void
ava_window_update_source_labels (AvaWindow *self)
{
  g_autofree char *name = NULL;
  const char      *label;

  if (self->source_loading)
    label = _ ("Loading…");
  else if (self->source_name != NULL)
    label = self->source_name;
  else if (self->source_path == NULL && AVA_IS_OFFLINE_ENGINE (self->engine))
    label = _ ("Offline demo");
  else if (self->source_path != NULL)
    label = name = g_path_get_basename (self->source_path);
  else
    label = _ ("Custom engine");

  gtk_label_set_text (self->source_label, label);
  /* A long database or host name is ellipsized in the badge. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->source_label),
                               self->source_name != NULL && !self->source_loading
                                 ? self->source_name
                                 : _ ("The data source of the dashboard"));
  /* The switcher hides the title when wide: the badge keeps the mode in
   * view, the subtitle says it when narrow. */
  if (self->source_name != NULL)
    adw_view_switcher_title_set_subtitle (self->switcher_title, self->source_name);
  else if (self->source_path == NULL)
    adw_view_switcher_title_set_subtitle (self->switcher_title, _ ("Offline demo"));
  else
    adw_view_switcher_title_set_subtitle (self->switcher_title, label);

  /* Importing needs a database: the one on screen. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import",
                                 !self->source_loading && AVA_IS_PG_ENGINE (self->engine));
}

static void ava_window_rebuild_presets (AvaWindow *self);
static void ava_window_rebuild_country_list (AvaWindow *self);

static void
source_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (AvaWindow)  self = g_weak_ref_get (user_data);
  g_autoptr (GError)     error = NULL;
  g_autoptr (SourceInfo) info = g_task_propagate_pointer (G_TASK (result), &error);

  g_weak_ref_clear (user_data);
  g_free (user_data);

  /* A newer source request replaced this one, or the window is gone. */
  if (self == NULL ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_task_get_cancellable (G_TASK (result)) != self->source_cancellable)
    return;

  self->source_loading = FALSE;

  if (info == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->main_stack, "error");
      ava_window_update_busy (self);
      ava_window_update_source_labels (self);
      return;
    }

  g_set_object (&self->engine, info->engine);
  g_clear_pointer (&self->report, ava_quality_report_free);
  self->report = g_steal_pointer (&info->report);
  g_clear_pointer (&self->all_countries, g_strfreev);
  self->all_countries = g_steal_pointer (&info->countries);
  self->has_data_range = info->has_range;
  self->data_first = info->first;
  self->data_last = info->last;

  gtk_stack_set_visible_child_name (self->main_stack, "dashboard");
  ava_window_update_source_labels (self);
  ava_window_rebuild_presets (self);
  ava_window_rebuild_country_list (self);
  ava_window_sync_filter_widgets (self);

  if (self->source_path != NULL && self->report != NULL)
    {
      g_autofree char *name = g_path_get_basename (self->source_path);
      g_autofree char *kept = ava_gui_format_count (self->report->kept_lines);
      g_autofree char *dupes = ava_gui_format_count (self->report->duplicates_dropped);
      g_autofree char *rejected = ava_gui_format_count (self->report->rejected);
      g_autofree char *text = NULL;
      AdwToast        *toast;

      /* Translators: a summary after opening a CSV file: file name, then counts */
      text = g_strdup_printf (_ ("%s: %s lines kept, %s duplicates dropped, %s rows rejected"),
                              name, kept, dupes, rejected);
      toast = adw_toast_new (text);
      adw_toast_set_timeout (toast, 8);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }

  ava_window_refresh (self);
  g_signal_emit (self, signals[SOURCE_LOADED], 0);
}

/* @name: (nullable): how to show an @engine source; never a secret */
static void
ava_window_start_source (AvaWindow  *self,
                         const char *path,
                         AvaEngine  *engine,
                         const char *name)
{
  g_autoptr (GTask) task = NULL;
  SourceRequest    *request = g_new0 (SourceRequest, 1);
  GWeakRef         *window_ref;

  request->path = g_strdup (path);
  request->engine = engine != NULL ? g_object_ref (engine) : NULL;

  if (!self->source_loading)
    {
      g_free (self->shown_path);
      self->shown_path = g_strdup (self->source_path);
      g_free (self->shown_name);
      self->shown_name = g_strdup (self->source_name);
    }
  g_free (self->source_path);
  self->source_path = g_strdup (path);
  g_free (self->source_name);
  self->source_name = g_strdup (name);

  g_cancellable_cancel (self->source_cancellable);
  g_clear_object (&self->source_cancellable);
  self->source_cancellable = g_cancellable_new ();
  self->source_loading = TRUE;

  ava_window_update_busy (self);
  gtk_stack_set_visible_child_name (self->main_stack, "dashboard");
  ava_window_update_source_labels (self);

  window_ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (window_ref, self);
  task = g_task_new (NULL, self->source_cancellable, source_done_cb, window_ref);
  g_task_set_source_tag (task, ava_window_start_source);
  g_task_set_task_data (task, request, (GDestroyNotify) source_request_free);
  g_task_run_in_thread (task, source_thread);
}

/**
 * ava_window_load_demo:
 * @self: a #AvaWindow
 *
 * Builds the demo data set and its offline engine on a worker thread; the
 * dashboard fills in when they are ready.
 */
void
ava_window_load_demo (AvaWindow *self)
{
  g_return_if_fail (AVA_IS_WINDOW (self));

  ava_window_start_source (self, NULL, NULL, NULL);
}

/**
 * ava_window_open_file:
 * @self: a #AvaWindow
 * @file: a CSV file, plain or gzip
 *
 * Loads @file into an offline engine on a worker thread, then shows its
 * quality summary in a toast.
 */
void
ava_window_open_file (AvaWindow *self,
                      GFile     *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (AVA_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      ava_window_add_toast (self, adw_toast_new (_ ("Only local files can be opened")));
      return;
    }

  ava_window_start_source (self, path, NULL, NULL);
}

/* For tests: use @engine as the source. */
void
ava_window_set_engine (AvaWindow  *self,
                       AvaEngine  *engine,
                       const char *source_name)
{
  g_return_if_fail (AVA_IS_WINDOW (self));
  g_return_if_fail (AVA_IS_ENGINE (engine));

  ava_window_start_source (self, NULL, engine, NULL);
}

/* }}} */
/* {{{ Queries */

/* Callbacks hold the window weakly: a closed window must not live on until
 * its last worker answers. */
typedef struct
{
  GWeakRef self;
  AvaSlot  slot;
  guint    generation;
  guint    serial;
} QueryCall;

static AvaQuery *
ava_window_build_query (AvaWindow *self,
                        AvaSlot    slot)
{
  static const AvaKpi kpis[AVA_N_SLOTS] = {
    [AVA_SLOT_OVERVIEW] = AVA_KPI_OVERVIEW,
    [AVA_SLOT_OVERVIEW_PREVIOUS] = AVA_KPI_OVERVIEW,
    [AVA_SLOT_MONTHLY] = AVA_KPI_MONTHLY_REVENUE,
    [AVA_SLOT_PRODUCTS] = AVA_KPI_TOP_PRODUCTS,
    [AVA_SLOT_CUSTOMERS] = AVA_KPI_TOP_CUSTOMERS,
    [AVA_SLOT_COUNTRIES] = AVA_KPI_BY_COUNTRY,
    [AVA_SLOT_COHORTS] = AVA_KPI_COHORTS,
  };
  AvaQuery *query = ava_query_with_kpi (self->filters, kpis[slot]);

  switch (slot)
    {
    case AVA_SLOT_OVERVIEW_PREVIOUS:
      {
        /* The period of equal length just before [from, to); without
         * bounds, the data's own range is the period. */
        gint64 from = query->has_from ? query->from : day_start (self->data_first);
        gint64 to = query->has_to ? query->to : day_start (self->data_last) + DAY_SECONDS;

        if (!self->has_data_range && !(query->has_from && query->has_to))
          {
            ava_query_free (query);
            return NULL;
          }
        query->has_from = query->has_to = TRUE;
        query->to = from;
        query->from = from - (to - from);
      }
      break;

    case AVA_SLOT_PRODUCTS:
      query->rank_by = self->rank_by;
      query->limit = AVA_WINDOW_TOP_PRODUCTS;
      break;

    case AVA_SLOT_CUSTOMERS:
      query->limit = G_MAXUINT; /* every customer: the page is a searchable list */
      break;

    default:
      break;
    }

  return query;
}

static void
card_set_money (AvaKpiCard *card,
                gint64      value)
{
  g_autofree char *text = ava_gui_format_money (value);

  ava_kpi_card_set_value (card, text);
}

static void
card_set_count (AvaKpiCard *card,
                gint64      value)
{
  g_autofree char *text = ava_gui_format_count (value);

  ava_kpi_card_set_value (card, text);
}

static void
ava_window_update_cards (AvaWindow *self)
{
  static const struct
  {
    const char *column;
    gboolean    money;
    int         good; /* +1: up is good news, -1: up is bad news */
  } card_columns[AVA_N_CARDS] = {
    [AVA_CARD_GROSS_REVENUE] = { "gross_revenue", TRUE, 1 },
    [AVA_CARD_ORDERS] = { "orders", FALSE, 1 },
    [AVA_CARD_AOV] = { "aov", TRUE, 1 },
    [AVA_CARD_CUSTOMERS] = { "customers", FALSE, 1 },
    [AVA_CARD_RETURNS] = { "returns", TRUE, -1 },
    [AVA_CARD_NET_REVENUE] = { "net_revenue", TRUE, 1 },
  };
  AvaResult *current = self->results[AVA_SLOT_OVERVIEW];
  AvaResult *previous = self->results[AVA_SLOT_OVERVIEW_PREVIOUS];

  for (guint i = 0; i < AVA_N_CARDS; i++)
    {
      int              column;
      gint64           value;
      g_autofree char *change = NULL;
      int              direction = 0;

      if (current == NULL || ava_result_get_n_rows (current) == 0)
        {
          ava_kpi_card_set_value (self->cards[i], NULL);
          ava_kpi_card_set_change (self->cards[i], NULL, 0);
          continue;
        }

      column = ava_result_find_column (current, card_columns[i].column);
      value = ava_result_get_integer (current, 0, column);
      if (card_columns[i].money)
        card_set_money (self->cards[i], value);
      else
        card_set_count (self->cards[i], value);

      if (previous != NULL && ava_result_get_n_rows (previous) > 0)
        {
          gint64 before = ava_result_get_integer (previous, 0, column);

          change = ava_gui_format_change (value, before);
          if (before != 0 && value != before)
            direction = (value > before ? 1 : -1) * card_columns[i].good;
        }
      ava_kpi_card_set_change (self->cards[i], change, direction);
    }
}

static void
ava_window_update_customers_count (AvaWindow *self)
{
  AvaResult       *result = self->results[AVA_SLOT_CUSTOMERS];
  guint            n = result != NULL ? ava_result_get_n_rows (result) : 0;
  g_autofree char *count = ava_gui_format_count (n);
  g_autofree char *text = NULL;

  /* Translators: %s is a number of customers */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s customer", "%s customers", n), count);
  gtk_label_set_text (self->customers_count_label, text);
}

static void
ava_window_apply_slot (AvaWindow *self,
                       AvaSlot    slot)
{
  AvaResult *result = self->results[slot];

  switch (slot)
    {
    case AVA_SLOT_OVERVIEW:
    case AVA_SLOT_OVERVIEW_PREVIOUS:
      ava_window_update_cards (self);
      break;

    case AVA_SLOT_MONTHLY:
      ava_chart_card_set_result (self->monthly_card, result);
      break;

    case AVA_SLOT_PRODUCTS:
      ava_chart_card_set_metric (self->products_card, self->rank_by == AVA_RANK_BY_REVENUE ? "revenue" : "units");
      ava_chart_card_set_result (self->products_card, result);
      ava_result_table_set_result (self->products_table, result);
      break;

    case AVA_SLOT_CUSTOMERS:
      ava_result_table_set_result (self->customers_table, result);
      ava_window_update_customers_count (self);
      break;

    case AVA_SLOT_COUNTRIES:
      ava_chart_card_set_result (self->countries_map_card, result);
      ava_chart_card_set_result (self->countries_bar_card, result);
      ava_result_table_set_result (self->countries_table, result);
      break;

    case AVA_SLOT_COHORTS:
      ava_chart_card_set_result (self->cohorts_card, result);
      break;

    case AVA_N_SLOTS:
    default:
      g_assert_not_reached ();
    }
}

static void
ava_window_query_finished (AvaWindow *self)
{
  g_assert (self->n_pending > 0);

  if (--self->n_pending == 0)
    {
      ava_window_update_busy (self);
#ifdef __GLIBC__
      /* The engine's workers free large selections; glibc keeps freed
       * memory in their arenas (about 12 MB on the demo). Give it back
       * when a refresh is done; this takes about a millisecond. */
      malloc_trim (0);
#endif
      g_debug ("Refresh %u done in %.1f ms", self->generation,
               (g_get_monotonic_time () - self->refresh_started_at) / 1000.0);
      g_signal_emit (self, signals[REFRESHED], 0);
    }
}

static void
query_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  QueryCall            *call = user_data;
  g_autoptr (AvaWindow) self = g_weak_ref_get (&call->self);
  g_autoptr (GError)    error = NULL;
  g_autoptr (AvaResult) answer = ava_engine_query_finish (AVA_ENGINE (object), result, &error);

  /* Late: a newer refresh (or the same query again) has replaced it. The
   * cancellable usually catches this first; the counters make sure. */
  if (self == NULL || call->generation != self->generation || call->serial != self->slot_serial[call->slot])
    {
      g_debug ("Dropping a stale result for slot %d", call->slot);
      if (self != NULL)
        self->n_stale_dropped++;
      goto out;
    }

  if (answer == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = NULL;
          AdwToast        *toast;

          /* Translators: %s is the error message */
          text = g_strdup_printf (_ ("Could not compute the dashboard: %s"), error->message);
          toast = adw_toast_new (text);
          adw_toast_set_button_label (toast, _ ("_Retry"));
          adw_toast_set_action_name (toast, "win.refresh");
          adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
          adw_toast_overlay_add_toast (self->toast_overlay, toast);
        }
    }
  else
    {
      gint64 start = g_get_monotonic_time ();

      g_set_object (&self->results[call->slot], answer);
      ava_window_apply_slot (self, call->slot);
      g_debug ("Slot %d shown in %.1f ms", call->slot, (g_get_monotonic_time () - start) / 1000.0);
    }

  ava_window_query_finished (self);

out:
  g_weak_ref_clear (&call->self);
  g_free (call);
}

static void
ava_window_start_query (AvaWindow *self,
                        AvaSlot    slot)
{
  g_autoptr (AvaQuery) query = ava_window_build_query (self, slot);
  QueryCall           *call;

  /* Whatever was in flight for this slot is stale from now on. */
  self->slot_serial[slot]++;

  if (query == NULL)
    {
      g_clear_object (&self->results[slot]);
      ava_window_apply_slot (self, slot);
      return;
    }

  call = g_new0 (QueryCall, 1);
  g_weak_ref_init (&call->self, self);
  call->slot = slot;
  call->generation = self->generation;
  call->serial = self->slot_serial[slot];

  self->n_pending++;
  ava_window_update_busy (self);
  ava_engine_query_async (self->engine, query, self->refresh_cancellable, query_done_cb, call);
}

/**
 * ava_window_refresh:
 * @self: a #AvaWindow
 *
 * Runs every query of the dashboard again, cancelling the previous refresh.
 * The current numbers stay on screen until the new ones arrive.
 */
void
ava_window_refresh (AvaWindow *self)
{
  g_return_if_fail (AVA_IS_WINDOW (self));

  if (self->engine == NULL || self->source_loading)
    return;

  g_cancellable_cancel (self->refresh_cancellable);
  g_clear_object (&self->refresh_cancellable);
  self->refresh_cancellable = g_cancellable_new ();
  self->generation++;
  self->n_pending = 0;
  self->refresh_started_at = g_get_monotonic_time ();

  /* The previous period goes last. Engines may cache the lines one filter
   * selects (the offline engine keeps one selection): asked between two
   * queries of the current filters, it made them select twice more. */
  for (guint slot = 0; slot < AVA_N_SLOTS; slot++)
    if (slot != AVA_SLOT_OVERVIEW_PREVIOUS)
      ava_window_start_query (self, slot);
  ava_window_start_query (self, AVA_SLOT_OVERVIEW_PREVIOUS);
}

/* }}} */
/* {{{ Filters */

static gboolean
filters_equal (const AvaQuery *a,
               const AvaQuery *b)
{
  g_autoptr (AvaQuery) b_as_a = ava_query_with_kpi (b, a->kpi);

  b_as_a->rank_by = a->rank_by;
  b_as_a->limit = a->limit;
  return ava_query_equal (a, b_as_a);
}

static void
ava_window_apply_filters (AvaWindow      *self,
                          const AvaQuery *filters,
                          gboolean        cross)
{
  if (filters_equal (self->filters, filters))
    return;

  if (cross)
    {
      if (self->filters_before_cross == NULL)
        self->filters_before_cross = ava_query_copy (self->filters);
    }
  else
    {
      /* A change made by hand is the new baseline. */
      g_clear_pointer (&self->filters_before_cross, ava_query_free);
    }

  ava_query_free (self->filters);
  self->filters = ava_query_copy (filters);

  ava_window_sync_filter_widgets (self);
  ava_window_refresh (self);
}

/* For tests and actions: replace every filter. */
void
ava_window_set_filters (AvaWindow      *self,
                        const AvaQuery *filters)
{
  g_return_if_fail (AVA_IS_WINDOW (self));
  g_return_if_fail (filters != NULL);

  ava_window_apply_filters (self, filters, FALSE);
}

/**
 * ava_window_cross_filter_country:
 * @self: a #AvaWindow
 * @country: a country name
 *
 * Filters the whole dashboard to @country, as a click on the map does.
 * Escape (win.clear-cross-filter) goes back.
 */
void
ava_window_cross_filter_country (AvaWindow  *self,
                                 const char *country)
{
  g_autoptr (AvaQuery) filters = NULL;
  const char          *countries[] = { country, NULL };

  g_return_if_fail (AVA_IS_WINDOW (self));
  g_return_if_fail (country != NULL);

  filters = ava_query_copy (self->filters);
  g_strfreev (filters->countries);
  filters->countries = g_strdupv ((GStrv) countries);
  ava_window_apply_filters (self, filters, TRUE);
}

static void
ava_window_cross_filter_customer (AvaWindow *self,
                                  gint64     customer_id)
{
  g_autoptr (AvaQuery) filters = ava_query_copy (self->filters);

  filters->has_customer = TRUE;
  filters->customer_id = customer_id;
  ava_window_apply_filters (self, filters, TRUE);
}

static void
ava_window_cross_filter_month (AvaWindow *self,
                               int        month)
{
  g_autoptr (AvaQuery) filters = ava_query_copy (self->filters);

  filters->has_from = filters->has_to = TRUE;
  filters->from = month_start (month);
  filters->to = month_start (month + 1);
  ava_window_apply_filters (self, filters, TRUE);
}

static void
ava_window_add_preset (AvaWindow  *self,
                       const char *label,
                       gboolean    has_from,
                       gint64      from,
                       gboolean    has_to,
                       gint64      to)
{
  PresetRange preset = { has_from, from, has_to, to };

  g_array_append_val (self->presets, preset);
  gtk_string_list_append (self->preset_list, label);
}

static void
ava_window_rebuild_presets (AvaWindow *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->preset_list));

  self->syncing = TRUE;
  gtk_string_list_splice (self->preset_list, 0, n_items, NULL);
  g_array_set_size (self->presets, 0);

  ava_window_add_preset (self, _ ("All Dates"), FALSE, 0, FALSE, 0);

  if (self->has_data_range)
    {
      gint64 end = day_start (self->data_last) + DAY_SECONDS;
      int    first_year, last_year, month, day, hour, minute, second;
      int    first_quarter, last_quarter;

      ava_window_add_preset (self, _ ("Last 30 Days"), TRUE, end - 30 * DAY_SECONDS, TRUE, end);
      ava_window_add_preset (self, _ ("Last 90 Days"), TRUE, end - 90 * DAY_SECONDS, TRUE, end);

      ava_timestamp_to_civil (self->data_first, &first_year, &month, &day, &hour, &minute, &second);
      first_quarter = first_year * 4 + (month - 1) / 3;
      ava_timestamp_to_civil (self->data_last, &last_year, &month, &day, &hour, &minute, &second);
      last_quarter = last_year * 4 + (month - 1) / 3;

      for (int year = last_year; year >= first_year; year--)
        {
          g_autofree char *label = g_strdup_printf ("%d", year);

          ava_window_add_preset (self, label,
                                 TRUE, ava_timestamp_from_civil (year, 1, 1, 0, 0, 0),
                                 TRUE, ava_timestamp_from_civil (year + 1, 1, 1, 0, 0, 0));
        }

      /* The last four quarters of the data. */
      for (int quarter = last_quarter; quarter >= MAX (first_quarter, last_quarter - 3); quarter--)
        {
          int              year = quarter / 4;
          int              q = quarter % 4;
          g_autofree char *label = NULL;

          /* Translators: a calendar quarter, e.g. "Q4 2011" */
          label = g_strdup_printf (_ ("Q%d %d"), q + 1, year);
          ava_window_add_preset (self, label,
                                 TRUE, ava_timestamp_from_civil (year, q * 3 + 1, 1, 0, 0, 0),
                                 TRUE, month_start (year * 12 + q * 3 + 3));
        }
    }

  ava_window_add_preset (self, _ ("Custom Dates"), FALSE, 0, FALSE, 0);
  self->syncing = FALSE;
}

static void
country_toggled_cb (GtkCheckButton *button,
                    AvaWindow      *self)
{
  g_autoptr (AvaQuery)  filters = NULL;
  g_autoptr (GPtrArray) selected = g_ptr_array_new ();

  if (self->syncing)
    return;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->country_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        g_ptr_array_add (selected, (gpointer) g_object_get_data (G_OBJECT (check), "country"));
    }
  g_ptr_array_add (selected, NULL);

  filters = ava_query_copy (self->filters);
  g_clear_pointer (&filters->countries, g_strfreev);
  if (selected->len > 1)
    filters->countries = g_strdupv ((GStrv) selected->pdata);
  ava_window_apply_filters (self, filters, FALSE);
}

static gboolean
country_filter_func (GtkListBoxRow *row,
                     gpointer       user_data)
{
  AvaWindow       *self = user_data;
  const char      *text = gtk_editable_get_text (GTK_EDITABLE (self->country_search));
  const char      *country = g_object_get_data (G_OBJECT (gtk_list_box_row_get_child (row)), "country");
  g_autofree char *folded_text = g_utf8_casefold (text, -1);
  g_autofree char *folded_country = g_utf8_casefold (country, -1);

  return strstr (folded_country, folded_text) != NULL;
}

static void
country_search_changed_cb (AvaWindow *self)
{
  gtk_list_box_invalidate_filter (self->country_list);
}

static void
ava_window_rebuild_country_list (AvaWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->country_list))) != NULL)
    gtk_list_box_remove (self->country_list, child);

  for (guint i = 0; self->all_countries != NULL && self->all_countries[i] != NULL; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (self->all_countries[i]);

      g_object_set_data_full (G_OBJECT (check), "country", g_strdup (self->all_countries[i]), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (country_toggled_cb), self);
      gtk_list_box_append (self->country_list, check);
    }
}

static GtkWidget *
create_chip (const char *text,
             const char *action_name,
             GVariant   *target)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

  gtk_box_append (GTK_BOX (box), gtk_label_new (text));
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("window-close-symbolic"));
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "chip");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _ ("Remove this filter"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);

  return button;
}

static void
ava_window_rebuild_chips (AvaWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chips_box))) != NULL)
    gtk_box_remove (self->chips_box, child);

  for (guint i = 0; self->filters->countries != NULL && self->filters->countries[i] != NULL; i++)
    {
      g_autofree char *text = NULL;

      /* Translators: a removable filter chip; %s is a country name */
      text = g_strdup_printf (_ ("Country: %s"), self->filters->countries[i]);
      gtk_box_append (self->chips_box, create_chip (text, "win.remove-country", g_variant_new_string (self->filters->countries[i])));
    }

  if (self->filters->has_customer)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, self->filters->customer_id);
      g_autofree char *text = NULL;

      /* Translators: a removable filter chip; %s is a customer id */
      text = g_strdup_printf (_ ("Customer: %s"), id);
      gtk_box_append (self->chips_box, create_chip (text, "win.remove-customer", NULL));
    }
}

static gboolean
ava_window_find_preset (AvaWindow *self,
                        guint     *out_index)
{
  /* The last preset is "Custom Dates", which matches nothing. */
  for (guint i = 0; i + 1 < self->presets->len; i++)
    {
      const PresetRange *preset = &g_array_index (self->presets, PresetRange, i);

      if (preset->has_from == self->filters->has_from &&
          preset->has_to == self->filters->has_to &&
          (!preset->has_from || preset->from == self->filters->from) &&
          (!preset->has_to || preset->to == self->filters->to))
        {
          *out_index = i;
          return TRUE;
        }
    }

  return FALSE;
}

static void
calendar_select (GtkCalendar *calendar,
                 gint64       timestamp)
{
  int                   year, month, day, hour, minute, second;
  g_autoptr (GDateTime) date = NULL;

  ava_timestamp_to_civil (timestamp, &year, &month, &day, &hour, &minute, &second);
  date = g_date_time_new_local (year, month, day, 12, 0, 0);
  gtk_calendar_select_day (calendar, date);
}

static void
ava_window_sync_filter_widgets (AvaWindow *self)
{
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *countries_text = NULL;
  guint            n_countries = self->filters->countries != NULL ? g_strv_length (self->filters->countries) : 0;
  guint            preset;
  gint64           from, to;

  self->syncing = TRUE;

  if (ava_window_find_preset (self, &preset))
    gtk_drop_down_set_selected (self->preset_dropdown, preset);
  else if (self->presets->len > 0)
    gtk_drop_down_set_selected (self->preset_dropdown, self->presets->len - 1);

  from = self->filters->has_from ? self->filters->from : self->data_first;
  /* `to` is exclusive; the calendar shows the last day included. */
  to = self->filters->has_to ? self->filters->to - 1 : self->data_last;
  if (self->filters->has_from || self->has_data_range)
    {
      g_autofree char *day = format_day (from);

      /* Translators: the first day of the date filter */
      from_text = g_strdup_printf (_ ("From %s"), day);
      calendar_select (self->from_calendar, from);
    }
  if (self->filters->has_to || self->has_data_range)
    {
      g_autofree char *day = format_day (to);

      /* Translators: the last day of the date filter, included */
      to_text = g_strdup_printf (_ ("To %s"), day);
      calendar_select (self->to_calendar, to);
    }
  gtk_menu_button_set_label (self->from_button, from_text != NULL ? from_text : _ ("From"));
  gtk_menu_button_set_label (self->to_button, to_text != NULL ? to_text : _ ("To"));

  if (n_countries == 0)
    countries_text = g_strdup (_ ("All Countries"));
  else if (n_countries == 1)
    countries_text = g_strdup (self->filters->countries[0]);
  else
    /* Translators: the country filter button; %u is a number of countries */
    countries_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Country", "%u Countries", n_countries), n_countries);
  gtk_menu_button_set_label (self->countries_button, countries_text);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->country_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget  *check = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
      const char *country = g_object_get_data (G_OBJECT (check), "country");

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   self->filters->countries != NULL &&
                                     g_strv_contains ((const char *const *) self->filters->countries, country));
    }

  if (self->filters->has_customer)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, self->filters->customer_id);

      gtk_editable_set_text (GTK_EDITABLE (self->customer_entry), text);
    }
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self->customer_entry), "");
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->customer_entry), "error");

  ava_window_rebuild_chips (self);

  self->syncing = FALSE;
}

static void
preset_selected_cb (AvaWindow *self)
{
  guint                selected = gtk_drop_down_get_selected (self->preset_dropdown);
  g_autoptr (AvaQuery) filters = NULL;
  const PresetRange   *preset;

  /* "Custom Dates" is where the calendars lead, not a range of its own. */
  if (self->syncing || selected == GTK_INVALID_LIST_POSITION || selected + 1 >= self->presets->len)
    return;

  preset = &g_array_index (self->presets, PresetRange, selected);
  filters = ava_query_copy (self->filters);
  filters->has_from = preset->has_from;
  filters->from = preset->from;
  filters->has_to = preset->has_to;
  filters->to = preset->to;
  ava_window_apply_filters (self, filters, FALSE);
}

static gint64
calendar_get_day (GtkCalendar *calendar)
{
  g_autoptr (GDateTime) date = gtk_calendar_get_date (calendar);
  int                   year, month, day;

  g_date_time_get_ymd (date, &year, &month, &day);
  return ava_timestamp_from_civil (year, month, day, 0, 0, 0);
}

static void
from_day_selected_cb (AvaWindow *self)
{
  g_autoptr (AvaQuery) filters = NULL;

  if (self->syncing)
    return;

  filters = ava_query_copy (self->filters);
  filters->has_from = TRUE;
  filters->from = calendar_get_day (self->from_calendar);
  ava_window_apply_filters (self, filters, FALSE);
}

static void
to_day_selected_cb (AvaWindow *self)
{
  g_autoptr (AvaQuery) filters = NULL;

  if (self->syncing)
    return;

  filters = ava_query_copy (self->filters);
  filters->has_to = TRUE;
  filters->to = calendar_get_day (self->to_calendar) + DAY_SECONDS;
  ava_window_apply_filters (self, filters, FALSE);
}

static void
customer_entry_activate_cb (AvaWindow *self)
{
  const char          *text = gtk_editable_get_text (GTK_EDITABLE (self->customer_entry));
  g_autoptr (AvaQuery) filters = ava_query_copy (self->filters);
  g_autofree char     *stripped = g_strstrip (g_strdup (text));
  guint64              customer_id;

  if (stripped[0] == '\0')
    {
      filters->has_customer = FALSE;
    }
  else if (g_ascii_string_to_unsigned (stripped, 10, 0, G_MAXINT64, &customer_id, NULL))
    {
      filters->has_customer = TRUE;
      filters->customer_id = (gint64) customer_id;
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->customer_entry), "error");
      ava_window_add_toast (self, adw_toast_new (_ ("A customer ID is a whole number")));
      return;
    }

  ava_window_apply_filters (self, filters, FALSE);
}

static void
customer_search_changed_cb (AvaWindow *self)
{
  ava_result_table_set_filter_text (self->customers_table, gtk_editable_get_text (GTK_EDITABLE (self->customer_search)));
}

/* }}} */
/* {{{ Cross-filter sources */

static const char *
result_text (AvaResult  *result,
             int         row,
             const char *column)
{
  int c = result != NULL ? ava_result_find_column (result, column) : -1;

  if (c < 0 || row < 0 || (guint) row >= ava_result_get_n_rows (result))
    return NULL;
  return ava_result_get_text (result, row, c);
}

static void
country_item_activated_cb (AvaChartView *view,
                           int           item,
                           AvaWindow    *self)
{
  AvaChart   *chart = ava_chart_view_get_chart (view);
  const char *country = chart != NULL ? result_text (ava_chart_get_result (chart), item, "country") : NULL;

  if (country != NULL)
    ava_window_cross_filter_country (self, country);
}

static void
month_item_activated_cb (AvaChartView *view,
                         int           item,
                         AvaWindow    *self)
{
  AvaChart  *chart = ava_chart_view_get_chart (view);
  AvaResult *result = chart != NULL ? ava_chart_get_result (chart) : NULL;

  if (result != NULL && item >= 0 && (guint) item < ava_result_get_n_rows (result))
    ava_window_cross_filter_month (self, (int) ava_result_get_integer (result, item, 0));
}

static void
country_row_activated_cb (GtkColumnView *view,
                          guint          position,
                          AvaWindow     *self)
{
  g_autoptr (AvaResultRow) row = g_list_model_get_item (ava_result_table_get_model (self->countries_table), position);
  const char              *country;

  if (row == NULL)
    return;
  country = result_text (ava_result_row_get_result (row), ava_result_row_get_row (row), "country");
  if (country != NULL)
    ava_window_cross_filter_country (self, country);
}

static void
customer_row_activated_cb (GtkColumnView *view,
                           guint          position,
                           AvaWindow     *self)
{
  g_autoptr (AvaResultRow) row = g_list_model_get_item (ava_result_table_get_model (self->customers_table), position);
  AvaResult               *result;

  if (row == NULL)
    return;
  result = ava_result_row_get_result (row);
  ava_window_cross_filter_customer (self, ava_result_get_integer (result, ava_result_row_get_row (row), ava_result_find_column (result, "customer_id")));
}

/* }}} */
/* {{{ Actions */

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ava_window_refresh (AVA_WINDOW (widget));
}

static void
retry_source_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AvaWindow       *self = AVA_WINDOW (widget);
  g_autofree char *path = g_strdup (self->source_path);
  g_autofree char *name = g_strdup (self->source_name);

  ava_window_start_source (self, path, path == NULL ? self->engine : NULL, name);
}

static void
load_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ava_window_load_demo (AVA_WINDOW (widget));
}

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  AvaWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      ava_window_open_file (self, file);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AvaWindow                *self = AVA_WINDOW (widget);
  GtkFileChooserNative     *dialog;
  g_autoptr (GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_ ("Open Sales Data"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Open"), _ ("_Cancel"));

  gtk_file_filter_set_name (csv, _ ("CSV files"));
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_filter_add_pattern (csv, "*.CSV");
  gtk_file_filter_add_pattern (csv, "*.csv.gz");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), csv);
  gtk_file_filter_set_name (all, _ ("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
connected_cb (AvaConnectionDialog *dialog,
              AvaEngine           *engine,
              const char          *description,
              AvaWindow           *self)
{
  /* The usual source path: countries and date range on a worker, then the
   * first refresh. */
  ava_window_start_source (self, NULL, engine, description);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AvaWindow *self = AVA_WINDOW (widget);

  if (self->connection_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->connection_dialog));
      return;
    }

  self->connection_dialog = AVA_CONNECTION_DIALOG (ava_connection_dialog_new (GTK_WINDOW (self), self->settings));
  g_object_add_weak_pointer (G_OBJECT (self->connection_dialog), (gpointer *) &self->connection_dialog);
  g_signal_connect_object (self->connection_dialog, "connected", G_CALLBACK (connected_cb), self, 0);
  gtk_window_present (GTK_WINDOW (self->connection_dialog));
}

static void
imported_cb (AvaImportDialog *dialog,
             AvaWindow       *self)
{
  g_autofree char *name = g_strdup (self->source_name);

  /* New lines may widen the data range and add countries: reload those
   * with the dashboard, from the same engine. */
  ava_window_start_source (self, NULL, self->engine, name);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AvaWindow       *self = AVA_WINDOW (widget);
  g_autofree char *conninfo = NULL;

  if (self->import_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->import_dialog));
      return;
    }

  /* Enabled only for a database (ava_window_update_source_labels). */
  conninfo = ava_pg_engine_dup_conninfo (AVA_PG_ENGINE (self->engine));
  self->import_dialog = AVA_IMPORT_DIALOG (ava_import_dialog_new (GTK_WINDOW (self), conninfo, self->source_name));
  g_object_add_weak_pointer (G_OBJECT (self->import_dialog), (gpointer *) &self->import_dialog);
  g_signal_connect_object (self->import_dialog, "imported", G_CALLBACK (imported_cb), self, 0);
  gtk_window_present (GTK_WINDOW (self->import_dialog));
}

/* Stops the source load or the refresh in flight; the engine passes the
 * cancel on to the server. Whatever is on screen stays. */
static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AvaWindow *self = AVA_WINDOW (widget);
  gboolean   loading = self->source_loading;
  gboolean   refreshing = self->n_pending > 0;

  if (!loading && !refreshing)
    return;

  if (loading)
    {
      g_cancellable_cancel (self->source_cancellable);
      g_clear_object (&self->source_cancellable);
      self->source_loading = FALSE;
      if (self->engine != NULL)
        {
          g_free (self->source_path);
          self->source_path = g_steal_pointer (&self->shown_path);
          g_free (self->source_name);
          self->source_name = g_steal_pointer (&self->shown_name);
        }
      else
        {
          /* Nothing to go back to: offer to load it again. */
          adw_status_page_set_description (self->error_page, _ ("Loading was stopped."));
          gtk_stack_set_visible_child_name (self->main_stack, "error");
        }
      ava_window_update_source_labels (self);
    }

  if (refreshing)
    {
      /* Late answers carry an old generation and are dropped. */
      g_cancellable_cancel (self->refresh_cancellable);
      g_clear_object (&self->refresh_cancellable);
      self->refresh_cancellable = g_cancellable_new ();
      self->generation++;
      self->n_pending = 0;
    }

  ava_window_update_busy (self);
  if (self->engine != NULL)
    ava_window_add_toast (self, adw_toast_new (_ ("Stopped; showing the previous results")));
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AvaWindow  *self = AVA_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

static void
focus_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AvaWindow *self = AVA_WINDOW (widget);

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "customers") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->customer_search));
  else
    gtk_menu_button_popup (self->countries_button);
}

static void
clear_cross_filter_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  AvaWindow           *self = AVA_WINDOW (widget);
  g_autoptr (AvaQuery) filters = NULL;

  if (self->filters_before_cross != NULL)
    {
      filters = g_steal_pointer (&self->filters_before_cross);
    }
  else
    {
      /* Nothing clicked: Escape drops the country and customer filters. */
      filters = ava_query_copy (self->filters);
      g_clear_pointer (&filters->countries, g_strfreev);
      filters->has_customer = FALSE;
    }

  ava_window_apply_filters (self, filters, FALSE);
}

static void
clear_countries_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AvaWindow           *self = AVA_WINDOW (widget);
  g_autoptr (AvaQuery) filters = ava_query_copy (self->filters);

  g_clear_pointer (&filters->countries, g_strfreev);
  ava_window_apply_filters (self, filters, FALSE);
}

static void
remove_country_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AvaWindow            *self = AVA_WINDOW (widget);
  const char           *country = g_variant_get_string (parameter, NULL);
  g_autoptr (AvaQuery)  filters = ava_query_copy (self->filters);
  g_autoptr (GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; filters->countries != NULL && filters->countries[i] != NULL; i++)
    if (!g_str_equal (filters->countries[i], country))
      g_ptr_array_add (kept, filters->countries[i]);
  g_ptr_array_add (kept, NULL);

  /* Removing the chip of a click is the same as going back. */
  if (self->filters_before_cross != NULL && kept->len == 1 && !filters->has_customer)
    {
      clear_cross_filter_action (widget, action_name, NULL);
      return;
    }

  {
    GStrv countries = kept->len > 1 ? g_strdupv ((GStrv) kept->pdata) : NULL;

    /* kept points into the old list: copy before freeing it. */
    g_strfreev (filters->countries);
    filters->countries = countries;
  }
  ava_window_apply_filters (self, filters, FALSE);
}

static void
remove_customer_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AvaWindow           *self = AVA_WINDOW (widget);
  g_autoptr (AvaQuery) filters = ava_query_copy (self->filters);

  filters->has_customer = FALSE;
  ava_window_apply_filters (self, filters, FALSE);
}

static void
cross_filter_country_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  ava_window_cross_filter_country (AVA_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* }}} */
/* {{{ State */

static GSettings *
ava_window_create_settings (void)
{
  GSettingsSchemaSource      *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  /* g_settings_new() aborts on a missing schema. Running the binary
   * uninstalled without `meson devenv` is a developer mistake, not a reason
   * to crash, so keep working without persistence instead. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  if (schema == NULL)
    {
      g_warning ("GSettings schema %s is not installed; window state will not be saved "
                 "(run uninstalled builds through `meson devenv`)",
                 APP_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static gboolean
settings_get_maybe_int64 (GSettings  *settings,
                          const char *key,
                          gint64     *out_value)
{
  g_autoptr (GVariant) value = g_settings_get_value (settings, key);
  g_autoptr (GVariant) child = g_variant_get_maybe (value);

  if (child == NULL)
    return FALSE;
  *out_value = g_variant_get_int64 (child);
  return TRUE;
}

static void
settings_set_maybe_int64 (GSettings  *settings,
                          const char *key,
                          gboolean    has_value,
                          gint64      value)
{
  g_settings_set_value (settings, key,
                        g_variant_new_maybe (G_VARIANT_TYPE_INT64,
                                             has_value ? g_variant_new_int64 (value) : NULL));
}

static void
ava_window_restore_state (AvaWindow *self)
{
  g_auto (GStrv)   countries = NULL;
  g_autofree char *page = NULL;
  g_autofree char *rank_by = NULL;
  int              width;
  int              height;

  if (self->settings == NULL)
    return;

  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  page = g_settings_get_string (self->settings, "last-page");
  if (page[0] != '\0' && adw_view_stack_get_child_by_name (self->view_stack, page) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, page);

  self->filters->has_from = settings_get_maybe_int64 (self->settings, "filter-from", &self->filters->from);
  self->filters->has_to = settings_get_maybe_int64 (self->settings, "filter-to", &self->filters->to);
  self->filters->has_customer = settings_get_maybe_int64 (self->settings, "filter-customer", &self->filters->customer_id);
  countries = g_settings_get_strv (self->settings, "filter-countries");
  if (countries[0] != NULL)
    self->filters->countries = g_steal_pointer (&countries);

  rank_by = g_settings_get_string (self->settings, "rank-products-by");
  self->rank_by = g_str_equal (rank_by, "revenue") ? AVA_RANK_BY_REVENUE : AVA_RANK_BY_UNITS;
}

static void
ava_window_save_state (AvaWindow *self)
{
  gboolean maximized;

  if (self->settings == NULL)
    return;

  maximized = gtk_window_is_maximized (GTK_WINDOW (self));

  /* Write all keys in one change set so dconf sees a single update. */
  g_settings_delay (self->settings);

  /* A maximized window reports the monitor size; keep the size the user
   * chose so unmaximizing after a restart restores it. */
  if (!maximized)
    {
      int width;
      int height;

      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

      /* -1 means "natural size"; do not persist that. */
      if (width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }

  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  g_settings_set_string (self->settings, "last-page", adw_view_stack_get_visible_child_name (self->view_stack));

  /* A cross-filter is a moment of exploration; remember the baseline. */
  {
    const AvaQuery *filters = self->filters_before_cross != NULL ? self->filters_before_cross : self->filters;
    const char     *none[] = { NULL };

    settings_set_maybe_int64 (self->settings, "filter-from", filters->has_from, filters->from);
    settings_set_maybe_int64 (self->settings, "filter-to", filters->has_to, filters->to);
    settings_set_maybe_int64 (self->settings, "filter-customer", filters->has_customer, filters->customer_id);
    g_settings_set_strv (self->settings, "filter-countries",
                         filters->countries != NULL ? (const char *const *) filters->countries : none);
  }
  g_settings_set_string (self->settings, "rank-products-by", self->rank_by == AVA_RANK_BY_REVENUE ? "revenue" : "units");

  g_settings_apply (self->settings);
}

static void
page_changed_cb (AvaWindow *self)
{
  /* Nothing to do yet: the page is saved on close. Kept as the hook for
   * lazily refreshing hidden pages. */
}

/* }}} */
/* {{{ GObject */

static gboolean
ava_window_close_request (GtkWindow *window)
{
  AvaWindow *self = AVA_WINDOW (window);

  ava_window_save_state (self);

  if (GTK_WINDOW_CLASS (ava_window_parent_class)->close_request != NULL)
    return GTK_WINDOW_CLASS (ava_window_parent_class)->close_request (window);

  return GDK_EVENT_PROPAGATE;
}

static void
ava_window_dispose (GObject *object)
{
  AvaWindow *self = AVA_WINDOW (object);

  /* Stop the workers; callbacks still to come see a new generation and
   * drop their results. */
  g_cancellable_cancel (self->refresh_cancellable);
  g_cancellable_cancel (self->source_cancellable);
  self->generation++;

  if (self->connection_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->connection_dialog), (gpointer *) &self->connection_dialog);
      gtk_window_destroy (GTK_WINDOW (self->connection_dialog));
      self->connection_dialog = NULL;
    }
  if (self->import_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->import_dialog), (gpointer *) &self->import_dialog);
      gtk_window_destroy (GTK_WINDOW (self->import_dialog));
      self->import_dialog = NULL;
    }

  ava_window_dispose_export (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), AVA_TYPE_WINDOW);

  g_clear_object (&self->refresh_cancellable);
  g_clear_object (&self->source_cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->engine);
  for (guint i = 0; i < AVA_N_SLOTS; i++)
    g_clear_object (&self->results[i]);

  G_OBJECT_CLASS (ava_window_parent_class)->dispose (object);
}

static void
ava_window_finalize (GObject *object)
{
  AvaWindow *self = AVA_WINDOW (object);

  g_clear_pointer (&self->report, ava_quality_report_free);
  g_clear_pointer (&self->source_path, g_free);
  g_clear_pointer (&self->source_name, g_free);
  g_clear_pointer (&self->shown_path, g_free);
  g_clear_pointer (&self->shown_name, g_free);
  g_clear_pointer (&self->all_countries, g_strfreev);
  g_clear_pointer (&self->filters, ava_query_free);
  g_clear_pointer (&self->filters_before_cross, ava_query_free);
  g_clear_pointer (&self->presets, g_array_unref);

  G_OBJECT_CLASS (ava_window_parent_class)->finalize (object);
}

static void
ava_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  AvaWindow *self = AVA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_RANK_BY:
      g_value_set_string (value, self->rank_by == AVA_RANK_BY_REVENUE ? "revenue" : "units");
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ava_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  AvaWindow *self = AVA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_RANK_BY:
      {
        AvaRankBy rank_by = g_strcmp0 (g_value_get_string (value), "revenue") == 0 ? AVA_RANK_BY_REVENUE : AVA_RANK_BY_UNITS;

        if (rank_by == self->rank_by)
          return;
        self->rank_by = rank_by;
        /* Only the ranking changes: re-run that one query. */
        if (self->engine != NULL && !self->source_loading && self->refresh_cancellable != NULL)
          ava_window_start_query (self, AVA_SLOT_PRODUCTS);
        g_object_notify_by_pspec (object, pspec);
      }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ava_window_class_init (AvaWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ava_window_dispose;
  object_class->finalize = ava_window_finalize;
  object_class->get_property = ava_window_get_property;
  object_class->set_property = ava_window_set_property;

  window_class->close_request = ava_window_close_request;

  properties[PROP_RANK_BY] =
    g_param_spec_string ("rank-by", NULL, NULL,
                         "units",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AvaWindow::source-loaded:
   *
   * A data source is ready; its first refresh has started.
   */
  signals[SOURCE_LOADED] =
    g_signal_new ("source-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * AvaWindow::refreshed:
   *
   * Every query of the current refresh has answered and is on screen.
   */
  signals[REFRESHED] =
    g_signal_new ("refreshed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  ava_gui_ensure_resources ();

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ava-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, cards_grid);
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, chips_box);
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, cohorts_box);
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, countries_box);
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, countries_button);
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, country_list);
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, country_search);
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, customer_entry);
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, customer_search);
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, customers_box);
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, customers_count_label);
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, from_button);
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, from_calendar);
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, overview_box);
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, preset_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, preset_list);
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, products_box);
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, source_label);
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, stop_button);
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, to_button);
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, to_calendar);
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AvaWindow, view_stack);
  gtk_widget_class_bind_template_callback (widget_class, country_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, customer_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, customer_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, from_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, to_day_selected_cb);

  gtk_widget_class_install_action (widget_class, "win.clear-countries", NULL, clear_countries_action);
  gtk_widget_class_install_action (widget_class, "win.clear-cross-filter", NULL, clear_cross_filter_action);
  gtk_widget_class_install_action (widget_class, "win.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "win.cross-filter-country", "s", cross_filter_country_action);
  gtk_widget_class_install_action (widget_class, "win.focus-filters", NULL, focus_filters_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.load-demo", NULL, load_demo_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.remove-country", "s", remove_country_action);
  gtk_widget_class_install_action (widget_class, "win.remove-customer", NULL, remove_customer_action);
  gtk_widget_class_install_action (widget_class, "win.retry-source", NULL, retry_source_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.stop", NULL, stop_action);
  gtk_widget_class_install_property_action (widget_class, "win.rank-by", "rank-by");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.focus-filters", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.connect", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.clear-cross-filter", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK, "win.show-page", "s", page_names[i]);
  ava_window_class_init_export (widget_class);

  g_type_ensure (AVA_TYPE_CHART_VIEW);
}

static void
ava_window_build_pages (AvaWindow *self)
{
  static const char *card_titles[AVA_N_CARDS] = {
    [AVA_CARD_GROSS_REVENUE] = N_ ("Gross revenue"),
    [AVA_CARD_ORDERS] = N_ ("Orders"),
    [AVA_CARD_AOV] = N_ ("Average order value"),
    [AVA_CARD_CUSTOMERS] = N_ ("Customers"),
    [AVA_CARD_RETURNS] = N_ ("Returns"),
    [AVA_CARD_NET_REVENUE] = N_ ("Net revenue"),
  };
  GtkWidget *row;

  /* Overview: six cards, then the months. */
  for (guint i = 0; i < AVA_N_CARDS; i++)
    {
      self->cards[i] = AVA_KPI_CARD (ava_kpi_card_new (_ (card_titles[i])));
      gtk_grid_attach (self->cards_grid, GTK_WIDGET (self->cards[i]), i % 3, i / 3, 1, 1);
    }
  self->monthly_card = AVA_CHART_CARD (ava_chart_card_new (_ ("Monthly revenue"), AVA_CHART_LINE, NULL));
  gtk_widget_set_size_request (GTK_WIDGET (self->monthly_card), -1, 300);
  gtk_box_append (self->overview_box, GTK_WIDGET (self->monthly_card));
  g_signal_connect (ava_chart_card_get_chart_view (self->monthly_card), "item-activated",
                    G_CALLBACK (month_item_activated_cb), self);

  /* Products: the ranking as bars, then as a table. */
  self->products_card = AVA_CHART_CARD (ava_chart_card_new (_ ("Top products"), AVA_CHART_BARS, NULL));
  gtk_widget_set_size_request (GTK_WIDGET (self->products_card), -1, 280);
  gtk_box_append (self->products_box, GTK_WIDGET (self->products_card));
  self->products_table = AVA_RESULT_TABLE (ava_result_table_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->products_table), "card");
  ava_result_table_set_scrolls (self->products_table, FALSE);
  gtk_box_append (self->products_box, GTK_WIDGET (self->products_table));

  /* Customers: a searchable table; activating a row filters to it. */
  self->customers_table = AVA_RESULT_TABLE (ava_result_table_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->customers_table), "card");
  gtk_widget_set_vexpand (GTK_WIDGET (self->customers_table), TRUE);
  gtk_box_append (self->customers_box, GTK_WIDGET (self->customers_table));
  g_signal_connect (ava_result_table_get_column_view (self->customers_table), "activate",
                    G_CALLBACK (customer_row_activated_cb), self);

  /* Countries: map and bars side by side, then the table. */
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_set_homogeneous (GTK_BOX (row), TRUE);
  gtk_widget_set_size_request (row, -1, 280);
  self->countries_map_card = AVA_CHART_CARD (ava_chart_card_new (_ ("Revenue by country"), AVA_CHART_MAP, NULL));
  self->countries_bar_card = AVA_CHART_CARD (ava_chart_card_new (_ ("Country ranking"), AVA_CHART_BARS, NULL));
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->countries_map_card));
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->countries_bar_card));
  gtk_box_append (self->countries_box, row);
  g_signal_connect (ava_chart_card_get_chart_view (self->countries_map_card), "item-activated",
                    G_CALLBACK (country_item_activated_cb), self);
  g_signal_connect (ava_chart_card_get_chart_view (self->countries_bar_card), "item-activated",
                    G_CALLBACK (country_item_activated_cb), self);
  self->countries_table = AVA_RESULT_TABLE (ava_result_table_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->countries_table), "card");
  ava_result_table_set_scrolls (self->countries_table, FALSE);
  gtk_box_append (self->countries_box, GTK_WIDGET (self->countries_table));
  g_signal_connect (ava_result_table_get_column_view (self->countries_table), "activate",
                    G_CALLBACK (country_row_activated_cb), self);

  /* Cohorts: one heatmap, as tall as the page. */
  self->cohorts_card = AVA_CHART_CARD (ava_chart_card_new (_ ("Customer retention by cohort"), AVA_CHART_HEATMAP, NULL));
  gtk_widget_set_vexpand (GTK_WIDGET (self->cohorts_card), TRUE);
  gtk_box_append (self->cohorts_box, GTK_WIDGET (self->cohorts_card));
}

static void
ava_window_init (AvaWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->filters = ava_query_new (AVA_KPI_OVERVIEW);
  self->presets = g_array_new (FALSE, FALSE, sizeof (PresetRange));
  self->rank_by = AVA_RANK_BY_UNITS;

  ava_window_build_pages (self);
  ava_window_init_export (self);
  gtk_list_box_set_filter_func (self->country_list, country_filter_func, self, NULL);
  g_signal_connect_swapped (self->preset_dropdown, "notify::selected", G_CALLBACK (preset_selected_cb), self);

  self->settings = ava_window_create_settings ();
  ava_window_restore_state (self);

  ava_window_rebuild_presets (self);
  ava_window_sync_filter_widgets (self);
  ava_window_update_source_labels (self);
}

/* }}} */
/* {{{ Public API */

/**
 * ava_window_new:
 * @application: the application that owns the window
 *
 * Returns: (transfer full): a new #AvaWindow, not yet presented, with no
 *   data source; see ava_window_load_demo() and ava_window_open_file()
 */
AvaWindow *
ava_window_new (AdwApplication *application)
{
  g_return_val_if_fail (ADW_IS_APPLICATION (application), NULL);

  return g_object_new (AVA_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * ava_window_add_toast:
 * @self: a #AvaWindow
 * @toast: (transfer full): the toast to show
 *
 * Shows @toast over the window content.
 */
void
ava_window_add_toast (AvaWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (AVA_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* }}} */
