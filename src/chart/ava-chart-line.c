/* ava-chart-line.c: an area and line of one value by month.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "ava-chart-private.h"

/* Room for "£1.5M" left of the plot, and for half of the last month's
 * label right of it. */
#define Y_LABELS_WIDTH  56.0
#define X_LABELS_HEIGHT 24.0
#define RIGHT_MARGIN    36.0

typedef struct
{
  double   x, y, width, height;
  double   step; /* between months */
  AvaTicks ticks;
  double   lo, hi; /* the value range the plot spans */
} LineLayout;

static void
line_layout (AvaChart   *self,
             double      width,
             double      height,
             LineLayout *layout)
{
  double lo = 0.0, hi = 0.0;

  layout->x = AVA_CHART_PADDING + Y_LABELS_WIDTH;
  layout->y = AVA_CHART_PADDING + 10.0;
  layout->width = MAX (1.0, width - layout->x - RIGHT_MARGIN);
  layout->height = MAX (1.0, height - layout->y - AVA_CHART_PADDING - X_LABELS_HEIGHT);
  layout->step = self->n_items > 1 ? layout->width / (self->n_items - 1) : layout->width;

  /* Zero stays in view: revenue read against a cropped axis misleads. */
  for (guint i = 0; i < self->n_items; i++)
    {
      if (isfinite (self->values[i]))
        {
          lo = MIN (lo, self->values[i]);
          hi = MAX (hi, self->values[i]);
        }
    }
  ava_ticks_compute (&layout->ticks, lo, hi, CLAMP ((guint) (layout->height / 50.0), 2, 8));
  layout->lo = layout->ticks.first;
  layout->hi = layout->ticks.first + layout->ticks.step * (layout->ticks.n_ticks - 1);
}

static double
item_x (AvaChart         *self,
        const LineLayout *layout,
        guint             item)
{
  return self->n_items > 1 ? layout->x + item * layout->step : layout->x + layout->width / 2;
}

static double
value_y (const LineLayout *layout,
         double            value)
{
  if (!isfinite (value))
    value = 0.0;

  return layout->y + layout->height * (1.0 - (value - layout->lo) / (layout->hi - layout->lo));
}

static void
draw_y_axis (AvaChart            *self,
             cairo_t             *cr,
             PangoLayout         *text,
             const LineLayout    *layout,
             const AvaChartStyle *style)
{
  cairo_set_line_width (cr, 1.0);
  ava_chart_set_source (cr, &style->grid);
  for (guint i = 0; i < layout->ticks.n_ticks; i++)
    {
      double y = ava_chart_snap (cr, value_y (layout, layout->ticks.first + i * layout->ticks.step), FALSE, 1.0);

      cairo_move_to (cr, layout->x, y);
      cairo_line_to (cr, layout->x + layout->width, y);
    }
  cairo_stroke (cr);

  for (guint i = 0; i < layout->ticks.n_ticks; i++)
    {
      double           value = layout->ticks.first + i * layout->ticks.step;
      g_autofree char *label = ava_chart_format_tick (self, &layout->ticks, value);

      ava_chart_draw_text (cr, text, label, layout->x - 8.0, value_y (layout, value), Y_LABELS_WIDTH - 8.0,
                           1.0, 0.5, &style->muted_text);
    }
}

/* Month labels, thinned to every 2nd, 3rd, 6th… month so they never touch;
 * steps that divide a year start on January so they read as quarters or
 * halves. */
static void
draw_x_axis (AvaChart            *self,
             cairo_t             *cr,
             PangoLayout         *text,
             const LineLayout    *layout,
             double               width,
             const AvaChartStyle *style)
{
  static const guint strides[] = { 1, 2, 3, 4, 6, 12, 24, 60, 120 };
  double             text_width = ava_chart_text_width (text, self->labels[0]);
  double             label_width = text_width + 12.0; /* with a gap */
  guint              stride = strides[G_N_ELEMENTS (strides) - 1];
  double             y = layout->y + layout->height + 8.0;
  double             last_end = -G_MAXDOUBLE;

  for (guint i = 0; i < G_N_ELEMENTS (strides); i++)
    {
      if (strides[i] * layout->step >= label_width || self->n_items == 1)
        {
          stride = strides[i];
          break;
        }
    }

  for (guint i = 0; i < self->n_items; i++)
    {
      int    position = 12 % stride == 0 ? self->months[i] : (int) i;
      double x;

      if (position % stride != 0 && !(self->n_items == 1))
        continue;

      /* Keep the first and last labels inside the chart, dropping one
       * that the shift would make touch its neighbour. */
      x = CLAMP (item_x (self, layout, i), text_width / 2 + 2, width - text_width / 2 - 2);
      if (x - text_width / 2 < last_end)
        continue;
      ava_chart_draw_text (cr, text, self->labels[i], x, y, label_width, 0.5, 0.0, &style->muted_text);
      last_end = x + label_width / 2;
    }
}

static void
trace_line (AvaChart         *self,
            cairo_t          *cr,
            const LineLayout *layout)
{
  for (guint i = 0; i < self->n_items; i++)
    cairo_line_to (cr, item_x (self, layout, i), value_y (layout, self->values[i]));
}

void
ava_chart_draw_line (AvaChart            *self,
                     cairo_t             *cr,
                     double               width,
                     double               height,
                     const AvaChartStyle *style,
                     int                  hover_item)
{
  g_autoptr (PangoLayout) text = ava_chart_create_layout (cr, style);
  LineLayout              layout;
  double                  baseline;
  cairo_pattern_t        *gradient;

  line_layout (self, width, height, &layout);
  draw_y_axis (self, cr, text, &layout, style);
  draw_x_axis (self, cr, text, &layout, width, style);

  baseline = value_y (&layout, CLAMP (0.0, layout.lo, layout.hi));

  /* The area fades towards the baseline so the line stays the figure. */
  if (self->n_items > 1)
    {
      cairo_move_to (cr, item_x (self, &layout, 0), baseline);
      trace_line (self, cr, &layout);
      cairo_line_to (cr, item_x (self, &layout, self->n_items - 1), baseline);
      cairo_close_path (cr);
      gradient = cairo_pattern_create_linear (0, layout.y, 0, layout.y + layout.height);
      cairo_pattern_add_color_stop_rgba (gradient, 0, style->accent.red, style->accent.green, style->accent.blue,
                                         style->accent.alpha * 0.30);
      cairo_pattern_add_color_stop_rgba (gradient, 1, style->accent.red, style->accent.green, style->accent.blue,
                                         style->accent.alpha * 0.04);
      cairo_set_source (cr, gradient);
      cairo_fill (cr);
      cairo_pattern_destroy (gradient);

      cairo_new_path (cr);
      trace_line (self, cr, &layout);
      cairo_set_line_width (cr, 2.0);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      ava_chart_set_source (cr, &style->accent);
      cairo_stroke (cr);
    }

  /* Points only where there is room to tell them apart. */
  if (layout.step >= 16.0 || self->n_items == 1)
    {
      ava_chart_set_source (cr, &style->accent);
      for (guint i = 0; i < self->n_items; i++)
        {
          cairo_new_sub_path (cr);
          cairo_arc (cr, item_x (self, &layout, i), value_y (&layout, self->values[i]), 3.0, 0, 2 * G_PI);
        }
      cairo_fill (cr);
    }

  if (hover_item >= 0)
    {
      double x = item_x (self, &layout, hover_item);
      double y = value_y (&layout, self->values[hover_item]);
      double snapped = ava_chart_snap (cr, x, TRUE, 1.0);

      cairo_set_line_width (cr, 1.0);
      ava_chart_set_source (cr, &style->hover);
      cairo_move_to (cr, snapped, layout.y);
      cairo_line_to (cr, snapped, layout.y + layout.height);
      cairo_stroke (cr);

      cairo_arc (cr, x, y, 6.0, 0, 2 * G_PI);
      ava_chart_set_source (cr, &style->background);
      cairo_fill (cr);
      cairo_arc (cr, x, y, 4.5, 0, 2 * G_PI);
      ava_chart_set_source (cr, &style->hover);
      cairo_fill (cr);
    }
}

int
ava_chart_hit_line (AvaChart *self,
                    double    width,
                    double    height,
                    double    x,
                    double    y)
{
  LineLayout layout;
  double     slack;
  double     position;

  line_layout (self, width, height, &layout);
  /* Half a month either side of the ends, but not over the y labels. */
  slack = MIN (layout.step / 2, RIGHT_MARGIN);
  if (x < layout.x - slack || x > layout.x + layout.width + slack)
    return -1;
  if (self->n_items == 1)
    return 0;

  position = round ((x - layout.x) / layout.step);
  if (position < 0 || position >= self->n_items)
    return -1;

  return (int) position;
}

gboolean
ava_chart_area_line (AvaChart          *self,
                     double             width,
                     double             height,
                     int                item,
                     cairo_rectangle_t *area)
{
  LineLayout layout;

  line_layout (self, width, height, &layout);
  area->x = item_x (self, &layout, item) - 6.0;
  area->y = value_y (&layout, self->values[item]) - 6.0;
  area->width = 12.0;
  area->height = 12.0;

  return TRUE;
}
