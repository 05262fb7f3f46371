/* ava-pg-engine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ava-pg-engine.h"
#include "ava-pg-engine-private.h"
#include "ava-pg-private.h"
#include "ava-pg-schema.h"

#include "ava-money.h"
#include "ava-timestamp.h"

#include <string.h>

#define SECONDS_PER_DAY G_GINT64_CONSTANT (86400)

/* Unbounded ends of a range, written "-infinity" and "infinity" to the
 * server. */
#define MINUS_INFINITY G_MININT64
#define PLUS_INFINITY  G_MAXINT64

/* Queries run on worker threads, each on a connection of its own: a
 * PGconn is never shared between threads. Connections open lazily, up to
 * AVA_PG_ENGINE_MAX_CONNECTIONS, and stay open between queries. */
struct _AvaPgEngine
{
  AvaEngine parent_instance;

  char *conninfo;

  GMutex lock;
  GCond  released;
  GQueue idle;   /* PGconn *, most recently used first */
  guint  n_open; /* idle or in use */

  double test_delay;
};

G_DEFINE_FINAL_TYPE (AvaPgEngine, ava_pg_engine, AVA_TYPE_ENGINE)

static AvaResult *ava_pg_engine_run (AvaEngine      *engine,
                                     const AvaQuery *query,
                                     GCancellable   *cancellable,
                                     GError        **error);

static void
ava_pg_engine_finalize (GObject *object)
{
  AvaPgEngine *self = (AvaPgEngine *) object;

  g_queue_clear_full (&self->idle, (GDestroyNotify) PQfinish);
  g_free (self->conninfo);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->released);

  G_OBJECT_CLASS (ava_pg_engine_parent_class)->finalize (object);
}

static void
ava_pg_engine_class_init (AvaPgEngineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ava_pg_engine_finalize;
  AVA_ENGINE_CLASS (klass)->run = ava_pg_engine_run;
}

static void
ava_pg_engine_init (AvaPgEngine *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->released);
  g_queue_init (&self->idle);
}

/* The pool. */

static PGconn *
open_connection (AvaPgEngine  *self,
                 GCancellable *cancellable,
                 GError      **error)
{
  g_autoptr (PGconn)   conn = ava_pg_connection_open (self->conninfo, cancellable, error);
  g_autofree char     *timeout = g_strdup_printf ("%d", AVA_PG_ENGINE_STATEMENT_TIMEOUT_MS);
  const char          *params[] = { timeout };
  g_autoptr (PGresult) result = NULL;

  if (conn == NULL)
    return NULL;

  result = ava_pg_exec (conn, ava_pg_sql_get ("engine_session"), G_N_ELEMENTS (params), params,
                        PGRES_TUPLES_OK, cancellable, "Could not set up the database session", error);
  if (result == NULL)
    return NULL;

  return g_steal_pointer (&conn);
}

static PGconn *
pool_acquire (AvaPgEngine  *self,
              GCancellable *cancellable,
              GError      **error)
{
  PGconn *conn;

  g_mutex_lock (&self->lock);
  for (;;)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_mutex_unlock (&self->lock);
          return NULL;
        }

      conn = g_queue_pop_head (&self->idle);
      if (conn != NULL)
        {
          g_mutex_unlock (&self->lock);
          return conn;
        }

      if (self->n_open < AVA_PG_ENGINE_MAX_CONNECTIONS)
        break;

      /* All in use: wait for one, waking now and then to notice a cancel. */
      g_cond_wait_until (&self->released, &self->lock,
                         g_get_monotonic_time () + 50 * G_TIME_SPAN_MILLISECOND);
    }
  /* Counted before it is open, so that no other thread opens one too many. */
  self->n_open++;
  g_mutex_unlock (&self->lock);

  conn = open_connection (self, cancellable, error);
  if (conn == NULL)
    {
      g_mutex_lock (&self->lock);
      self->n_open--;
      g_cond_signal (&self->released);
      g_mutex_unlock (&self->lock);
    }

  return conn;
}

static void
pool_release (AvaPgEngine *self,
              PGconn      *conn)
{
  /* A broken connection, or one left inside a transaction, is not reused. */
  gboolean keep = PQstatus (conn) == CONNECTION_OK && PQtransactionStatus (conn) == PQTRANS_IDLE;

  g_mutex_lock (&self->lock);
  if (keep)
    g_queue_push_head (&self->idle, conn);
  else
    self->n_open--;
  g_cond_signal (&self->released);
  g_mutex_unlock (&self->lock);

  if (!keep)
    PQfinish (conn);
}

/* After a lost connection: the idle ones went to the same server and are
 * most likely lost as well (a restart ends every session). */
static void
pool_drop_idle (AvaPgEngine *self)
{
  GQueue dropped;

  g_mutex_lock (&self->lock);
  dropped = self->idle;
  g_queue_init (&self->idle);
  self->n_open -= dropped.length;
  g_cond_broadcast (&self->released);
  g_mutex_unlock (&self->lock);

  g_queue_clear_full (&dropped, (GDestroyNotify) PQfinish);
}

/**
 * ava_pg_engine_new:
 * @conninfo: a libpq connection string or URI
 * @error: return location for a #GError
 *
 * Connects once, to report an unreachable server now rather than at the
 * first query, and creates or upgrades the schema. That connection becomes
 * the first of the pool.
 *
 * Returns: (transfer full): the engine, or %NULL
 */
AvaEngine *
ava_pg_engine_new (const char *conninfo,
                   GError    **error)
{
  g_autoptr (AvaPgEngine) self = NULL;
  g_autoptr (PGconn)      conn = NULL;

  g_return_val_if_fail (conninfo != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (AVA_TYPE_PG_ENGINE, NULL);
  self->conninfo = g_strdup (conninfo);

  conn = ava_pg_connection_open (conninfo, NULL, error);
  if (conn == NULL || !ava_pg_schema_ensure (conn, error))
    return NULL;
  PQfinish (g_steal_pointer (&conn));

  conn = open_connection (self, NULL, error);
  if (conn == NULL)
    return NULL;

  self->n_open = 1;
  g_queue_push_head (&self->idle, g_steal_pointer (&conn));

  return AVA_ENGINE (g_steal_pointer (&self));
}

/**
 * ava_pg_engine_dup_conninfo:
 * @self: a #AvaPgEngine
 *
 * For work the engine does not do itself, such as an import into the same
 * database. The string may hold the password: keep it in memory only.
 *
 * Returns: (transfer full): the connection string the engine was made with
 */
char *
ava_pg_engine_dup_conninfo (AvaPgEngine *self)
{
  g_return_val_if_fail (AVA_IS_PG_ENGINE (self), NULL);

  return g_strdup (self->conninfo);
}

void
ava_pg_engine_set_test_delay (AvaPgEngine *self,
                              double       seconds)
{
  g_return_if_fail (AVA_IS_PG_ENGINE (self));

  self->test_delay = seconds;
}

guint
ava_pg_engine_get_n_open (AvaPgEngine *self)
{
  guint n_open;

  g_return_val_if_fail (AVA_IS_PG_ENGINE (self), 0);

  g_mutex_lock (&self->lock);
  n_open = self->n_open;
  g_mutex_unlock (&self->lock);

  return n_open;
}

/* Parameters: always text, always bound. */

static char *
format_timestamp (gint64 value)
{
  if (value == MINUS_INFINITY)
    return g_strdup ("-infinity");
  if (value == PLUS_INFINITY)
    return g_strdup ("infinity");
  return ava_timestamp_format (value);
}

static char *
format_date (gint64 value)
{
  int year, month, day, hour, minute, second;

  if (value == MINUS_INFINITY || value == PLUS_INFINITY)
    return format_timestamp (value);

  ava_timestamp_to_civil (value, &year, &month, &day, &hour, &minute, &second);
  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

/* A text[] literal: each element double-quoted, with \ and " escaped. */
static char *
format_text_array (char **items)
{
  GString *text = g_string_new ("{");

  for (guint i = 0; items[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (text, ',');
      g_string_append_c (text, '"');
      for (const char *p = items[i]; *p != '\0'; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (text, '\\');
          g_string_append_c (text, *p);
        }
      g_string_append_c (text, '"');
    }
  g_string_append_c (text, '}');

  return g_string_free (text, FALSE);
}

static gint64
floor_day (gint64 value)
{
  gint64 rest = value % SECONDS_PER_DAY;

  return value - (rest < 0 ? rest + SECONDS_PER_DAY : rest);
}

static gint64
month_start (gint32 month)
{
  return ava_timestamp_from_civil (month / 12, month % 12 + 1, 1, 0, 0, 0);
}

/* $1-$4 of every kpi_* statement: from, to, countries, customer. */
static GPtrArray *
filter_params (const AvaQuery *query)
{
  GPtrArray *params = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (params, query->has_from ? ava_timestamp_format (query->from) : NULL);
  g_ptr_array_add (params, query->has_to ? ava_timestamp_format (query->to) : NULL);
  g_ptr_array_add (params, query->countries != NULL ? format_text_array (query->countries) : NULL);
  g_ptr_array_add (params, query->has_customer ? g_strdup_printf ("%" G_GINT64_FORMAT, query->customer_id) : NULL);

  return params;
}

/* The whole days of [from, to): [day_lo, day_hi). */
static void
whole_days (const AvaQuery *query,
            gint64         *day_lo,
            gint64         *day_hi)
{
  *day_lo = MINUS_INFINITY;
  *day_hi = PLUS_INFINITY;
  if (query->has_from)
    *day_lo = floor_day (query->from) == query->from ? query->from : floor_day (query->from) + SECONDS_PER_DAY;
  if (query->has_to)
    *day_hi = floor_day (query->to);
}

/* The days of [from, to) within [data_from, data_to). */
static gint64
data_days (gint64 from,
           gint64 to,
           gint64 data_from,
           gint64 data_to)
{
  gint64 start = MAX (from, data_from);
  gint64 end = MIN (to, data_to);

  return end > start ? (end - start) / SECONDS_PER_DAY : 0;
}

/* What add_top_product_params() reads from the product rollups
 * (read_product_days()): the [first, last + 1) days with data in the
 * months of from and to, and the [first, last + 1) months with data. Any
 * of them may be stale: they choose between ways that give the same sums. */
typedef struct
{
  gint64 from_days[2];
  gint64 to_days[2];
  gint32 months[2];
} ProductExtent;

/* Splits [from, to) for the product rollups: whole months, whole days to
 * add and whole days to take away, and the cut days at the ends, which are
 * read line by line. A bound within a month takes that month's whole days
 * up to it, or the month minus the days beyond it, whichever has fewer
 * days with data. The whole months are read as they are, or as all time
 * minus the months outside them, whichever has fewer months with data. Day
 * rows add up to month rows, and a product's sums over days outside the
 * range cancel out (its lines there count as no lines). Empty parts are
 * [infinity, infinity). */
static void
add_top_product_params (GPtrArray           *params,
                        const AvaQuery      *query,
                        const ProductExtent *extent)
{
  gint64 lo = query->has_from ? query->from : MINUS_INFINITY;
  gint64 hi = query->has_to ? query->to : PLUS_INFINITY;
  gint64 day_lo, day_hi;
  gint64 days[4] = { PLUS_INFINITY, PLUS_INFINITY, PLUS_INFINITY, PLUS_INFINITY };
  gint64 minus[4] = { PLUS_INFINITY, PLUS_INFINITY, PLUS_INFINITY, PLUS_INFINITY };
  gint64 cuts[4] = { PLUS_INFINITY, PLUS_INFINITY, PLUS_INFINITY, PLUS_INFINITY };
  gint32 month_lo = 0, month_hi = 0;
  gint64 inside, outside;

  whole_days (query, &day_lo, &day_hi);

  if (day_lo >= day_hi)
    {
      /* Not one whole day: every line. */
      cuts[0] = lo;
      cuts[1] = hi;
    }
  else
    {
      cuts[0] = lo;
      cuts[1] = day_lo;
      cuts[2] = day_hi;
      cuts[3] = hi;

      month_lo = G_MININT32;
      month_hi = G_MAXINT32;
      if (query->has_from)
        {
          gint32 month = ava_timestamp_get_month (day_lo);
          gint64 start = month_start (month);
          gint64 next = month_start (month + 1);

          month_lo = month;
          if (start != day_lo &&
              data_days (start, day_lo, extent->from_days[0], extent->from_days[1]) <
                data_days (day_lo, next, extent->from_days[0], extent->from_days[1]))
            {
              minus[0] = start;
              minus[1] = day_lo;
            }
          else if (start != day_lo)
            {
              month_lo = month + 1;
              days[0] = day_lo;
              days[1] = next;
            }
        }
      if (query->has_to)
        {
          gint32 month = ava_timestamp_get_month (day_hi);
          gint64 start = month_start (month);
          gint64 next = month_start (month + 1);

          month_hi = month;
          if (start != day_hi &&
              data_days (day_hi, next, extent->to_days[0], extent->to_days[1]) <
                data_days (start, day_hi, extent->to_days[0], extent->to_days[1]))
            {
              month_hi = month + 1;
              minus[2] = day_hi;
              minus[3] = next;
            }
          else if (start != day_hi)
            {
              days[2] = start;
              days[3] = day_hi;
            }
        }

      if (month_lo >= month_hi)
        {
          /* No whole month in reach: the days themselves. */
          month_lo = month_hi = 0;
          days[0] = day_lo;
          days[1] = day_hi;
          days[2] = days[3] = PLUS_INFINITY;
          for (guint i = 0; i < G_N_ELEMENTS (minus); i++)
            minus[i] = PLUS_INFINITY;
        }
    }

  g_ptr_array_add (params, g_strdup_printf ("%d", month_lo));
  g_ptr_array_add (params, g_strdup_printf ("%d", month_hi));
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    g_ptr_array_add (params, format_date (days[i]));
  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    g_ptr_array_add (params, format_timestamp (cuts[i]));
  g_ptr_array_add (params, g_strdup (query->rank_by == AVA_RANK_BY_REVENUE ? "true" : "false"));
  g_ptr_array_add (params, g_strdup_printf ("%u", query->limit));
  for (guint i = 0; i < G_N_ELEMENTS (minus); i++)
    g_ptr_array_add (params, format_date (minus[i]));

  /* A long range reads a few thousand all-time rows and takes away a few
   * months, instead of adding up most of the months. */
  inside = MAX (0, (gint64) MIN (month_hi, extent->months[1]) - MAX (month_lo, extent->months[0]));
  outside = MAX (0, (gint64) extent->months[1] - extent->months[0]) - inside;
  g_ptr_array_add (params, g_strdup ((month_lo == G_MININT32 && month_hi == G_MAXINT32) ||
                                         (month_lo < month_hi && outside < inside)
                                       ? "true"
                                       : "false"));
}

/* Running a statement. */

static gboolean
is_connection_lost (PGconn *conn)
{
  return PQstatus (conn) == CONNECTION_BAD;
}

static PGresult *
exec_on (AvaPgEngine  *self,
         PGconn       *conn,
         const char   *name,
         GPtrArray    *params,
         GCancellable *cancellable,
         GError      **error)
{
  g_autoptr (AvaPgCancelWatch) watch = ava_pg_cancel_watch_new (conn, cancellable);
  g_autoptr (PGresult)         result = NULL;
  g_autofree char             *context = g_strdup_printf ("Could not run the %s query", name);

  if (self->test_delay > 0)
    {
      g_autofree char     *seconds = g_strdup_printf ("%.3f", self->test_delay);
      const char          *sleep_params[] = { seconds };
      g_autoptr (PGresult) slept = ava_pg_exec (conn, ava_pg_sql_get ("engine_test_sleep"), 1, sleep_params,
                                                PGRES_TUPLES_OK, cancellable, context, error);

      if (slept == NULL)
        return NULL;
    }

  result = ava_pg_exec (conn, ava_pg_sql_get (name), (int) params->len, (const char *const *) params->pdata,
                        PGRES_TUPLES_OK, cancellable, context, error);

  /* A cancel that came too late to stop the statement still cancels. */
  if (result != NULL && g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return g_steal_pointer (&result);
}

/* Takes a connection, runs, gives it back. A lost connection (the server
 * restarted, the network broke) is dropped with every idle one, and the
 * statement runs once more on a new connection: queries only read. */
static PGresult *
exec_kpi (AvaPgEngine  *self,
          const char   *name,
          GPtrArray    *params,
          GCancellable *cancellable,
          GError      **error)
{
  for (guint attempt = 0;; attempt++)
    {
      g_autoptr (GError) local_error = NULL;
      PGconn            *conn = pool_acquire (self, cancellable, error);
      PGresult          *result;
      gboolean           lost;

      if (conn == NULL)
        return NULL;

      result = exec_on (self, conn, name, params, cancellable, &local_error);
      lost = result == NULL && is_connection_lost (conn);
      pool_release (self, conn);

      if (result != NULL)
        return result;

      if (!lost || g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      pool_drop_idle (self);

      if (attempt > 0)
        {
          g_set_error (error, AVA_PG_ERROR, AVA_PG_ERROR_CONNECT,
                       "Lost the connection to the database: %s", local_error->message);
          return NULL;
        }

      g_debug ("connection lost (%s); reconnecting", local_error->message);
    }
}

/* Reading results: text format, parsed exactly. */

typedef struct
{
  PGresult *result;
  GError   *error;
} Reader;

static void
reader_fail (Reader     *reader,
             int         row,
             int         column,
             const char *problem)
{
  if (reader->error == NULL)
    g_set_error (&reader->error, AVA_PG_ERROR, AVA_PG_ERROR_PROTOCOL,
                 "Unexpected value “%s” in row %d, column %d of a KPI result: %s",
                 PQgetvalue (reader->result, row, column), row, column, problem);
}

static gint64
read_integer (Reader *reader,
              int     row,
              int     column)
{
  const char *text = PQgetvalue (reader->result, row, column);
  char       *end = NULL;
  gint64      value;

  if (PQgetisnull (reader->result, row, column))
    {
      reader_fail (reader, row, column, "is NULL");
      return 0;
    }

  value = g_ascii_strtoll (text, &end, 10);
  if (*text == '\0' || end == NULL || *end != '\0')
    reader_fail (reader, row, column, "is not an integer");

  return value;
}

static gint64
read_money (Reader *reader,
            int     row,
            int     column)
{
  const char *problem = NULL;
  gint64      value = 0;

  if (PQgetisnull (reader->result, row, column) ||
      !ava_money_parse (PQgetvalue (reader->result, row, column),
                        PQgetlength (reader->result, row, column), &value, &problem))
    reader_fail (reader, row, column, problem != NULL ? problem : "is NULL");

  return value;
}

static gint64
read_timestamp (Reader *reader,
                int     row,
                int     column)
{
  const char *problem = NULL;
  gint64      value = 0;

  if (PQgetisnull (reader->result, row, column) ||
      !ava_timestamp_parse (PQgetvalue (reader->result, row, column),
                            PQgetlength (reader->result, row, column), &value, &problem))
    reader_fail (reader, row, column, problem != NULL ? problem : "is NULL");

  return value;
}

static const char *
read_text (Reader *reader,
           int     row,
           int     column)
{
  return PQgetvalue (reader->result, row, column);
}

/* The KPIs: the same columns, types and rows as the offline engine. */

static void
fill_overview (AvaResult *result,
               Reader    *r)
{
  gint64 gross = 0, orders = 0, customers = 0, units = 0, returns = 0;

  if (PQntuples (r->result) == 1)
    {
      gross = read_money (r, 0, 0);
      orders = read_integer (r, 0, 1);
      customers = read_integer (r, 0, 2);
      units = read_integer (r, 0, 3);
      returns = read_money (r, 0, 4);
    }

  ava_result_add_overview_row (result, gross, orders, customers, units, returns);
}

static void
fill_monthly_revenue (AvaResult *result,
                      Reader    *r)
{
  for (int row = 0; row < PQntuples (r->result); row++)
    {
      ava_result_add_month_row (result, (int) read_integer (r, row, 0), read_money (r, row, 1),
                                read_integer (r, row, 2), read_money (r, row, 3));
    }
}

static void
fill_top_products (AvaResult *result,
                   Reader    *r)
{
  for (int row = 0; row < PQntuples (r->result); row++)
    {
      ava_result_add_row (result);
      ava_result_set_integer (result, 0, row + 1);
      ava_result_set_text (result, 1, read_text (r, row, 0));
      ava_result_set_text (result, 2, read_text (r, row, 1));
      ava_result_set_integer (result, 3, read_integer (r, row, 2));
      ava_result_set_integer (result, 4, read_money (r, row, 3));
      ava_result_set_integer (result, 5, read_integer (r, row, 4));
    }
}

static void
fill_top_customers (AvaResult *result,
                    Reader    *r)
{
  for (int row = 0; row < PQntuples (r->result); row++)
    {
      ava_result_add_row (result);
      ava_result_set_integer (result, 0, row + 1);
      ava_result_set_integer (result, 1, read_integer (r, row, 0));
      ava_result_set_integer (result, 2, read_money (r, row, 1));
      ava_result_set_integer (result, 3, read_integer (r, row, 2));
      ava_result_set_integer (result, 4, read_integer (r, row, 3));
      ava_result_set_integer (result, 5, read_timestamp (r, row, 4));
      ava_result_set_integer (result, 6, read_timestamp (r, row, 5));
      ava_result_set_text (result, 7, read_text (r, row, 6));
    }
}

static void
fill_by_country (AvaResult *result,
                 Reader    *r)
{
  for (int row = 0; row < PQntuples (r->result); row++)
    {
      gint64 revenue = read_money (r, row, 1);

      ava_result_add_row (result);
      ava_result_set_integer (result, 0, row + 1);
      ava_result_set_text (result, 1, read_text (r, row, 0));
      ava_result_set_integer (result, 2, revenue);
      /* Both engines give the same fraction of scaled money. */
      ava_result_set_ratio (result, 3, revenue, read_money (r, row, 2));
      ava_result_set_integer (result, 4, read_integer (r, row, 3));
      ava_result_set_integer (result, 5, read_integer (r, row, 4));
    }
}

static void
fill_cohorts (AvaResult *result,
              Reader    *r)
{
  for (int row = 0; row < PQntuples (r->result); row++)
    {
      gint64 size = read_integer (r, row, 2);
      gint64 active = read_integer (r, row, 3);

      ava_result_add_row (result);
      ava_result_set_integer (result, 0, read_integer (r, row, 0));
      ava_result_set_integer (result, 1, read_integer (r, row, 1));
      ava_result_set_integer (result, 2, size);
      ava_result_set_integer (result, 3, active);
      ava_result_set_ratio (result, 4, active, size);
    }
}

/* kpi_product_days: the ProductExtent of @query's range; empty ranges for
 * none. */
static gboolean
read_product_days (AvaPgEngine    *self,
                   const AvaQuery *query,
                   GCancellable   *cancellable,
                   ProductExtent  *extent,
                   GError        **error)
{
  g_autoptr (GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (PGresult)  result = NULL;
  gint64               *ranges[] = { extent->from_days, extent->to_days };
  gint64                day_lo, day_hi;
  Reader                reader = { NULL };

  whole_days (query, &day_lo, &day_hi);
  for (guint i = 0; i < 2; i++)
    {
      gint64 day = i == 0 ? day_lo : day_hi;
      gint32 month = day == MINUS_INFINITY || day == PLUS_INFINITY ? 0 : ava_timestamp_get_month (day);

      g_ptr_array_add (params, format_date (month == 0 ? PLUS_INFINITY : month_start (month)));
      g_ptr_array_add (params, format_date (month == 0 ? PLUS_INFINITY : month_start (month + 1)));
    }

  result = exec_kpi (self, "kpi_product_days", params, cancellable, error);
  if (result == NULL)
    return FALSE;

  *extent = (ProductExtent){ { PLUS_INFINITY, MINUS_INFINITY }, { PLUS_INFINITY, MINUS_INFINITY }, { 0, 0 } };
  if (PQntuples (result) != 1)
    return TRUE;

  reader.result = result;
  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    {
      if (!PQgetisnull (result, 0, 2 * i) && !PQgetisnull (result, 0, 2 * i + 1))
        {
          ranges[i][0] = read_timestamp (&reader, 0, 2 * i);
          ranges[i][1] = read_timestamp (&reader, 0, 2 * i + 1);
        }
    }
  if (!PQgetisnull (result, 0, 4) && !PQgetisnull (result, 0, 5))
    {
      extent->months[0] = (gint32) read_integer (&reader, 0, 4);
      extent->months[1] = (gint32) read_integer (&reader, 0, 5);
    }

  if (reader.error != NULL)
    {
      g_propagate_prefixed_error (error, reader.error, "Could not read the days with product sales: ");
      return FALSE;
    }

  return TRUE;
}

static const struct
{
  const char *statement;
  void (*fill) (AvaResult *result,
                Reader    *reader);
} kpis[AVA_N_KPIS] = {
  [AVA_KPI_OVERVIEW] = { "kpi_overview", fill_overview },
  [AVA_KPI_MONTHLY_REVENUE] = { "kpi_monthly_revenue", fill_monthly_revenue },
  [AVA_KPI_TOP_PRODUCTS] = { "kpi_top_products", fill_top_products },
  [AVA_KPI_TOP_CUSTOMERS] = { "kpi_top_customers", fill_top_customers },
  [AVA_KPI_BY_COUNTRY] = { "kpi_by_country", fill_by_country },
  [AVA_KPI_COHORTS] = { "kpi_cohorts", fill_cohorts },
};

static AvaResult *
ava_pg_engine_run (AvaEngine      *engine,
                   const AvaQuery *query,
                   GCancellable   *cancellable,
                   GError        **error)
{
  AvaPgEngine          *self = AVA_PG_ENGINE (engine);
  g_autoptr (GPtrArray) params = NULL;
  g_autoptr (PGresult)  rows = NULL;
  g_autoptr (AvaResult) result = NULL;
  Reader                reader = { NULL };

  if ((guint) query->kpi >= AVA_N_KPIS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "unknown KPI %d", query->kpi);
      return NULL;
    }

  params = filter_params (query);
  if (query->kpi == AVA_KPI_TOP_PRODUCTS)
    {
      ProductExtent extent = { { PLUS_INFINITY, MINUS_INFINITY }, { PLUS_INFINITY, MINUS_INFINITY }, { 0, 0 } };

      if ((query->has_from || query->has_to) && !read_product_days (self, query, cancellable, &extent, error))
        return NULL;
      add_top_product_params (params, query, &extent);
    }
  else if (query->kpi == AVA_KPI_TOP_CUSTOMERS)
    g_ptr_array_add (params, g_strdup_printf ("%u", query->limit));

  rows = exec_kpi (self, kpis[query->kpi].statement, params, cancellable, error);
  if (rows == NULL)
    return NULL;

  result = ava_result_new_for_kpi (query->kpi);
  reader.result = rows;
  kpis[query->kpi].fill (result, &reader);

  if (reader.error != NULL)
    {
      g_propagate_error (error, reader.error);
      return NULL;
    }

  return g_steal_pointer (&result);
}
