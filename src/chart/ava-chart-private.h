/* ava-chart-private.h: the chart model and what its renderers share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pangocairo.h>

#include "ava-chart.h"

G_BEGIN_DECLS

/* Outer margin of every chart, in user units. */
#define AVA_CHART_PADDING 12.0

/* Where an item of a MAP chart is drawn. */
typedef enum
{
  AVA_PLACE_NONE,    /* listed under the map ("Not on map: …") */
  AVA_PLACE_COUNTRY, /* an atlas country shape */
  AVA_PLACE_DOT,     /* a dot: too small for the 1:110m atlas */
} AvaPlaceKind;

typedef struct
{
  AvaPlaceKind kind;
  guint        index; /* into the atlas or the dot table */
} AvaPlace;

/* Plain data taken once from the result, so drawing never parses cells.
 * Geometry depends only on this model and the requested size, never on the
 * style, so ava_chart_hit_test() needs no cairo_t and agrees with drawing. */
struct _AvaChart
{
  gatomicrefcount ref_count;
  AvaChartType    type;
  AvaResult      *result;
  char           *title;

  int           value_column;
  AvaColumnType value_type;
  guint         n_items;
  double       *values; /* per item; for geometry and colour, never for text */
  char        **labels; /* per item; NULL for HEATMAP */

  /* LINE: each item's month (year * 12 + month - 1), to align labels. */
  int *months;

  /* HEATMAP: a grid of cohorts × offsets holding result rows, -1 where the
   * result has no row (offsets past the last month). */
  guint n_cohorts;
  guint n_offsets;
  int  *cohort_months;
  int  *cells;

  /* MAP */
  AvaPlace *places;      /* per item */
  int      *shape_items; /* per atlas country: the item drawn there, or -1 */
};

/* Formatting, in ava-chart-format.c. */
char *ava_chart_format_integer (gint64 value);
char *ava_chart_format_money (gint64 value);
char *ava_chart_format_money_compact (gint64 value);
char *ava_chart_format_percent (AvaRatio ratio, guint decimals);
char *ava_chart_format_month (int month);
char *ava_chart_format_value (AvaChart *self, guint row, gboolean compact);

/* Nice 1-2-5 axis ticks covering [lo, hi]. */
typedef struct
{
  double first;
  double step;
  guint  n_ticks;
} AvaTicks;

void  ava_ticks_compute (AvaTicks *ticks, double lo, double hi, guint target);
char *ava_chart_format_tick (AvaChart *self, const AvaTicks *ticks, double value);

/* Drawing helpers, in ava-chart.c. */
void         ava_chart_set_source (cairo_t *cr, const AvaRgba *color);
AvaRgba      ava_rgba_mix (const AvaRgba *a, const AvaRgba *b, double t);
AvaRgba      ava_rgba_over (const AvaRgba *top, const AvaRgba *bottom);
double       ava_chart_snap (cairo_t *cr, double value, gboolean vertical, double line_width);
void         ava_chart_rounded_rect (cairo_t *cr, double x, double y, double width, double height, double radius);
PangoLayout *ava_chart_create_layout (cairo_t *cr, const AvaChartStyle *style);
double       ava_chart_draw_text (cairo_t *cr, PangoLayout *layout, const char *text, double x, double y, double max_width, double xalign, double yalign, const AvaRgba *color);
double       ava_chart_text_width (PangoLayout *layout, const char *text);

/* Files written whole or not at all, in ava-chart-export.c. */
char    *ava_chart_file_begin (const char *path, GError **error);
gboolean ava_chart_file_commit (const char *temporary, const char *path, cairo_status_t status, GError **error);

/* One renderer per chart type. @area excludes nothing: each renderer lays
 * itself out in (0, 0, width, height), the same way its hit test does. */
void     ava_chart_draw_line (AvaChart *self, cairo_t *cr, double width, double height, const AvaChartStyle *style, int hover_item);
int      ava_chart_hit_line (AvaChart *self, double width, double height, double x, double y);
gboolean ava_chart_area_line (AvaChart *self, double width, double height, int item, cairo_rectangle_t *area);

void     ava_chart_draw_bars (AvaChart *self, cairo_t *cr, double width, double height, const AvaChartStyle *style, int hover_item);
int      ava_chart_hit_bars (AvaChart *self, double width, double height, double x, double y);
gboolean ava_chart_area_bars (AvaChart *self, double width, double height, int item, cairo_rectangle_t *area);

void     ava_chart_draw_heatmap (AvaChart *self, cairo_t *cr, double width, double height, const AvaChartStyle *style, int hover_item);
int      ava_chart_hit_heatmap (AvaChart *self, double width, double height, double x, double y);
gboolean ava_chart_area_heatmap (AvaChart *self, double width, double height, int item, cairo_rectangle_t *area);

void     ava_chart_map_init (AvaChart *self);
void     ava_chart_draw_map (AvaChart *self, cairo_t *cr, double width, double height, const AvaChartStyle *style, int hover_item);
int      ava_chart_hit_map (AvaChart *self, double width, double height, double x, double y);
gboolean ava_chart_area_map (AvaChart *self, double width, double height, int item, cairo_rectangle_t *area);

G_END_DECLS
