/* ava-cleaner.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ava-cleaner.h"
#include "ava-csv-reader.h"
#include "ava-money.h"
#include "ava-timestamp.h"

/* A reason quotes at most this much of a bad value. */
#define QUOTE_LIMIT 40

typedef struct
{
  gint64  customer_id;
  guint32 country;
  guint32 first_line;
} InvoiceHeader;

struct _AvaCleaner
{
  AvaQualityReport *report;
  AvaStringPool    *pools[AVA_N_POOLS];
  GArray           *lines;    /* AvaSalesLine */
  GArray           *invoices; /* InvoiceHeader, indexed by invoice id */

  /* Deduplication: open addressing; a slot holds the line index + 1 (0 =
   * empty) in its low half and the line's hash in its high half, so that
   * most probes never touch the (cold) line itself. */
  guint64 *dedup_slots;
  guint32  dedup_n_slots;

  int   columns[AVA_N_FIELDS]; /* header position of each field */
  guint n_header_fields;
};

AvaCleaner *
ava_cleaner_new (const char *source_name)
{
  AvaCleaner *self = g_new0 (AvaCleaner, 1);

  self->report = ava_quality_report_new (source_name);
  for (guint i = 0; i < AVA_N_POOLS; i++)
    self->pools[i] = ava_string_pool_new ();
  self->lines = g_array_sized_new (FALSE, FALSE, sizeof (AvaSalesLine), 1024);
  self->invoices = g_array_new (FALSE, FALSE, sizeof (InvoiceHeader));
  self->dedup_n_slots = 4096;
  self->dedup_slots = g_new0 (guint64, self->dedup_n_slots);

  return self;
}

void
ava_cleaner_free (AvaCleaner *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->report, ava_quality_report_free);
  for (guint i = 0; i < AVA_N_POOLS; i++)
    g_clear_pointer (&self->pools[i], ava_string_pool_unref);
  g_clear_pointer (&self->lines, g_array_unref);
  g_clear_pointer (&self->invoices, g_array_unref);
  g_free (self->dedup_slots);
  g_free (self);
}

static void
trim (const char **text,
      gsize       *length)
{
  const char *start = *text;
  const char *end = start + *length;

  while (start < end && g_ascii_isspace (*start))
    start++;
  while (end > start && g_ascii_isspace (end[-1]))
    end--;

  *text = start;
  *length = end - start;
}

/* Both header spellings of KPI_SPEC.md, compared without case or spaces. */
static int
field_for_header_name (const char *name,
                       gsize       length)
{
  static const struct
  {
    const char *name;
    AvaField    field;
  } names[] = {
    { "invoiceno", AVA_FIELD_INVOICE_NO },
    { "invoice", AVA_FIELD_INVOICE_NO },
    { "stockcode", AVA_FIELD_STOCK_CODE },
    { "description", AVA_FIELD_DESCRIPTION },
    { "quantity", AVA_FIELD_QUANTITY },
    { "invoicedate", AVA_FIELD_INVOICE_DATE },
    { "unitprice", AVA_FIELD_UNIT_PRICE },
    { "price", AVA_FIELD_UNIT_PRICE },
    { "customerid", AVA_FIELD_CUSTOMER_ID },
    { "country", AVA_FIELD_COUNTRY },
  };
  char  folded[32];
  gsize n = 0;

  for (gsize i = 0; i < length; i++)
    {
      if (name[i] == ' ' || name[i] == '_')
        continue;
      if (n + 1 >= sizeof folded)
        return -1;
      folded[n++] = g_ascii_tolower (name[i]);
    }
  folded[n] = '\0';

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (strcmp (folded, names[i].name) == 0)
        return names[i].field;
    }

  return -1;
}

gboolean
ava_cleaner_set_header (AvaCleaner   *self,
                        AvaCsvReader *reader,
                        GError      **error)
{
  guint n_fields = ava_csv_reader_get_n_fields (reader);

  for (guint i = 0; i < AVA_N_FIELDS; i++)
    self->columns[i] = -1;

  for (guint i = 0; i < n_fields; i++)
    {
      gsize       length;
      const char *name = ava_csv_reader_get_field (reader, i, &length);
      int         field;

      trim (&name, &length);
      field = field_for_header_name (name, length);
      if (field < 0)
        continue;

      if (self->columns[field] >= 0)
        {
          g_set_error (error, AVA_CSV_ERROR, AVA_CSV_ERROR_HEADER,
                       "%s: line %" G_GUINT64_FORMAT ": the header names column %s twice",
                       self->report->source_name, ava_csv_reader_get_line (reader),
                       ava_field_get_name (field));
          return FALSE;
        }
      self->columns[field] = i;
    }

  for (guint i = 0; i < AVA_N_FIELDS; i++)
    {
      if (self->columns[i] < 0)
        {
          g_set_error (error, AVA_CSV_ERROR, AVA_CSV_ERROR_HEADER,
                       "%s: line %" G_GUINT64_FORMAT ": the header has no %s column; "
                       "expected the Online Retail columns InvoiceNo, StockCode, Description, "
                       "Quantity, InvoiceDate, UnitPrice, CustomerID, Country",
                       self->report->source_name, ava_csv_reader_get_line (reader),
                       ava_field_get_name (i));
          return FALSE;
        }
    }

  self->n_header_fields = n_fields;
  return TRUE;
}

static void
reject (AvaCleaner *self,
        guint64     line,
        char       *reason)
{
  ava_quality_report_add_rejected (self->report, line, reason);
}

static void
reject_value (AvaCleaner *self,
              guint64     line,
              AvaField    field,
              const char *value,
              gsize       length,
              const char *problem)
{
  g_autofree char *quoted = NULL;

  /* Cut on a character boundary so the reason stays valid UTF-8. */
  if (length > QUOTE_LIMIT)
    {
      const char *cut = g_utf8_find_prev_char (value, value + QUOTE_LIMIT + 1);

      quoted = g_strdup_printf ("%.*s…", (int) (cut - value), value);
    }
  else
    quoted = g_strndup (value, length);

  reject (self, line, g_strdup_printf ("%s '%s' %s", ava_field_get_name (field), quoted, problem));
}

/* Whole numbers, also when written as "17850.0" by a spreadsheet export. */
static gboolean
parse_whole_number (const char  *text,
                    gsize        length,
                    gint64       min,
                    gint64       max,
                    gint64      *out_value,
                    const char **out_problem)
{
  const char *p = text;
  const char *end = text + length;
  gboolean    negative = FALSE;
  guint64     value = 0;

  if (p < end && (*p == '-' || *p == '+'))
    negative = *p++ == '-';

  if (p == end || !g_ascii_isdigit (*p))
    {
      *out_problem = "is not a whole number";
      return FALSE;
    }

  for (; p < end && g_ascii_isdigit (*p); p++)
    {
      value = value * 10 + (*p - '0');
      if (value > (guint64) G_MAXINT64 / 10)
        {
          *out_problem = "is out of range";
          return FALSE;
        }
    }

  if (p < end && *p == '.')
    {
      for (p++; p < end && *p == '0'; p++)
        ;
    }

  if (p != end)
    {
      *out_problem = "is not a whole number";
      return FALSE;
    }

  *out_value = negative ? -(gint64) value : (gint64) value;
  if (*out_value < min || *out_value > max)
    {
      *out_problem = "is out of range";
      return FALSE;
    }

  return TRUE;
}

static inline guint64
mix64 (guint64 h)
{
  /* MurmurHash3's finalizer: every input bit reaches the low bits, which
   * pick the slot. */
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xFF51AFD7ED558CCD);
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xC4CEB9FE1A85EC53);
  h ^= h >> 33;
  return h;
}

static guint32
hash_line (const AvaSalesLine *line)
{
  const guint64 k = G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  guint64       h = (guint64) line->invoiced_at;

  h = (h ^ (guint64) line->unit_price) * k;
  h = (h ^ (guint64) line->customer_id) * k;
  h = (h ^ (guint32) line->quantity) * k;
  h = (h ^ line->invoice) * k;
  h = (h ^ line->stock_code) * k;
  h = (h ^ line->description) * k;
  h = (h ^ line->country) * k;

  return (guint32) mix64 (h);
}

static gboolean
lines_equal (const AvaSalesLine *a,
             const AvaSalesLine *b)
{
  return a->invoiced_at == b->invoiced_at && a->unit_price == b->unit_price &&
         a->customer_id == b->customer_id && a->quantity == b->quantity &&
         a->invoice == b->invoice && a->stock_code == b->stock_code &&
         a->description == b->description && a->country == b->country;
}

static void
dedup_grow (AvaCleaner *self)
{
  guint32  n_slots = self->dedup_n_slots * 2;
  guint64 *slots = g_new0 (guint64, n_slots);

  for (guint32 i = 0; i < self->dedup_n_slots; i++)
    {
      guint64 entry = self->dedup_slots[i];
      guint32 slot;

      if (entry == 0)
        continue;

      slot = (guint32) (entry >> 32) & (n_slots - 1);
      while (slots[slot] != 0)
        slot = (slot + 1) & (n_slots - 1);
      slots[slot] = entry;
    }

  g_free (self->dedup_slots);
  self->dedup_slots = slots;
  self->dedup_n_slots = n_slots;
}

/* Adds the line unless an equal one was kept before. */
static gboolean
keep_unless_duplicate (AvaCleaner         *self,
                       const AvaSalesLine *line)
{
  guint32 hash = hash_line (line);
  guint32 slot = hash & (self->dedup_n_slots - 1);
  guint64 entry;

  while ((entry = self->dedup_slots[slot]) != 0)
    {
      if ((guint32) (entry >> 32) == hash &&
          lines_equal (&g_array_index (self->lines, AvaSalesLine, (guint32) entry - 1), line))
        return FALSE;
      slot = (slot + 1) & (self->dedup_n_slots - 1);
    }

  g_array_append_vals (self->lines, line, 1);
  self->dedup_slots[slot] = ((guint64) hash << 32) | self->lines->len;
  if (self->lines->len * 2 > self->dedup_n_slots)
    dedup_grow (self);

  return TRUE;
}

static AvaLineClass
classify (const char         *invoice_no,
          const AvaSalesLine *line)
{
  if (g_ascii_isdigit (invoice_no[0]) && line->quantity > 0 && line->unit_price > 0)
    return AVA_LINE_SALE;
  if (invoice_no[0] == 'C')
    return AVA_LINE_RETURN;
  return AVA_LINE_EXCLUDED;
}

/* An invoice has one customer and one country in the normalized model;
 * a line that contradicts the invoice's earlier lines cannot be stored
 * there, so both engines reject it. Returns FALSE after rejecting. */
static gboolean
check_invoice_header (AvaCleaner         *self,
                      const AvaSalesLine *line)
{
  InvoiceHeader *header;

  if (line->invoice == self->invoices->len)
    {
      InvoiceHeader fresh = { line->customer_id, line->country, line->source_line };

      g_array_append_val (self->invoices, fresh);
      return TRUE;
    }

  header = &g_array_index (self->invoices, InvoiceHeader, line->invoice);
  if (header->customer_id != line->customer_id)
    {
      reject (self, line->source_line,
              g_strdup_printf ("CustomerID differs from line %u of invoice %s",
                               header->first_line,
                               ava_string_pool_get (self->pools[AVA_POOL_INVOICE], line->invoice)));
      return FALSE;
    }
  if (header->country != line->country)
    {
      reject (self, line->source_line,
              g_strdup_printf ("Country differs from line %u of invoice %s",
                               header->first_line,
                               ava_string_pool_get (self->pools[AVA_POOL_INVOICE], line->invoice)));
      return FALSE;
    }

  return TRUE;
}

void
ava_cleaner_add_record (AvaCleaner   *self,
                        AvaCsvReader *reader)
{
  guint64     line_number = ava_csv_reader_get_line (reader);
  guint       n_fields = ava_csv_reader_get_n_fields (reader);
  const char *values[AVA_N_FIELDS];
  gsize       lengths[AVA_N_FIELDS];
  const char *problem;

  g_return_if_fail (self->lines != NULL);

  if (n_fields != self->n_header_fields)
    {
      self->report->input_rows++;
      reject (self, line_number,
              g_strdup_printf ("has %u fields, the header has %u", n_fields, self->n_header_fields));
      return;
    }

  if ((problem = ava_csv_reader_get_problem (reader)) != NULL)
    {
      self->report->input_rows++;
      reject (self, line_number, g_strdup_printf ("is not valid CSV: it %s", problem));
      return;
    }

  for (guint i = 0; i < AVA_N_FIELDS; i++)
    values[i] = ava_csv_reader_get_field (reader, self->columns[i], &lengths[i]);

  ava_cleaner_add_fields (self, line_number, values, lengths);
}

/**
 * ava_cleaner_add_fields:
 * @values: the eight field texts in #AvaField order (need not be terminated)
 * @lengths: their lengths in bytes
 *
 * Cleans one record that did not come from a CSV reader, such as a
 * generated one: the same trimming, parsing, rejection and deduplication.
 */
void
ava_cleaner_add_fields (AvaCleaner        *self,
                        guint64            line_number,
                        const char *const *field_values,
                        const gsize       *field_lengths)
{
  static const AvaField required[] = {
    AVA_FIELD_INVOICE_NO,
    AVA_FIELD_STOCK_CODE,
    AVA_FIELD_QUANTITY,
    AVA_FIELD_INVOICE_DATE,
    AVA_FIELD_UNIT_PRICE,
    AVA_FIELD_COUNTRY,
  };
  const char  *values[AVA_N_FIELDS];
  gsize        lengths[AVA_N_FIELDS];
  const char  *problem;
  AvaSalesLine line = { 0 };
  gint64       number;

  g_return_if_fail (self->lines != NULL);

  self->report->input_rows++;

  for (guint i = 0; i < AVA_N_FIELDS; i++)
    {
      values[i] = field_values[i];
      lengths[i] = field_lengths[i];
      trim (&values[i], &lengths[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      if (lengths[required[i]] == 0)
        {
          reject (self, line_number, g_strdup_printf ("%s is empty", ava_field_get_name (required[i])));
          return;
        }
    }

  if (!parse_whole_number (values[AVA_FIELD_QUANTITY], lengths[AVA_FIELD_QUANTITY],
                           G_MININT32, G_MAXINT32, &number, &problem))
    {
      reject_value (self, line_number, AVA_FIELD_QUANTITY,
                    values[AVA_FIELD_QUANTITY], lengths[AVA_FIELD_QUANTITY], problem);
      return;
    }
  line.quantity = (gint32) number;

  if (!ava_timestamp_parse (values[AVA_FIELD_INVOICE_DATE], lengths[AVA_FIELD_INVOICE_DATE],
                            &line.invoiced_at, &problem))
    {
      reject_value (self, line_number, AVA_FIELD_INVOICE_DATE,
                    values[AVA_FIELD_INVOICE_DATE], lengths[AVA_FIELD_INVOICE_DATE], problem);
      return;
    }

  if (!ava_money_parse (values[AVA_FIELD_UNIT_PRICE], lengths[AVA_FIELD_UNIT_PRICE],
                        &line.unit_price, &problem))
    {
      reject_value (self, line_number, AVA_FIELD_UNIT_PRICE,
                    values[AVA_FIELD_UNIT_PRICE], lengths[AVA_FIELD_UNIT_PRICE], problem);
      return;
    }

  line.customer_id = AVA_NO_CUSTOMER;
  if (lengths[AVA_FIELD_CUSTOMER_ID] > 0)
    {
      if (!parse_whole_number (values[AVA_FIELD_CUSTOMER_ID], lengths[AVA_FIELD_CUSTOMER_ID],
                               0, G_MAXINT64 / 16, &line.customer_id, &problem))
        {
          reject_value (self, line_number, AVA_FIELD_CUSTOMER_ID,
                        values[AVA_FIELD_CUSTOMER_ID], lengths[AVA_FIELD_CUSTOMER_ID], problem);
          return;
        }
    }

  line.invoice = ava_string_pool_intern (self->pools[AVA_POOL_INVOICE],
                                         values[AVA_FIELD_INVOICE_NO], lengths[AVA_FIELD_INVOICE_NO]);
  line.stock_code = ava_string_pool_intern (self->pools[AVA_POOL_STOCK_CODE],
                                            values[AVA_FIELD_STOCK_CODE], lengths[AVA_FIELD_STOCK_CODE]);
  line.description = ava_string_pool_intern (self->pools[AVA_POOL_DESCRIPTION],
                                             values[AVA_FIELD_DESCRIPTION], lengths[AVA_FIELD_DESCRIPTION]);
  line.country = ava_string_pool_intern (self->pools[AVA_POOL_COUNTRY],
                                         values[AVA_FIELD_COUNTRY], lengths[AVA_FIELD_COUNTRY]);
  line.source_line = (guint32) MIN (line_number, G_MAXUINT32);
  line.line_class = classify (values[AVA_FIELD_INVOICE_NO], &line);

  if (!check_invoice_header (self, &line))
    return;

  if (!keep_unless_duplicate (self, &line))
    self->report->duplicates_dropped++;
}

static guint
count_distinct_ids (const AvaSalesLine *lines,
                    guint               n_lines,
                    gsize               offset,
                    guint               pool_size)
{
  g_autofree guint8 *seen = g_malloc0 (pool_size + 1);
  guint              count = 0;

  for (guint i = 0; i < n_lines; i++)
    {
      guint32 id = G_STRUCT_MEMBER (guint32, &lines[i], offset);

      if (!seen[id])
        {
          seen[id] = 1;
          count++;
        }
    }

  return count;
}

static guint
count_distinct_customers (const AvaSalesLine *lines,
                          guint               n_lines)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < n_lines; i++)
    {
      if (lines[i].customer_id != AVA_NO_CUSTOMER)
        g_hash_table_add (seen, (gpointer) &lines[i].customer_id);
    }

  return g_hash_table_size (seen);
}

/* Hands over the cleaned lines and the report; the cleaner takes no more
 * records afterwards. */
AvaDataset *
ava_cleaner_finish (AvaCleaner        *self,
                    AvaQualityReport **report)
{
  AvaQualityReport   *quality = self->report;
  const AvaSalesLine *lines;
  AvaDataset         *dataset;
  guint               n_lines;

  g_return_val_if_fail (self->lines != NULL, NULL);
  g_return_val_if_fail (report != NULL, NULL);

  lines = (const AvaSalesLine *) (gpointer) self->lines->data;
  n_lines = self->lines->len;

  quality->kept_lines = n_lines;
  for (guint i = 0; i < n_lines; i++)
    {
      switch (lines[i].line_class)
        {
        case AVA_LINE_SALE:
          quality->sale_lines++;
          break;
        case AVA_LINE_RETURN:
          quality->return_lines++;
          break;
        default:
          quality->excluded_lines++;
          break;
        }

      if (i == 0 || lines[i].invoiced_at < quality->first_invoice_date)
        quality->first_invoice_date = lines[i].invoiced_at;
      if (i == 0 || lines[i].invoiced_at > quality->last_invoice_date)
        quality->last_invoice_date = lines[i].invoiced_at;
    }

  quality->customers = count_distinct_customers (lines, n_lines);
  quality->products = count_distinct_ids (lines, n_lines, G_STRUCT_OFFSET (AvaSalesLine, stock_code),
                                          ava_string_pool_get_size (self->pools[AVA_POOL_STOCK_CODE]));
  quality->countries = count_distinct_ids (lines, n_lines, G_STRUCT_OFFSET (AvaSalesLine, country),
                                           ava_string_pool_get_size (self->pools[AVA_POOL_COUNTRY]));
  quality->invoices = count_distinct_ids (lines, n_lines, G_STRUCT_OFFSET (AvaSalesLine, invoice),
                                          ava_string_pool_get_size (self->pools[AVA_POOL_INVOICE]));

  *report = g_steal_pointer (&self->report);
  g_clear_pointer (&self->dedup_slots, g_free);
  g_clear_pointer (&self->invoices, g_array_unref);

  dataset = ava_dataset_new (self->pools, g_steal_pointer (&self->lines));
  /* The dataset owns the pools now. */
  for (guint i = 0; i < AVA_N_POOLS; i++)
    self->pools[i] = NULL;

  return dataset;
}

static void
report_progress (AvaCsvReader   *reader,
                 AvaLoadProgress progress,
                 gpointer        user_data)
{
  guint64 done, total;

  if (progress == NULL)
    return;

  ava_csv_reader_get_progress (reader, &done, &total);
  progress (done, total, user_data);
}

AvaDataset *
ava_load_csv_reader (AvaCsvReader      *reader,
                     GCancellable      *cancellable,
                     AvaQualityReport **report,
                     GError           **error)
{
  return ava_load_csv_reader_with_progress (reader, NULL, NULL, cancellable, report, error);
}

/**
 * ava_load_csv_reader_with_progress:
 * @reader: a reader at the start of its input
 * @progress: (nullable) (scope call): told of the bytes read, on the
 *   calling thread, every few thousand records and at the end
 * @user_data: for @progress
 * @cancellable: (nullable): stops the load
 * @report: (out): the quality report
 * @error: return location for a #GError
 *
 * ava_load_csv_reader(), reporting its progress.
 *
 * Returns: (transfer full) (nullable): the dataset
 */
AvaDataset *
ava_load_csv_reader_with_progress (AvaCsvReader      *reader,
                                   AvaLoadProgress    progress,
                                   gpointer           user_data,
                                   GCancellable      *cancellable,
                                   AvaQualityReport **report,
                                   GError           **error)
{
  g_autoptr (AvaCleaner) cleaner = ava_cleaner_new (ava_csv_reader_get_source_name (reader));
  g_autoptr (GError)     local_error = NULL;
  guint64                n_records = 0;

  if (!ava_csv_reader_next (reader, &local_error))
    {
      if (local_error == NULL)
        g_set_error (&local_error, AVA_CSV_ERROR, AVA_CSV_ERROR_HEADER,
                     "%s: the file is empty; expected a header line",
                     ava_csv_reader_get_source_name (reader));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (!ava_cleaner_set_header (cleaner, reader, error))
    return NULL;

  while (ava_csv_reader_next (reader, &local_error))
    {
      ava_cleaner_add_record (cleaner, reader);

      if (++n_records % 65536 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      if (n_records % 4096 == 0)
        report_progress (reader, progress, user_data);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  report_progress (reader, progress, user_data);
  return ava_cleaner_finish (cleaner, report);
}

AvaDataset *
ava_load_csv_path (const char        *path,
                   GCancellable      *cancellable,
                   AvaQualityReport **report,
                   GError           **error)
{
  g_autoptr (AvaCsvReader) reader = ava_csv_reader_new_for_path (path, error);

  if (reader == NULL)
    return NULL;

  return ava_load_csv_reader (reader, cancellable, report, error);
}

/**
 * ava_load_csv_path_with_progress:
 * @path: a CSV file, plain or gzip
 * @progress: (nullable) (scope call): see ava_load_csv_reader_with_progress()
 * @user_data: for @progress
 * @cancellable: (nullable): stops the load
 * @report: (out): the quality report
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the dataset
 */
AvaDataset *
ava_load_csv_path_with_progress (const char        *path,
                                 AvaLoadProgress    progress,
                                 gpointer           user_data,
                                 GCancellable      *cancellable,
                                 AvaQualityReport **report,
                                 GError           **error)
{
  g_autoptr (AvaCsvReader) reader = ava_csv_reader_new_for_path (path, error);

  if (reader == NULL)
    return NULL;

  return ava_load_csv_reader_with_progress (reader, progress, user_data, cancellable, report, error);
}
