/* ava-offline-engine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ava-offline-engine.h"
#include "ava-timestamp.h"

#define NONE G_MAXUINT32

#define N_CACHED_SELECTIONS 2

/* The lines of a dataset as compact columns, ordered by invoice and then
 * time, so that an invoice's lines are contiguous: counting distinct orders
 * is counting changes of invoice, with no hash set. Every invoice has one
 * customer and one country (the cleaner guarantees it), so those live per
 * invoice. Built once; read-only afterwards, so queries run on any thread. */
struct _AvaOfflineEngine
{
  AvaEngine parent_instance;

  /* Only the texts outlive construction: the dataset's lines are copied
   * into the columns below, and can be freed. */
  AvaStringPool *pools[AVA_N_POOLS];
  guint          n_lines;

  /* Per line. */
  gint64  *time;
  gint64  *amount;
  gint32  *quantity;
  gint32  *month;
  guint32 *invoice;
  guint32 *product;
  guint32 *product_description; /* pair id */
  guint8  *line_class;

  /* Per invoice. */
  guint    n_invoices;
  guint32 *invoice_start;    /* its lines are [start[i], start[i + 1]) */
  guint32 *invoice_customer; /* dense customer index, or NONE */
  guint32 *invoice_country;
  guint32 *invoice_customer_country; /* pair id, or NONE */

  /* Customers by ascending id, so index order is the tie order. */
  guint   n_customers;
  gint64 *customer_ids;

  guint    n_products;
  guint32 *product_rank; /* byte order of the stock codes */
  guint8  *product_is_service;
  guint    n_countries;
  guint32 *country_rank;

  /* (product, description) and (customer, country) pairs, each grouped by
   * its first member: the "most frequent description / country" rules. */
  guint    n_product_descriptions;
  guint32 *pd_description;
  guint32 *pd_start; /* per product, into the pair ids */
  guint    n_customer_countries;
  guint32 *cc_country;
  guint32 *cc_start; /* per customer */

  /* The six KPIs of one dashboard share their filters, and the overview's
   * previous period has filters of its own: the two most recent selections
   * are kept, the most recent first. */
  GMutex             selection_lock;
  AvaQuery          *selection_query[N_CACHED_SELECTIONS];
  struct _Selection *selection[N_CACHED_SELECTIONS];
  /* Queries without filters share this one, built with the engine. */
  struct _Selection *unfiltered;
};

G_DEFINE_FINAL_TYPE (AvaOfflineEngine, ava_offline_engine, AVA_TYPE_ENGINE)

/* The sale lines of one invoice in one month, added up: what every KPI
 * but top-products needs, at a twentieth of the lines' count. */
typedef struct
{
  guint32 invoice;
  gint32  month;
  gint64  revenue;
  gint64  units;
  gint64  n_lines;
  gint64  first;
  gint64  last;
} OrderChunk;

typedef struct _Selection
{
  guint32    *sale;
  guint       n_sale;
  guint32    *returns;
  guint       n_returns;
  OrderChunk *chunks; /* grouped by invoice, months ascending */
  guint       n_chunks;
} Selection;

static void
selection_clear (gpointer data)
{
  Selection *selection = data;

  g_free (selection->sale);
  g_free (selection->returns);
  g_free (selection->chunks);
}

static void
selection_release (Selection *selection)
{
  g_atomic_rc_box_release_full (selection, selection_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Selection, selection_release)

static Selection *select_lines (AvaOfflineEngine *self,
                                const AvaQuery   *query);

static void
ava_offline_engine_finalize (GObject *object)
{
  AvaOfflineEngine *self = (AvaOfflineEngine *) object;

  for (guint i = 0; i < AVA_N_POOLS; i++)
    g_clear_pointer (&self->pools[i], ava_string_pool_unref);
  g_free (self->time);
  g_free (self->amount);
  g_free (self->quantity);
  g_free (self->month);
  g_free (self->invoice);
  g_free (self->product);
  g_free (self->product_description);
  g_free (self->line_class);
  g_free (self->invoice_start);
  g_free (self->invoice_customer);
  g_free (self->invoice_country);
  g_free (self->invoice_customer_country);
  g_free (self->customer_ids);
  g_free (self->product_rank);
  g_free (self->product_is_service);
  g_free (self->country_rank);
  g_free (self->pd_description);
  g_free (self->pd_start);
  g_free (self->cc_country);
  g_free (self->cc_start);
  for (guint i = 0; i < N_CACHED_SELECTIONS; i++)
    {
      g_clear_pointer (&self->selection_query[i], ava_query_free);
      g_clear_pointer (&self->selection[i], selection_release);
    }
  g_clear_pointer (&self->unfiltered, selection_release);
  g_mutex_clear (&self->selection_lock);

  G_OBJECT_CLASS (ava_offline_engine_parent_class)->finalize (object);
}

static AvaResult *ava_offline_engine_run (AvaEngine      *engine,
                                          const AvaQuery *query,
                                          GCancellable   *cancellable,
                                          GError        **error);

static void
ava_offline_engine_class_init (AvaOfflineEngineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ava_offline_engine_finalize;
  AVA_ENGINE_CLASS (klass)->run = ava_offline_engine_run;
}

static void
ava_offline_engine_init (AvaOfflineEngine *self)
{
  g_mutex_init (&self->selection_lock);
}

/* Build-time helpers. */

static AvaStringPool *sort_pool;

static int
compare_pool_ids (const void *a,
                  const void *b)
{
  return strcmp (ava_string_pool_get (sort_pool, *(const guint32 *) a),
                 ava_string_pool_get (sort_pool, *(const guint32 *) b));
}

G_LOCK_DEFINE_STATIC (sort_pool);

/* rank[id] = position of the id's text in byte order. */
static guint32 *
rank_pool (AvaStringPool *pool)
{
  guint               n = ava_string_pool_get_size (pool);
  g_autofree guint32 *ids = g_new (guint32, MAX (n, 1));
  guint32            *rank = g_new (guint32, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    ids[i] = i;

  G_LOCK (sort_pool);
  sort_pool = pool;
  qsort (ids, n, sizeof *ids, compare_pool_ids);
  sort_pool = NULL;
  G_UNLOCK (sort_pool);

  for (guint i = 0; i < n; i++)
    rank[ids[i]] = i;

  return rank;
}

static int
compare_gint64 (const void *a,
                const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static guint32
customer_index (AvaOfflineEngine *self,
                gint64            customer_id)
{
  gint64 *found = bsearch (&customer_id, self->customer_ids, self->n_customers,
                           sizeof (gint64), compare_gint64);

  return found ? (guint32) (found - self->customer_ids) : NONE;
}

/* Pairs (a, b) as dense ids grouped by a: returns pair ids per item and
 * fills *out_start (per a) and *out_second (per pair). */
typedef struct
{
  guint32 first;
  guint32 second;
  guint32 item;
} PairItem;

static int
compare_pair_items (const void *a,
                    const void *b)
{
  const PairItem *x = a, *y = b;

  if (x->first != y->first)
    return x->first < y->first ? -1 : 1;
  if (x->second != y->second)
    return x->second < y->second ? -1 : 1;
  return 0;
}

static guint
build_pairs (PairItem *items,
             guint     n_items,
             guint     n_first,
             guint32  *pair_of_item,
             guint32 **out_start,
             guint32 **out_second)
{
  guint32 *start = g_new0 (guint32, n_first + 1);
  GArray  *second = g_array_new (FALSE, FALSE, sizeof (guint32));

  qsort (items, n_items, sizeof *items, compare_pair_items);

  for (guint i = 0; i < n_items; i++)
    {
      if (i == 0 || items[i].first != items[i - 1].first || items[i].second != items[i - 1].second)
        {
          g_array_append_val (second, items[i].second);
          start[items[i].first + 1]++;
        }
      pair_of_item[items[i].item] = second->len - 1;
    }

  for (guint i = 0; i < n_first; i++)
    start[i + 1] += start[i];

  *out_start = start;
  *out_second = (guint32 *) (gpointer) g_array_free (second, FALSE);
  return start[n_first];
}

AvaEngine *
ava_offline_engine_new (AvaDataset *dataset)
{
  AvaOfflineEngine    *self;
  const AvaSalesLine  *lines;
  g_autofree guint32  *order = NULL;
  g_autofree guint32  *count = NULL;
  g_autofree gint64   *ids = NULL;
  g_autofree PairItem *items = NULL;
  guint                n_ids = 0;

  g_return_val_if_fail (AVA_IS_DATASET (dataset), NULL);

  self = g_object_new (AVA_TYPE_OFFLINE_ENGINE, NULL);
  for (guint i = 0; i < AVA_N_POOLS; i++)
    self->pools[i] = ava_string_pool_ref (ava_dataset_get_pool (dataset, i));
  lines = ava_dataset_get_lines (dataset, &self->n_lines);
  self->n_invoices = ava_string_pool_get_size (self->pools[AVA_POOL_INVOICE]);
  self->n_products = ava_string_pool_get_size (self->pools[AVA_POOL_STOCK_CODE]);
  self->n_countries = ava_string_pool_get_size (self->pools[AVA_POOL_COUNTRY]);

  /* Counting sort by invoice keeps file order within an invoice; then
   * order each invoice's few lines by time. */
  count = g_new0 (guint32, self->n_invoices + 1);
  for (guint i = 0; i < self->n_lines; i++)
    count[lines[i].invoice + 1]++;
  for (guint i = 0; i < self->n_invoices; i++)
    count[i + 1] += count[i];
  self->invoice_start = g_memdup2 (count, sizeof (guint32) * (self->n_invoices + 1));
  order = g_new (guint32, MAX (self->n_lines, 1));
  for (guint i = 0; i < self->n_lines; i++)
    order[count[lines[i].invoice]++] = i;
  for (guint i = 1; i < self->n_lines; i++)
    {
      guint32 item = order[i];
      guint   j = i;

      while (j > 0 && lines[order[j - 1]].invoice == lines[item].invoice &&
             lines[order[j - 1]].invoiced_at > lines[item].invoiced_at)
        {
          order[j] = order[j - 1];
          j--;
        }
      order[j] = item;
    }

  /* Customers: dense and ordered by id. */
  ids = g_new (gint64, self->n_lines + 1);
  for (guint i = 0; i < self->n_lines; i++)
    {
      if (lines[i].customer_id != AVA_NO_CUSTOMER)
        ids[n_ids++] = lines[i].customer_id;
    }
  qsort (ids, n_ids, sizeof *ids, compare_gint64);
  self->customer_ids = g_new (gint64, n_ids + 1);
  for (guint i = 0; i < n_ids; i++)
    {
      if (i == 0 || ids[i] != ids[i - 1])
        self->customer_ids[self->n_customers++] = ids[i];
    }

  self->time = g_new (gint64, self->n_lines + 1);
  self->amount = g_new (gint64, self->n_lines + 1);
  self->quantity = g_new (gint32, self->n_lines + 1);
  self->month = g_new (gint32, self->n_lines + 1);
  self->invoice = g_new (guint32, self->n_lines + 1);
  self->product = g_new (guint32, self->n_lines + 1);
  self->product_description = g_new (guint32, self->n_lines + 1);
  self->line_class = g_new (guint8, self->n_lines + 1);
  self->invoice_customer = g_new (guint32, self->n_invoices + 1);
  self->invoice_country = g_new (guint32, self->n_invoices + 1);
  self->invoice_customer_country = g_new (guint32, self->n_invoices + 1);

  for (guint i = 0; i < self->n_invoices; i++)
    self->invoice_customer[i] = NONE;

  for (guint i = 0; i < self->n_lines; i++)
    {
      const AvaSalesLine *line = &lines[order[i]];

      self->time[i] = line->invoiced_at;
      self->amount[i] = (gint64) line->quantity * line->unit_price;
      self->quantity[i] = line->quantity;
      self->month[i] = ava_timestamp_get_month (line->invoiced_at);
      self->invoice[i] = line->invoice;
      self->product[i] = line->stock_code;
      self->line_class[i] = line->line_class;
      self->invoice_country[line->invoice] = line->country;
      if (line->customer_id != AVA_NO_CUSTOMER)
        self->invoice_customer[line->invoice] = customer_index (self, line->customer_id);
    }

  /* (product, description) pairs per line. */
  items = g_new (PairItem, self->n_lines + 1);
  for (guint i = 0; i < self->n_lines; i++)
    {
      items[i].first = self->product[i];
      items[i].second = lines[order[i]].description;
      items[i].item = i;
    }
  self->n_product_descriptions = build_pairs (items, self->n_lines, self->n_products,
                                              self->product_description,
                                              &self->pd_start, &self->pd_description);

  /* (customer, country) pairs per invoice. */
  {
    guint               n_items = 0;
    g_autofree guint32 *pair_of_item = g_new (guint32, self->n_invoices + 1);

    for (guint i = 0; i < self->n_invoices; i++)
      {
        self->invoice_customer_country[i] = NONE;
        if (self->invoice_customer[i] != NONE)
          {
            items[n_items].first = self->invoice_customer[i];
            items[n_items].second = self->invoice_country[i];
            items[n_items].item = i;
            n_items++;
          }
      }
    self->n_customer_countries = build_pairs (items, n_items, self->n_customers, pair_of_item,
                                              &self->cc_start, &self->cc_country);
    for (guint i = 0; i < n_items; i++)
      self->invoice_customer_country[items[i].item] = pair_of_item[items[i].item];
  }

  {
    g_autoptr (AvaQuery) everything = ava_query_new (AVA_KPI_OVERVIEW);

    self->unfiltered = select_lines (self, everything);
  }

  self->product_rank = rank_pool (self->pools[AVA_POOL_STOCK_CODE]);
  self->country_rank = rank_pool (self->pools[AVA_POOL_COUNTRY]);
  self->product_is_service = g_new (guint8, self->n_products + 1);
  for (guint i = 0; i < self->n_products; i++)
    self->product_is_service[i] =
      ava_stock_code_is_service (ava_string_pool_get (self->pools[AVA_POOL_STOCK_CODE], i));

  return AVA_ENGINE (self);
}

guint
ava_offline_engine_get_n_lines (AvaOfflineEngine *self)
{
  g_return_val_if_fail (AVA_IS_OFFLINE_ENGINE (self), 0);

  return self->n_lines;
}

/* Filters: the lines a query sees. */

static gboolean
same_filters (const AvaQuery *a,
              const AvaQuery *b)
{
  g_autoptr (AvaQuery) b_as_a = ava_query_with_kpi (b, a->kpi);

  b_as_a->rank_by = a->rank_by;
  b_as_a->limit = a->limit;
  return ava_query_equal (a, b_as_a);
}

static Selection *
select_lines (AvaOfflineEngine *self,
              const AvaQuery   *query)
{
  Selection         *selection = g_atomic_rc_box_new0 (Selection);
  g_autofree guint8 *country_ok = g_malloc0 (self->n_countries + 1);
  guint32            customer = NONE;
  gint64             from = query->has_from ? query->from : G_MININT64;
  gint64             to = query->has_to ? query->to : G_MAXINT64;
  OrderChunk        *chunk = NULL;

  selection->sale = g_new (guint32, self->n_lines + 1);
  selection->returns = g_new (guint32, self->n_lines + 1);
  selection->chunks = g_new (OrderChunk, self->n_lines + 1);

  if (query->countries != NULL)
    {
      AvaStringPool *countries = self->pools[AVA_POOL_COUNTRY];

      for (guint i = 0; query->countries[i] != NULL; i++)
        {
          guint32 id;

          if (ava_string_pool_lookup (countries, query->countries[i], strlen (query->countries[i]), &id))
            country_ok[id] = 1;
        }
    }
  else
    memset (country_ok, 1, self->n_countries);

  if (query->has_customer)
    {
      customer = customer_index (self, query->customer_id);
      /* An unknown customer matches nothing. */
      if (customer == NONE)
        return selection;
    }

  /* Country and customer are per invoice: test them once per invoice. */
  for (guint32 invoice = 0; invoice < self->n_invoices; invoice++)
    {
      if (!country_ok[self->invoice_country[invoice]] ||
          (query->has_customer && self->invoice_customer[invoice] != customer))
        continue;

      for (guint i = self->invoice_start[invoice]; i < self->invoice_start[invoice + 1]; i++)
        {
          if (self->time[i] < from || self->time[i] >= to)
            continue;

          if (self->line_class[i] == AVA_LINE_RETURN)
            selection->returns[selection->n_returns++] = i;
          if (self->line_class[i] != AVA_LINE_SALE)
            continue;

          selection->sale[selection->n_sale++] = i;

          /* An invoice's lines are in time order: a new month or a new
           * invoice starts a new chunk. */
          if (chunk == NULL || chunk->invoice != invoice || chunk->month != self->month[i])
            {
              chunk = &selection->chunks[selection->n_chunks++];
              chunk->invoice = invoice;
              chunk->month = self->month[i];
              chunk->revenue = chunk->units = chunk->n_lines = 0;
              chunk->first = self->time[i];
            }
          chunk->revenue += self->amount[i];
          chunk->units += self->quantity[i];
          chunk->n_lines++;
          chunk->last = self->time[i];
        }
    }

  /* Sized for the worst case; give back what was not used. */
  selection->sale = g_renew (guint32, selection->sale, selection->n_sale + 1);
  selection->returns = g_renew (guint32, selection->returns, selection->n_returns + 1);
  selection->chunks = g_renew (OrderChunk, selection->chunks, selection->n_chunks + 1);

  return selection;
}

/* The dashboard's six queries arrive together: the first builds the
 * selection while the others wait for it, rather than all six building. */
static Selection *
get_selection (AvaOfflineEngine *self,
               const AvaQuery   *query)
{
  g_autoptr (GMutexLocker) locker = NULL;
  Selection               *selection;
  AvaQuery                *cached_query;
  int                      found = -1;

  if (!query->has_from && !query->has_to && query->countries == NULL && !query->has_customer)
    return g_atomic_rc_box_acquire (self->unfiltered);

  locker = g_mutex_locker_new (&self->selection_lock);
  for (guint i = 0; i < N_CACHED_SELECTIONS; i++)
    {
      if (self->selection[i] != NULL && same_filters (self->selection_query[i], query))
        {
          found = i;
          break;
        }
    }

  if (found < 0)
    {
      /* Evict the oldest. */
      found = N_CACHED_SELECTIONS - 1;
      g_clear_pointer (&self->selection[found], selection_release);
      g_clear_pointer (&self->selection_query[found], ava_query_free);
      self->selection[found] = select_lines (self, query);
      self->selection_query[found] = ava_query_copy (query);
    }

  /* Move it to the front. */
  selection = self->selection[found];
  cached_query = self->selection_query[found];
  for (int i = found; i > 0; i--)
    {
      self->selection[i] = self->selection[i - 1];
      self->selection_query[i] = self->selection_query[i - 1];
    }
  self->selection[0] = selection;
  self->selection_query[0] = cached_query;

  return g_atomic_rc_box_acquire (selection);
}

/* KPIs. Each reads the selection once; money is summed as integers. */

static AvaResult *
run_overview (AvaOfflineEngine *self,
              const Selection  *selection)
{
  AvaResult         *result = ava_result_new_for_kpi (AVA_KPI_OVERVIEW);
  g_autofree guint8 *customer_seen = g_malloc0 (self->n_customers + 1);
  gint64             gross = 0, returns = 0, units = 0, orders = 0, customers = 0;
  guint32            last_invoice = NONE;

  for (guint k = 0; k < selection->n_chunks; k++)
    {
      const OrderChunk *chunk = &selection->chunks[k];

      gross += chunk->revenue;
      units += chunk->units;
      if (chunk->invoice != last_invoice)
        {
          guint32 customer = self->invoice_customer[chunk->invoice];

          last_invoice = chunk->invoice;
          orders++;
          if (customer != NONE && !customer_seen[customer])
            {
              customer_seen[customer] = 1;
              customers++;
            }
        }
    }

  for (guint k = 0; k < selection->n_returns; k++)
    returns -= self->amount[selection->returns[k]];

  ava_result_add_overview_row (result, gross, orders, customers, units, returns);

  return result;
}

static AvaResult *
run_monthly_revenue (AvaOfflineEngine *self,
                     const Selection  *selection)
{
  AvaResult         *result = ava_result_new_for_kpi (AVA_KPI_MONTHLY_REVENUE);
  gint32             first = G_MAXINT32, last = G_MININT32;
  g_autofree gint64 *gross = NULL;
  g_autofree gint64 *orders = NULL;
  g_autofree gint64 *returns = NULL;

  if (selection->n_chunks == 0)
    return result;

  for (guint k = 0; k < selection->n_chunks; k++)
    {
      first = MIN (first, selection->chunks[k].month);
      last = MAX (last, selection->chunks[k].month);
    }

  gross = g_new0 (gint64, last - first + 1);
  orders = g_new0 (gint64, last - first + 1);
  returns = g_new0 (gint64, last - first + 1);

  /* A chunk is one invoice in one month: one order of that month. */
  for (guint k = 0; k < selection->n_chunks; k++)
    {
      const OrderChunk *chunk = &selection->chunks[k];

      gross[chunk->month - first] += chunk->revenue;
      orders[chunk->month - first]++;
    }

  for (guint k = 0; k < selection->n_returns; k++)
    {
      guint i = selection->returns[k];

      if (self->month[i] >= first && self->month[i] <= last)
        returns[self->month[i] - first] -= self->amount[i];
    }

  for (gint32 m = first; m <= last; m++)
    ava_result_add_month_row (result, m, gross[m - first], orders[m - first], returns[m - first]);

  return result;
}

typedef struct
{
  guint32 id;
  gint64  key; /* descending */
  guint32 tie; /* ascending */
} Ranked;

static int
compare_ranked (const void *a,
                const void *b)
{
  const Ranked *x = a, *y = b;

  if (x->key != y->key)
    return x->key > y->key ? -1 : 1;
  return (x->tie > y->tie) - (x->tie < y->tie);
}

/* The most frequent second member among a group's pairs, ties to the
 * smallest text in byte order; empty texts never win. */
static guint32
most_frequent (const guint32 *start,
               const guint32 *second,
               const gint64  *counts,
               guint32        group,
               AvaStringPool *pool)
{
  guint32 best = NONE;
  gint64  best_count = 0;

  for (guint32 p = start[group]; p < start[group + 1]; p++)
    {
      const char *text = ava_string_pool_get (pool, second[p]);

      if (counts[p] == 0 || text[0] == '\0')
        continue;
      if (counts[p] > best_count ||
          (counts[p] == best_count && strcmp (text, ava_string_pool_get (pool, best)) < 0))
        {
          best = second[p];
          best_count = counts[p];
        }
    }

  return best;
}

static AvaResult *
run_top_products (AvaOfflineEngine *self,
                  const AvaQuery   *query,
                  const Selection  *selection)
{
  AvaResult          *result = ava_result_new_for_kpi (AVA_KPI_TOP_PRODUCTS);
  AvaStringPool      *codes = self->pools[AVA_POOL_STOCK_CODE];
  AvaStringPool      *descriptions = self->pools[AVA_POOL_DESCRIPTION];
  g_autofree gint64  *units = g_new0 (gint64, self->n_products + 1);
  g_autofree gint64  *revenue = g_new0 (gint64, self->n_products + 1);
  g_autofree gint64  *orders = g_new0 (gint64, self->n_products + 1);
  g_autofree guint32 *last_invoice = g_new (guint32, self->n_products + 1);
  g_autofree gint64  *pair_counts = g_new0 (gint64, self->n_product_descriptions + 1);
  g_autofree Ranked  *ranked = g_new (Ranked, self->n_products + 1);
  guint               n_ranked = 0;

  memset (last_invoice, 0xff, sizeof (guint32) * (self->n_products + 1));

  for (guint k = 0; k < selection->n_sale; k++)
    {
      guint   i = selection->sale[k];
      guint32 product = self->product[i];

      if (self->product_is_service[product])
        continue;

      units[product] += self->quantity[i];
      revenue[product] += self->amount[i];
      pair_counts[self->product_description[i]]++;
      if (last_invoice[product] != self->invoice[i])
        {
          last_invoice[product] = self->invoice[i];
          orders[product]++;
        }
    }

  for (guint32 p = 0; p < self->n_products; p++)
    {
      if (orders[p] == 0)
        continue;
      ranked[n_ranked].id = p;
      ranked[n_ranked].key = query->rank_by == AVA_RANK_BY_REVENUE ? revenue[p] : units[p];
      ranked[n_ranked].tie = self->product_rank[p];
      n_ranked++;
    }
  qsort (ranked, n_ranked, sizeof *ranked, compare_ranked);

  for (guint r = 0; r < MIN (n_ranked, query->limit); r++)
    {
      guint32 p = ranked[r].id;
      guint32 description = most_frequent (self->pd_start, self->pd_description, pair_counts, p, descriptions);

      ava_result_add_row (result);
      ava_result_set_integer (result, 0, r + 1);
      ava_result_set_text (result, 1, ava_string_pool_get (codes, p));
      ava_result_set_text (result, 2, description == NONE ? "" : ava_string_pool_get (descriptions, description));
      ava_result_set_integer (result, 3, units[p]);
      ava_result_set_integer (result, 4, revenue[p]);
      ava_result_set_integer (result, 5, orders[p]);
    }

  return result;
}

static AvaResult *
run_top_customers (AvaOfflineEngine *self,
                   const AvaQuery   *query,
                   const Selection  *selection)
{
  AvaResult         *result = ava_result_new_for_kpi (AVA_KPI_TOP_CUSTOMERS);
  AvaStringPool     *countries = self->pools[AVA_POOL_COUNTRY];
  guint              n = self->n_customers + 1;
  g_autofree gint64 *revenue = g_new0 (gint64, n);
  g_autofree gint64 *orders = g_new0 (gint64, n);
  g_autofree gint64 *units = g_new0 (gint64, n);
  g_autofree gint64 *first = g_new (gint64, n);
  g_autofree gint64 *last = g_new (gint64, n);
  g_autofree gint64 *pair_counts = g_new0 (gint64, self->n_customer_countries + 1);
  g_autofree Ranked *ranked = g_new (Ranked, n);
  guint32            last_invoice = NONE;
  guint              n_ranked = 0;

  for (guint k = 0; k < selection->n_chunks; k++)
    {
      const OrderChunk *chunk = &selection->chunks[k];
      guint32           customer = self->invoice_customer[chunk->invoice];

      if (customer == NONE)
        continue;

      if (orders[customer] == 0)
        {
          first[customer] = chunk->first;
          last[customer] = chunk->last;
        }
      if (chunk->invoice != last_invoice)
        {
          last_invoice = chunk->invoice;
          orders[customer]++;
        }
      revenue[customer] += chunk->revenue;
      units[customer] += chunk->units;
      first[customer] = MIN (first[customer], chunk->first);
      last[customer] = MAX (last[customer], chunk->last);
      pair_counts[self->invoice_customer_country[chunk->invoice]] += chunk->n_lines;
    }

  for (guint32 c = 0; c < self->n_customers; c++)
    {
      if (orders[c] == 0)
        continue;
      ranked[n_ranked].id = c;
      ranked[n_ranked].key = revenue[c];
      ranked[n_ranked].tie = c; /* customers are indexed by ascending id */
      n_ranked++;
    }
  qsort (ranked, n_ranked, sizeof *ranked, compare_ranked);

  for (guint r = 0; r < MIN (n_ranked, query->limit); r++)
    {
      guint32 c = ranked[r].id;
      guint32 country = most_frequent (self->cc_start, self->cc_country, pair_counts, c, countries);

      ava_result_add_row (result);
      ava_result_set_integer (result, 0, r + 1);
      ava_result_set_integer (result, 1, self->customer_ids[c]);
      ava_result_set_integer (result, 2, revenue[c]);
      ava_result_set_integer (result, 3, orders[c]);
      ava_result_set_integer (result, 4, units[c]);
      ava_result_set_integer (result, 5, first[c]);
      ava_result_set_integer (result, 6, last[c]);
      ava_result_set_text (result, 7, country == NONE ? "" : ava_string_pool_get (countries, country));
    }

  return result;
}

static AvaResult *
run_by_country (AvaOfflineEngine *self,
                const Selection  *selection)
{
  AvaResult         *result = ava_result_new_for_kpi (AVA_KPI_BY_COUNTRY);
  AvaStringPool     *countries = self->pools[AVA_POOL_COUNTRY];
  guint              n = self->n_countries + 1;
  g_autofree gint64 *revenue = g_new0 (gint64, n);
  g_autofree gint64 *orders = g_new0 (gint64, n);
  g_autofree gint64 *customers = g_new0 (gint64, n);
  g_autofree guint8 *pair_seen = g_malloc0 (self->n_customer_countries + 1);
  g_autofree Ranked *ranked = g_new (Ranked, n);
  guint32            last_invoice = NONE;
  gint64             total = 0;
  guint              n_ranked = 0;

  for (guint k = 0; k < selection->n_chunks; k++)
    {
      const OrderChunk *chunk = &selection->chunks[k];
      guint32           country = self->invoice_country[chunk->invoice];

      revenue[country] += chunk->revenue;
      total += chunk->revenue;
      if (chunk->invoice != last_invoice)
        {
          guint32 pair = self->invoice_customer_country[chunk->invoice];

          last_invoice = chunk->invoice;
          orders[country]++;
          if (pair != NONE && !pair_seen[pair])
            {
              pair_seen[pair] = 1;
              customers[country]++;
            }
        }
    }

  for (guint32 c = 0; c < self->n_countries; c++)
    {
      if (orders[c] == 0)
        continue;
      ranked[n_ranked].id = c;
      ranked[n_ranked].key = revenue[c];
      ranked[n_ranked].tie = self->country_rank[c];
      n_ranked++;
    }
  qsort (ranked, n_ranked, sizeof *ranked, compare_ranked);

  for (guint r = 0; r < n_ranked; r++)
    {
      guint32 c = ranked[r].id;

      ava_result_add_row (result);
      ava_result_set_integer (result, 0, r + 1);
      ava_result_set_text (result, 1, ava_string_pool_get (countries, c));
      ava_result_set_integer (result, 2, revenue[c]);
      ava_result_set_ratio (result, 3, revenue[c], total);
      ava_result_set_integer (result, 4, orders[c]);
      ava_result_set_integer (result, 5, customers[c]);
    }

  return result;
}

static AvaResult *
run_cohorts (AvaOfflineEngine *self,
             const Selection  *selection)
{
  AvaResult          *result = ava_result_new_for_kpi (AVA_KPI_COHORTS);
  gint32              first = G_MAXINT32, last = G_MININT32;
  guint               n_months, words;
  g_autofree guint64 *active = NULL; /* per customer, a bit per month */
  g_autofree gint32  *cohort = NULL;
  g_autofree gint64  *sizes = NULL;
  g_autofree gint64  *counts = NULL; /* [cohort month][offset] */

  /* Cohorts start at the first month a customer bought; offsets run to
   * the last month with any sale line. */
  for (guint k = 0; k < selection->n_chunks; k++)
    {
      const OrderChunk *chunk = &selection->chunks[k];

      last = MAX (last, chunk->month);
      if (self->invoice_customer[chunk->invoice] != NONE)
        first = MIN (first, chunk->month);
    }
  if (first > last)
    return result;

  n_months = last - first + 1;
  words = (n_months + 63) / 64;
  active = g_new0 (guint64, (gsize) self->n_customers * words + 1);
  cohort = g_new (gint32, self->n_customers + 1);
  for (guint c = 0; c < self->n_customers; c++)
    cohort[c] = G_MAXINT32;

  for (guint k = 0; k < selection->n_chunks; k++)
    {
      const OrderChunk *chunk = &selection->chunks[k];
      guint32           customer = self->invoice_customer[chunk->invoice];
      guint             m;

      if (customer == NONE)
        continue;
      m = chunk->month - first;
      active[(gsize) customer * words + m / 64] |= G_GUINT64_CONSTANT (1) << (m % 64);
      cohort[customer] = MIN (cohort[customer], (gint32) m);
    }

  sizes = g_new0 (gint64, n_months);
  counts = g_new0 (gint64, (gsize) n_months * n_months);
  for (guint c = 0; c < self->n_customers; c++)
    {
      const guint64 *bits = &active[(gsize) c * words];

      if (cohort[c] == G_MAXINT32)
        continue;
      sizes[cohort[c]]++;
      for (guint m = cohort[c]; m < n_months; m++)
        {
          if (bits[m / 64] & (G_GUINT64_CONSTANT (1) << (m % 64)))
            counts[(gsize) cohort[c] * n_months + (m - cohort[c])]++;
        }
    }

  for (guint c = 0; c < n_months; c++)
    {
      if (sizes[c] == 0)
        continue;
      for (guint k = 0; c + k < n_months; k++)
        {
          gint64 count = counts[(gsize) c * n_months + k];

          ava_result_add_row (result);
          ava_result_set_integer (result, 0, first + c);
          ava_result_set_integer (result, 1, k);
          ava_result_set_integer (result, 2, sizes[c]);
          ava_result_set_integer (result, 3, count);
          ava_result_set_ratio (result, 4, count, sizes[c]);
        }
    }

  return result;
}

static AvaResult *
ava_offline_engine_run (AvaEngine      *engine,
                        const AvaQuery *query,
                        GCancellable   *cancellable,
                        GError        **error)
{
  AvaOfflineEngine     *self = AVA_OFFLINE_ENGINE (engine);
  g_autoptr (Selection) selection = get_selection (self, query);

  switch (query->kpi)
    {
    case AVA_KPI_OVERVIEW:
      return run_overview (self, selection);
    case AVA_KPI_MONTHLY_REVENUE:
      return run_monthly_revenue (self, selection);
    case AVA_KPI_TOP_PRODUCTS:
      return run_top_products (self, query, selection);
    case AVA_KPI_TOP_CUSTOMERS:
      return run_top_customers (self, query, selection);
    case AVA_KPI_BY_COUNTRY:
      return run_by_country (self, selection);
    case AVA_KPI_COHORTS:
      return run_cohorts (self, selection);
    default:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "unknown KPI %d", query->kpi);
      return NULL;
    }
}
