/* ava-chart-map.c: a value per country on a world map.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ava-chart-atlas.h"
#include "ava-chart-private.h"

#define LEGEND_HEIGHT  30.0
#define DOT_RADIUS     4.0
#define DOT_HIT        8.0
#define GRADIENT_WIDTH 120.0
#define MIN_STEP       1.0

/* The UCI data set's own spellings of countries the atlas names otherwise. */
static const struct
{
  const char *name;
  const char *atlas_name;
} aliases[] = {
  { "Czech Republic", "Czechia" },
  { "EIRE", "Ireland" },
  { "Korea", "South Korea" },
  { "RSA", "South Africa" },
  { "USA", "United States of America" },
};

/* Places the 1:110m atlas has no shape for, drawn as dots. The Channel
 * Islands get their own dot rather than colouring the United Kingdom: they
 * are not part of it, and their row stays hoverable. */
static const struct
{
  const char *name;
  double      lon, lat;
} dots[] = {
  { "Bahrain", 50.55, 26.07 },
  { "Bermuda", -64.75, 32.31 },
  { "Channel Islands", -2.35, 49.35 },
  { "Hong Kong", 114.17, 22.32 },
  { "Malta", 14.44, 35.90 },
  { "Singapore", 103.82, 1.35 },
};

/* Everything else ("Unspecified", "European Community") is listed under
 * the map instead. */
void
ava_chart_map_init (AvaChart *self)
{
  const AvaAtlas *atlas = ava_atlas_get ();

  self->places = g_new0 (AvaPlace, MAX (1, self->n_items));
  self->shape_items = g_new (int, MAX (1, atlas->n_countries));
  for (guint c = 0; c < atlas->n_countries; c++)
    self->shape_items[c] = -1;

  for (guint i = 0; i < self->n_items; i++)
    {
      const char *name = self->labels[i];
      int         country;

      for (guint a = 0; a < G_N_ELEMENTS (aliases); a++)
        {
          if (g_str_equal (name, aliases[a].name))
            name = aliases[a].atlas_name;
        }

      country = ava_atlas_find (atlas, name);
      /* Two rows naming one shape: the first, higher-ranked row keeps it. */
      if (country >= 0 && self->shape_items[country] < 0)
        {
          self->places[i] = (AvaPlace){ AVA_PLACE_COUNTRY, country };
          self->shape_items[country] = i;
          continue;
        }

      for (guint d = 0; d < G_N_ELEMENTS (dots); d++)
        {
          if (g_str_equal (name, dots[d].name))
            self->places[i] = (AvaPlace){ AVA_PLACE_DOT, d };
        }
    }
}

typedef struct
{
  double scale, dx, dy; /* screen = projected * scale + d */
  double legend_y;
  double lo, hi; /* log10 of the smallest and largest values */
} MapLayout;

static void
map_layout (AvaChart  *self,
            double     width,
            double     height,
            MapLayout *layout)
{
  const AvaAtlas *atlas = ava_atlas_get ();
  double          box_width = MAX (1.0, width - 2 * AVA_CHART_PADDING);
  double          box_height = MAX (1.0, height - 2 * AVA_CHART_PADDING - LEGEND_HEIGHT);
  double          atlas_width = MAX (atlas->x1 - atlas->x0, 1e-6);
  double          atlas_height = MAX (atlas->y1 - atlas->y0, 1e-6);

  layout->scale = MIN (box_width / atlas_width, box_height / atlas_height);
  layout->dx = AVA_CHART_PADDING + (box_width - atlas_width * layout->scale) / 2 - atlas->x0 * layout->scale;
  layout->dy = AVA_CHART_PADDING + (box_height - atlas_height * layout->scale) / 2 - atlas->y0 * layout->scale;
  layout->legend_y = height - AVA_CHART_PADDING - LEGEND_HEIGHT / 2;

  layout->lo = G_MAXDOUBLE;
  layout->hi = -G_MAXDOUBLE;
  for (guint i = 0; i < self->n_items; i++)
    {
      if (self->places[i].kind != AVA_PLACE_NONE && self->values[i] > 0 && isfinite (self->values[i]))
        {
          layout->lo = MIN (layout->lo, log10 (self->values[i]));
          layout->hi = MAX (layout->hi, log10 (self->values[i]));
        }
    }
}

static void
dot_center (const MapLayout *layout,
            guint            dot,
            double          *x,
            double          *y)
{
  ava_atlas_project (dots[dot].lon, dots[dot].lat, x, y);
  *x = *x * layout->scale + layout->dx;
  *y = *y * layout->scale + layout->dy;
}

/* Revenue spans five orders of magnitude between the UK and the smallest
 * markets: a log scale keeps the small ones distinguishable. */
static AvaRgba
value_color (const MapLayout     *layout,
             double               value,
             const AvaRgba       *land,
             const AvaChartStyle *style)
{
  double t;

  if (!(value > 0) || !isfinite (value))
    return *land;

  t = layout->hi > layout->lo ? (log10 (value) - layout->lo) / (layout->hi - layout->lo) : 1.0;

  return ava_rgba_mix (land, &style->accent, 0.2 + 0.8 * t);
}

static void
trace_country (cairo_t         *cr,
               const AvaAtlas  *atlas,
               const MapLayout *layout,
               guint            country)
{
  const AvaAtlasCountry *shape = &atlas->countries[country];

  for (guint r = shape->first_ring; r < shape->first_ring + shape->n_rings; r++)
    {
      const float *p = atlas->points + 2 * atlas->ring_starts[r];
      const float *end = atlas->points + 2 * atlas->ring_starts[r + 1];

      double x = p[0] * layout->scale + layout->dx;
      double y = p[1] * layout->scale + layout->dy;

      /* At dashboard sizes most of the atlas's points are closer than a
       * pixel: skipping those halves the work of the border strokes, which
       * dominate the map's repaint. */
      cairo_move_to (cr, x, y);
      for (p += 2; p < end; p += 2)
        {
          double next_x = p[0] * layout->scale + layout->dx;
          double next_y = p[1] * layout->scale + layout->dy;

          if (fabs (next_x - x) + fabs (next_y - y) < MIN_STEP && p + 2 < end)
            continue;
          cairo_line_to (cr, next_x, next_y);
          x = next_x;
          y = next_y;
        }
      cairo_close_path (cr);
    }
}

static void
draw_legend (AvaChart            *self,
             cairo_t             *cr,
             PangoLayout         *text,
             const MapLayout     *layout,
             double               width,
             const AvaChartStyle *style,
             const AvaRgba       *land)
{
  double   x = AVA_CHART_PADDING;
  double   y = layout->legend_y;
  GString *missing = g_string_new (NULL);
  guint    n_missing = 0;

  if (layout->hi >= layout->lo)
    {
      g_autofree char *low = NULL;
      g_autofree char *high = NULL;
      int              lo_item = -1, hi_item = -1;
      AvaRgba          from = value_color (layout, pow (10, layout->lo), land, style);
      AvaRgba          to = value_color (layout, pow (10, layout->hi), land, style);
      cairo_pattern_t *gradient;

      /* Label the ends with real rows' values, formatted exactly as cells. */
      for (guint i = 0; i < self->n_items; i++)
        {
          if (self->places[i].kind == AVA_PLACE_NONE || !(self->values[i] > 0))
            continue;
          if (lo_item < 0 || self->values[i] < self->values[lo_item])
            lo_item = i;
          if (hi_item < 0 || self->values[i] > self->values[hi_item])
            hi_item = i;
        }
      low = ava_chart_format_value (self, lo_item, TRUE);
      high = ava_chart_format_value (self, hi_item, TRUE);

      x += ava_chart_draw_text (cr, text, low, x, y, 0, 0.0, 0.5, &style->muted_text) + 6.0;
      gradient = cairo_pattern_create_linear (x, 0, x + GRADIENT_WIDTH, 0);
      cairo_pattern_add_color_stop_rgba (gradient, 0, from.red, from.green, from.blue, from.alpha);
      cairo_pattern_add_color_stop_rgba (gradient, 1, to.red, to.green, to.blue, to.alpha);
      ava_chart_rounded_rect (cr, x, y - 5.0, GRADIENT_WIDTH, 10.0, 3.0);
      cairo_set_source (cr, gradient);
      cairo_fill (cr);
      cairo_pattern_destroy (gradient);
      x += GRADIENT_WIDTH + 6.0;
      x += ava_chart_draw_text (cr, text, high, x, y, 0, 0.0, 0.5, &style->muted_text);
      x += ava_chart_draw_text (cr, text, _ (" (log scale)"), x, y, 0, 0.0, 0.5, &style->muted_text);
    }

  for (guint i = 0; i < self->n_items; i++)
    {
      g_autofree char *value = NULL;

      if (self->places[i].kind != AVA_PLACE_NONE)
        continue;

      value = ava_chart_format_value (self, i, TRUE);
      g_string_append_printf (missing, "%s%s %s", n_missing++ ? " · " : "", self->labels[i], value);
    }

  if (n_missing > 0)
    {
      /* Translators: followed by a list such as "Unspecified £4.7k" */
      g_autofree char *line = g_strdup_printf (_ ("Not on map: %s"), missing->str);

      ava_chart_draw_text (cr, text, line, width - AVA_CHART_PADDING, y,
                           MAX (0.0, width - AVA_CHART_PADDING - x - 24.0), 1.0, 0.5, &style->muted_text);
    }

  g_string_free (missing, TRUE);
}

void
ava_chart_draw_map (AvaChart            *self,
                    cairo_t             *cr,
                    double               width,
                    double               height,
                    const AvaChartStyle *style,
                    int                  hover_item)
{
  const AvaAtlas         *atlas = ava_atlas_get ();
  g_autoptr (PangoLayout) text = ava_chart_create_layout (cr, style);
  MapLayout               layout;
  AvaRgba                 land = ava_rgba_over (&style->grid, &style->background);

  map_layout (self, width, height, &layout);

  /* Fills only: stroking the atlas's borders takes cairo 1.16's stroker
   * about 15 ms at 1280×800, three times the whole repaint's budget. The
   * countries without data make one silhouette; those with data are told
   * apart by their shades, and the hovered one gets an outline. */
  for (guint c = 0; c < atlas->n_countries; c++)
    {
      if (self->shape_items[c] < 0)
        trace_country (cr, atlas, &layout, c);
    }
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  ava_chart_set_source (cr, &land);
  cairo_fill (cr);

  for (guint c = 0; c < atlas->n_countries; c++)
    {
      int     item = self->shape_items[c];
      AvaRgba fill;

      if (item < 0)
        continue;

      fill = item == hover_item ? style->hover : value_color (&layout, self->values[item], &land, style);
      trace_country (cr, atlas, &layout, c);
      ava_chart_set_source (cr, &fill);
      cairo_fill (cr);
    }

  /* An outline finds a hovered country even where it is a few pixels. */
  if (hover_item >= 0 && self->places[hover_item].kind == AVA_PLACE_COUNTRY)
    {
      trace_country (cr, atlas, &layout, self->places[hover_item].index);
      cairo_set_line_width (cr, 1.5);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      ava_chart_set_source (cr, &style->text);
      cairo_stroke (cr);
    }

  for (guint i = 0; i < self->n_items; i++)
    {
      double  x, y;
      AvaRgba fill;

      if (self->places[i].kind != AVA_PLACE_DOT)
        continue;

      dot_center (&layout, self->places[i].index, &x, &y);
      fill = (int) i == hover_item ? style->hover : value_color (&layout, self->values[i], &land, style);
      cairo_arc (cr, x, y, (int) i == hover_item ? DOT_RADIUS + 1.5 : DOT_RADIUS, 0, 2 * G_PI);
      ava_chart_set_source (cr, &fill);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 1.5);
      ava_chart_set_source (cr, &style->background);
      cairo_stroke (cr);
    }

  draw_legend (self, cr, text, &layout, width, style, &land);
}

int
ava_chart_hit_map (AvaChart *self,
                   double    width,
                   double    height,
                   double    x,
                   double    y)
{
  const AvaAtlas *atlas = ava_atlas_get ();
  MapLayout       layout;

  map_layout (self, width, height, &layout);

  /* Dots first: they are drawn on top, over bigger neighbours. */
  for (guint i = 0; i < self->n_items; i++)
    {
      double cx, cy;

      if (self->places[i].kind != AVA_PLACE_DOT)
        continue;

      dot_center (&layout, self->places[i].index, &cx, &cy);
      if (hypot (x - cx, y - cy) <= DOT_HIT)
        return i;
    }

  for (guint i = 0; i < self->n_items; i++)
    {
      if (self->places[i].kind == AVA_PLACE_COUNTRY &&
          ava_atlas_contains (atlas, self->places[i].index,
                              (x - layout.dx) / layout.scale, (y - layout.dy) / layout.scale))
        return i;
    }

  return -1;
}

gboolean
ava_chart_area_map (AvaChart          *self,
                    double             width,
                    double             height,
                    int                item,
                    cairo_rectangle_t *area)
{
  const AvaAtlas *atlas = ava_atlas_get ();
  MapLayout       layout;

  map_layout (self, width, height, &layout);

  if (self->places[item].kind == AVA_PLACE_DOT)
    {
      double x, y;

      dot_center (&layout, self->places[item].index, &x, &y);
      *area = (cairo_rectangle_t){ x - DOT_RADIUS, y - DOT_RADIUS, 2 * DOT_RADIUS, 2 * DOT_RADIUS };
      return TRUE;
    }

  if (self->places[item].kind == AVA_PLACE_COUNTRY)
    {
      const AvaAtlasCountry *shape = &atlas->countries[self->places[item].index];

      area->x = shape->x0 * layout.scale + layout.dx;
      area->y = shape->y0 * layout.scale + layout.dy;
      area->width = (shape->x1 - shape->x0) * layout.scale;
      area->height = (shape->y1 - shape->y0) * layout.scale;
      return TRUE;
    }

  return FALSE;
}
