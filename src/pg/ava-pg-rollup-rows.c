/* ava-pg-rollup-rows.c
 *
 * The rollup rows of an import into an empty database, summed in C from the
 * dataset instead of by rollup_rebuild from the stored lines: the statement
 * sorts half a million lines on text keys several times, the dataset has
 * them as pool ids already. Each function below mirrors one INSERT of
 * rollup_rebuild; the comments name the SQL they reproduce.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ava-pg-rollup-rows.h"

#include "ava-money.h"
#include "ava-timestamp.h"

#include <stdlib.h>
#include <string.h>

#define SECONDS_PER_DAY 86400

typedef struct
{
  AvaDataset         *dataset;
  const AvaSalesLine *lines;
  guint               n_lines;
  const guint32      *variants;
  const gint64       *country_ids;
  const gboolean     *is_service;
  AvaStringPool      *pools[AVA_N_POOLS];
  /* Per pool: ids in byte order (COLLATE "C"), and each id's rank in it. */
  guint32  *order[AVA_N_POOLS];
  guint32  *rank[AVA_N_POOLS];
  gboolean *split; /* per invoice id */
  gboolean  overflow;
} Builder;

/* One (invoice, month, line class) group of invoice_month_totals. */
typedef struct
{
  guint32 invoice_rank;
  gint32  month;
  guint32 line_class;
  guint32 line;
} MonthKey;

/* One line of product_day_sales' inner query, or a row of any of the three
 * product tables: time is a day or a month, country -1 for all countries. */
typedef struct
{
  guint32 invoice_rank;
  guint32 stock_rank;
  guint32 description_rank;
  guint32 line;
} ProductLine;

typedef struct
{
  gint64  time;
  gint64  country_id;
  guint32 variant; /* product_variants.id, numbered in the pairs' byte order */
  gint64  units;
  gint64  revenue;
  gint64  n_lines;
  gint64  orders;
} ProductRow;

void
ava_pg_copy_append_escaped (GString    *out,
                            const char *text,
                            gsize       length)
{
  const char *p = text;
  const char *end = text + length;
  const char *run = p;

  /* COPY text format: backslash escapes for the four bytes that would end
   * a field or a row, or start an escape. */
  for (; p < end; p++)
    {
      char escape;

      switch (*p)
        {
        case '\\':
          escape = '\\';
          break;
        case '\t':
          escape = 't';
          break;
        case '\n':
          escape = 'n';
          break;
        case '\r':
          escape = 'r';
          break;
        default:
          continue;
        }

      g_string_append_len (out, run, p - run);
      g_string_append_c (out, '\\');
      g_string_append_c (out, escape);
      run = p + 1;
    }

  g_string_append_len (out, run, end - run);
}

/* printf would parse a format per field of half a million rows. */
void
ava_pg_copy_append_int64 (GString *out,
                          gint64   value)
{
  char    digits[24];
  char   *p = digits + sizeof digits;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  do
    {
      *--p = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude != 0);

  if (value < 0)
    *--p = '-';

  g_string_append_len (out, p, digits + sizeof digits - p);
}

void
ava_pg_copy_put_header (GString *out)
{
  static const char signature[] = "PGCOPY\n\377\r\n";

  /* The signature with its NUL, no flags, no header extension. */
  g_string_append_len (out, signature, sizeof signature);
  ava_pg_copy_put_be32 (out, 0);
  ava_pg_copy_put_be32 (out, 0);
}

void
ava_pg_copy_put_trailer (GString *out)
{
  ava_pg_copy_put_be16 (out, 0xffff);
}

/* A numeric field (numeric_send's format) for @value in 1/10000 units: base
 * 10000 digits, most significant first, the last one the four decimals,
 * and a display scale of 4, as sums of numeric(14,4) values have. */
void
ava_pg_copy_put_numeric (GString *out,
                         gint64   value)
{
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;
  guint64 units = magnitude / AVA_MONEY_SCALE;
  guint16 digits[8];
  guint   n_digits = 0;
  guint   n_units = 0;

  for (guint64 rest = units; rest > 0; rest /= 10000)
    n_units++;

  for (guint i = n_units; i > 0; i--)
    {
      guint64 rest = units;

      for (guint j = 1; j < i; j++)
        rest /= 10000;
      digits[n_digits++] = (guint16) (rest % 10000);
    }

  if (magnitude != 0)
    digits[n_digits++] = (guint16) (magnitude % AVA_MONEY_SCALE);

  ava_pg_copy_put_be32 (out, 8 + 2 * n_digits);
  ava_pg_copy_put_be16 (out, (guint16) n_digits);
  ava_pg_copy_put_be16 (out, (guint16) (gint16) (magnitude == 0 ? 0 : (int) n_units - 1)); /* weight */
  ava_pg_copy_put_be16 (out, value < 0 ? 0x4000 : 0x0000);                                 /* sign */
  ava_pg_copy_put_be16 (out, AVA_MONEY_DECIMALS);                                          /* display scale */
  for (guint i = 0; i < n_digits; i++)
    ava_pg_copy_put_be16 (out, digits[i]);
}

/* What ava_money_format (value, 4) writes, and what PostgreSQL prints for
 * a sum of numeric(14,4) values: four decimals, no "-" for zero. */
static void
append_money (GString *out,
              gint64   value)
{
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;
  guint64 fraction = magnitude % AVA_MONEY_SCALE;

  if (value < 0)
    g_string_append_c (out, '-');
  ava_pg_copy_append_int64 (out, (gint64) (magnitude / AVA_MONEY_SCALE));
  g_string_append_c (out, '.');
  for (guint64 unit = AVA_MONEY_SCALE / 10; unit > 0; unit /= 10)
    g_string_append_c (out, (char) ('0' + fraction / unit % 10));
}

static void
append_pool_text (Builder *self,
                  GString *out,
                  AvaPool  pool,
                  guint32  rank)
{
  guint32 id = self->order[pool][rank];

  ava_pg_copy_append_escaped (out, ava_string_pool_get (self->pools[pool], id),
                              ava_string_pool_get_length (self->pools[pool], id));
}

static void
append_timestamp (GString *out,
                  gint64   value)
{
  g_autofree char *text = ava_timestamp_format (value);

  g_string_append (out, text);
}

static inline gint64
day_of (gint64 timestamp)
{
  /* ::date truncates towards the past. */
  return timestamp >= 0 ? timestamp / SECONDS_PER_DAY
                        : -((-timestamp + SECONDS_PER_DAY - 1) / SECONDS_PER_DAY);
}

static void
add_money (Builder *self,
           gint64  *sum,
           gint64   value)
{
  if (__builtin_add_overflow (*sum, value, sum))
    self->overflow = TRUE;
}

static gint64
line_amount (Builder            *self,
             const AvaSalesLine *line)
{
  gint64 amount;

  if (__builtin_mul_overflow ((gint64) line->quantity, line->unit_price, &amount))
    {
      self->overflow = TRUE;
      return 0;
    }

  return amount;
}

static int
compare_pool_ids (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  AvaStringPool *pool = user_data;
  guint32        x = *(const guint32 *) a;
  guint32        y = *(const guint32 *) b;
  gsize          x_length = ava_string_pool_get_length (pool, x);
  gsize          y_length = ava_string_pool_get_length (pool, y);
  int            cmp = memcmp (ava_string_pool_get (pool, x), ava_string_pool_get (pool, y),
                               MIN (x_length, y_length));

  if (cmp != 0)
    return cmp;

  return x_length < y_length ? -1 : x_length > y_length;
}

guint32 *
ava_pg_pool_ranks (AvaStringPool *pool,
                   guint32      **out_order)
{
  guint               size = ava_string_pool_get_size (pool);
  g_autofree guint32 *order = g_new (guint32, MAX (size, 1));
  guint32            *rank = g_new (guint32, MAX (size, 1));

  for (guint32 id = 0; id < size; id++)
    order[id] = id;

  g_qsort_with_data (order, size, sizeof (guint32), compare_pool_ids, pool);

  for (guint32 i = 0; i < size; i++)
    rank[order[i]] = i;

  if (out_order != NULL)
    *out_order = g_steal_pointer (&order);

  return rank;
}

static void
rank_pool (Builder *self,
           AvaPool  pool)
{
  self->rank[pool] = ava_pg_pool_ranks (self->pools[pool], &self->order[pool]);
}

/* INSERT INTO split_invoices: invoices whose sale lines (services too)
 * fall on more than one day. */
static void
build_split_invoices (Builder *self,
                      GString *out)
{
  guint                n_invoices = ava_string_pool_get_size (self->pools[AVA_POOL_INVOICE]);
  g_autofree gint64   *first_day = g_new (gint64, MAX (n_invoices, 1));
  g_autofree gint64   *last_day = g_new (gint64, MAX (n_invoices, 1));
  g_autofree gboolean *sold = g_new0 (gboolean, MAX (n_invoices, 1));

  self->split = g_new0 (gboolean, MAX (n_invoices, 1));

  for (guint i = 0; i < self->n_lines; i++)
    {
      const AvaSalesLine *line = &self->lines[i];
      gint64              day;

      if (line->line_class != AVA_LINE_SALE)
        continue;

      day = day_of (line->invoiced_at);
      if (!sold[line->invoice])
        {
          sold[line->invoice] = TRUE;
          first_day[line->invoice] = last_day[line->invoice] = day;
        }
      else
        {
          first_day[line->invoice] = MIN (first_day[line->invoice], day);
          last_day[line->invoice] = MAX (last_day[line->invoice], day);
        }
    }

  for (guint rank = 0; rank < n_invoices; rank++)
    {
      guint32 id = self->order[AVA_POOL_INVOICE][rank];

      if (!sold[id] || first_day[id] == last_day[id])
        continue;

      self->split[id] = TRUE;
      append_pool_text (self, out, AVA_POOL_INVOICE, rank);
      g_string_append_c (out, '\n');
    }
}

static int
compare_month_keys (const void *a,
                    const void *b)
{
  const MonthKey *x = a;
  const MonthKey *y = b;

  if (x->invoice_rank != y->invoice_rank)
    return x->invoice_rank < y->invoice_rank ? -1 : 1;
  if (x->month != y->month)
    return x->month < y->month ? -1 : 1;
  if (x->line_class != y->line_class)
    return x->line_class < y->line_class ? -1 : 1;
  return x->line < y->line ? -1 : x->line > y->line;
}

static gboolean
same_month_group (const MonthKey *x,
                  const MonthKey *y)
{
  return x->invoice_rank == y->invoice_rank && x->month == y->month && x->line_class == y->line_class;
}

/* INSERT INTO invoice_month_totals: sale and return lines per invoice,
 * month and class; only_row when the invoice has no other month in that
 * class (count(*) OVER (PARTITION BY invoice_no, line_class) = 1). */
static void
build_invoice_month_totals (Builder *self,
                            GString *out)
{
  guint                n_invoices = ava_string_pool_get_size (self->pools[AVA_POOL_INVOICE]);
  g_autofree MonthKey *keys = g_new (MonthKey, MAX (self->n_lines, 1));
  g_autofree guint32  *n_groups = g_new0 (guint32, 2 * MAX (n_invoices, 1));
  guint                n_keys = 0;

  for (guint i = 0; i < self->n_lines; i++)
    {
      const AvaSalesLine *line = &self->lines[i];

      if (line->line_class != AVA_LINE_SALE && line->line_class != AVA_LINE_RETURN)
        continue;

      keys[n_keys++] = (MonthKey){
        self->rank[AVA_POOL_INVOICE][line->invoice],
        ava_timestamp_get_month (line->invoiced_at),
        line->line_class,
        i,
      };
    }

  qsort (keys, n_keys, sizeof *keys, compare_month_keys);

  for (guint i = 0; i < n_keys; i++)
    if (i == 0 || !same_month_group (&keys[i - 1], &keys[i]))
      n_groups[2 * keys[i].invoice_rank + keys[i].line_class]++;

  for (guint start = 0, end; start < n_keys; start = end)
    {
      const AvaSalesLine *first = &self->lines[keys[start].line];
      gint64              amount = 0;
      gint64              units = 0;
      gint64              first_at = first->invoiced_at;
      gint64              last_at = first->invoiced_at;

      for (end = start; end < n_keys && same_month_group (&keys[start], &keys[end]); end++)
        {
          const AvaSalesLine *line = &self->lines[keys[end].line];

          add_money (self, &amount, line_amount (self, line));
          units += line->quantity;
          first_at = MIN (first_at, line->invoiced_at);
          last_at = MAX (last_at, line->invoiced_at);
        }

      append_pool_text (self, out, AVA_POOL_INVOICE, keys[start].invoice_rank);
      g_string_append_c (out, '\t');
      ava_pg_copy_append_int64 (out, keys[start].month);
      g_string_append_c (out, '\t');
      ava_pg_copy_append_int64 (out, keys[start].line_class);
      g_string_append_c (out, '\t');
      if (first->customer_id == AVA_NO_CUSTOMER)
        g_string_append (out, "\\N");
      else
        ava_pg_copy_append_int64 (out, first->customer_id);
      g_string_append_c (out, '\t');
      ava_pg_copy_append_int64 (out, self->country_ids[first->country]);
      g_string_append_c (out, '\t');
      append_money (out, amount);
      g_string_append_c (out, '\t');
      ava_pg_copy_append_int64 (out, units);
      g_string_append_c (out, '\t');
      ava_pg_copy_append_int64 (out, end - start);
      g_string_append_c (out, '\t');
      append_timestamp (out, first_at);
      g_string_append_c (out, '\t');
      append_timestamp (out, last_at);
      g_string_append (out, n_groups[2 * keys[start].invoice_rank + keys[start].line_class] == 1
                              ? "\tt\n"
                              : "\tf\n");
    }
}

static int
compare_product_lines (const void *a,
                       const void *b)
{
  const ProductLine *x = a;
  const ProductLine *y = b;

  if (x->invoice_rank != y->invoice_rank)
    return x->invoice_rank < y->invoice_rank ? -1 : 1;
  if (x->stock_rank != y->stock_rank)
    return x->stock_rank < y->stock_rank ? -1 : 1;
  if (x->description_rank != y->description_rank)
    return x->description_rank < y->description_rank ? -1 : 1;
  return x->line < y->line ? -1 : x->line > y->line;
}

/* Sorts by time, country and variant: the primary key order of the
 * product tables. */
static int
compare_product_rows (const void *a,
                      const void *b)
{
  const ProductRow *x = a;
  const ProductRow *y = b;

  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  if (x->country_id != y->country_id)
    return x->country_id < y->country_id ? -1 : 1;
  if (x->variant != y->variant)
    return x->variant < y->variant ? -1 : 1;
  return 0;
}

/* Sorts @rows and adds up those with equal keys, in place (the GROUP BY of
 * the outer queries); returns the number of rows left. */
static guint
merge_product_rows (Builder    *self,
                    ProductRow *rows,
                    guint       n_rows)
{
  guint n_merged = 0;

  qsort (rows, n_rows, sizeof *rows, compare_product_rows);

  for (guint i = 0; i < n_rows; i++)
    {
      ProductRow *last = n_merged > 0 ? &rows[n_merged - 1] : NULL;

      if (last != NULL && compare_product_rows (last, &rows[i]) == 0)
        {
          last->units += rows[i].units;
          add_money (self, &last->revenue, rows[i].revenue);
          last->n_lines += rows[i].n_lines;
          last->orders += rows[i].orders;
        }
      else
        rows[n_merged++] = rows[i];
    }

  return n_merged;
}

typedef enum
{
  PERIOD_DAY,
  PERIOD_MONTH,
  PERIOD_ALL, /* no time column */
} Period;

/* Binary COPY rows: the server then parses no dates and numerics. */
static void
append_product_rows (Builder          *self,
                     GString          *out,
                     const ProductRow *rows,
                     guint             n_rows,
                     Period            period)
{
  ava_pg_copy_put_header (out);

  for (guint i = 0; i < n_rows; i++)
    {
      const ProductRow *row = &rows[i];

      ava_pg_copy_put_be16 (out, 5 + (row->country_id >= 0) + (period != PERIOD_ALL));
      if (period == PERIOD_DAY)
        ava_pg_copy_put_int32 (out, (gint32) (row->time - AVA_PG_EPOCH_SECONDS / SECONDS_PER_DAY));
      else if (period == PERIOD_MONTH)
        ava_pg_copy_put_int32 (out, (gint32) row->time);
      if (row->country_id >= 0)
        ava_pg_copy_put_int32 (out, (gint32) row->country_id);
      ava_pg_copy_put_int32 (out, (gint32) row->variant);
      ava_pg_copy_put_int64 (out, row->units);
      ava_pg_copy_put_numeric (out, row->revenue);
      ava_pg_copy_put_int64 (out, row->n_lines);
      ava_pg_copy_put_int64 (out, row->orders);
    }

  ava_pg_copy_put_trailer (out);
}

/* INSERT INTO product_day_sales, product_month_sales,
 * product_country_sales_all, product_month_sales_all and product_sales_all:
 * merchandise sale lines of invoices that are not split, per (invoice,
 * stock code, description) first, where the smallest description of a
 * stock code in an invoice carries its one order; then per day, month,
 * country over all time, month for all countries, and all time. */
static void
build_product_tables (Builder *self,
                      GString *day_out,
                      GString *month_out,
                      GString *country_all_out,
                      GString *month_all_out,
                      GString *all_out)
{
  g_autofree ProductLine *keys = g_new (ProductLine, MAX (self->n_lines, 1));
  g_autofree ProductRow  *rows = NULL;
  guint                   n_keys = 0;
  guint                   n_rows = 0;

  for (guint i = 0; i < self->n_lines; i++)
    {
      const AvaSalesLine *line = &self->lines[i];

      if (line->line_class != AVA_LINE_SALE || self->is_service[line->stock_code] || self->split[line->invoice])
        continue;

      keys[n_keys++] = (ProductLine){
        self->rank[AVA_POOL_INVOICE][line->invoice],
        self->rank[AVA_POOL_STOCK_CODE][line->stock_code],
        self->rank[AVA_POOL_DESCRIPTION][line->description],
        i,
      };
    }

  qsort (keys, n_keys, sizeof *keys, compare_product_lines);
  rows = g_new (ProductRow, MAX (n_keys, 1));

  for (guint start = 0, end; start < n_keys; start = end)
    {
      const AvaSalesLine *first = &self->lines[keys[start].line];
      ProductRow          row = { 0 };

      row.time = day_of (first->invoiced_at);
      row.country_id = self->country_ids[first->country];
      row.variant = self->variants[keys[start].line];
      /* row_number () OVER (PARTITION BY invoice, stock code ORDER BY
       * description) = 1: the first group of this stock code here. */
      row.orders = start == 0 || keys[start - 1].invoice_rank != keys[start].invoice_rank ||
                   keys[start - 1].stock_rank != keys[start].stock_rank;

      for (end = start; end < n_keys && keys[end].invoice_rank == keys[start].invoice_rank &&
                        keys[end].stock_rank == keys[start].stock_rank &&
                        keys[end].description_rank == keys[start].description_rank;
           end++)
        {
          const AvaSalesLine *line = &self->lines[keys[end].line];

          /* min (invoiced_at)::date */
          row.time = MIN (row.time, day_of (line->invoiced_at));
          row.units += line->quantity;
          add_money (self, &row.revenue, line_amount (self, line));
          row.n_lines++;
        }

      rows[n_rows++] = row;
    }

  n_rows = merge_product_rows (self, rows, n_rows);
  append_product_rows (self, day_out, rows, n_rows, PERIOD_DAY);

  for (guint i = 0; i < n_rows; i++)
    rows[i].time = ava_timestamp_get_month (rows[i].time * SECONDS_PER_DAY);
  n_rows = merge_product_rows (self, rows, n_rows);
  append_product_rows (self, month_out, rows, n_rows, PERIOD_MONTH);

  /* Per country over all time, from a copy: the month rows go on. */
  {
    g_autofree ProductRow *country_rows = g_memdup2 (rows, sizeof *rows * MAX (n_rows, 1));
    guint                  n_country_rows;

    for (guint i = 0; i < n_rows; i++)
      country_rows[i].time = 0;
    n_country_rows = merge_product_rows (self, country_rows, n_rows);
    append_product_rows (self, country_all_out, country_rows, n_country_rows, PERIOD_ALL);
  }

  for (guint i = 0; i < n_rows; i++)
    rows[i].country_id = -1;
  n_rows = merge_product_rows (self, rows, n_rows);
  append_product_rows (self, month_all_out, rows, n_rows, PERIOD_MONTH);

  for (guint i = 0; i < n_rows; i++)
    rows[i].time = 0;
  n_rows = merge_product_rows (self, rows, n_rows);
  append_product_rows (self, all_out, rows, n_rows, PERIOD_ALL);
}

void
ava_pg_rollup_rows_free (AvaPgRollupRows *rows)
{
  if (rows == NULL)
    return;

  g_string_free (rows->split_invoices, TRUE);
  g_string_free (rows->invoice_month_totals, TRUE);
  g_string_free (rows->product_day_sales, TRUE);
  g_string_free (rows->product_month_sales, TRUE);
  g_string_free (rows->product_country_sales_all, TRUE);
  g_string_free (rows->product_month_sales_all, TRUE);
  g_string_free (rows->product_sales_all, TRUE);
  g_free (rows);
}

AvaPgRollupRows *
ava_pg_rollup_rows_compute (AvaDataset     *dataset,
                            const guint32  *variants,
                            const gint64   *country_ids,
                            const gboolean *is_service)
{
  g_autoptr (AvaPgRollupRows) rows = g_new0 (AvaPgRollupRows, 1);
  Builder                     self = { 0 };
  gint64                      start = g_get_monotonic_time ();

  g_return_val_if_fail (AVA_IS_DATASET (dataset), NULL);

  self.dataset = dataset;
  self.lines = ava_dataset_get_lines (dataset, &self.n_lines);
  self.variants = variants;
  self.country_ids = country_ids;
  self.is_service = is_service;

  for (guint pool = 0; pool < AVA_N_POOLS; pool++)
    self.pools[pool] = ava_dataset_get_pool (dataset, pool);
  rank_pool (&self, AVA_POOL_INVOICE);
  rank_pool (&self, AVA_POOL_STOCK_CODE);
  rank_pool (&self, AVA_POOL_DESCRIPTION);

  rows->split_invoices = g_string_new (NULL);
  rows->invoice_month_totals = g_string_sized_new (2 * 1024 * 1024);
  rows->product_day_sales = g_string_sized_new (16 * 1024 * 1024);
  rows->product_month_sales = g_string_sized_new (4 * 1024 * 1024);
  rows->product_country_sales_all = g_string_sized_new (1024 * 1024);
  rows->product_month_sales_all = g_string_sized_new (2 * 1024 * 1024);
  rows->product_sales_all = g_string_sized_new (256 * 1024);

  build_split_invoices (&self, rows->split_invoices);
  build_invoice_month_totals (&self, rows->invoice_month_totals);
  build_product_tables (&self, rows->product_day_sales, rows->product_month_sales, rows->product_country_sales_all,
                        rows->product_month_sales_all, rows->product_sales_all);

  for (guint pool = 0; pool < AVA_N_POOLS; pool++)
    {
      g_free (self.order[pool]);
      g_free (self.rank[pool]);
    }
  g_free (self.split);

  g_debug ("rollup rows computed (%.3f s)%s", (g_get_monotonic_time () - start) / 1e6,
           self.overflow ? ", out of range" : "");

  if (self.overflow)
    return NULL;

  return g_steal_pointer (&rows);
}
