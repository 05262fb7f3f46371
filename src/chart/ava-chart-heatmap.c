/* ava-chart-heatmap.c: cohort retention as a grid of cohorts × months.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ava-chart-private.h"

#define LABELS_WIDTH    112.0
#define HEADER_HEIGHT   22.0
#define LEGEND_HEIGHT   30.0
#define MAX_CELL_HEIGHT 36.0

typedef struct
{
  double x, y;
  double cell_width, cell_height;
  double gap;
  double scale_max; /* the value drawn at full accent */
} HeatmapLayout;

static void
heatmap_layout (AvaChart      *self,
                double         width,
                double         height,
                HeatmapLayout *layout)
{
  double grid_width = MAX (1.0, width - 2 * AVA_CHART_PADDING - LABELS_WIDTH);
  double grid_height = MAX (1.0, height - 2 * AVA_CHART_PADDING - HEADER_HEIGHT - LEGEND_HEIGHT);
  guint  n_offsets = MAX (1, self->n_offsets);
  guint  n_cohorts = MAX (1, self->n_cohorts);

  layout->x = AVA_CHART_PADDING + LABELS_WIDTH;
  layout->y = AVA_CHART_PADDING + HEADER_HEIGHT;
  layout->cell_width = grid_width / n_offsets;
  layout->cell_height = MIN (grid_height / n_cohorts, MAX_CELL_HEIGHT);
  layout->gap = layout->cell_width >= 8 && layout->cell_height >= 8 ? 2.0 : 0.0;

  /* Month 0 is 100% by definition; scaling to the best later month keeps
   * the cells that matter from all looking pale. */
  layout->scale_max = 0.0;
  for (guint c = 0; c < self->n_cohorts; c++)
    {
      for (guint o = 1; o < self->n_offsets; o++)
        {
          int row = self->cells[c * self->n_offsets + o];

          if (row >= 0 && isfinite (self->values[row]))
            layout->scale_max = MAX (layout->scale_max, self->values[row]);
        }
    }
  if (layout->scale_max <= 0.0)
    {
      for (guint i = 0; i < self->n_items; i++)
        {
          if (isfinite (self->values[i]))
            layout->scale_max = MAX (layout->scale_max, self->values[i]);
        }
    }
  if (layout->scale_max <= 0.0)
    layout->scale_max = 1.0;
}

/* How much accent a value gets: none for zero (the cell still shows, in the
 * grid colour), then at least a visible tint. */
static double
intensity (const HeatmapLayout *layout,
           double               value)
{
  if (!(value > 0.0))
    return 0.0;

  return 0.12 + 0.88 * MIN (1.0, value / layout->scale_max);
}

static void
cell_rect (const HeatmapLayout *layout,
           guint                cohort,
           guint                offset,
           cairo_rectangle_t   *rect)
{
  rect->x = layout->x + offset * layout->cell_width + layout->gap / 2;
  rect->y = layout->y + cohort * layout->cell_height + layout->gap / 2;
  rect->width = MAX (layout->cell_width - layout->gap, 0.5);
  rect->height = MAX (layout->cell_height - layout->gap, 0.5);
}

static void
draw_legend (AvaChart            *self,
             cairo_t             *cr,
             PangoLayout         *text,
             const HeatmapLayout *layout,
             double               width,
             double               height,
             const AvaChartStyle *style,
             const AvaRgba       *empty)
{
  double           y = height - AVA_CHART_PADDING - 8.0;
  double           x = AVA_CHART_PADDING;
  AvaRgba          full = ava_rgba_over (&style->accent, empty);
  AvaRgba          low = ava_rgba_mix (empty, &full, 0.12);
  cairo_pattern_t *gradient;
  g_autofree char *max_label = NULL;
  AvaRatio         max_ratio = { (gint64) round (layout->scale_max * 1000), 1000 };

  x += ava_chart_draw_text (cr, text, _ ("Retention"), x, y, 0, 0.0, 0.5, &style->muted_text) + 10.0;
  x += ava_chart_draw_text (cr, text, self->value_type == AVA_COLUMN_RATIO ? "0%" : "0", x, y, 0, 0.0, 0.5, &style->muted_text) + 6.0;

  gradient = cairo_pattern_create_linear (x, 0, x + 120.0, 0);
  cairo_pattern_add_color_stop_rgba (gradient, 0, low.red, low.green, low.blue, low.alpha);
  cairo_pattern_add_color_stop_rgba (gradient, 1, full.red, full.green, full.blue, full.alpha);
  ava_chart_rounded_rect (cr, x, y - 5.0, 120.0, 10.0, 3.0);
  cairo_set_source (cr, gradient);
  cairo_fill (cr);
  cairo_pattern_destroy (gradient);
  x += 126.0;

  /* The scale tops out below month 0's 100%: say so with a "+". */
  if (self->value_type == AVA_COLUMN_RATIO)
    max_label = ava_chart_format_percent (max_ratio, 0);
  else
    max_label = ava_chart_format_integer ((gint64) round (layout->scale_max));
  if (self->value_type == AVA_COLUMN_RATIO && layout->scale_max < 1.0)
    {
      g_autofree char *plain = g_steal_pointer (&max_label);

      max_label = g_strconcat (plain, "+", NULL);
    }
  x += ava_chart_draw_text (cr, text, max_label, x, y, 0, 0.0, 0.5, &style->muted_text);

  ava_chart_draw_text (cr, text, _ ("Columns: months since first purchase"), width - AVA_CHART_PADDING, y,
                       MAX (0.0, width - AVA_CHART_PADDING - x - 24.0), 1.0, 0.5, &style->muted_text);
}

void
ava_chart_draw_heatmap (AvaChart            *self,
                        cairo_t             *cr,
                        double               width,
                        double               height,
                        const AvaChartStyle *style,
                        int                  hover_item)
{
  g_autoptr (PangoLayout) text = ava_chart_create_layout (cr, style);
  HeatmapLayout           layout;
  AvaRgba                 empty = ava_rgba_over (&style->grid, &style->background);
  int                     size_column = ava_result_find_column (self->result, "size");
  double                  percent_width;
  gboolean                cell_text;
  double                  header_step;

  heatmap_layout (self, width, height, &layout);
  percent_width = ava_chart_text_width (text, "100%") + 6.0;
  cell_text = layout.cell_width >= percent_width && layout.cell_height >= style->font_size + 4.0;

  /* Offset numbers over the columns, thinned to fit. */
  header_step = ceil (ava_chart_text_width (text, "00") * 1.5 / layout.cell_width);
  for (guint o = 0; o < self->n_offsets; o += (guint) MAX (1.0, header_step))
    {
      g_autofree char *label = g_strdup_printf ("%u", o);

      ava_chart_draw_text (cr, text, label, layout.x + (o + 0.5) * layout.cell_width,
                           layout.y - HEADER_HEIGHT / 2, 0, 0.5, 0.5, &style->muted_text);
    }

  for (guint c = 0; c < self->n_cohorts; c++)
    {
      double           center = layout.y + (c + 0.5) * layout.cell_height;
      g_autofree char *month = ava_chart_format_month (self->cohort_months[c]);
      int              first = self->cells[c * self->n_offsets];
      double           label_width = 0.0;

      if (layout.cell_height >= style->font_size * 0.9)
        {
          label_width = ava_chart_draw_text (cr, text, month, AVA_CHART_PADDING, center, LABELS_WIDTH - 8.0,
                                             0.0, 0.5, &style->text);
          /* The cohort's size, where the labels have room for it. */
          if (first >= 0 && size_column >= 0)
            {
              g_autofree char *size = ava_chart_format_integer (ava_result_get_integer (self->result, first, size_column));
              double           room = LABELS_WIDTH - 8.0 - label_width - 8.0;

              if (ava_chart_text_width (text, size) <= room)
                ava_chart_draw_text (cr, text, size, layout.x - 8.0, center, 0, 1.0, 0.5, &style->muted_text);
            }
        }

      for (guint o = 0; o < self->n_offsets; o++)
        {
          int               row = self->cells[c * self->n_offsets + o];
          cairo_rectangle_t rect;
          double            t;
          AvaRgba           fill;

          if (row < 0)
            continue;

          cell_rect (&layout, c, o, &rect);
          t = intensity (&layout, self->values[row]);
          fill = ava_rgba_mix (&empty, &style->accent, t);
          ava_chart_rounded_rect (cr, rect.x, rect.y, rect.width, rect.height, 3.0);
          ava_chart_set_source (cr, &fill);
          cairo_fill (cr);

          if (cell_text)
            {
              g_autofree char *value = ava_chart_format_value (self, row, TRUE);

              ava_chart_draw_text (cr, text, value, rect.x + rect.width / 2, rect.y + rect.height / 2,
                                   rect.width, 0.5, 0.5, t > 0.55 ? &style->accent_text : &style->text);
            }
        }
    }

  if (hover_item >= 0)
    {
      cairo_rectangle_t rect;

      for (guint i = 0; i < self->n_cohorts * self->n_offsets; i++)
        {
          if (self->cells[i] != hover_item)
            continue;

          cell_rect (&layout, i / self->n_offsets, i % self->n_offsets, &rect);
          ava_chart_rounded_rect (cr, rect.x + 1, rect.y + 1, MAX (rect.width - 2, 0.5), MAX (rect.height - 2, 0.5), 2.5);
          cairo_set_line_width (cr, 2.0);
          ava_chart_set_source (cr, &style->hover);
          cairo_stroke (cr);
        }
    }

  draw_legend (self, cr, text, &layout, width, height, style, &empty);
}

int
ava_chart_hit_heatmap (AvaChart *self,
                       double    width,
                       double    height,
                       double    x,
                       double    y)
{
  HeatmapLayout layout;
  double        cohort, offset;

  heatmap_layout (self, width, height, &layout);
  offset = floor ((x - layout.x) / layout.cell_width);
  cohort = floor ((y - layout.y) / layout.cell_height);
  if (offset < 0 || offset >= self->n_offsets || cohort < 0 || cohort >= self->n_cohorts)
    return -1;

  return self->cells[(guint) cohort * self->n_offsets + (guint) offset];
}

gboolean
ava_chart_area_heatmap (AvaChart          *self,
                        double             width,
                        double             height,
                        int                item,
                        cairo_rectangle_t *area)
{
  HeatmapLayout layout;

  heatmap_layout (self, width, height, &layout);
  for (guint i = 0; i < self->n_cohorts * self->n_offsets; i++)
    {
      if (self->cells[i] == item)
        {
          cell_rect (&layout, i / self->n_offsets, i % self->n_offsets, area);
          return TRUE;
        }
    }

  return FALSE;
}
