/* ava-chart.h: charts as plain data, drawn on any cairo_t.
 *
 * The screen (a thin GTK widget) and the PNG/SVG/PDF exports call the same
 * ava_chart_draw(), so what is exported is what is shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "ava-result.h"

G_BEGIN_DECLS

#define AVA_TYPE_CHART (ava_chart_get_type ())

#define AVA_CHART_ERROR (ava_chart_error_quark ())

typedef enum
{
  AVA_CHART_ERROR_FORMAT, /* the file name asks for an unknown format */
  AVA_CHART_ERROR_WRITE,  /* cairo could not write the file */
} AvaChartError;

typedef struct
{
  double red, green, blue, alpha;
} AvaRgba;

/* Everything a renderer needs to know about looks; no theme lookups inside
 * the renderer, so it is a pure function of its inputs. */
typedef struct
{
  AvaRgba     background;
  AvaRgba     text;
  AvaRgba     muted_text;
  AvaRgba     grid;
  AvaRgba     accent;     /* the main series */
  AvaRgba     accent_alt; /* a second series, highlights */
  AvaRgba     hover;      /* crosshair and hovered item */
  const char *font_family;
  double      font_size;   /* user units; 1 unit = 1 px at scale 1 */
  AvaRgba     accent_text; /* text drawn on an accent fill */
} AvaChartStyle;

typedef enum
{
  AVA_CHART_LINE,    /* monthly revenue */
  AVA_CHART_BARS,    /* top products, top customers, by country */
  AVA_CHART_HEATMAP, /* cohort retention */
  AVA_CHART_MAP,     /* by country on a world map */
} AvaChartType;

typedef struct _AvaChart AvaChart;

void   ava_chart_style_init (AvaChartStyle *style, gboolean dark);
GType  ava_chart_get_type (void) G_GNUC_CONST;
GQuark ava_chart_error_quark (void);

/* A chart of one KPI result: @type must suit the result's KPI (LINE for
 * monthly-revenue, BARS for the rankings and by-country, HEATMAP for
 * cohorts, MAP for by-country); @metric names the plotted column, NULL for
 * the KPI's natural one (gross_revenue, units or revenue as ranked,
 * revenue, rate). */
AvaChart    *ava_chart_new (AvaResult *result, AvaChartType type, const char *metric);
AvaChart    *ava_chart_ref (AvaChart *self);
void         ava_chart_unref (AvaChart *self);
AvaChartType ava_chart_get_chart_type (AvaChart *self);
AvaResult   *ava_chart_get_result (AvaChart *self);
const char  *ava_chart_get_title (AvaChart *self);

/* Draws into the rectangle (0, 0, width, height) of @cr's user space.
 * @hover_item is an item index from ava_chart_hit_test(), or -1. */
void ava_chart_draw (AvaChart *self, cairo_t *cr, double width, double height, const AvaChartStyle *style, int hover_item);

/* The item (a result row) under (x, y) for a chart drawn at width×height,
 * or -1. For LINE charts the nearest month at x. Geometry depends on the
 * model and the size only, never on the style. */
int ava_chart_hit_test (AvaChart *self, double width, double height, double x, double y);

/* Tooltip text for an item, e.g. "Nov 2011 · £1,503,866.78 · 2,769 orders". */
char *ava_chart_describe_item (AvaChart *self, int item);

/* Where @item is drawn at width×height (a bar, a cell, a point's
 * neighbourhood, a country's bounds), e.g. to point a tooltip at it.
 * FALSE when the item is not drawn (past a bar chart's "N more" row, or
 * not on the map). */
gboolean ava_chart_get_item_area (AvaChart *self, double width, double height, int item, cairo_rectangle_t *area);

/* The chart framed for a report: its title, then @context (what the data is:
 * filters, source) in muted text, then the chart. */
void ava_chart_draw_framed (AvaChart *self, cairo_t *cr, double width, double height, const AvaChartStyle *style, const char *context);

/* Writes ava_chart_draw_framed() to a PNG, SVG or PDF file chosen by
 * @path's extension. A PNG is exactly width·scale × height·scale pixels;
 * SVG and PDF are width × height points. The file appears only when
 * complete: it is written beside @path and renamed. */
gboolean ava_chart_export (AvaChart *self, const char *path, double width, double height, double scale, const AvaChartStyle *style, const char *context, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AvaChart, ava_chart_unref)

G_END_DECLS
