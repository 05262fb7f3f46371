/* ava-pg-importer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ava-pg-importer.h"
#include "ava-pg-importer-private.h"
#include "ava-pg-connection.h"
#include "ava-pg-private.h"
#include "ava-pg-rollup-rows.h"
#include "ava-pg-schema.h"

#include "ava-cleaner.h"
#include "ava-money.h"
#include "ava-string-pool.h"
#include "ava-timestamp.h"

#include <string.h>

/* COPY data goes out in chunks of about this size: large enough that libpq
 * sends full packets, small enough that a cancel is noticed quickly. */
#define COPY_CHUNK_BYTES (256 * 1024)

/* Below this, per-line foreign key checks cost less than re-checking the
 * whole table after dropping the constraints. */
#define DEFAULT_BULK_THRESHOLD 50000

typedef struct
{
  gint64   customer_id;
  guint32  country;
  guint32  first_line; /* index into lines, for error messages */
  gboolean used;
} InvoiceInfo;

/* The lines in line key order, and each line's product variant: what
 * sort_lines() computes on another thread. The bulk path copies the
 * variants; a merge lets SQL number them, so its own are unused (a few
 * milliseconds of work). */
typedef struct
{
  guint32 *order;
  /* product_variants.id of each line, by line index */
  guint32 *variants;
  /* COPY binary rows of product_variants: the pairs, numbered */
  GString *variant_rows;
} SortedLines;

static void
sorted_lines_free (SortedLines *sorted)
{
  if (sorted == NULL)
    return;

  g_free (sorted->order);
  g_free (sorted->variants);
  g_string_free (sorted->variant_rows, TRUE);
  g_free (sorted);
}

typedef struct
{
  PGconn                 *conn;
  GCancellable           *cancellable;
  AvaDataset             *dataset;
  const AvaQualityReport *report;
  const AvaSalesLine     *lines;
  guint                   n_lines;
  const char             *source_name;
  gint64                  run_id;
  GString                *buffer;
  gboolean                in_copy;
  AvaPgImportProgress     progress;
  gpointer                progress_data;
  /* The rollup rows went in through COPY FREEZE and were analyzed in the
   * transaction: no vacuum is needed after the commit. */
  gboolean rollups_analyzed;
  /* The lines in key order (sort_lines), sorted on another thread while
   * the server stages the invoices; and in the bulk path, the rollup rows,
   * computed on another thread while the lines are sent
   * (start_rollup_rows). */
  GThread     *sort_thread;
  SortedLines *sorted;
  GThread     *rollup_thread;
  gint64      *country_ids;
  gboolean    *is_service;
} Import;

typedef struct
{
  char *drop_sql;
  char *create_sql;
} LineDdl;

static AvaPgImportHook import_hook;
static gpointer        import_hook_data;
static guint64         bulk_threshold = DEFAULT_BULK_THRESHOLD;

void
ava_pg_importer_set_hook (AvaPgImportHook hook,
                          gpointer        user_data)
{
  import_hook = hook;
  import_hook_data = user_data;
}

guint64
ava_pg_importer_get_bulk_threshold (void)
{
  return bulk_threshold;
}

void
ava_pg_importer_set_bulk_threshold (guint64 n_lines)
{
  bulk_threshold = n_lines;
}

static void
run_hook (const char *stage)
{
  if (import_hook != NULL)
    import_hook (stage, import_hook_data);
}

static void
report_progress (Import          *self,
                 AvaPgImportPhase phase,
                 guint64          lines_sent)
{
  if (self->progress != NULL)
    self->progress (phase, lines_sent, self->n_lines, self->progress_data);
}

static void
line_ddl_clear (gpointer data)
{
  LineDdl *ddl = data;

  g_free (ddl->drop_sql);
  g_free (ddl->create_sql);
}

static const char *
invoice_kind (const char *invoice_no)
{
  if (g_ascii_isdigit (invoice_no[0]))
    return "regular";
  if (invoice_no[0] == 'C')
    return "cancellation";
  if (invoice_no[0] == 'A')
    return "adjustment";
  return "other";
}

static gboolean
copy_begin (Import     *self,
            const char *sql,
            const char *context,
            GError    **error)
{
  g_autoptr (PGresult) result = NULL;

  if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
    return FALSE;

  result = PQexec (self->conn, sql);
  if (PQresultStatus (result) != PGRES_COPY_IN)
    {
      ava_pg_set_error_from_result (error, self->conn, result, self->cancellable, context);
      return FALSE;
    }

  self->in_copy = TRUE;
  g_string_truncate (self->buffer, 0);
  return TRUE;
}

/* Ends the COPY and collects its result. With @abort_reason the server
 * discards everything sent and fails the COPY with that message. */
static PGresult *
copy_finish (Import     *self,
             const char *abort_reason)
{
  PGresult *result = NULL;
  PGresult *extra;

  self->in_copy = FALSE;

  if (PQputCopyEnd (self->conn, abort_reason) != 1)
    return NULL;

  result = PQgetResult (self->conn);

  /* Drain: libpq is ready for the next command only after a NULL. */
  while ((extra = PQgetResult (self->conn)) != NULL)
    PQclear (extra);

  return result;
}

static gboolean
copy_send (Import     *self,
           gboolean    force,
           const char *context,
           GError    **error)
{
  if (self->buffer->len == 0 || (!force && self->buffer->len < COPY_CHUNK_BYTES))
    return TRUE;

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      PGresult *result = copy_finish (self, "import cancelled by the user");

      g_clear_pointer (&result, PQclear);
      g_cancellable_set_error_if_cancelled (self->cancellable, error);
      return FALSE;
    }

  if (PQputCopyData (self->conn, self->buffer->str, (int) self->buffer->len) != 1)
    {
      ava_pg_set_error_from_result (error, self->conn, NULL, self->cancellable, context);
      return FALSE;
    }

  g_string_truncate (self->buffer, 0);
  return TRUE;
}

static gboolean
copy_end (Import     *self,
          const char *context,
          guint64    *n_rows,
          GError    **error)
{
  g_autoptr (PGresult) result = NULL;

  if (!copy_send (self, TRUE, context, error))
    return FALSE;

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      result = copy_finish (self, "import cancelled by the user");
      g_cancellable_set_error_if_cancelled (self->cancellable, error);
      return FALSE;
    }

  result = copy_finish (self, NULL);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      ava_pg_set_error_from_result (error, self->conn, result, self->cancellable, context);
      return FALSE;
    }

  if (n_rows != NULL)
    *n_rows = g_ascii_strtoull (PQcmdTuples (result), NULL, 10);

  return TRUE;
}

static PGresult *
exec_named (Import            *self,
            const char        *name,
            int                n_params,
            const char *const *values,
            ExecStatusType     expected,
            const char        *context,
            GError           **error)
{
  gint64    start = g_get_monotonic_time ();
  PGresult *result = ava_pg_exec (self->conn, ava_pg_sql_get (name), n_params, values, expected,
                                  self->cancellable, context, error);

  g_debug ("%s (%.3f s)", name, (g_get_monotonic_time () - start) / 1e6);
  return result;
}

static gboolean
exec_count (Import            *self,
            const char        *name,
            int                n_params,
            const char *const *values,
            const char        *context,
            guint64           *count,
            GError           **error)
{
  g_autoptr (PGresult) result = exec_named (self, name, n_params, values, PGRES_COMMAND_OK, context, error);

  if (result == NULL)
    return FALSE;

  if (count != NULL)
    *count = g_ascii_strtoull (PQcmdTuples (result), NULL, 10);

  return TRUE;
}

static char *
describe_customer (const char *customer_id,
                   const char *country)
{
  if (customer_id == NULL || *customer_id == '\0')
    return g_strdup_printf ("no customer, %s", country);

  return g_strdup_printf ("customer %s, %s", customer_id, country);
}

/* Customer and country are stored per invoice, so every line of an invoice
 * must agree on them; fills one InvoiceInfo per invoice pool id. */
static InvoiceInfo *
collect_invoices (Import  *self,
                  GError **error)
{
  AvaStringPool *invoice_pool = ava_dataset_get_pool (self->dataset, AVA_POOL_INVOICE);
  AvaStringPool *country_pool = ava_dataset_get_pool (self->dataset, AVA_POOL_COUNTRY);
  /* At least one: a file without kept lines has no invoice, and NULL means
   * a conflict. */
  g_autofree InvoiceInfo *invoices = g_new0 (InvoiceInfo, MAX (ava_string_pool_get_size (invoice_pool), 1));

  for (guint i = 0; i < self->n_lines; i++)
    {
      const AvaSalesLine *line = &self->lines[i];
      InvoiceInfo        *info = &invoices[line->invoice];

      if (!info->used)
        {
          info->used = TRUE;
          info->customer_id = line->customer_id;
          info->country = line->country;
          info->first_line = i;
        }
      else if (info->customer_id != line->customer_id || info->country != line->country)
        {
          const AvaSalesLine *first = &self->lines[info->first_line];
          g_autofree char    *first_customer = first->customer_id == AVA_NO_CUSTOMER ? NULL : g_strdup_printf ("%" G_GINT64_FORMAT, first->customer_id);
          g_autofree char    *other_customer = line->customer_id == AVA_NO_CUSTOMER ? NULL : g_strdup_printf ("%" G_GINT64_FORMAT, line->customer_id);
          g_autofree char    *a = describe_customer (first_customer, ava_string_pool_get (country_pool, first->country));
          g_autofree char    *b = describe_customer (other_customer, ava_string_pool_get (country_pool, line->country));

          g_set_error (error, AVA_PG_ERROR, AVA_PG_ERROR_CONFLICT,
                       "Invoice %s has lines for different customers in %s (line %u: %s; line %u: %s); "
                       "nothing was imported",
                       ava_string_pool_get (invoice_pool, line->invoice), self->source_name,
                       first->source_line, a, line->source_line, b);
          return NULL;
        }
    }

  return g_steal_pointer (&invoices);
}

/* One invoice as a COPY text row: number, customer, country, kind. The
 * staging table takes the country's name; the invoices table its id. */
static void
append_invoice_row (Import            *self,
                    guint              id,
                    const InvoiceInfo *info,
                    gboolean           country_as_id)
{
  AvaStringPool *invoice_pool = ava_dataset_get_pool (self->dataset, AVA_POOL_INVOICE);
  AvaStringPool *country_pool = ava_dataset_get_pool (self->dataset, AVA_POOL_COUNTRY);
  const char    *invoice_no = ava_string_pool_get (invoice_pool, id);

  ava_pg_copy_append_escaped (self->buffer, invoice_no, ava_string_pool_get_length (invoice_pool, id));
  g_string_append_c (self->buffer, '\t');
  if (info->customer_id == AVA_NO_CUSTOMER)
    g_string_append (self->buffer, "\\N");
  else
    ava_pg_copy_append_int64 (self->buffer, info->customer_id);
  g_string_append_c (self->buffer, '\t');
  if (country_as_id)
    ava_pg_copy_append_int64 (self->buffer, self->country_ids[info->country]);
  else
    ava_pg_copy_append_escaped (self->buffer, ava_string_pool_get (country_pool, info->country),
                                ava_string_pool_get_length (country_pool, info->country));
  g_string_append_c (self->buffer, '\t');
  g_string_append (self->buffer, invoice_kind (invoice_no));
  g_string_append_c (self->buffer, '\n');
}

static gboolean
stage_invoices_and_products (Import            *self,
                             const InvoiceInfo *invoices,
                             GError           **error)
{
  AvaStringPool       *invoice_pool = ava_dataset_get_pool (self->dataset, AVA_POOL_INVOICE);
  AvaStringPool       *stock_pool = ava_dataset_get_pool (self->dataset, AVA_POOL_STOCK_CODE);
  guint                n_invoices = ava_string_pool_get_size (invoice_pool);
  guint                n_products = ava_string_pool_get_size (stock_pool);
  g_autofree gboolean *product_used = g_new0 (gboolean, n_products);
  const char          *context = "Could not send the invoices";

  if (!ava_pg_exec_command (self->conn, ava_pg_sql_get ("import_create_staging"), self->cancellable,
                            "Could not create the staging tables", error))
    return FALSE;

  if (!copy_begin (self, ava_pg_sql_get ("import_copy_invoices"), context, error))
    return FALSE;

  for (guint id = 0; id < n_invoices; id++)
    {
      const InvoiceInfo *info = &invoices[id];

      if (!info->used)
        continue;

      append_invoice_row (self, id, info, FALSE);

      if (!copy_send (self, FALSE, context, error))
        return FALSE;
    }

  if (!copy_end (self, context, NULL, error))
    return FALSE;

  for (guint i = 0; i < self->n_lines; i++)
    product_used[self->lines[i].stock_code] = TRUE;

  context = "Could not send the products";
  if (!copy_begin (self, ava_pg_sql_get ("import_copy_products"), context, error))
    return FALSE;

  for (guint id = 0; id < n_products; id++)
    {
      const char *stock_code;

      if (!product_used[id])
        continue;

      stock_code = ava_string_pool_get (stock_pool, id);
      ava_pg_copy_append_escaped (self->buffer, stock_code, ava_string_pool_get_length (stock_pool, id));
      g_string_append (self->buffer, ava_stock_code_is_service (stock_code) ? "\tt\n" : "\tf\n");

      if (!copy_send (self, FALSE, context, error))
        return FALSE;
    }

  return copy_end (self, context, NULL, error);
}

static gboolean
check_stored_invoices (Import  *self,
                       GError **error)
{
  g_autoptr (PGresult) result = exec_named (self, "import_find_conflict", 0, NULL, PGRES_TUPLES_OK,
                                            "Could not compare with the stored invoices", error);
  g_autofree char     *stored = NULL;
  g_autofree char     *incoming = NULL;

  if (result == NULL)
    return FALSE;

  if (PQntuples (result) == 0)
    return TRUE;

  stored = describe_customer (PQgetisnull (result, 0, 1) ? NULL : PQgetvalue (result, 0, 1),
                              PQgetvalue (result, 0, 2));
  incoming = describe_customer (PQgetisnull (result, 0, 3) ? NULL : PQgetvalue (result, 0, 3),
                                PQgetvalue (result, 0, 4));

  g_set_error (error, AVA_PG_ERROR, AVA_PG_ERROR_CONFLICT,
               "Invoice %s is already in the database for %s, but %s has it for %s; "
               "nothing was imported",
               PQgetvalue (result, 0, 0), stored, self->source_name, incoming);
  return FALSE;
}

static gboolean
insert_run (Import  *self,
            GError **error)
{
  const AvaQualityReport *r = self->report;
  g_autofree char        *input_rows = g_strdup_printf ("%" G_GUINT64_FORMAT, r->input_rows);
  g_autofree char        *rejected = g_strdup_printf ("%" G_GUINT64_FORMAT, r->rejected);
  g_autofree char        *duplicates = g_strdup_printf ("%" G_GUINT64_FORMAT, r->duplicates_dropped);
  g_autofree char        *kept = g_strdup_printf ("%" G_GUINT64_FORMAT, r->kept_lines);
  g_autofree char        *sales = g_strdup_printf ("%" G_GUINT64_FORMAT, r->sale_lines);
  g_autofree char        *returns = g_strdup_printf ("%" G_GUINT64_FORMAT, r->return_lines);
  g_autofree char        *excluded = g_strdup_printf ("%" G_GUINT64_FORMAT, r->excluded_lines);
  g_autofree char        *first = r->kept_lines > 0 ? ava_timestamp_format (r->first_invoice_date) : NULL;
  g_autofree char        *last = r->kept_lines > 0 ? ava_timestamp_format (r->last_invoice_date) : NULL;
  const char             *params[] = {
                self->source_name,
                input_rows,
                rejected,
                duplicates,
                kept,
                sales,
                returns,
                excluded,
                first,
                last,
  };
  g_autoptr (PGresult) result = exec_named (self, "import_insert_run", G_N_ELEMENTS (params), params,
                                            PGRES_TUPLES_OK, "Could not record the import run", error);

  if (result == NULL)
    return FALSE;

  self->run_id = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  return TRUE;
}

/* Returns the DDL to drop and rebuild the constraints and indexes of
 * @table, read back from the catalog (see import_table_ddl). */
static GArray *
get_table_ddl (Import     *self,
               const char *table,
               gboolean    with_keys,
               GError    **error)
{
  const char          *params[] = { table, with_keys ? "true" : "false" };
  g_autoptr (PGresult) result = exec_named (self, "import_table_ddl", 2, params, PGRES_TUPLES_OK,
                                            "Could not read the table constraints", error);
  g_autoptr (GArray)   ddl = NULL;

  if (result == NULL)
    return NULL;

  ddl = g_array_sized_new (FALSE, FALSE, sizeof (LineDdl), PQntuples (result));
  g_array_set_clear_func (ddl, line_ddl_clear);

  for (int i = 0; i < PQntuples (result); i++)
    {
      LineDdl item = { g_strdup (PQgetvalue (result, i, 0)), g_strdup (PQgetvalue (result, i, 1)) };

      g_array_append_val (ddl, item);
    }

  return g_steal_pointer (&ddl);
}

static gboolean
run_table_ddl (Import  *self,
               GArray  *ddl,
               gboolean create,
               GError **error)
{
  /* Drop foreign keys first (the catalog query lists them last); create
   * them last, once the keys they do not need are rebuilt. */
  for (guint n = 0; n < ddl->len; n++)
    {
      guint          i = create ? n : ddl->len - 1 - n;
      const LineDdl *item = &g_array_index (ddl, LineDdl, i);
      const char    *sql = create ? item->create_sql : item->drop_sql;
      gint64         start = g_get_monotonic_time ();

      if (!ava_pg_exec_command (self->conn, sql, self->cancellable,
                                create ? "Could not rebuild an index or constraint"
                                       : "Could not drop an index or constraint",
                                error))
        return FALSE;

      g_debug ("%s (%.3f s)", sql, (g_get_monotonic_time () - start) / 1e6);
    }

  return TRUE;
}

/* A line's key (invoice_lines_line_key): the invoice as its byte-order
 * rank, the variant as number_variants() numbers it. */
typedef struct
{
  guint32 invoice;
  guint32 variant;
  gint32  quantity;
  gint64  unit_price;
  gint64  invoiced_at;
  guint32 line;
} LineKey;

static int
compare_line_keys (const void *a,
                   const void *b)
{
  const LineKey *x = a;
  const LineKey *y = b;

  if (x->invoice != y->invoice)
    return x->invoice < y->invoice ? -1 : 1;
  if (x->variant != y->variant)
    return x->variant < y->variant ? -1 : 1;
  if (x->quantity != y->quantity)
    return x->quantity < y->quantity ? -1 : 1;
  if (x->unit_price != y->unit_price)
    return x->unit_price < y->unit_price ? -1 : 1;
  if (x->invoiced_at != y->invoiced_at)
    return x->invoiced_at < y->invoiced_at ? -1 : 1;
  return x->line < y->line ? -1 : x->line > y->line;
}

/* A pair of stock code and description of the lines (pool ids), with its
 * byte-order key (ranks) and the next pair of the same stock code. */
typedef struct
{
  guint64 key;
  guint32 stock_code;
  guint32 description;
  guint32 next;
  guint32 id;
} VariantPair;

static int
compare_variant_keys (const void *a,
                      const void *b)
{
  const VariantPair *x = *(const VariantPair *const *) a;
  const VariantPair *y = *(const VariantPair *const *) b;

  return x->key < y->key ? -1 : x->key > y->key;
}

/* Numbers the pairs of stock code and description of the lines from 1, in
 * their byte order as migration 7 and import_insert_variants number them:
 * sets each line's variant and the rows of product_variants. */
static void
number_variants (Import      *self,
                 SortedLines *sorted)
{
  AvaStringPool       *stock_codes = ava_dataset_get_pool (self->dataset, AVA_POOL_STOCK_CODE);
  AvaStringPool       *descriptions = ava_dataset_get_pool (self->dataset, AVA_POOL_DESCRIPTION);
  g_autofree guint32  *stock_ranks = ava_pg_pool_ranks (stock_codes, NULL);
  g_autofree guint32  *description_ranks = ava_pg_pool_ranks (descriptions, NULL);
  guint                n_stock_codes = ava_string_pool_get_size (stock_codes);
  g_autofree guint32  *first = g_new (guint32, MAX (n_stock_codes, 1));
  g_autofree guint32  *pair_of_line = g_new (guint32, MAX (self->n_lines, 1));
  g_autoptr (GArray)   pairs = g_array_new (FALSE, FALSE, sizeof (VariantPair));
  g_autofree gpointer *by_key = NULL;

  memset (first, 0xff, MAX (n_stock_codes, 1) * sizeof *first);

  /* A stock code has one description or a few: a short chain each. */
  for (guint i = 0; i < self->n_lines; i++)
    {
      const AvaSalesLine *line = &self->lines[i];
      guint32             pair = first[line->stock_code];

      while (pair != G_MAXUINT32 && g_array_index (pairs, VariantPair, pair).description != line->description)
        pair = g_array_index (pairs, VariantPair, pair).next;

      if (pair == G_MAXUINT32)
        {
          VariantPair added = {
            (guint64) stock_ranks[line->stock_code] << 32 | description_ranks[line->description],
            line->stock_code,
            line->description,
            first[line->stock_code],
            0,
          };

          g_array_append_val (pairs, added);
          pair = first[line->stock_code] = pairs->len - 1;
        }

      pair_of_line[i] = pair;
    }

  by_key = g_new (gpointer, MAX (pairs->len, 1));
  for (guint i = 0; i < pairs->len; i++)
    by_key[i] = &g_array_index (pairs, VariantPair, i);
  qsort (by_key, pairs->len, sizeof *by_key, compare_variant_keys);

  sorted->variant_rows = g_string_sized_new (64 * pairs->len + 64);
  ava_pg_copy_put_header (sorted->variant_rows);
  for (guint i = 0; i < pairs->len; i++)
    {
      VariantPair *pair = by_key[i];

      pair->id = i + 1;
      ava_pg_copy_put_be16 (sorted->variant_rows, 3);
      ava_pg_copy_put_int32 (sorted->variant_rows, (gint32) pair->id);
      ava_pg_copy_put_text (sorted->variant_rows, stock_codes, pair->stock_code);
      ava_pg_copy_put_text (sorted->variant_rows, descriptions, pair->description);
    }
  ava_pg_copy_put_trailer (sorted->variant_rows);

  sorted->variants = g_new (guint32, MAX (self->n_lines, 1));
  for (guint i = 0; i < self->n_lines; i++)
    sorted->variants[i] = g_array_index (pairs, VariantPair, pair_of_line[i]).id;
}

/* The lines in the order of the line key. Sent in that order, the lines
 * reach the server already sorted for the key's index build, which then
 * finds its input presorted. Within a file invoice numbers follow time, so
 * the BRIN index stays narrow. The key leads with the invoice: the lines
 * are placed by invoice first, then each invoice's few lines sorted. */
static SortedLines *
sort_lines (Import *self)
{
  AvaStringPool      *invoice_pool = ava_dataset_get_pool (self->dataset, AVA_POOL_INVOICE);
  guint               n_invoices = ava_string_pool_get_size (invoice_pool);
  g_autofree guint32 *invoices = ava_pg_pool_ranks (invoice_pool, NULL);
  g_autofree guint32 *starts = g_new0 (guint32, n_invoices + 1);
  g_autofree guint32 *next = NULL;
  g_autofree LineKey *keys = g_new (LineKey, MAX (self->n_lines, 1));
  SortedLines        *sorted = g_new0 (SortedLines, 1);
  gint64              start = g_get_monotonic_time ();

  number_variants (self, sorted);

  for (guint i = 0; i < self->n_lines; i++)
    starts[invoices[self->lines[i].invoice] + 1]++;
  for (guint rank = 0; rank < n_invoices; rank++)
    starts[rank + 1] += starts[rank];
  next = g_memdup2 (starts, sizeof *starts * (n_invoices + 1));

  for (guint i = 0; i < self->n_lines; i++)
    {
      const AvaSalesLine *line = &self->lines[i];
      guint32             rank = invoices[line->invoice];

      keys[next[rank]++] = (LineKey){
        rank,
        sorted->variants[i],
        line->quantity,
        line->unit_price,
        line->invoiced_at,
        i,
      };
    }

  for (guint rank = 0; rank < n_invoices; rank++)
    if (starts[rank + 1] - starts[rank] > 1)
      qsort (keys + starts[rank], starts[rank + 1] - starts[rank], sizeof *keys, compare_line_keys);

  sorted->order = g_new (guint32, MAX (self->n_lines, 1));
  for (guint i = 0; i < self->n_lines; i++)
    sorted->order[i] = keys[i].line;

  g_debug ("sorted %u lines (%.3f s)", self->n_lines, (g_get_monotonic_time () - start) / 1e6);
  return sorted;
}

static gpointer
sort_lines_thread (gpointer data)
{
  return sort_lines (data);
}

/* Waits for sort_lines(), or runs it if it never started. */
static const SortedLines *
get_sorted_lines (Import *self)
{
  if (self->sorted != NULL)
    return self->sorted;

  if (self->sort_thread != NULL)
    self->sorted = g_thread_join (g_steal_pointer (&self->sort_thread));
  else
    self->sorted = sort_lines (self);

  return self->sorted;
}

/* A numeric field, encoded once per distinct price. */
static GString *
encode_numeric (gint64 value)
{
  GString *out = g_string_new (NULL);

  ava_pg_copy_put_numeric (out, value);
  return out;
}

static void
string_free (gpointer data)
{
  g_string_free (data, TRUE);
}

/* Streams every line in COPY binary format, which spares the server the
 * parsing of times and numerics: invoice, the product variant's id (with
 * @by_variant) or stock code and description, quantity, time, price,
 * class, run. */
static gboolean
copy_lines (Import     *self,
            const char *copy_sql,
            gboolean    by_variant,
            guint64    *n_rows,
            GError    **error)
{
  AvaStringPool         *invoices = ava_dataset_get_pool (self->dataset, AVA_POOL_INVOICE);
  AvaStringPool         *stock_codes = ava_dataset_get_pool (self->dataset, AVA_POOL_STOCK_CODE);
  AvaStringPool         *descriptions = ava_dataset_get_pool (self->dataset, AVA_POOL_DESCRIPTION);
  g_autoptr (GHashTable) prices = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, string_free);
  gint64                 start = g_get_monotonic_time ();
  const char            *context = "Could not send the sales lines";
  gboolean               hook_done = FALSE;
  const SortedLines     *sorted = get_sorted_lines (self);

  if (!copy_begin (self, copy_sql, context, error))
    return FALSE;

  report_progress (self, AVA_PG_IMPORT_PHASE_LINES, 0);
  ava_pg_copy_put_header (self->buffer);

  for (guint i = 0; i < self->n_lines; i++)
    {
      guint32             index = sorted->order[i];
      const AvaSalesLine *line = &self->lines[index];
      const GString      *price;

      /* Prices repeat: encode each distinct value once. */
      price = g_hash_table_lookup (prices, &line->unit_price);
      if (price == NULL)
        {
          gint64 *key = g_new (gint64, 1);

          *key = line->unit_price;
          price = encode_numeric (line->unit_price);
          g_hash_table_insert (prices, key, (GString *) price);
        }

      ava_pg_copy_put_be16 (self->buffer, by_variant ? 7 : 8);
      ava_pg_copy_put_text (self->buffer, invoices, line->invoice);
      if (by_variant)
        ava_pg_copy_put_int32 (self->buffer, (gint32) sorted->variants[index]);
      else
        {
          ava_pg_copy_put_text (self->buffer, stock_codes, line->stock_code);
          ava_pg_copy_put_text (self->buffer, descriptions, line->description);
        }
      ava_pg_copy_put_be32 (self->buffer, 4);
      ava_pg_copy_put_be32 (self->buffer, (guint32) line->quantity);
      ava_pg_copy_put_int64 (self->buffer, (line->invoiced_at - AVA_PG_EPOCH_SECONDS) * G_USEC_PER_SEC);
      g_string_append_len (self->buffer, price->str, price->len);
      ava_pg_copy_put_be32 (self->buffer, 2);
      ava_pg_copy_put_be16 (self->buffer, line->line_class);
      ava_pg_copy_put_int64 (self->buffer, self->run_id);

      if (self->buffer->len >= COPY_CHUNK_BYTES)
        {
          if (!copy_send (self, FALSE, context, error))
            return FALSE;

          report_progress (self, AVA_PG_IMPORT_PHASE_LINES, i + 1);
          if (!hook_done)
            {
              run_hook ("lines-copy");
              hook_done = TRUE;
            }
        }
    }

  if (!hook_done)
    run_hook ("lines-copy");

  ava_pg_copy_put_trailer (self->buffer);

  if (!copy_end (self, context, n_rows, error))
    return FALSE;

  report_progress (self, AVA_PG_IMPORT_PHASE_FINISH, self->n_lines);
  g_debug ("copied %u lines (%.3f s)", self->n_lines, (g_get_monotonic_time () - start) / 1e6);
  return TRUE;
}

/* Copies @text into the empty @table, whose keys and indexes are built
 * afterwards: one sort each instead of a lookup per row. */
static gboolean
copy_text (Import        *self,
           const char    *table,
           const char    *name,
           const GString *text,
           const char    *context,
           GError       **error)
{
  g_autoptr (GArray) ddl = get_table_ddl (self, table, TRUE, error);
  gint64             start = g_get_monotonic_time ();

  if (ddl == NULL || !run_table_ddl (self, ddl, FALSE, error) ||
      !copy_begin (self, ava_pg_sql_get (name), context, error))
    return FALSE;

  for (gsize offset = 0; offset < text->len; offset += COPY_CHUNK_BYTES)
    {
      g_string_append_len (self->buffer, text->str + offset, MIN (COPY_CHUNK_BYTES, text->len - offset));
      if (!copy_send (self, TRUE, context, error))
        return FALSE;
    }

  if (!copy_end (self, context, NULL, error))
    return FALSE;

  g_debug ("%s (%.3f s)", name, (g_get_monotonic_time () - start) / 1e6);
  return run_table_ddl (self, ddl, TRUE, error);
}

/* An empty table: load it directly, without the indexes and foreign keys,
 * and build those once at the end. Per-line index and foreign key upkeep
 * would cost several times the load itself. The product variants go first,
 * numbered here (sort_lines()). */
static gboolean
load_into_empty (Import  *self,
                 guint64 *new_lines,
                 GError **error)
{
  g_autoptr (GArray) ddl = NULL;

  ddl = get_table_ddl (self, "invoice_lines", TRUE, error);
  if (ddl == NULL)
    return FALSE;

  if (!run_table_ddl (self, ddl, FALSE, error) ||
      !ava_pg_exec_command (self->conn, ava_pg_sql_get ("import_truncate_lines"), self->cancellable,
                            "Could not prepare the lines table", error) ||
      !copy_text (self, "product_variants", "import_copy_variants", get_sorted_lines (self)->variant_rows,
                  "Could not add the product variants", error) ||
      !copy_lines (self, ava_pg_sql_get ("import_copy_lines"), TRUE, new_lines, error) ||
      !exec_count (self, "import_analyze_lines", 0, NULL, "Could not analyze the lines", NULL, error))
    return FALSE;

  run_hook ("lines-loaded");

  return run_table_ddl (self, ddl, TRUE, error);
}

/* A table with lines: stage the file, then insert what is not there yet; the
 * line key decides. */
static gboolean
merge_into_existing (Import  *self,
                     gboolean bulk,
                     guint64 *new_lines,
                     GError **error)
{
  g_autoptr (GArray) ddl = NULL;
  guint64            staged = 0;

  if (!ava_pg_exec_command (self->conn, ava_pg_sql_get ("import_create_line_staging"), self->cancellable,
                            "Could not create the line staging table", error) ||
      !copy_lines (self, ava_pg_sql_get ("import_copy_staged_lines"), FALSE, &staged, error) ||
      !exec_count (self, "import_insert_variants", 0, NULL, "Could not add the product variants", NULL, error))
    return FALSE;

  if (bulk)
    {
      ddl = get_table_ddl (self, "invoice_lines", FALSE, error);
      if (ddl == NULL || !run_table_ddl (self, ddl, FALSE, error))
        return FALSE;
    }

  if (!exec_count (self, "import_merge_lines", 0, NULL, "Could not add the new lines", new_lines, error))
    return FALSE;

  run_hook ("lines-loaded");

  return ddl == NULL || run_table_ddl (self, ddl, TRUE, error);
}

static gboolean
copy_rejected_rows (Import  *self,
                    GError **error)
{
  GArray          *rows = self->report->rejected_rows;
  g_autofree char *run_prefix = g_strdup_printf ("%" G_GINT64_FORMAT "\t", self->run_id);
  const char      *context = "Could not record the rejected rows";

  if (rows == NULL || rows->len == 0)
    return TRUE;

  if (!copy_begin (self, ava_pg_sql_get ("import_copy_rejected"), context, error))
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      const AvaRejectedRow *row = &g_array_index (rows, AvaRejectedRow, i);

      g_string_append (self->buffer, run_prefix);
      ava_pg_copy_append_int64 (self->buffer, (gint64) row->line);
      g_string_append_c (self->buffer, '\t');
      ava_pg_copy_append_escaped (self->buffer, row->reason, strlen (row->reason));
      g_string_append_c (self->buffer, '\n');

      if (!copy_send (self, FALSE, context, error))
        return FALSE;
    }

  return copy_end (self, context, NULL, error);
}

static gpointer
rollup_rows_thread (gpointer data)
{
  Import *self = data;

  return ava_pg_rollup_rows_compute (self->dataset, self->sorted->variants, self->country_ids, self->is_service);
}

/* The ids the database gave the countries, by country pool id. */
static gboolean
read_country_ids (Import  *self,
                  GError **error)
{
  AvaStringPool       *country_pool = ava_dataset_get_pool (self->dataset, AVA_POOL_COUNTRY);
  guint                n_countries = ava_string_pool_get_size (country_pool);
  g_autoptr (PGresult) countries = exec_named (self, "import_country_ids", 0, NULL, PGRES_TUPLES_OK,
                                               "Could not read the countries", error);

  if (countries == NULL)
    return FALSE;

  self->country_ids = g_new (gint64, MAX (n_countries, 1));
  for (guint id = 0; id < n_countries; id++)
    self->country_ids[id] = -1;

  for (int row = 0; row < PQntuples (countries); row++)
    {
      guint32 id;

      if (ava_string_pool_lookup (country_pool, PQgetvalue (countries, row, 1),
                                  PQgetlength (countries, row, 1), &id))
        self->country_ids[id] = g_ascii_strtoll (PQgetvalue (countries, row, 0), NULL, 10);
    }

  return TRUE;
}

/* The bulk path: reads the ids the database gave the countries and the
 * service flags of the products (unless load_reference_tables() knows them
 * already), then computes the rollup rows on another thread while this one
 * sends the lines and the server indexes them. */
static gboolean
start_rollup_rows (Import  *self,
                   GError **error)
{
  AvaStringPool       *stock_pool = ava_dataset_get_pool (self->dataset, AVA_POOL_STOCK_CODE);
  g_autoptr (PGresult) products = NULL;

  get_sorted_lines (self);

  if (self->country_ids != NULL)
    {
      self->rollup_thread = g_thread_new ("ava-pg-rollups", rollup_rows_thread, self);
      return TRUE;
    }

  if (!read_country_ids (self, error))
    return FALSE;

  products = exec_named (self, "import_product_services", 0, NULL, PGRES_TUPLES_OK,
                         "Could not read the products", error);
  if (products == NULL)
    return FALSE;

  self->is_service = g_new0 (gboolean, MAX (ava_string_pool_get_size (stock_pool), 1));
  for (int row = 0; row < PQntuples (products); row++)
    {
      guint32 id;

      if (ava_string_pool_lookup (stock_pool, PQgetvalue (products, row, 0),
                                  PQgetlength (products, row, 0), &id))
        self->is_service[id] = g_strcmp0 (PQgetvalue (products, row, 1), "t") == 0;
    }

  self->rollup_thread = g_thread_new ("ava-pg-rollups", rollup_rows_thread, self);
  return TRUE;
}

/* Waits for the rollup rows, if they are being computed; NULL if not, or
 * if they did not fit 64-bit money. */
static AvaPgRollupRows *
join_rollup_rows (Import *self)
{
  AvaPgRollupRows *rows = NULL;

  if (self->rollup_thread != NULL)
    rows = g_thread_join (g_steal_pointer (&self->rollup_thread));

  g_clear_pointer (&self->country_ids, g_free);
  g_clear_pointer (&self->is_service, g_free);
  return rows;
}

/* Every line is new and the rollup rows were computed from the dataset:
 * copy them in. Otherwise SQL sums the stored lines (rollup_rebuild). */
static gboolean
load_rollup_rows (Import     *self,
                  const char *context,
                  GError    **error)
{
  g_autoptr (AvaPgRollupRows) rows = join_rollup_rows (self);

  if (rows == NULL)
    return ava_pg_exec_command (self->conn, ava_pg_sql_get ("rollup_rebuild"), self->cancellable,
                                context, error);

  if (!exec_count (self, "rollup_truncate", 0, NULL, context, NULL, error) ||
      !copy_text (self, "split_invoices", "rollup_copy_split_invoices", rows->split_invoices, context, error) ||
      !copy_text (self, "invoice_month_totals", "rollup_copy_invoice_totals", rows->invoice_month_totals, context, error) ||
      !copy_text (self, "product_day_sales", "rollup_copy_product_day", rows->product_day_sales, context, error) ||
      !copy_text (self, "product_month_sales", "rollup_copy_product_month", rows->product_month_sales, context, error) ||
      !copy_text (self, "product_country_sales_all", "rollup_copy_product_country_all",
                  rows->product_country_sales_all, context, error) ||
      !copy_text (self, "product_month_sales_all", "rollup_copy_product_month_all", rows->product_month_sales_all, context, error) ||
      !copy_text (self, "product_sales_all", "rollup_copy_product_all", rows->product_sales_all, context, error) ||
      !exec_count (self, "rollup_analyze", 0, NULL, context, NULL, error))
    return FALSE;

  self->rollups_analyzed = TRUE;
  return TRUE;
}

/* Brings the rollup tables (db/rollups.sql) up to date with the lines of
 * this run, in the import transaction. Only the invoices the run added
 * lines to can change: their invoice_month_totals rows are recomputed from
 * all their lines. The product rollups are sums over many invoices, so they
 * take a delta instead: minus what a touched invoice's earlier lines gave,
 * plus what all its lines give now. */
static gboolean
refresh_rollups (Import  *self,
                 gboolean rebuild,
                 GError **error)
{
  g_autofree char  *run_id = g_strdup_printf ("%" G_GINT64_FORMAT, self->run_id);
  const char       *touched_params[] = { run_id };
  const char       *subtract_params[] = { "-1", run_id };
  const char       *add_params[] = { "1", NULL };
  const char *const context = "Could not update the rollup tables";
  gint64            start = g_get_monotonic_time ();

  /* Every line is new: summing them all beats any delta. */
  if (rebuild)
    {
      if (!load_rollup_rows (self, context, error))
        return FALSE;

      g_debug ("import: rollups rebuilt (%.3f s)", (g_get_monotonic_time () - start) / 1e6);
      return TRUE;
    }

  if (!ava_pg_exec_command (self->conn, ava_pg_sql_get ("rollup_create_temp"), self->cancellable,
                            context, error) ||
      !exec_count (self, "rollup_touched_invoices", 1, touched_params, context, NULL, error) ||
      !exec_count (self, "rollup_analyze_touched", 0, NULL, context, NULL, error) ||
      !exec_count (self, "rollup_delete_invoice_totals", 0, NULL, context, NULL, error) ||
      !exec_count (self, "rollup_insert_invoice_totals", 0, NULL, context, NULL, error) ||
      /* Before split_invoices learns of this run's splits: what was added
       * then is what comes out now. */
      !exec_count (self, "rollup_product_delta", 2, subtract_params, context, NULL, error) ||
      !exec_count (self, "rollup_insert_split_invoices", 0, NULL, context, NULL, error) ||
      !exec_count (self, "rollup_product_delta", 2, add_params, context, NULL, error) ||
      !ava_pg_exec_command (self->conn, ava_pg_sql_get ("rollup_apply_product_delta"), self->cancellable,
                            context, error) ||
      !ava_pg_exec_command (self->conn, ava_pg_sql_get ("rollup_delete_empty_products"), self->cancellable,
                            context, error))
    return FALSE;

  g_debug ("import: rollups refreshed (%.3f s)", (g_get_monotonic_time () - start) / 1e6);
  return TRUE;
}

static gboolean
finish_run (Import                  *self,
            const AvaPgImportResult *result,
            GError                 **error)
{
  g_autofree char *run_id = g_strdup_printf ("%" G_GINT64_FORMAT, self->run_id);
  g_autofree char *new_lines = g_strdup_printf ("%" G_GUINT64_FORMAT, result->new_lines);
  g_autofree char *present = g_strdup_printf ("%" G_GUINT64_FORMAT, result->already_present_lines);
  g_autofree char *customers = g_strdup_printf ("%u", result->new_customers);
  g_autofree char *products = g_strdup_printf ("%u", result->new_products);
  g_autofree char *invoices = g_strdup_printf ("%u", result->new_invoices);
  const char      *params[] = { run_id, new_lines, present, customers, products, invoices };

  return exec_count (self, "import_finish_run", G_N_ELEMENTS (params), params,
                     "Could not record the import run", NULL, error);
}

/* @empty: the lines table is; @fresh: so is every table the import adds
 * to. */
static gboolean
tables_are_empty (Import   *self,
                  gboolean *empty,
                  gboolean *fresh,
                  GError  **error)
{
  g_autoptr (PGresult) result = exec_named (self, "import_lines_empty", 0, NULL, PGRES_TUPLES_OK,
                                            "Could not inspect the lines table", error);

  if (result == NULL)
    return FALSE;

  *empty = g_strcmp0 (PQgetvalue (result, 0, 0), "t") == 0;
  *fresh = g_strcmp0 (PQgetvalue (result, 0, 1), "t") == 0;
  return TRUE;
}

/* Stages the dataset's invoices and products, checks them against the
 * stored invoices, and adds the countries, customers, products and
 * invoices that are new. */
static gboolean
merge_reference_tables (Import            *self,
                        const InvoiceInfo *invoices,
                        gboolean           bulk,
                        AvaPgImportResult *result,
                        GError           **error)
{
  g_autoptr (GArray) invoice_ddl = NULL;
  guint64            count = 0;

  if (!stage_invoices_and_products (self, invoices, error))
    return FALSE;

  run_hook ("staged");

  if (!check_stored_invoices (self, error))
    return FALSE;

  if (bulk)
    {
      invoice_ddl = get_table_ddl (self, "invoices", FALSE, error);
      if (invoice_ddl == NULL || !run_table_ddl (self, invoice_ddl, FALSE, error))
        return FALSE;
    }

  if (!exec_count (self, "import_insert_countries", 0, NULL, "Could not add the countries", NULL, error) ||
      !exec_count (self, "import_insert_customers", 0, NULL, "Could not add the customers", &count, error))
    return FALSE;
  result->new_customers = (guint) count;

  if (!exec_count (self, "import_insert_products", 0, NULL, "Could not add the products", &count, error))
    return FALSE;
  result->new_products = (guint) count;

  if (!exec_count (self, "import_insert_invoices", 0, NULL, "Could not add the invoices", &count, error))
    return FALSE;
  result->new_invoices = (guint) count;

  return invoice_ddl == NULL || run_table_ddl (self, invoice_ddl, TRUE, error);
}

static int
compare_int64 (const void *a,
               const void *b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The countries in byte order of their names, which gives them their ids
 * in that order, as import_insert_countries does. */
static gboolean
copy_new_countries (Import            *self,
                    const InvoiceInfo *invoices,
                    GError           **error)
{
  AvaStringPool       *invoice_pool = ava_dataset_get_pool (self->dataset, AVA_POOL_INVOICE);
  AvaStringPool       *country_pool = ava_dataset_get_pool (self->dataset, AVA_POOL_COUNTRY);
  guint                n_invoices = ava_string_pool_get_size (invoice_pool);
  guint                n_countries = ava_string_pool_get_size (country_pool);
  g_autofree gboolean *used = g_new0 (gboolean, MAX (n_countries, 1));
  g_autofree guint32  *order = NULL;
  g_autofree guint32  *rank = ava_pg_pool_ranks (country_pool, &order);
  const char          *context = "Could not add the countries";

  for (guint id = 0; id < n_invoices; id++)
    if (invoices[id].used)
      used[invoices[id].country] = TRUE;

  if (!copy_begin (self, ava_pg_sql_get ("import_copy_new_countries"), context, error))
    return FALSE;

  for (guint i = 0; i < n_countries; i++)
    {
      guint32 id = order[i];

      if (!used[id])
        continue;

      ava_pg_copy_append_escaped (self->buffer, ava_string_pool_get (country_pool, id),
                                  ava_string_pool_get_length (country_pool, id));
      g_string_append_c (self->buffer, '\n');
    }

  return copy_end (self, context, NULL, error) && read_country_ids (self, error);
}

static gboolean
copy_new_customers (Import            *self,
                    const InvoiceInfo *invoices,
                    guint             *n_new,
                    GError           **error)
{
  guint              n_invoices = ava_string_pool_get_size (ava_dataset_get_pool (self->dataset, AVA_POOL_INVOICE));
  g_autoptr (GArray) customers = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char        *context = "Could not add the customers";
  guint64            count = 0;

  for (guint id = 0; id < n_invoices; id++)
    if (invoices[id].used && invoices[id].customer_id != AVA_NO_CUSTOMER)
      g_array_append_val (customers, invoices[id].customer_id);

  g_array_sort (customers, compare_int64);

  if (!copy_begin (self, ava_pg_sql_get ("import_copy_new_customers"), context, error))
    return FALSE;

  for (guint i = 0; i < customers->len; i++)
    {
      gint64 customer_id = g_array_index (customers, gint64, i);

      if (i > 0 && customer_id == g_array_index (customers, gint64, i - 1))
        continue;

      ava_pg_copy_append_int64 (self->buffer, customer_id);
      g_string_append_c (self->buffer, '\n');
      if (!copy_send (self, FALSE, context, error))
        return FALSE;
    }

  if (!copy_end (self, context, &count, error))
    return FALSE;

  *n_new = (guint) count;
  return TRUE;
}

/* Also records the products' service flags, for the rollup rows. */
static gboolean
copy_new_products (Import  *self,
                   guint   *n_new,
                   GError **error)
{
  AvaStringPool       *stock_pool = ava_dataset_get_pool (self->dataset, AVA_POOL_STOCK_CODE);
  guint                n_products = ava_string_pool_get_size (stock_pool);
  g_autofree gboolean *used = g_new0 (gboolean, MAX (n_products, 1));
  const char          *context = "Could not add the products";
  guint64              count = 0;

  for (guint i = 0; i < self->n_lines; i++)
    used[self->lines[i].stock_code] = TRUE;

  self->is_service = g_new0 (gboolean, MAX (n_products, 1));

  if (!copy_begin (self, ava_pg_sql_get ("import_copy_new_products"), context, error))
    return FALSE;

  for (guint id = 0; id < n_products; id++)
    {
      const char *stock_code;

      if (!used[id])
        continue;

      stock_code = ava_string_pool_get (stock_pool, id);
      self->is_service[id] = ava_stock_code_is_service (stock_code);
      ava_pg_copy_append_escaped (self->buffer, stock_code, ava_string_pool_get_length (stock_pool, id));
      g_string_append (self->buffer, self->is_service[id] ? "\tt\n" : "\tf\n");
      if (!copy_send (self, FALSE, context, error))
        return FALSE;
    }

  if (!copy_end (self, context, &count, error))
    return FALSE;

  *n_new = (guint) count;
  return TRUE;
}

/* Into the invoices table without its foreign keys and secondary indexes,
 * which are built afterwards: one join or sort each. The primary key stays:
 * the lines' foreign key needs it. */
static gboolean
copy_new_invoices (Import            *self,
                   const InvoiceInfo *invoices,
                   guint             *n_new,
                   GError           **error)
{
  AvaStringPool     *invoice_pool = ava_dataset_get_pool (self->dataset, AVA_POOL_INVOICE);
  guint              n_invoices = ava_string_pool_get_size (invoice_pool);
  g_autoptr (GArray) ddl = get_table_ddl (self, "invoices", FALSE, error);
  const char        *context = "Could not add the invoices";
  guint64            count = 0;

  if (ddl == NULL || !run_table_ddl (self, ddl, FALSE, error) ||
      !copy_begin (self, ava_pg_sql_get ("import_copy_new_invoices"), context, error))
    return FALSE;

  for (guint id = 0; id < n_invoices; id++)
    {
      const InvoiceInfo *info = &invoices[id];

      if (!info->used)
        continue;

      append_invoice_row (self, id, info, TRUE);

      if (!copy_send (self, FALSE, context, error))
        return FALSE;
    }

  if (!copy_end (self, context, &count, error))
    return FALSE;

  *n_new = (guint) count;
  return run_table_ddl (self, ddl, TRUE, error);
}

/* A database without countries, customers, products, invoices or lines:
 * everything is new, so the dataset goes straight into those tables, with
 * no staging, conflict check or merge. */
static gboolean
load_reference_tables (Import            *self,
                       const InvoiceInfo *invoices,
                       AvaPgImportResult *result,
                       GError           **error)
{
  if (!copy_new_countries (self, invoices, error) ||
      !copy_new_customers (self, invoices, &result->new_customers, error) ||
      !copy_new_products (self, &result->new_products, error) ||
      !copy_new_invoices (self, invoices, &result->new_invoices, error))
    return FALSE;

  run_hook ("staged");
  return TRUE;
}

/* Everything between BEGIN and COMMIT. */
static gboolean
run_import (Import            *self,
            AvaPgImportResult *result,
            GError           **error)
{
  g_autoptr (PGresult)    lock = NULL;
  g_autoptr (PGresult)    settings = NULL;
  g_autofree InvoiceInfo *invoices = NULL;
  gboolean                empty = FALSE;
  gboolean                fresh = FALSE;
  gboolean                bulk;
  gint64                  start = g_get_monotonic_time ();

  self->sort_thread = g_thread_new ("ava-pg-sort", sort_lines_thread, self);

  lock = exec_named (self, "import_lock", 0, NULL, PGRES_TUPLES_OK,
                     "Could not wait for other imports", error);
  if (lock == NULL)
    return FALSE;

  settings = exec_named (self, "import_settings", 0, NULL, PGRES_TUPLES_OK,
                         "Could not configure the import", error);
  if (settings == NULL)
    return FALSE;

  invoices = collect_invoices (self, error);
  if (invoices == NULL)
    return FALSE;

  if (!tables_are_empty (self, &empty, &fresh, error))
    return FALSE;

  /* Many new rows: check foreign keys once per table, not once per row. */
  bulk = empty || self->n_lines >= bulk_threshold;

  if (fresh)
    {
      if (!load_reference_tables (self, invoices, result, error))
        return FALSE;
    }
  else if (!merge_reference_tables (self, invoices, bulk, result, error))
    return FALSE;

  if (!insert_run (self, error))
    return FALSE;

  g_debug ("import: invoices and products staged and merged (%.3f s)",
           (g_get_monotonic_time () - start) / 1e6);

  if (empty)
    {
      /* The rollup rows are computed during the COPY, when the client
       * has little to do: during the index builds, they would take a core
       * from the server's parallel sort. */
      if (!start_rollup_rows (self, error) ||
          !load_into_empty (self, &result->new_lines, error))
        return FALSE;
    }
  else if (!merge_into_existing (self, bulk, &result->new_lines, error))
    return FALSE;

  g_debug ("import: %" G_GUINT64_FORMAT " new lines via %s (%.3f s)", result->new_lines,
           empty ? "bulk load" : "merge", (g_get_monotonic_time () - start) / 1e6);

  result->already_present_lines = self->n_lines - result->new_lines;
  if (result->new_lines == 0)
    return TRUE;

  result->run_id = self->run_id;

  return refresh_rollups (self, empty, error) &&
         copy_rejected_rows (self, error) &&
         finish_run (self, result, error);
}

static void
rollback (PGconn *conn)
{
  g_autoptr (PGresult) result = NULL;

  /* A broken connection has nothing to roll back: the server aborts the
   * transaction when the session ends. */
  if (PQstatus (conn) != CONNECTION_OK)
    return;

  result = PQexec (conn, "ROLLBACK");
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_debug ("rollback failed: %s", PQerrorMessage (conn));
}

/* Begins the import transaction and brings the schema up to date in it: a
 * failed import then takes back the migrations too, and leaves the database
 * exactly as it was. */
static gboolean
begin_import (PGconn  *conn,
              GError **error)
{
  if (!ava_pg_exec_command (conn, "BEGIN", NULL, "Could not begin the import", error))
    return FALSE;

  if (!ava_pg_schema_ensure_in_transaction (conn, error))
    {
      rollback (conn);
      return FALSE;
    }

  return TRUE;
}

/* Everything after begin_import(). */
static gboolean
import_with_connection (PGconn                 *conn,
                        AvaDataset             *dataset,
                        const AvaQualityReport *report,
                        AvaPgImportProgress     progress,
                        gpointer                progress_data,
                        GCancellable           *cancellable,
                        gint64                  start,
                        AvaPgImportResult      *result,
                        GError                **error)
{
  g_autoptr (AvaPgCancelWatch) watch = NULL;
  g_autoptr (GString)          buffer = NULL;
  g_autoptr (GError)           vacuum_error = NULL;
  AvaPgImportResult            counts = { 0 };
  Import                       self = { 0 };
  gboolean                     ok;

  buffer = g_string_sized_new (COPY_CHUNK_BYTES + 4096);
  self.conn = conn;
  self.cancellable = cancellable;
  self.dataset = dataset;
  self.report = report;
  self.lines = ava_dataset_get_lines (dataset, &self.n_lines);
  self.source_name = report->source_name != NULL ? report->source_name : "the input";
  self.buffer = buffer;
  self.progress = progress;
  self.progress_data = progress_data;

  report_progress (&self, AVA_PG_IMPORT_PHASE_STAGE, 0);

  watch = ava_pg_cancel_watch_new (conn, cancellable);

  ok = run_import (&self, &counts, error);
  /* A failure may leave the threads running: wait for them. */
  ava_pg_rollup_rows_free (join_rollup_rows (&self));
  if (self.sort_thread != NULL)
    sorted_lines_free (g_thread_join (g_steal_pointer (&self.sort_thread)));
  g_clear_pointer (&self.sorted, sorted_lines_free);

  if (!ok)
    {
      g_clear_pointer (&watch, ava_pg_cancel_watch_free);
      rollback (conn);
      return FALSE;
    }

  /* No cancel request may hit COMMIT or ROLLBACK: from here the outcome is
   * decided by this thread alone. */
  g_clear_pointer (&watch, ava_pg_cancel_watch_free);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      rollback (conn);
      return FALSE;
    }

  if (counts.new_lines == 0)
    {
      /* Nothing new: not even an import run is kept. */
      rollback (conn);
      result->already_present_lines = self.n_lines;
      g_debug ("import of %s: all %u lines already present", self.source_name, self.n_lines);
      return TRUE;
    }

  if (!ava_pg_exec_command (conn, "COMMIT", NULL, "Could not commit the import", error))
    return FALSE;

  *result = counts;
  g_debug ("import: committed (%.3f s)", (g_get_monotonic_time () - start) / 1e6);

  /* Outside the transaction, and only an optimization: a failure here
   * leaves a correct database whose first queries are slower. */
  if (!self.rollups_analyzed &&
      !ava_pg_exec_command (conn, ava_pg_sql_get ("rollup_vacuum"), NULL,
                            "Could not vacuum the rollup tables", &vacuum_error))
    g_debug ("%s", vacuum_error->message);

  g_debug ("import of %s: run %" G_GINT64_FORMAT ", %" G_GUINT64_FORMAT " new lines, %.3f s",
           self.source_name, counts.run_id, counts.new_lines,
           (g_get_monotonic_time () - start) / 1e6);

  return TRUE;
}

/**
 * ava_pg_import_dataset:
 * @conninfo: a libpq connection string or URI
 * @dataset: the cleaned lines
 * @report: the quality report of the same load (counts, rejected rows)
 * @cancellable: (nullable): stops the import; nothing is then written
 * @result: (out caller-allocates): what the import added
 * @error: return location for a #GError
 *
 * Ensures the schema and adds the dataset, in one transaction: countries,
 * customers, products, invoices, the lines that are not stored yet, an
 * import run and every rejected row. A file whose lines are all stored
 * already changes nothing, not even the import runs (@result->run_id is 0).
 * An invoice stored with another customer or country fails the whole import
 * with %AVA_PG_ERROR_CONFLICT. On any failure the database is unchanged.
 *
 * Returns: %TRUE on success
 */
gboolean
ava_pg_import_dataset (const char             *conninfo,
                       AvaDataset             *dataset,
                       const AvaQualityReport *report,
                       GCancellable           *cancellable,
                       AvaPgImportResult      *result,
                       GError                **error)
{
  return ava_pg_import_dataset_with_progress (conninfo, dataset, report, NULL, NULL, cancellable, result, error);
}

/**
 * ava_pg_import_dataset_with_progress:
 * @conninfo: a libpq connection string or URI
 * @dataset: the cleaned lines
 * @report: the quality report of the same load (counts, rejected rows)
 * @progress: (nullable) (scope call): told of each phase and of the lines
 *   sent, on the calling thread
 * @user_data: for @progress
 * @cancellable: (nullable): stops the import; nothing is then written
 * @result: (out caller-allocates): what the import added
 * @error: return location for a #GError
 *
 * ava_pg_import_dataset(), reporting its progress.
 *
 * Returns: %TRUE on success
 */
gboolean
ava_pg_import_dataset_with_progress (const char             *conninfo,
                                     AvaDataset             *dataset,
                                     const AvaQualityReport *report,
                                     AvaPgImportProgress     progress,
                                     gpointer                user_data,
                                     GCancellable           *cancellable,
                                     AvaPgImportResult      *result,
                                     GError                **error)
{
  g_autoptr (PGconn) conn = NULL;
  gint64             start = g_get_monotonic_time ();

  g_return_val_if_fail (conninfo != NULL, FALSE);
  g_return_val_if_fail (AVA_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (result, 0, sizeof *result);

  if (progress != NULL)
    {
      guint n_lines;

      ava_dataset_get_lines (dataset, &n_lines);
      progress (AVA_PG_IMPORT_PHASE_CONNECT, 0, n_lines, user_data);
    }

  conn = ava_pg_connection_open (conninfo, cancellable, error);
  if (conn == NULL || !begin_import (conn, error))
    return FALSE;

  g_debug ("import: connected, schema ready (%.3f s)", (g_get_monotonic_time () - start) / 1e6);

  return import_with_connection (conn, dataset, report, progress, user_data, cancellable, start, result, error);
}

typedef struct
{
  const char       *path;
  GCancellable     *cancellable;
  AvaDataset       *dataset;
  AvaQualityReport *report;
  GError           *error;
} LoadFile;

static gpointer
load_file_thread (gpointer data)
{
  LoadFile *load = data;
  gint64    start = g_get_monotonic_time ();

  load->dataset = ava_load_csv_path (load->path, load->cancellable, &load->report, &load->error);
  g_debug ("import: %s parsed and cleaned (%.3f s)", load->path, (g_get_monotonic_time () - start) / 1e6);
  return NULL;
}

/**
 * ava_pg_import_path:
 * @conninfo: a libpq connection string or URI
 * @path: a sales CSV file, optionally gzip-compressed
 * @cancellable: (nullable): stops the import; nothing is then written
 * @report: (out) (optional): the quality report of the file
 * @result: (out caller-allocates): what the import added
 * @error: return location for a #GError
 *
 * ava_load_csv_path() and ava_pg_import_dataset() in one: the file is read
 * and cleaned on another thread while this one connects, begins the import
 * transaction and ensures the schema in it. A file that does not load fails
 * with the loader's error, and nothing is written: not even the schema.
 *
 * Returns: %TRUE on success
 */
gboolean
ava_pg_import_path (const char        *conninfo,
                    const char        *path,
                    GCancellable      *cancellable,
                    AvaQualityReport **report,
                    AvaPgImportResult *result,
                    GError           **error)
{
  g_autoptr (PGconn)           conn = NULL;
  g_autoptr (GError)           connect_error = NULL;
  g_autoptr (AvaDataset)       dataset = NULL;
  g_autoptr (AvaQualityReport) loaded_report = NULL;
  LoadFile                     load = { path, cancellable, NULL, NULL, NULL };
  GThread                     *thread;
  gint64                       start = g_get_monotonic_time ();
  gboolean                     ok;

  g_return_val_if_fail (conninfo != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (result, 0, sizeof *result);

  thread = g_thread_new ("ava-pg-load", load_file_thread, &load);

  conn = ava_pg_connection_open (conninfo, cancellable, &connect_error);
  if (conn != NULL && !begin_import (conn, &connect_error))
    g_clear_pointer (&conn, PQfinish);

  g_thread_join (thread);
  dataset = load.dataset;
  loaded_report = load.report;

  if (dataset == NULL)
    {
      if (conn != NULL)
        rollback (conn);
      g_propagate_error (error, load.error);
      return FALSE;
    }

  if (conn == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&connect_error));
      return FALSE;
    }

  g_debug ("import: file loaded, connected, schema ready (%.3f s)", (g_get_monotonic_time () - start) / 1e6);

  ok = import_with_connection (conn, dataset, loaded_report, NULL, NULL, cancellable, start, result, error);

  if (ok && report != NULL)
    *report = g_steal_pointer (&loaded_report);

  return ok;
}
