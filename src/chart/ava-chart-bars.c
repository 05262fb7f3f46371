/* ava-chart-bars.c: horizontal bars, one per ranked row, in result order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ava-chart-private.h"

/* A few bars in a tall chart stay bar-shaped rather than slabs. */
#define MAX_PITCH     40.0
#define MAX_THICKNESS 24.0
/* Rows closer than this would be a wall of text: the rest are summed up
 * in a last "N more" row instead. */
#define MIN_PITCH 20.0

typedef struct
{
  double label_width;
  double bar_x, bar_width;
  double top, pitch, thickness;
  guint  n_shown; /* the rows drawn as bars; the rest make the "more" row */
  double lo, hi;
} BarsLayout;

static void
bars_layout (AvaChart   *self,
             double      width,
             double      height,
             BarsLayout *layout)
{
  double value_width = CLAMP (width * 0.16, 56.0, 112.0);
  double available = MAX (height - 2 * AVA_CHART_PADDING, 1.0);
  guint  fit = (guint) (available / MIN_PITCH);

  layout->label_width = CLAMP (width * 0.3, 40.0, 280.0);
  layout->bar_x = AVA_CHART_PADDING + layout->label_width + 12.0;
  layout->bar_width = MAX (1.0, width - layout->bar_x - AVA_CHART_PADDING - value_width);

  layout->top = AVA_CHART_PADDING;
  if (self->n_items <= fit)
    {
      layout->n_shown = self->n_items;
      layout->pitch = MIN (available / self->n_items, MAX_PITCH);
    }
  else
    {
      layout->n_shown = MAX (fit, 2) - 1;
      layout->pitch = available / (layout->n_shown + 1);
    }
  layout->thickness = MIN (layout->pitch * 0.7, MAX_THICKNESS);

  /* Scaled to the shown bars: the hidden ones are smaller anyway when
   * ranked, and must not squash the rest when they are not. */
  layout->lo = 0.0;
  layout->hi = 0.0;
  for (guint i = 0; i < layout->n_shown; i++)
    {
      if (isfinite (self->values[i]))
        {
          layout->lo = MIN (layout->lo, self->values[i]);
          layout->hi = MAX (layout->hi, self->values[i]);
        }
    }
  if (layout->hi <= layout->lo)
    layout->hi = layout->lo + 1.0;
}

static double
value_x (const BarsLayout *layout,
         double            value)
{
  if (!isfinite (value))
    value = 0.0;

  return layout->bar_x + layout->bar_width * (value - layout->lo) / (layout->hi - layout->lo);
}

static void
bar_rect (AvaChart          *self,
          const BarsLayout  *layout,
          guint              item,
          cairo_rectangle_t *rect)
{
  double zero = value_x (layout, 0.0);
  double end = value_x (layout, self->values[item]);

  rect->x = MIN (zero, end);
  /* Even a zero shows as a sliver, so the row does not look missing. */
  rect->width = MAX (fabs (end - zero), 1.0);
  rect->y = layout->top + item * layout->pitch + (layout->pitch - layout->thickness) / 2;
  rect->height = layout->thickness;
}

/* "28 more · £1,234,567.89 in all", summed exactly from the cells. */
static void
draw_more_row (AvaChart            *self,
               cairo_t             *cr,
               PangoLayout         *text,
               const BarsLayout    *layout,
               double               width,
               const AvaChartStyle *style)
{
  guint            n_more = self->n_items - layout->n_shown;
  g_autofree char *line = NULL;
  g_autofree char *total = NULL;
  gint64           sum = 0;
  gboolean         overflow = FALSE;

  if (self->value_type == AVA_COLUMN_MONEY || self->value_type == AVA_COLUMN_INTEGER)
    {
      for (guint i = layout->n_shown; i < self->n_items; i++)
        overflow |= __builtin_add_overflow (sum, ava_result_get_integer (self->result, i, self->value_column), &sum);
    }

  if (!overflow && (self->value_type == AVA_COLUMN_MONEY || self->value_type == AVA_COLUMN_INTEGER))
    {
      total = self->value_type == AVA_COLUMN_MONEY ? ava_chart_format_money (sum) : ava_chart_format_integer (sum);
      /* Translators: "28 more · £1,234.56 in all" */
      line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more · %s in all", "%u more · %s in all", n_more),
                              n_more, total);
    }
  else
    {
      line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more", "%u more", n_more), n_more);
    }

  ava_chart_draw_text (cr, text, line, AVA_CHART_PADDING, layout->top + (layout->n_shown + 0.5) * layout->pitch,
                       width - 2 * AVA_CHART_PADDING, 0.0, 0.5, &style->muted_text);
}

void
ava_chart_draw_bars (AvaChart            *self,
                     cairo_t             *cr,
                     double               width,
                     double               height,
                     const AvaChartStyle *style,
                     int                  hover_item)
{
  g_autoptr (PangoLayout) text = ava_chart_create_layout (cr, style);
  BarsLayout              layout;

  bars_layout (self, width, height, &layout);

  if (hover_item >= 0)
    {
      ava_chart_rounded_rect (cr, AVA_CHART_PADDING / 2, layout.top + hover_item * layout.pitch,
                              width - AVA_CHART_PADDING, layout.pitch, 6.0);
      ava_chart_set_source (cr, &style->grid);
      cairo_fill (cr);
    }

  /* A zero line only matters when some bars point left of it. */
  if (layout.lo < 0)
    {
      double x = ava_chart_snap (cr, value_x (&layout, 0.0), TRUE, 1.0);

      cairo_set_line_width (cr, 1.0);
      ava_chart_set_source (cr, &style->muted_text);
      cairo_move_to (cr, x, layout.top);
      cairo_line_to (cr, x, layout.top + layout.n_shown * layout.pitch);
      cairo_stroke (cr);
    }

  for (guint i = 0; i < layout.n_shown; i++)
    {
      cairo_rectangle_t rect;
      double            center = layout.top + (i + 0.5) * layout.pitch;
      double            value_start;
      g_autofree char  *value = NULL;

      bar_rect (self, &layout, i, &rect);
      ava_chart_rounded_rect (cr, rect.x, rect.y, rect.width, rect.height, 4.0);
      ava_chart_set_source (cr, (int) i == hover_item ? &style->hover : &style->accent);
      cairo_fill (cr);

      ava_chart_draw_text (cr, text, self->labels[i], AVA_CHART_PADDING, center, layout.label_width,
                           0.0, 0.5, &style->text);

      /* The exact figure when it fits, else the compact one. */
      value_start = MAX (rect.x + rect.width, value_x (&layout, 0.0)) + 6.0;
      value = ava_chart_format_value (self, i, FALSE);
      if (ava_chart_text_width (text, value) > width - AVA_CHART_PADDING - value_start)
        {
          g_free (value);
          value = ava_chart_format_value (self, i, TRUE);
        }
      ava_chart_draw_text (cr, text, value, value_start, center, width - AVA_CHART_PADDING - value_start,
                           0.0, 0.5, (int) i == hover_item ? &style->text : &style->muted_text);
    }

  if (layout.n_shown < self->n_items)
    draw_more_row (self, cr, text, &layout, width, style);
}

int
ava_chart_hit_bars (AvaChart *self,
                    double    width,
                    double    height,
                    double    x,
                    double    y)
{
  BarsLayout layout;
  double     row;

  bars_layout (self, width, height, &layout);
  if (x < AVA_CHART_PADDING / 2 || x > width - AVA_CHART_PADDING / 2)
    return -1;

  row = floor ((y - layout.top) / layout.pitch);
  if (row < 0 || row >= layout.n_shown)
    return -1;

  return (int) row;
}

gboolean
ava_chart_area_bars (AvaChart          *self,
                     double             width,
                     double             height,
                     int                item,
                     cairo_rectangle_t *area)
{
  BarsLayout layout;

  bars_layout (self, width, height, &layout);
  if ((guint) item >= layout.n_shown)
    return FALSE;
  bar_rect (self, &layout, item, area);

  return TRUE;
}
