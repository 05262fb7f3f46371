/* ava-chart.c: the chart model, dispatch to the renderers, and exports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ava-chart.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "ava-chart-private.h"
#include "ava-money.h"

/* Height of the title band ava_chart_export() draws above the chart. */

G_DEFINE_BOXED_TYPE (AvaChart, ava_chart, ava_chart_ref, ava_chart_unref)
G_DEFINE_QUARK (ava - chart - error - quark, ava_chart_error)

static AvaRgba
rgba (guint32 rgb,
      double  alpha)
{
  return (AvaRgba){ ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0, alpha };
}

/* libadwaita 1.2's view colours (a chart sits on a card or a view), its
 * accent blue, and the GNOME palette's orange for a second series. */
void
ava_chart_style_init (AvaChartStyle *style,
                      gboolean       dark)
{
  g_return_if_fail (style != NULL);

  if (dark)
    {
      style->background = rgba (0x1e1e1e, 1.0);
      style->text = rgba (0xffffff, 1.0);
      style->muted_text = rgba (0xffffff, 0.55);
      style->grid = rgba (0xffffff, 0.10);
      style->accent_alt = rgba (0xffa348, 1.0);
      style->hover = rgba (0x78aeed, 1.0);
    }
  else
    {
      style->background = rgba (0xffffff, 1.0);
      style->text = rgba (0x000000, 0.80);
      style->muted_text = rgba (0x000000, 0.55);
      style->grid = rgba (0x000000, 0.08);
      style->accent_alt = rgba (0xe66100, 1.0);
      style->hover = rgba (0x1c71d8, 1.0);
    }

  style->accent = rgba (0x3584e4, 1.0);
  style->accent_text = rgba (0xffffff, 1.0);
  /* Cantarell is GNOME's UI font; fontconfig falls back where it is not
   * installed. */
  style->font_family = "Cantarell, sans-serif";
  style->font_size = 12.0;
}

static gboolean
type_suits_kpi (AvaChartType type,
                AvaKpi       kpi)
{
  switch (type)
    {
    case AVA_CHART_LINE:
      return kpi == AVA_KPI_MONTHLY_REVENUE;
    case AVA_CHART_BARS:
      return kpi == AVA_KPI_TOP_PRODUCTS || kpi == AVA_KPI_TOP_CUSTOMERS || kpi == AVA_KPI_BY_COUNTRY;
    case AVA_CHART_HEATMAP:
      return kpi == AVA_KPI_COHORTS;
    case AVA_CHART_MAP:
      return kpi == AVA_KPI_BY_COUNTRY;
    default:
      return FALSE;
    }
}

/* Whether the rows are sorted by @name, descending: top-products is ranked
 * by units or by revenue, and the result does not say which. */
static gboolean
sorted_descending (AvaResult  *result,
                   const char *name)
{
  int column = ava_result_find_column (result, name);

  if (column < 0)
    return FALSE;

  for (guint row = 1; row < ava_result_get_n_rows (result); row++)
    {
      if (ava_result_get_integer (result, row, column) > ava_result_get_integer (result, row - 1, column))
        return FALSE;
    }

  return TRUE;
}

static const char *
natural_metric (AvaResult *result)
{
  switch (ava_result_get_kpi (result))
    {
    case AVA_KPI_MONTHLY_REVENUE:
      return "gross_revenue";
    case AVA_KPI_TOP_PRODUCTS:
      /* Units wins ties: it is the default ranking. */
      return !sorted_descending (result, "units") && sorted_descending (result, "revenue") ? "revenue" : "units";
    case AVA_KPI_COHORTS:
      return "rate";
    case AVA_KPI_TOP_CUSTOMERS:
    case AVA_KPI_BY_COUNTRY:
    case AVA_KPI_OVERVIEW:
    case AVA_N_KPIS:
    default:
      return "revenue";
    }
}

static char *
make_title (AvaKpi      kpi,
            const char *metric)
{
  switch (kpi)
    {
    case AVA_KPI_MONTHLY_REVENUE:
      if (g_str_equal (metric, "gross_revenue"))
        return g_strdup (_ ("Monthly revenue"));
      if (g_str_equal (metric, "orders"))
        return g_strdup (_ ("Monthly orders"));
      if (g_str_equal (metric, "aov"))
        return g_strdup (_ ("Average order value by month"));
      if (g_str_equal (metric, "returns"))
        return g_strdup (_ ("Monthly returns"));
      break;
    case AVA_KPI_TOP_PRODUCTS:
      if (g_str_equal (metric, "revenue"))
        return g_strdup (_ ("Top products by revenue"));
      return g_strdup (_ ("Top products by units"));
    case AVA_KPI_TOP_CUSTOMERS:
      return g_strdup (_ ("Top customers"));
    case AVA_KPI_BY_COUNTRY:
      if (g_str_equal (metric, "revenue"))
        return g_strdup (_ ("Revenue by country"));
      break;
    case AVA_KPI_COHORTS:
      return g_strdup (_ ("Customer retention by cohort"));
    case AVA_KPI_OVERVIEW:
    case AVA_N_KPIS:
    default:
      break;
    }

  /* Other metrics are plotted rarely enough to be named by their column. */
  return g_strdup_printf ("%s: %s", ava_kpi_get_name (kpi), metric);
}

/* A cell as text, or NULL when the result has no such column (hand-built
 * results in tests and future KPIs). */
static char *
cell_text (AvaResult  *result,
           guint       row,
           const char *name)
{
  int column = ava_result_find_column (result, name);

  if (column < 0)
    return NULL;
  if (ava_result_get_column_type (result, column) == AVA_COLUMN_MONTH)
    return ava_chart_format_month ((int) ava_result_get_integer (result, row, column));

  return ava_result_format_cell (result, row, column);
}

static char *
make_label (AvaResult *result,
            guint      row)
{
  char *label = NULL;

  switch (ava_result_get_kpi (result))
    {
    case AVA_KPI_MONTHLY_REVENUE:
      label = cell_text (result, row, "month");
      break;
    case AVA_KPI_TOP_PRODUCTS:
      label = cell_text (result, row, "description");
      if (label == NULL || *label == '\0')
        {
          g_free (label);
          label = cell_text (result, row, "stock_code");
        }
      break;
    case AVA_KPI_TOP_CUSTOMERS:
      {
        g_autofree char *id = cell_text (result, row, "customer_id");
        g_autofree char *country = cell_text (result, row, "country");

        if (id != NULL && country != NULL)
          label = g_strdup_printf ("%s · %s", id, country);
        else
          label = g_steal_pointer (&id);
      }
      break;
    case AVA_KPI_BY_COUNTRY:
      label = cell_text (result, row, "country");
      break;
    case AVA_KPI_COHORTS:
    case AVA_KPI_OVERVIEW:
    case AVA_N_KPIS:
    default:
      break;
    }

  return label != NULL ? label : g_strdup_printf ("#%u", row + 1);
}

static int
compare_int (gconstpointer a,
             gconstpointer b)
{
  int x = *(const int *) a;
  int y = *(const int *) b;

  return (x > y) - (x < y);
}

/* Cohorts arrive as (cohort, offset) rows; the heatmap wants a grid. */
static void
build_cohort_grid (AvaChart *self)
{
  int                cohort_column = ava_result_find_column (self->result, "cohort");
  int                offset_column = ava_result_find_column (self->result, "offset");
  guint              n_rows = ava_result_get_n_rows (self->result);
  g_autoptr (GArray) months = g_array_new (FALSE, FALSE, sizeof (int));
  gint64             max_offset = -1;

  if (cohort_column < 0 || offset_column < 0)
    return;

  for (guint row = 0; row < n_rows; row++)
    {
      int    month = (int) ava_result_get_integer (self->result, row, cohort_column);
      gint64 offset = ava_result_get_integer (self->result, row, offset_column);

      if (months->len == 0 || g_array_index (months, int, months->len - 1) != month)
        g_array_append_val (months, month);
      /* A century of months is more than any data set; more is corrupt. */
      if (offset >= 0 && offset < 1200)
        max_offset = MAX (max_offset, offset);
    }

  g_array_sort (months, compare_int);
  self->n_cohorts = 0;
  for (guint i = 0; i < months->len; i++)
    {
      if (self->n_cohorts == 0 || g_array_index (months, int, i) != g_array_index (months, int, self->n_cohorts - 1))
        g_array_index (months, int, self->n_cohorts++) = g_array_index (months, int, i);
    }
  g_array_set_size (months, self->n_cohorts);

  self->n_offsets = max_offset + 1;
  self->cohort_months = (int *) g_array_free (g_steal_pointer (&months), FALSE);
  self->cells = g_new (int, MAX (1, self->n_cohorts * self->n_offsets));
  for (guint i = 0; i < self->n_cohorts * self->n_offsets; i++)
    self->cells[i] = -1;

  for (guint row = 0; row < n_rows; row++)
    {
      int        month = (int) ava_result_get_integer (self->result, row, cohort_column);
      gint64     offset = ava_result_get_integer (self->result, row, offset_column);
      const int *found;

      if (offset < 0 || offset > max_offset)
        continue;
      found = bsearch (&month, self->cohort_months, self->n_cohorts, sizeof (int), compare_int);
      self->cells[(found - self->cohort_months) * self->n_offsets + offset] = row;
    }
}

AvaChart *
ava_chart_new (AvaResult   *result,
               AvaChartType type,
               const char  *metric)
{
  g_autoptr (AvaChart) self = NULL;
  AvaKpi               kpi;

  g_return_val_if_fail (AVA_IS_RESULT (result), NULL);
  kpi = ava_result_get_kpi (result);
  g_return_val_if_fail (type_suits_kpi (type, kpi), NULL);

  if (metric == NULL)
    metric = natural_metric (result);

  self = g_new0 (AvaChart, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->type = type;
  self->result = g_object_ref (result);
  self->value_column = ava_result_find_column (result, metric);
  g_return_val_if_fail (self->value_column >= 0, NULL);
  self->value_type = ava_result_get_column_type (result, self->value_column);
  g_return_val_if_fail (self->value_type == AVA_COLUMN_MONEY ||
                          self->value_type == AVA_COLUMN_INTEGER ||
                          self->value_type == AVA_COLUMN_RATIO,
                        NULL);
  self->title = make_title (kpi, metric);

  self->n_items = ava_result_get_n_rows (result);
  self->values = g_new0 (double, MAX (1, self->n_items));
  for (guint row = 0; row < self->n_items; row++)
    {
      const AvaCell *cell = ava_result_get_cell (result, row, self->value_column);

      if (self->value_type == AVA_COLUMN_MONEY)
        self->values[row] = (double) cell->integer / AVA_MONEY_SCALE;
      else if (self->value_type == AVA_COLUMN_INTEGER)
        self->values[row] = (double) cell->integer;
      else
        self->values[row] = ava_result_get_ratio (result, row, self->value_column);
    }

  if (type == AVA_CHART_HEATMAP)
    {
      build_cohort_grid (self);
    }
  else
    {
      self->labels = g_new0 (char *, self->n_items + 1);
      for (guint row = 0; row < self->n_items; row++)
        self->labels[row] = make_label (result, row);
    }

  if (type == AVA_CHART_LINE)
    {
      int column = ava_result_find_column (result, "month");

      self->months = g_new0 (int, MAX (1, self->n_items));
      for (guint row = 0; column >= 0 && row < self->n_items; row++)
        self->months[row] = (int) ava_result_get_integer (result, row, column);
    }

  if (type == AVA_CHART_MAP)
    ava_chart_map_init (self);

  return g_steal_pointer (&self);
}

AvaChart *
ava_chart_ref (AvaChart *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ava_chart_unref (AvaChart *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_object (&self->result);
  g_free (self->title);
  g_free (self->values);
  g_strfreev (self->labels);
  g_free (self->months);
  g_free (self->cohort_months);
  g_free (self->cells);
  g_free (self->places);
  g_free (self->shape_items);
  g_free (self);
}

AvaChartType
ava_chart_get_chart_type (AvaChart *self)
{
  g_return_val_if_fail (self != NULL, AVA_CHART_LINE);

  return self->type;
}

AvaResult *
ava_chart_get_result (AvaChart *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->result;
}

const char *
ava_chart_get_title (AvaChart *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->title;
}

void
ava_chart_set_source (cairo_t       *cr,
                      const AvaRgba *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

AvaRgba
ava_rgba_mix (const AvaRgba *a,
              const AvaRgba *b,
              double         t)
{
  t = CLAMP (t, 0.0, 1.0);
  return (AvaRgba){
    a->red + (b->red - a->red) * t,
    a->green + (b->green - a->green) * t,
    a->blue + (b->blue - a->blue) * t,
    a->alpha + (b->alpha - a->alpha) * t,
  };
}

/* @top composited over an opaque @bottom, so translucent palette entries
 * (the grid colour) can be mixed like opaque ones. */
AvaRgba
ava_rgba_over (const AvaRgba *top,
               const AvaRgba *bottom)
{
  AvaRgba opaque = *top;

  opaque.alpha = 1.0;
  return ava_rgba_mix (bottom, &opaque, top->alpha);
}

/* Moves a line's position so that a line of @line_width user units covers
 * whole device pixels: odd device widths centre on a pixel's middle, even
 * ones on its edge. Crisp at any scale factor with an axis-aligned matrix. */
double
ava_chart_snap (cairo_t *cr,
                double   value,
                gboolean vertical,
                double   line_width)
{
  double x = vertical ? value : 0.0;
  double y = vertical ? 0.0 : value;
  double dx = vertical ? line_width : 0.0;
  double dy = vertical ? 0.0 : line_width;
  double pixels, device;

  cairo_user_to_device (cr, &x, &y);
  cairo_user_to_device_distance (cr, &dx, &dy);
  pixels = MAX (1.0, round (fabs (vertical ? dx : dy)));
  device = vertical ? x : y;
  device = fmod (pixels, 2.0) == 1.0 ? floor (device) + 0.5 : round (device);
  if (vertical)
    x = device;
  else
    y = device;
  cairo_device_to_user (cr, &x, &y);

  return vertical ? x : y;
}

void
ava_chart_rounded_rect (cairo_t *cr,
                        double   x,
                        double   y,
                        double   width,
                        double   height,
                        double   radius)
{
  radius = MIN (radius, MIN (width, height) / 2.0);
  if (radius <= 0.0)
    {
      cairo_rectangle (cr, x, y, width, height);
      return;
    }

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

PangoLayout *
ava_chart_create_layout (cairo_t             *cr,
                         const AvaChartStyle *style)
{
  PangoLayout                     *layout = pango_cairo_create_layout (cr);
  g_autoptr (PangoFontDescription) font = pango_font_description_new ();
  double                           size = style->font_size > 0 ? style->font_size : 12.0;

  pango_font_description_set_family (font, style->font_family != NULL ? style->font_family : "sans-serif");
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (layout, TRUE);

  return layout;
}

double
ava_chart_text_width (PangoLayout *layout,
                      const char  *text)
{
  int width;

  pango_layout_set_width (layout, -1);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &width, NULL);

  return width;
}

/* Draws one line of text anchored at (@x, @y): @xalign and @yalign say
 * which point of its box that is (0 start, 0.5 centre, 1 end). Longer text
 * than @max_width (when > 0) is ellipsized. Returns the drawn width. */
double
ava_chart_draw_text (cairo_t       *cr,
                     PangoLayout   *layout,
                     const char    *text,
                     double         x,
                     double         y,
                     double         max_width,
                     double         xalign,
                     double         yalign,
                     const AvaRgba *color)
{
  int width, height;

  if (max_width > 0 && max_width < 1)
    return 0;

  pango_layout_set_width (layout, max_width > 0 ? (int) (max_width * PANGO_SCALE) : -1);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &width, &height);

  ava_chart_set_source (cr, color);
  cairo_move_to (cr, x - xalign * width, y - yalign * height);
  pango_cairo_show_layout (cr, layout);

  return width;
}

static void
draw_no_data (cairo_t             *cr,
              double               width,
              double               height,
              const AvaChartStyle *style)
{
  g_autoptr (PangoLayout) layout = ava_chart_create_layout (cr, style);

  ava_chart_draw_text (cr, layout, _ ("No data"), width / 2, height / 2, width - 2 * AVA_CHART_PADDING,
                       0.5, 0.5, &style->muted_text);
}

void
ava_chart_draw (AvaChart            *self,
                cairo_t             *cr,
                double               width,
                double               height,
                const AvaChartStyle *style,
                int                  hover_item)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);

  /* Also refuses NaN sizes. */
  if (!(width >= 1.0 && height >= 1.0))
    return;
  if (hover_item < 0 || (guint) hover_item >= self->n_items)
    hover_item = -1;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  ava_chart_set_source (cr, &style->background);
  cairo_paint (cr);

  if (self->n_items == 0)
    draw_no_data (cr, width, height, style);
  else if (self->type == AVA_CHART_LINE)
    ava_chart_draw_line (self, cr, width, height, style, hover_item);
  else if (self->type == AVA_CHART_BARS)
    ava_chart_draw_bars (self, cr, width, height, style, hover_item);
  else if (self->type == AVA_CHART_HEATMAP)
    ava_chart_draw_heatmap (self, cr, width, height, style, hover_item);
  else
    ava_chart_draw_map (self, cr, width, height, style, hover_item);

  cairo_restore (cr);
}

int
ava_chart_hit_test (AvaChart *self,
                    double    width,
                    double    height,
                    double    x,
                    double    y)
{
  g_return_val_if_fail (self != NULL, -1);

  if (self->n_items == 0 || !(width >= 1.0 && height >= 1.0) ||
      !(x >= 0 && x < width && y >= 0 && y < height))
    return -1;

  switch (self->type)
    {
    case AVA_CHART_LINE:
      return ava_chart_hit_line (self, width, height, x, y);
    case AVA_CHART_BARS:
      return ava_chart_hit_bars (self, width, height, x, y);
    case AVA_CHART_HEATMAP:
      return ava_chart_hit_heatmap (self, width, height, x, y);
    case AVA_CHART_MAP:
      return ava_chart_hit_map (self, width, height, x, y);
    default:
      return -1;
    }
}

gboolean
ava_chart_get_item_area (AvaChart          *self,
                         double             width,
                         double             height,
                         int                item,
                         cairo_rectangle_t *area)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (area != NULL, FALSE);

  if (item < 0 || (guint) item >= self->n_items || !(width >= 1.0 && height >= 1.0))
    return FALSE;

  switch (self->type)
    {
    case AVA_CHART_LINE:
      return ava_chart_area_line (self, width, height, item, area);
    case AVA_CHART_BARS:
      return ava_chart_area_bars (self, width, height, item, area);
    case AVA_CHART_HEATMAP:
      return ava_chart_area_heatmap (self, width, height, item, area);
    case AVA_CHART_MAP:
      return ava_chart_area_map (self, width, height, item, area);
    default:
      return FALSE;
    }
}

/* Appends " · <count> <unit word>", skipping absent columns. */
static void
append_integer (GString    *out,
                AvaResult  *result,
                guint       row,
                const char *name,
                const char *(*unit) (gint64 n))
{
  int              column = ava_result_find_column (result, name);
  gint64           value;
  g_autofree char *text = NULL;

  if (column < 0 || ava_result_get_column_type (result, column) != AVA_COLUMN_INTEGER)
    return;

  value = ava_result_get_integer (result, row, column);
  text = ava_chart_format_integer (value);
  g_string_append_printf (out, " · %s %s", text, unit (value));
}

/* Appends the money cell through @format, skipping absent columns. */
static void
append_money (GString    *out,
              AvaResult  *result,
              guint       row,
              const char *name,
              const char *format)
{
  int              column = ava_result_find_column (result, name);
  g_autofree char *text = NULL;

  if (column < 0 || ava_result_get_column_type (result, column) != AVA_COLUMN_MONEY)
    return;

  text = ava_chart_format_money (ava_result_get_integer (result, row, column));
  g_string_append_printf (out, format, text);
}

static const char *
orders_unit (gint64 n)
{
  return g_dngettext (GETTEXT_PACKAGE, "order", "orders", n);
}

static const char *
units_unit (gint64 n)
{
  return g_dngettext (GETTEXT_PACKAGE, "unit", "units", n);
}

static const char *
customers_unit (gint64 n)
{
  return g_dngettext (GETTEXT_PACKAGE, "customer", "customers", n);
}

static void
describe_cohort (AvaChart *self,
                 guint     row,
                 GString  *out)
{
  AvaResult       *result = self->result;
  int              cohort = ava_result_find_column (result, "cohort");
  int              offset = ava_result_find_column (result, "offset");
  int              size = ava_result_find_column (result, "size");
  int              active = ava_result_find_column (result, "active");
  int              rate = ava_result_find_column (result, "rate");
  g_autofree char *month = NULL;
  g_autofree char *n_active = NULL;
  g_autofree char *n_size = NULL;
  g_autofree char *percent = NULL;

  if (cohort < 0 || offset < 0 || size < 0 || active < 0 || rate < 0)
    return;

  month = ava_chart_format_month ((int) ava_result_get_integer (result, row, cohort));
  n_active = ava_chart_format_integer (ava_result_get_integer (result, row, active));
  n_size = ava_chart_format_integer (ava_result_get_integer (result, row, size));
  percent = ava_chart_format_percent (ava_result_get_cell (result, row, rate)->ratio, 1);

  /* Translators: "Dec 2010 cohort · month 3 · 342 of 948 customers (36.1%)" */
  g_string_append_printf (out, _ ("%s cohort · month %d · %s of %s customers (%s)"),
                          month, (int) ava_result_get_integer (result, row, offset), n_active, n_size, percent);
}

char *
ava_chart_describe_item (AvaChart *self,
                         int       item)
{
  GString   *out;
  AvaResult *result;
  guint      row;

  g_return_val_if_fail (self != NULL, NULL);

  if (item < 0 || (guint) item >= self->n_items)
    return NULL;

  result = self->result;
  row = item;
  out = g_string_new (NULL);

  switch (ava_result_get_kpi (result))
    {
    case AVA_KPI_MONTHLY_REVENUE:
      g_string_append (out, self->labels[row]);
      append_money (out, result, row, "gross_revenue", " · %s");
      append_integer (out, result, row, "orders", orders_unit);
      append_money (out, result, row, "aov", _ (" · %s per order"));
      append_money (out, result, row, "returns", _ (" · %s returned"));
      break;
    case AVA_KPI_TOP_PRODUCTS:
      {
        g_autofree char *code = cell_text (result, row, "stock_code");

        g_string_append_printf (out, "%s · %s", code != NULL ? code : "", self->labels[row]);
        append_integer (out, result, row, "units", units_unit);
        append_money (out, result, row, "revenue", " · %s");
        append_integer (out, result, row, "orders", orders_unit);
      }
      break;
    case AVA_KPI_TOP_CUSTOMERS:
      {
        /* The label already reads "12346 · Netherlands". */
        g_string_append_printf (out, _ ("Customer %s"), self->labels[row]);
        append_money (out, result, row, "revenue", " · %s");
        append_integer (out, result, row, "orders", orders_unit);
        append_integer (out, result, row, "units", units_unit);
      }
      break;
    case AVA_KPI_BY_COUNTRY:
      {
        int share = ava_result_find_column (result, "share");

        g_string_append (out, self->labels[row]);
        append_money (out, result, row, "revenue", " · %s");
        if (share >= 0 && ava_result_get_column_type (result, share) == AVA_COLUMN_RATIO)
          {
            g_autofree char *percent = ava_chart_format_percent (ava_result_get_cell (result, row, share)->ratio, 1);

            g_string_append_printf (out, _ (" · %s of revenue"), percent);
          }
        append_integer (out, result, row, "orders", orders_unit);
        append_integer (out, result, row, "customers", customers_unit);
      }
      break;
    case AVA_KPI_COHORTS:
      describe_cohort (self, row, out);
      break;
    case AVA_KPI_OVERVIEW:
    case AVA_N_KPIS:
    default:
      break;
    }

  return g_string_free (out, FALSE);
}
