/* test-chart.c: formatting, every renderer's pixels, hit tests, degenerate
 * data, exports, and screenshots to look at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "ava-chart-private.h"
#include "ava-money.h"
#include "chart-test-data.h"

typedef struct
{
  AvaEngine *engine;
} Fixture;

static void
fixture_set_up (Fixture      *fixture,
                gconstpointer user_data)
{
  fixture->engine = chart_test_engine_new ();
}

static void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer user_data)
{
  g_assert_finalize_object (fixture->engine);
}

/* ---- formatting ---- */

static void
test_format_money (void)
{
  static const struct
  {
    gint64      value;
    const char *exact;
    const char *compact;
  } cases[] = {
    { G_GINT64_CONSTANT (15038667800), "£1,503,866.78", "£1.5M" },
    { 0, "£0.00", "£0" },
    { 49, "£0.00", "£0.00" }, /* 0.0049 rounds down */
    { 50, "£0.01", "£0.01" }, /* half a penny rounds away from zero */
    { -125000, "−£12.50", "−£13" },
    { 47000000, "£4,700.00", "£4.7k" },
    { 8500000000, "£850,000.00", "£850k" },
    { 12345678900, "£1,234,567.89", "£1.2M" },
    { 9996000000, "£999,600.00", "£1.0M" }, /* never "£1000k" */
    { 99960000, "£9,996.00", "£10k" },
    { 8500000, "£850.00", "£850" },
    { G_GINT64_CONSTANT (10000000000000000), "£1,000,000,000,000.00", "£1.0T" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *exact = ava_chart_format_money (cases[i].value);
      g_autofree char *compact = ava_chart_format_money_compact (cases[i].value);

      g_assert_cmpstr (exact, ==, cases[i].exact);
      g_assert_cmpstr (compact, ==, cases[i].compact);
    }
}

static void
test_format_other (void)
{
  static const struct
  {
    AvaRatio    ratio;
    guint       decimals;
    const char *expected;
  } percents[] = {
    { { 361, 1000 }, 1, "36.1%" },
    { { 1, 3 }, 1, "33.3%" },
    { { 2, 3 }, 0, "67%" },
    { { 0, 0 }, 1, "0.0%" },
    { { 1, 1 }, 0, "100%" },
    { { -1, 8 }, 1, "−12.5%" },
  };
  g_autofree char *integer = ava_chart_format_integer (2769);
  g_autofree char *negative = ava_chart_format_integer (-1234567);
  g_autofree char *month = ava_chart_format_month (2010 * 12 + 11);

  g_assert_cmpstr (integer, ==, "2,769");
  g_assert_cmpstr (negative, ==, "−1,234,567");
  g_assert_cmpstr (month, ==, "Dec 2010");

  for (guint i = 0; i < G_N_ELEMENTS (percents); i++)
    {
      g_autofree char *text = ava_chart_format_percent (percents[i].ratio, percents[i].decimals);

      g_assert_cmpstr (text, ==, percents[i].expected);
    }
}

static void
test_ticks (void)
{
  static const struct
  {
    double lo, hi;
    guint  target;
    double first, step;
    guint  n_ticks;
  } cases[] = {
    { 0, 1503866.78, 6, 0, 500000, 5 },
    { 0, 75.39, 5, 0, 20, 5 },
    { 0, 0, 4, 0, 0.5, 3 }, /* all zeros still get an axis */
    { -40, 95, 5, -50, 50, 4 },
    { 0, 1e12, 5, 0, 2e11, 6 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      AvaTicks ticks;

      ava_ticks_compute (&ticks, cases[i].lo, cases[i].hi, cases[i].target);
      g_assert_cmpfloat_with_epsilon (ticks.first, cases[i].first, 1e-9);
      g_assert_cmpfloat_with_epsilon (ticks.step, cases[i].step, 1e-9);
      g_assert_cmpuint (ticks.n_ticks, ==, cases[i].n_ticks);
    }
}

/* ---- pixels ---- */

static cairo_surface_t *
render (AvaChart *chart,
        int       width,
        int       height,
        gboolean  dark,
        int       hover)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t         *cr = cairo_create (surface);
  AvaChartStyle    style;

  ava_chart_style_init (&style, dark);
  ava_chart_draw (chart, cr, width, height, &style, hover);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

/* Accent blue and its tints: clearly more blue than red, which neither the
 * background, the grey text nor the grid ever is. */
static gboolean
is_accent (cairo_surface_t *surface,
           int              x,
           int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32       pixel = *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + x * 4);
  int           red = (pixel >> 16) & 0xff;
  int           blue = pixel & 0xff;

  return blue - red > 40;
}

static double
accent_fraction (cairo_surface_t         *surface,
                 const cairo_rectangle_t *area)
{
  int n = 0, accent = 0;

  for (int y = (int) ceil (area->y); y < (int) floor (area->y + area->height); y++)
    {
      for (int x = (int) ceil (area->x); x < (int) floor (area->x + area->width); x++)
        {
          n++;
          accent += is_accent (surface, x, y);
        }
    }

  return n > 0 ? (double) accent / n : 0.0;
}

static AvaChart *
chart_for (Fixture     *fixture,
           AvaKpi       kpi,
           AvaChartType type)
{
  g_autoptr (AvaResult) result = chart_test_run (fixture->engine, kpi);

  return ava_chart_new (result, type, NULL);
}

static void
test_line (Fixture      *fixture,
           gconstpointer user_data)
{
  g_autoptr (AvaChart) chart = chart_for (fixture, AVA_KPI_MONTHLY_REVENUE, AVA_CHART_LINE);
  cairo_surface_t     *surface = render (chart, 640, 400, FALSE, -1);
  cairo_rectangle_t    point, below;
  g_autofree char     *text = ava_chart_describe_item (chart, 0);

  g_assert_cmpstr (ava_chart_get_title (chart), ==, "Monthly revenue");
  g_assert_cmpstr (text, ==, "Dec 2010 · £60.30 · 2 orders · £30.15 per order · £0.00 returned");

  /* April, the best month, is the rightmost point; under it, the area. */
  g_assert_true (ava_chart_get_item_area (chart, 640, 400, 4, &point));
  g_assert_cmpfloat (accent_fraction (surface, &point), >, 0.3);
  below = (cairo_rectangle_t){ point.x - 20, point.y + 40, 16, 40 };
  g_assert_cmpfloat (accent_fraction (surface, &below), >, 0.9);
  /* Above the best month there is only background. */
  g_assert_cmpfloat (accent_fraction (surface, &(cairo_rectangle_t){ point.x - 20, 0, 16, point.y - 10 }), ==, 0);

  g_assert_cmpint (ava_chart_hit_test (chart, 640, 400, point.x + 6, 100), ==, 4);
  g_assert_cmpint (ava_chart_hit_test (chart, 640, 400, 2, 100), ==, -1);
  cairo_surface_destroy (surface);

  /* The hovered month's crosshair is drawn in the hover colour. */
  surface = render (chart, 640, 400, FALSE, 2);
  ava_chart_get_item_area (chart, 640, 400, 2, &point);
  g_assert_true (is_accent (surface, point.x + 6, 30));
  cairo_surface_destroy (surface);
}

static void
test_bars (Fixture      *fixture,
           gconstpointer user_data)
{
  static const AvaKpi kpis[] = { AVA_KPI_TOP_PRODUCTS, AVA_KPI_TOP_CUSTOMERS, AVA_KPI_BY_COUNTRY };

  for (guint k = 0; k < G_N_ELEMENTS (kpis); k++)
    {
      g_autoptr (AvaChart) chart = chart_for (fixture, kpis[k], AVA_CHART_BARS);
      guint                n = ava_result_get_n_rows (ava_chart_get_result (chart));
      cairo_surface_t     *surface = render (chart, 640, 400, k == 1, -1);
      cairo_rectangle_t    bar, last;

      /* Rows come sorted: the first bar is the longest and is drawn. */
      g_assert_true (ava_chart_get_item_area (chart, 640, 400, 0, &bar));
      g_assert_true (ava_chart_get_item_area (chart, 640, 400, n - 1, &last));
      g_assert_cmpfloat (bar.width, >=, last.width);
      g_assert_cmpfloat (bar.width, >, 200);
      g_assert_cmpfloat (accent_fraction (surface, &(cairo_rectangle_t){ bar.x + 4, bar.y + 2, bar.width - 8, bar.height - 4 }), >, 0.95);

      for (guint i = 0; i < n; i++)
        {
          cairo_rectangle_t area;

          ava_chart_get_item_area (chart, 640, 400, i, &area);
          g_assert_cmpint (ava_chart_hit_test (chart, 640, 400, area.x + area.width / 2, area.y + area.height / 2), ==, i);
        }
      g_assert_cmpint (ava_chart_hit_test (chart, 640, 400, 1, 1), ==, -1);
      g_assert_cmpint (ava_chart_hit_test (chart, 640, 400, 320, last.y + 60), ==, -1);
      g_assert_cmpint (ava_chart_hit_test (chart, 640, 400, 700, bar.y), ==, -1);
      cairo_surface_destroy (surface);
    }
}

static void
test_bars_natural_metric (Fixture      *fixture,
                          gconstpointer user_data)
{
  g_autoptr (AvaQuery)  query = ava_query_new (AVA_KPI_TOP_PRODUCTS);
  g_autoptr (AvaResult) by_units = NULL;
  g_autoptr (AvaResult) by_revenue = NULL;
  g_autoptr (AvaChart)  units_chart = NULL;
  g_autoptr (AvaChart)  revenue_chart = NULL;
  g_autofree char      *text = NULL;

  by_units = ava_engine_run (fixture->engine, query, NULL, NULL);
  query->rank_by = AVA_RANK_BY_REVENUE;
  by_revenue = ava_engine_run (fixture->engine, query, NULL, NULL);
  units_chart = ava_chart_new (by_units, AVA_CHART_BARS, NULL);
  revenue_chart = ava_chart_new (by_revenue, AVA_CHART_BARS, NULL);

  g_assert_cmpstr (ava_chart_get_title (units_chart), ==, "Top products by units");
  g_assert_cmpstr (ava_chart_get_title (revenue_chart), ==, "Top products by revenue");
  text = ava_chart_describe_item (units_chart, 0);
  g_assert_cmpstr (text, ==, "85123A · WHITE HANGING HEART T-LIGHT HOLDER · 42 units · £107.10 · 3 orders");
}

static void
test_heatmap (Fixture      *fixture,
              gconstpointer user_data)
{
  g_autoptr (AvaChart) chart = chart_for (fixture, AVA_KPI_COHORTS, AVA_CHART_HEATMAP);
  cairo_surface_t     *surface = render (chart, 640, 400, FALSE, -1);
  AvaResult           *result = ava_chart_get_result (chart);
  cairo_rectangle_t    cell;
  g_autofree char     *text = ava_chart_describe_item (chart, 1);

  g_assert_cmpuint (chart->n_cohorts, ==, 5);
  g_assert_cmpuint (chart->n_offsets, ==, 5);
  g_assert_cmpstr (text, ==, "Dec 2010 cohort · month 1 · 1 of 2 customers (50.0%)");

  /* Month 0 of every cohort is 100%: full accent. */
  for (guint row = 0; row < ava_result_get_n_rows (result); row++)
    {
      if (ava_result_get_integer (result, row, ava_result_find_column (result, "offset")) != 0)
        continue;
      g_assert_true (ava_chart_get_item_area (chart, 640, 400, row, &cell));
      g_assert_cmpfloat (accent_fraction (surface, &(cairo_rectangle_t){ cell.x + 2, cell.y + 2, 6, cell.height - 4 }), >, 0.95);
      g_assert_cmpint (ava_chart_hit_test (chart, 640, 400, cell.x + cell.width / 2, cell.y + cell.height / 2), ==, row);
    }
  g_assert_cmpint (ava_chart_hit_test (chart, 640, 400, 630, 390), ==, -1);
  cairo_surface_destroy (surface);
}

static void
test_map (Fixture      *fixture,
          gconstpointer user_data)
{
  g_autoptr (AvaChart) chart = chart_for (fixture, AVA_KPI_BY_COUNTRY, AVA_CHART_MAP);
  AvaResult           *result = ava_chart_get_result (chart);
  cairo_surface_t     *surface = render (chart, 800, 480, FALSE, -1);
  cairo_rectangle_t    uk, channel;
  int                  uk_row = -1, channel_row = -1, unspecified_row = -1;
  g_autofree char     *text = NULL;

  for (guint row = 0; row < ava_result_get_n_rows (result); row++)
    {
      const char *country = ava_result_get_text (result, row, ava_result_find_column (result, "country"));

      if (g_str_equal (country, "United Kingdom"))
        uk_row = row;
      else if (g_str_equal (country, "Channel Islands"))
        channel_row = row;
      else if (g_str_equal (country, "Unspecified"))
        unspecified_row = row;
    }
  g_assert_cmpint (uk_row, ==, 0);

  /* 170.85 of 312.56 in invoices 1001, 1003, 1008 and 1011. */
  text = ava_chart_describe_item (chart, uk_row);
  g_assert_cmpstr (text, ==, "United Kingdom · £170.85 · 54.7% of revenue · 4 orders · 1 customer");

  /* The middle of the UK's bounds is northern England: coloured, and it
   * answers to the pointer. */
  g_assert_true (ava_chart_get_item_area (chart, 800, 480, uk_row, &uk));
  g_assert_true (is_accent (surface, uk.x + uk.width * 0.6, uk.y + uk.height * 0.6));
  g_assert_cmpint (ava_chart_hit_test (chart, 800, 480, uk.x + uk.width * 0.6, uk.y + uk.height * 0.6), ==, uk_row);
  /* The Atlantic west of Ireland is nobody's. */
  g_assert_cmpint (ava_chart_hit_test (chart, 800, 480, uk.x - uk.width, uk.y + uk.height / 2), ==, -1);

  /* Too small for the atlas: a dot that is hoverable. */
  g_assert_true (ava_chart_get_item_area (chart, 800, 480, channel_row, &channel));
  g_assert_cmpint (ava_chart_hit_test (chart, 800, 480, channel.x + channel.width / 2, channel.y + channel.height / 2), ==, channel_row);
  g_assert_false (ava_chart_get_item_area (chart, 800, 480, unspecified_row, &channel));
  cairo_surface_destroy (surface);
}

/* ---- degenerate data ---- */

typedef enum
{
  SHAPE_ONE,
  SHAPE_ZEROS,
  SHAPE_HUGE,
  SHAPE_NEGATIVE,
  SHAPE_LONG_LABELS,
  SHAPE_MANY,
  N_SHAPES
} Shape;

static gint64
shape_money (Shape shape,
             guint row)
{
  switch (shape)
    {
    case SHAPE_ZEROS:
      return 0;
    case SHAPE_HUGE:
      return G_GINT64_CONSTANT (1000000000000) * AVA_MONEY_SCALE - row;
    case SHAPE_NEGATIVE:
      return (row % 2 ? -1 : 1) * (gint64) (row + 1) * 250000;
    case SHAPE_ONE:
    case SHAPE_LONG_LABELS:
    case SHAPE_MANY:
    default:
      return (gint64) (1000 - row) * 1234567;
    }
}

static guint
shape_rows (Shape shape)
{
  return shape == SHAPE_ONE ? 1 : shape == SHAPE_MANY ? 400
                                                      : 12;
}

static AvaResult *
make_result (AvaKpi kpi,
             Shape  shape)
{
  AvaResult  *result = ava_result_new (kpi);
  guint       n = shape_rows (shape);
  const char *long_label = "AN EXCEPTIONALLY LONG PRODUCT DESCRIPTION THAT GOES ON AND ON WELL PAST ANY REASONABLE WIDTH";

  switch (kpi)
    {
    case AVA_KPI_MONTHLY_REVENUE:
      ava_result_add_column (result, "month", AVA_COLUMN_MONTH);
      ava_result_add_column (result, "gross_revenue", AVA_COLUMN_MONEY);
      ava_result_add_column (result, "orders", AVA_COLUMN_INTEGER);
      for (guint i = 0; i < n; i++)
        {
          ava_result_add_row (result);
          ava_result_set_integer (result, 0, 2010 * 12 + 11 + i);
          ava_result_set_integer (result, 1, shape_money (shape, i));
          ava_result_set_integer (result, 2, shape == SHAPE_ZEROS ? 0 : i);
        }
      break;
    case AVA_KPI_TOP_PRODUCTS:
      ava_result_add_column (result, "rank", AVA_COLUMN_INTEGER);
      ava_result_add_column (result, "stock_code", AVA_COLUMN_TEXT);
      ava_result_add_column (result, "description", AVA_COLUMN_TEXT);
      ava_result_add_column (result, "units", AVA_COLUMN_INTEGER);
      ava_result_add_column (result, "revenue", AVA_COLUMN_MONEY);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *code = g_strdup_printf ("S%u", i);

          ava_result_add_row (result);
          ava_result_set_integer (result, 0, i + 1);
          ava_result_set_text (result, 1, code);
          ava_result_set_text (result, 2, shape == SHAPE_LONG_LABELS ? long_label : i % 3 ? "Item"
                                                                                          : "");
          ava_result_set_integer (result, 3, shape_money (shape, i) / AVA_MONEY_SCALE);
          ava_result_set_integer (result, 4, shape_money (shape, i));
        }
      break;
    case AVA_KPI_BY_COUNTRY:
      ava_result_add_column (result, "rank", AVA_COLUMN_INTEGER);
      ava_result_add_column (result, "country", AVA_COLUMN_TEXT);
      ava_result_add_column (result, "revenue", AVA_COLUMN_MONEY);
      ava_result_add_column (result, "share", AVA_COLUMN_RATIO);
      for (guint i = 0; i < n; i++)
        {
          static const char *const names[] = { "United Kingdom", "Narnia", "EIRE", "Singapore", "France", "Unspecified" };

          ava_result_add_row (result);
          ava_result_set_integer (result, 0, i + 1);
          ava_result_set_text (result, 1, shape == SHAPE_LONG_LABELS ? long_label : names[i % G_N_ELEMENTS (names)]);
          ava_result_set_integer (result, 2, shape_money (shape, i));
          ava_result_set_ratio (result, 3, shape == SHAPE_ZEROS ? 0 : 1, shape == SHAPE_ZEROS ? 0 : n);
        }
      break;
    case AVA_KPI_COHORTS:
      ava_result_add_column (result, "cohort", AVA_COLUMN_MONTH);
      ava_result_add_column (result, "offset", AVA_COLUMN_INTEGER);
      ava_result_add_column (result, "size", AVA_COLUMN_INTEGER);
      ava_result_add_column (result, "active", AVA_COLUMN_INTEGER);
      ava_result_add_column (result, "rate", AVA_COLUMN_RATIO);
      for (guint c = 0; c < n; c++)
        {
          for (guint o = 0; o < n - c; o++)
            {
              gint64 size = shape == SHAPE_HUGE ? G_MAXINT64 / 2 : 10;
              gint64 active = shape == SHAPE_ZEROS ? 0 : shape == SHAPE_NEGATIVE ? -(gint64) o
                                                                                 : (gint64) (10 - o % 10);

              ava_result_add_row (result);
              ava_result_set_integer (result, 0, 2010 * 12 + 11 + c);
              ava_result_set_integer (result, 1, o);
              ava_result_set_integer (result, 2, size);
              ava_result_set_integer (result, 3, active);
              ava_result_set_ratio (result, 4, active, shape == SHAPE_ZEROS ? 0 : size);
            }
        }
      break;
    case AVA_KPI_TOP_CUSTOMERS:
    case AVA_KPI_OVERVIEW:
    case AVA_N_KPIS:
    default:
      g_assert_not_reached ();
    }

  return result;
}

static const struct
{
  AvaKpi       kpi;
  AvaChartType type;
} chart_kinds[] = {
  { AVA_KPI_MONTHLY_REVENUE, AVA_CHART_LINE },
  { AVA_KPI_TOP_PRODUCTS, AVA_CHART_BARS },
  { AVA_KPI_BY_COUNTRY, AVA_CHART_BARS },
  { AVA_KPI_COHORTS, AVA_CHART_HEATMAP },
  { AVA_KPI_BY_COUNTRY, AVA_CHART_MAP },
};

/* Every size from a stamp to a banner, every hover value, and a grid of
 * hit tests: G_DEBUG=fatal-warnings turns any warning into a failure. */
static void
exercise (AvaChart *chart)
{
  static const double sizes[][2] = { { 640, 400 }, { 120, 80 }, { 1, 1 }, { 3000, 12 }, { 12, 2000 }, { 0, 0 }, { NAN, 100 } };
  guint               n = ava_result_get_n_rows (ava_chart_get_result (chart));

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 64, 64);
      cairo_t         *cr = cairo_create (surface);
      AvaChartStyle    style;
      int              hovers[] = { -1, 0, (int) n - 1, (int) n, 100000 };

      ava_chart_style_init (&style, s % 2);
      for (guint h = 0; h < G_N_ELEMENTS (hovers); h++)
        ava_chart_draw (chart, cr, sizes[s][0], sizes[s][1], &style, hovers[h]);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

      for (double x = -10; x < 660; x += 37)
        {
          for (double y = -10; y < 420; y += 23)
            {
              int item = ava_chart_hit_test (chart, sizes[s][0], sizes[s][1], x, y);

              g_assert_cmpint (item, >=, -1);
              g_assert_cmpint (item, <, (int) n);
            }
        }
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }

  for (int i = -1; i <= (int) n; i++)
    {
      g_autofree char  *text = ava_chart_describe_item (chart, i);
      cairo_rectangle_t area;

      g_assert_true ((text != NULL) == (i >= 0 && i < (int) n));
      ava_chart_get_item_area (chart, 640, 400, i, &area);
    }
}

static void
test_degenerate (void)
{
  for (guint k = 0; k < G_N_ELEMENTS (chart_kinds); k++)
    {
      for (Shape shape = 0; shape < N_SHAPES; shape++)
        {
          g_autoptr (AvaResult) result = make_result (chart_kinds[k].kpi, shape);
          g_autoptr (AvaChart)  chart = ava_chart_new (result, chart_kinds[k].type, NULL);

          g_test_message ("kind %u, shape %d", k, shape);
          exercise (chart);
        }
    }
}

static void
test_no_data (Fixture      *fixture,
              gconstpointer user_data)
{
  for (guint k = 0; k < G_N_ELEMENTS (chart_kinds); k++)
    {
      g_autoptr (AvaQuery)  query = ava_query_new (chart_kinds[k].kpi);
      g_autoptr (AvaResult) result = NULL;
      g_autoptr (AvaChart)  chart = NULL;
      cairo_surface_t      *surface;

      query->countries = g_strsplit ("Atlantis", ",", -1);
      result = ava_engine_run (fixture->engine, query, NULL, NULL);
      g_assert_cmpuint (ava_result_get_n_rows (result), ==, 0);
      chart = ava_chart_new (result, chart_kinds[k].type, NULL);
      exercise (chart);

      /* "No data" is drawn in the middle, and only there. */
      surface = render (chart, 400, 300, FALSE, -1);
      g_assert_cmpfloat (accent_fraction (surface, &(cairo_rectangle_t){ 0, 0, 400, 300 }), ==, 0);
      cairo_surface_destroy (surface);
    }
}

/* ---- exports ---- */

static void
test_export (Fixture      *fixture,
             gconstpointer user_data)
{
  static const struct
  {
    const char *name;
    const char *magic;
  } formats[] = {
    { "chart.png", "\x89PNG" },
    { "chart.svg", "<?xml" },
    { "chart.pdf", "%PDF-" },
  };
  g_autoptr (AvaChart) chart = chart_for (fixture, AVA_KPI_BY_COUNTRY, AVA_CHART_MAP);
  g_autoptr (GError)   error = NULL;
  g_autofree char     *dir = g_dir_make_tmp ("ava-chart-XXXXXX", &error);
  g_autofree char     *bad = NULL;
  AvaChartStyle        style;

  g_assert_no_error (error);
  ava_chart_style_init (&style, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *path = g_build_filename (dir, formats[i].name, NULL);
      g_autofree char *contents = NULL;
      gsize            length;

      g_assert_true (ava_chart_export (chart, path, 800, 500, 1.0, &style, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &length, &error));
      g_assert_cmpuint (length, >, 4000);
      g_assert_true (g_str_has_prefix (contents, formats[i].magic));
      g_assert_cmpint (g_unlink (path), ==, 0);
    }

  bad = g_build_filename (dir, "chart.bmp", NULL);
  g_assert_false (ava_chart_export (chart, bad, 800, 500, 1.0, &style, NULL, &error));
  g_assert_error (error, AVA_CHART_ERROR, AVA_CHART_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* ---- screenshots ---- */

static void
save_screenshots (const char *prefix,
                  AvaEngine  *engine,
                  int         width,
                  int         height)
{
  static const struct
  {
    const char  *name;
    AvaKpi       kpi;
    AvaChartType type;
    int          hover;
  } charts[] = {
    { "line", AVA_KPI_MONTHLY_REVENUE, AVA_CHART_LINE, 3 },
    { "products", AVA_KPI_TOP_PRODUCTS, AVA_CHART_BARS, 1 },
    { "customers", AVA_KPI_TOP_CUSTOMERS, AVA_CHART_BARS, 0 },
    { "countries", AVA_KPI_BY_COUNTRY, AVA_CHART_BARS, 2 },
    { "cohorts", AVA_KPI_COHORTS, AVA_CHART_HEATMAP, 5 },
    { "map", AVA_KPI_BY_COUNTRY, AVA_CHART_MAP, 1 },
  };

  g_assert_cmpint (g_mkdir_with_parents (AVA_SCREENSHOT_DIR, 0755), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      g_autoptr (AvaResult) result = chart_test_run (engine, charts[i].kpi);
      g_autoptr (AvaChart)  chart = ava_chart_new (result, charts[i].type, NULL);

      for (int dark = 0; dark < 2; dark++)
        {
          g_autofree char   *path = g_strdup_printf ("%s/chart-%s-%s-%s.png", AVA_SCREENSHOT_DIR, prefix,
                                                     charts[i].name, dark ? "dark" : "light");
          g_autofree char   *hover_path = g_strdup_printf ("%s/chart-%s-%s-%s-hover.png", AVA_SCREENSHOT_DIR,
                                                           prefix, charts[i].name, dark ? "dark" : "light");
          g_autoptr (GError) error = NULL;
          AvaChartStyle      style;
          cairo_surface_t   *surface;

          ava_chart_style_init (&style, dark);
          g_assert_true (ava_chart_export (chart, path, width, height, 1.0, &style, NULL, &error));
          g_assert_no_error (error);

          /* The hover look, as the widget would draw it. */
          surface = render (chart, width, height - 44, dark, charts[i].hover);
          g_assert_cmpint (cairo_surface_write_to_png (surface, hover_path), ==, CAIRO_STATUS_SUCCESS);
          cairo_surface_destroy (surface);
          g_test_message ("wrote %s", path);
        }
    }
}

static void
test_screenshots (Fixture      *fixture,
                  gconstpointer user_data)
{
  save_screenshots ("small", fixture->engine, 800, 500);
}

static void
test_screenshots_real (void)
{
  const char                  *shared = g_getenv ("AVA_SHARED_DATA");
  g_autofree char             *path = shared != NULL ? g_build_filename (shared, "online_retail.csv.gz", NULL) : NULL;
  g_autoptr (AvaQualityReport) report = NULL;
  g_autoptr (AvaDataset)       dataset = NULL;
  g_autoptr (AvaEngine)        engine = NULL;
  g_autoptr (GError)           error = NULL;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("$AVA_SHARED_DATA/online_retail.csv.gz is absent");
      return;
    }

  dataset = ava_load_csv_path (path, NULL, &report, &error);
  g_assert_no_error (error);
  engine = ava_offline_engine_new (dataset);
  save_screenshots ("real", engine, 1000, 600);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ava/chart/format/money", test_format_money);
  g_test_add_func ("/ava/chart/format/other", test_format_other);
  g_test_add_func ("/ava/chart/ticks", test_ticks);
  g_test_add ("/ava/chart/line", Fixture, NULL, fixture_set_up, test_line, fixture_tear_down);
  g_test_add ("/ava/chart/bars", Fixture, NULL, fixture_set_up, test_bars, fixture_tear_down);
  g_test_add ("/ava/chart/bars/natural-metric", Fixture, NULL, fixture_set_up, test_bars_natural_metric, fixture_tear_down);
  g_test_add ("/ava/chart/heatmap", Fixture, NULL, fixture_set_up, test_heatmap, fixture_tear_down);
  g_test_add ("/ava/chart/map", Fixture, NULL, fixture_set_up, test_map, fixture_tear_down);
  g_test_add_func ("/ava/chart/degenerate", test_degenerate);
  g_test_add ("/ava/chart/no-data", Fixture, NULL, fixture_set_up, test_no_data, fixture_tear_down);
  g_test_add ("/ava/chart/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/ava/chart/screenshots/small", Fixture, NULL, fixture_set_up, test_screenshots, fixture_tear_down);
  g_test_add_func ("/ava/chart/screenshots/real", test_screenshots_real);

  return g_test_run ();
}
