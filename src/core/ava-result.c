/* ava-result.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ava-money.h"
#include "ava-result.h"
#include "ava-timestamp.h"

typedef struct
{
  char         *name;
  AvaColumnType type;
} Column;

struct _AvaResult
{
  GObject parent_instance;

  AvaKpi        kpi;
  GArray       *columns; /* Column */
  GArray       *cells;   /* AvaCell, row after row */
  GStringChunk *texts;
  guint         n_rows;
};

G_DEFINE_FINAL_TYPE (AvaResult, ava_result, G_TYPE_OBJECT)

static void
column_clear (gpointer data)
{
  Column *column = data;

  g_free (column->name);
}

static void
ava_result_finalize (GObject *object)
{
  AvaResult *self = (AvaResult *) object;

  g_clear_pointer (&self->columns, g_array_unref);
  g_clear_pointer (&self->cells, g_array_unref);
  g_clear_pointer (&self->texts, g_string_chunk_free);

  G_OBJECT_CLASS (ava_result_parent_class)->finalize (object);
}

static void
ava_result_class_init (AvaResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ava_result_finalize;
}

static void
ava_result_init (AvaResult *self)
{
  self->columns = g_array_new (FALSE, FALSE, sizeof (Column));
  g_array_set_clear_func (self->columns, column_clear);
  self->cells = g_array_new (FALSE, TRUE, sizeof (AvaCell));
  self->texts = g_string_chunk_new (4096);
}

/* An engine builds the result, then hands it over; nothing changes it
 * after that. */
AvaResult *
ava_result_new (AvaKpi kpi)
{
  AvaResult *self = g_object_new (AVA_TYPE_RESULT, NULL);

  self->kpi = kpi;
  return self;
}

/* The columns of each KPI's answer, defined once for every engine, in
 * KPI_SPEC.md's order. */
static const struct
{
  const char   *name;
  AvaColumnType type;
} kpi_columns[AVA_N_KPIS][8] = {
  [AVA_KPI_OVERVIEW] = {
    { "gross_revenue", AVA_COLUMN_MONEY },
    { "orders", AVA_COLUMN_INTEGER },
    { "aov", AVA_COLUMN_MONEY },
    { "customers", AVA_COLUMN_INTEGER },
    { "units", AVA_COLUMN_INTEGER },
    { "returns", AVA_COLUMN_MONEY },
    { "net_revenue", AVA_COLUMN_MONEY },
  },
  [AVA_KPI_MONTHLY_REVENUE] = {
    { "month", AVA_COLUMN_MONTH },
    { "gross_revenue", AVA_COLUMN_MONEY },
    { "orders", AVA_COLUMN_INTEGER },
    { "aov", AVA_COLUMN_MONEY },
    { "returns", AVA_COLUMN_MONEY },
  },
  [AVA_KPI_TOP_PRODUCTS] = {
    { "rank", AVA_COLUMN_INTEGER },
    { "stock_code", AVA_COLUMN_TEXT },
    { "description", AVA_COLUMN_TEXT },
    { "units", AVA_COLUMN_INTEGER },
    { "revenue", AVA_COLUMN_MONEY },
    { "orders", AVA_COLUMN_INTEGER },
  },
  [AVA_KPI_TOP_CUSTOMERS] = {
    { "rank", AVA_COLUMN_INTEGER },
    { "customer_id", AVA_COLUMN_INTEGER },
    { "revenue", AVA_COLUMN_MONEY },
    { "orders", AVA_COLUMN_INTEGER },
    { "units", AVA_COLUMN_INTEGER },
    { "first_purchase", AVA_COLUMN_TIMESTAMP },
    { "last_purchase", AVA_COLUMN_TIMESTAMP },
    { "country", AVA_COLUMN_TEXT },
  },
  [AVA_KPI_BY_COUNTRY] = {
    { "rank", AVA_COLUMN_INTEGER },
    { "country", AVA_COLUMN_TEXT },
    { "revenue", AVA_COLUMN_MONEY },
    { "share", AVA_COLUMN_RATIO },
    { "orders", AVA_COLUMN_INTEGER },
    { "customers", AVA_COLUMN_INTEGER },
  },
  [AVA_KPI_COHORTS] = {
    { "cohort", AVA_COLUMN_MONTH },
    { "offset", AVA_COLUMN_INTEGER },
    { "size", AVA_COLUMN_INTEGER },
    { "active", AVA_COLUMN_INTEGER },
    { "rate", AVA_COLUMN_RATIO },
  },
};

/* An empty answer to @kpi with its standard columns. */
AvaResult *
ava_result_new_for_kpi (AvaKpi kpi)
{
  AvaResult *self;

  g_return_val_if_fail (kpi < AVA_N_KPIS, NULL);

  self = ava_result_new (kpi);
  for (guint c = 0; c < G_N_ELEMENTS (kpi_columns[kpi]) && kpi_columns[kpi][c].name != NULL; c++)
    ava_result_add_column (self, kpi_columns[kpi][c].name, kpi_columns[kpi][c].type);

  return self;
}

/* The overview's row from its sums; AOV and net revenue are derived here
 * so that every engine rounds them the same way. */
void
ava_result_add_overview_row (AvaResult *self,
                             gint64     gross_revenue,
                             gint64     orders,
                             gint64     customers,
                             gint64     units,
                             gint64     returns)
{
  g_return_if_fail (self->kpi == AVA_KPI_OVERVIEW);

  ava_result_add_row (self);
  ava_result_set_integer (self, 0, gross_revenue);
  ava_result_set_integer (self, 1, orders);
  ava_result_set_integer (self, 2, ava_money_div_round (gross_revenue, orders));
  ava_result_set_integer (self, 3, customers);
  ava_result_set_integer (self, 4, units);
  ava_result_set_integer (self, 5, returns);
  ava_result_set_integer (self, 6, gross_revenue - returns);
}

void
ava_result_add_month_row (AvaResult *self,
                          int        month,
                          gint64     gross_revenue,
                          gint64     orders,
                          gint64     returns)
{
  g_return_if_fail (self->kpi == AVA_KPI_MONTHLY_REVENUE);

  ava_result_add_row (self);
  ava_result_set_integer (self, 0, month);
  ava_result_set_integer (self, 1, gross_revenue);
  ava_result_set_integer (self, 2, orders);
  ava_result_set_integer (self, 3, ava_money_div_round (gross_revenue, orders));
  ava_result_set_integer (self, 4, returns);
}

void
ava_result_add_column (AvaResult    *self,
                       const char   *name,
                       AvaColumnType type)
{
  Column column = { g_strdup (name), type };

  g_return_if_fail (self->n_rows == 0);

  g_array_append_val (self->columns, column);
}

void
ava_result_add_row (AvaResult *self)
{
  self->n_rows++;
  g_array_set_size (self->cells, self->n_rows * self->columns->len);
}

static AvaCell *
last_row_cell (AvaResult *self,
               guint      column)
{
  /* Builders are engines of this library: a bad index is a bug here. */
  g_assert (self->n_rows > 0);
  g_assert (column < self->columns->len);

  return &g_array_index (self->cells, AvaCell, (self->n_rows - 1) * self->columns->len + column);
}

void
ava_result_set_integer (AvaResult *self,
                        guint      column,
                        gint64     value)
{
  last_row_cell (self, column)->integer = value;
}

void
ava_result_set_text (AvaResult  *self,
                     guint       column,
                     const char *text)
{
  last_row_cell (self, column)->text = g_string_chunk_insert_const (self->texts, text);
}

void
ava_result_set_ratio (AvaResult *self,
                      guint      column,
                      gint64     numerator,
                      gint64     denominator)
{
  AvaCell *cell = last_row_cell (self, column);

  cell->ratio.numerator = numerator;
  cell->ratio.denominator = denominator;
}

AvaKpi
ava_result_get_kpi (AvaResult *self)
{
  return self->kpi;
}

guint
ava_result_get_n_columns (AvaResult *self)
{
  return self->columns->len;
}

guint
ava_result_get_n_rows (AvaResult *self)
{
  return self->n_rows;
}

const char *
ava_result_get_column_name (AvaResult *self,
                            guint      column)
{
  g_return_val_if_fail (column < self->columns->len, NULL);

  return g_array_index (self->columns, Column, column).name;
}

AvaColumnType
ava_result_get_column_type (AvaResult *self,
                            guint      column)
{
  g_return_val_if_fail (column < self->columns->len, AVA_COLUMN_TEXT);

  return g_array_index (self->columns, Column, column).type;
}

int
ava_result_find_column (AvaResult  *self,
                        const char *name)
{
  for (guint i = 0; i < self->columns->len; i++)
    {
      if (g_str_equal (g_array_index (self->columns, Column, i).name, name))
        return i;
    }

  return -1;
}

const AvaCell *
ava_result_get_cell (AvaResult *self,
                     guint      row,
                     guint      column)
{
  g_assert (row < self->n_rows);
  g_assert (column < self->columns->len);

  return &g_array_index (self->cells, AvaCell, row * self->columns->len + column);
}

gint64
ava_result_get_integer (AvaResult *self,
                        guint      row,
                        guint      column)
{
  return ava_result_get_cell (self, row, column)->integer;
}

const char *
ava_result_get_text (AvaResult *self,
                     guint      row,
                     guint      column)
{
  return ava_result_get_cell (self, row, column)->text;
}

double
ava_result_get_ratio (AvaResult *self,
                      guint      row,
                      guint      column)
{
  const AvaRatio *ratio = &ava_result_get_cell (self, row, column)->ratio;

  return ratio->denominator ? (double) ratio->numerator / (double) ratio->denominator : 0.0;
}

/* Exact decimal digits of a fraction by long division, rounded half away
 * from zero: the digits never depend on floating point. */
char *
ava_ratio_format (AvaRatio ratio,
                  guint    decimals)
{
  GString           *text = g_string_new (NULL);
  gboolean           negative;
  guint64            n, d, whole, rest;
  g_autofree guint8 *digits = g_malloc (decimals + 1);

  if (ratio.denominator == 0 || ratio.numerator == 0)
    {
      g_string_append_c (text, '0');
      if (decimals > 0)
        {
          g_string_append_c (text, '.');
          for (guint i = 0; i < decimals; i++)
            g_string_append_c (text, '0');
        }
      return g_string_free (text, FALSE);
    }

  negative = (ratio.numerator < 0) != (ratio.denominator < 0);
  n = ratio.numerator < 0 ? -(guint64) ratio.numerator : (guint64) ratio.numerator;
  d = ratio.denominator < 0 ? -(guint64) ratio.denominator : (guint64) ratio.denominator;
  whole = n / d;
  rest = n % d;

  for (guint i = 0; i < decimals; i++)
    {
      rest *= 10;
      digits[i] = rest / d;
      rest %= d;
    }

  /* Round: carry through the digits into the whole part. */
  if (rest * 2 >= d)
    {
      int i = (int) decimals - 1;

      for (; i >= 0 && digits[i] == 9; i--)
        digits[i] = 0;
      if (i >= 0)
        digits[i]++;
      else
        whole++;
    }

  if (negative)
    g_string_append_c (text, '-');
  g_string_append_printf (text, "%" G_GUINT64_FORMAT, whole);
  if (decimals > 0)
    {
      g_string_append_c (text, '.');
      for (guint i = 0; i < decimals; i++)
        g_string_append_c (text, '0' + digits[i]);
    }

  return g_string_free (text, FALSE);
}

/* The machine form of a cell: money with 4 decimals, ratios with
 * AVA_RATIO_DECIMALS, ISO timestamps. */
char *
ava_result_format_cell (AvaResult *self,
                        guint      row,
                        guint      column)
{
  const AvaCell *cell = ava_result_get_cell (self, row, column);

  switch (ava_result_get_column_type (self, column))
    {
    case AVA_COLUMN_TEXT:
      return g_strdup (cell->text);
    case AVA_COLUMN_INTEGER:
      return g_strdup_printf ("%" G_GINT64_FORMAT, cell->integer);
    case AVA_COLUMN_MONEY:
      return ava_money_format (cell->integer, AVA_MONEY_DECIMALS);
    case AVA_COLUMN_RATIO:
      return ava_ratio_format (cell->ratio, AVA_RATIO_DECIMALS);
    case AVA_COLUMN_TIMESTAMP:
      return ava_timestamp_format (cell->integer);
    case AVA_COLUMN_MONTH:
      return ava_month_format ((int) cell->integer);
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Equal when every column and every cell prints the same in machine form;
 * otherwise @difference says where the first difference is. */
gboolean
ava_result_equal (AvaResult *a,
                  AvaResult *b,
                  char     **difference)
{
  if (a->kpi != b->kpi || a->columns->len != b->columns->len)
    {
      *difference = g_strdup ("the results have different shapes");
      return FALSE;
    }

  for (guint c = 0; c < a->columns->len; c++)
    {
      if (!g_str_equal (ava_result_get_column_name (a, c), ava_result_get_column_name (b, c)) ||
          ava_result_get_column_type (a, c) != ava_result_get_column_type (b, c))
        {
          *difference = g_strdup_printf ("column %u differs", c);
          return FALSE;
        }
    }

  if (a->n_rows != b->n_rows)
    {
      *difference = g_strdup_printf ("%u rows against %u rows", a->n_rows, b->n_rows);
      return FALSE;
    }

  for (guint r = 0; r < a->n_rows; r++)
    {
      for (guint c = 0; c < a->columns->len; c++)
        {
          g_autofree char *x = ava_result_format_cell (a, r, c);
          g_autofree char *y = ava_result_format_cell (b, r, c);

          if (!g_str_equal (x, y))
            {
              *difference = g_strdup_printf ("row %u, %s: %s against %s", r + 1,
                                             ava_result_get_column_name (a, c), x, y);
              return FALSE;
            }
        }
    }

  return TRUE;
}

/* A copy of the first @n_rows rows (all of them if fewer): a report shows
 * the head of a long ranking. */
AvaResult *
ava_result_copy_head (AvaResult *self,
                      guint      n_rows)
{
  AvaResult *copy;
  guint      n_columns;

  g_return_val_if_fail (AVA_IS_RESULT (self), NULL);

  copy = ava_result_new (self->kpi);
  n_columns = self->columns->len;
  for (guint c = 0; c < n_columns; c++)
    ava_result_add_column (copy, ava_result_get_column_name (self, c), ava_result_get_column_type (self, c));

  for (guint r = 0; r < MIN (n_rows, self->n_rows); r++)
    {
      ava_result_add_row (copy);
      for (guint c = 0; c < n_columns; c++)
        {
          const AvaCell *cell = ava_result_get_cell (self, r, c);

          switch (ava_result_get_column_type (self, c))
            {
            case AVA_COLUMN_TEXT:
              ava_result_set_text (copy, c, cell->text);
              break;
            case AVA_COLUMN_RATIO:
              ava_result_set_ratio (copy, c, cell->ratio.numerator, cell->ratio.denominator);
              break;
            default:
              ava_result_set_integer (copy, c, cell->integer);
              break;
            }
        }
    }

  return copy;
}

/* Screen form of a cell: money with 2 decimals, ratios as percentages. */
static char *
format_cell_for_screen (AvaResult *self,
                        guint      row,
                        guint      column)
{
  const AvaCell *cell = ava_result_get_cell (self, row, column);

  switch (ava_result_get_column_type (self, column))
    {
    case AVA_COLUMN_MONEY:
      return ava_money_format (cell->integer, 2);
    case AVA_COLUMN_RATIO:
      {
        AvaRatio         percent = { cell->ratio.numerator * 100, cell->ratio.denominator };
        g_autofree char *text = ava_ratio_format (percent, 2);

        return g_strconcat (text, " %", NULL);
      }
    default:
      return ava_result_format_cell (self, row, column);
    }
}

/* An aligned text table for a terminal; numbers right-aligned. */
char *
ava_result_to_table (AvaResult *self)
{
  guint                 n_columns = self->columns->len;
  g_autofree glong     *widths = g_new0 (glong, n_columns);
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  GString              *out = g_string_new (NULL);

  for (guint c = 0; c < n_columns; c++)
    widths[c] = g_utf8_strlen (ava_result_get_column_name (self, c), -1);

  for (guint r = 0; r < self->n_rows; r++)
    {
      for (guint c = 0; c < n_columns; c++)
        {
          char *text = format_cell_for_screen (self, r, c);

          widths[c] = MAX (widths[c], g_utf8_strlen (text, -1));
          g_ptr_array_add (texts, text);
        }
    }

  for (guint r = 0; r <= self->n_rows; r++)
    {
      for (guint c = 0; c < n_columns; c++)
        {
          const char *text = r == 0 ? ava_result_get_column_name (self, c) : g_ptr_array_index (texts, (r - 1) * n_columns + c);
          glong       padding = widths[c] - g_utf8_strlen (text, -1);
          gboolean    right = ava_result_get_column_type (self, c) != AVA_COLUMN_TEXT;

          if (c > 0)
            g_string_append (out, "  ");
          if (right)
            g_string_append_printf (out, "%*s", (int) padding, "");
          g_string_append (out, text);
          if (!right && c + 1 < n_columns)
            g_string_append_printf (out, "%*s", (int) padding, "");
        }
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}
