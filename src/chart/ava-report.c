/* ava-report.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "ava-chart-private.h"
#include "ava-report.h"

/* A4 portrait, in points. */
#define PAGE_WIDTH  595.0
#define PAGE_HEIGHT 842.0
#define MARGIN      48.0
#define FOOTER      24.0
#define ROW_HEIGHT  16.0
#define BODY_SIZE   9.0
/* Room for "Page 12 of 12" (and its translations) at the footer's end. */
#define PAGE_NUMBER_WIDTH 90.0

typedef struct
{
  cairo_t             *cr;
  const AvaChartStyle *style;
  const char          *footer;
  guint                page;
  guint                n_pages;
} Writer;

static void
set_source (cairo_t       *cr,
            const AvaRgba *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

/* Text at (x, y) in a box of @width; right-aligned if asked. Returns the
 * height used. */
static double
text (Writer     *writer,
      const char *string,
      double      size,
      gboolean    bold,
      double      x,
      double      y,
      double      width,
      gboolean    right)
{
  g_autoptr (PangoLayout)          layout = pango_cairo_create_layout (writer->cr);
  g_autoptr (PangoFontDescription) font = pango_font_description_new ();
  int                              height;

  pango_font_description_set_family (font, writer->style->font_family);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  pango_layout_set_text (layout, string, -1);

  cairo_move_to (writer->cr, x, y);
  pango_cairo_show_layout (writer->cr, layout);
  pango_layout_get_pixel_size (layout, NULL, &height);

  return height;
}

static void
finish_page (Writer *writer)
{
  g_autofree char *number = g_strdup_printf ("Page %u of %u", writer->page, writer->n_pages);

  set_source (writer->cr, &writer->style->muted_text);
  /* The footer ellipsizes before the page number, never under it. */
  text (writer, writer->footer, BODY_SIZE, FALSE, MARGIN, PAGE_HEIGHT - MARGIN + 8, PAGE_WIDTH - 2 * MARGIN - PAGE_NUMBER_WIDTH, FALSE);
  text (writer, number, BODY_SIZE, FALSE, MARGIN, PAGE_HEIGHT - MARGIN + 8, PAGE_WIDTH - 2 * MARGIN, TRUE);
  cairo_show_page (writer->cr);
  writer->page++;
}

static const char *
table_title (AvaKpi kpi)
{
  static const char *titles[AVA_N_KPIS] = {
    "Overview",
    "Monthly revenue",
    "Top products",
    "Top customers",
    "Revenue by country",
    "Cohort retention",
  };

  return titles[kpi];
}

/* Screen form of a cell: money with 2 decimals and the locale's grouping,
 * ratios as percentages. */
static char *
format_cell (AvaResult *result,
             guint      row,
             guint      column)
{
  const AvaCell *cell = ava_result_get_cell (result, row, column);

  switch (ava_result_get_column_type (result, column))
    {
    case AVA_COLUMN_MONEY:
      return ava_chart_format_money (cell->integer);
    case AVA_COLUMN_RATIO:
      return ava_chart_format_percent (cell->ratio, 1);
    case AVA_COLUMN_INTEGER:
      if (g_str_equal (ava_result_get_column_name (result, column), "customer_id"))
        return ava_result_format_cell (result, row, column);
      return ava_chart_format_integer (cell->integer);
    default:
      return ava_result_format_cell (result, row, column);
    }
}

static double
measure (Writer     *writer,
         const char *string,
         gboolean    bold)
{
  g_autoptr (PangoLayout)          layout = pango_cairo_create_layout (writer->cr);
  g_autoptr (PangoFontDescription) font = pango_font_description_new ();
  int                              width;

  pango_font_description_set_family (font, writer->style->font_family);
  pango_font_description_set_absolute_size (font, BODY_SIZE * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, string, -1);
  pango_layout_get_pixel_size (layout, &width, NULL);

  return width;
}

/* Column edges: every column as wide as its widest cell; when that is
 * more than the page, only the text columns (descriptions, countries)
 * give up room, and get ellipsized. */
static void
layout_columns (Writer    *writer,
                AvaResult *result,
                double    *x)
{
  guint              n_columns = ava_result_get_n_columns (result);
  g_autofree double *width = g_new0 (double, n_columns);
  double             available = PAGE_WIDTH - 2 * MARGIN;
  double             total = 0, text_total = 0;

  for (guint c = 0; c < n_columns; c++)
    {
      width[c] = measure (writer, ava_result_get_column_name (result, c), TRUE);
      for (guint r = 0; r < ava_result_get_n_rows (result); r++)
        {
          g_autofree char *cell = format_cell (result, r, c);

          width[c] = MAX (width[c], measure (writer, cell, FALSE));
        }
      width[c] += 12;
      total += width[c];
      if (ava_result_get_column_type (result, c) == AVA_COLUMN_TEXT)
        text_total += width[c];
    }

  for (guint c = 0; c < n_columns; c++)
    {
      if (total > available && text_total > 0 && ava_result_get_column_type (result, c) == AVA_COLUMN_TEXT)
        width[c] = MAX (width[c] - (total - available) * width[c] / text_total, 24);
      else if (total < available)
        width[c] += (available - total) / n_columns;
    }

  x[0] = MARGIN;
  for (guint c = 0; c < n_columns; c++)
    x[c + 1] = x[c] + width[c];
}

static guint
rows_per_page (void)
{
  double room = PAGE_HEIGHT - 2 * MARGIN - FOOTER - 40 - ROW_HEIGHT;

  return (guint) (room / ROW_HEIGHT);
}

static guint
table_pages (AvaResult *result)
{
  guint n_rows = ava_result_get_n_rows (result);

  return MAX (1, (n_rows + rows_per_page () - 1) / rows_per_page ());
}

/* A table over as many pages as it needs, the header repeated on each. */
static void
draw_table (Writer    *writer,
            AvaResult *result)
{
  guint              n_columns = ava_result_get_n_columns (result);
  guint              n_rows = ava_result_get_n_rows (result);
  g_autofree double *x = g_new (double, n_columns + 1);
  guint              per_page = rows_per_page ();

  layout_columns (writer, result, x);

  for (guint first = 0; first < MAX (n_rows, 1); first += per_page)
    {
      g_autofree char *title = first == 0 ? g_strdup (table_title (ava_result_get_kpi (result)))
                                          : g_strdup_printf ("%s (continued)", table_title (ava_result_get_kpi (result)));
      double           y = MARGIN;

      set_source (writer->cr, &writer->style->text);
      y += text (writer, title, 16, TRUE, MARGIN, y, PAGE_WIDTH - 2 * MARGIN, FALSE) + 16;

      for (guint c = 0; c < n_columns; c++)
        {
          gboolean right = ava_result_get_column_type (result, c) != AVA_COLUMN_TEXT;

          text (writer, ava_result_get_column_name (result, c), BODY_SIZE, TRUE,
                x[c] + 2, y, x[c + 1] - x[c] - 4, right);
        }
      y += ROW_HEIGHT;
      set_source (writer->cr, &writer->style->grid);
      cairo_rectangle (writer->cr, MARGIN, y - 3, PAGE_WIDTH - 2 * MARGIN, 0.75);
      cairo_fill (writer->cr);

      if (n_rows == 0)
        {
          set_source (writer->cr, &writer->style->muted_text);
          text (writer, "No data for these filters.", BODY_SIZE, FALSE, MARGIN, y, PAGE_WIDTH - 2 * MARGIN, FALSE);
        }

      for (guint r = first; r < MIN (n_rows, first + per_page); r++, y += ROW_HEIGHT)
        {
          if ((r - first) % 2 == 1)
            {
              AvaRgba band = writer->style->grid;

              band.alpha *= 0.35;
              set_source (writer->cr, &band);
              cairo_rectangle (writer->cr, MARGIN, y - 2, PAGE_WIDTH - 2 * MARGIN, ROW_HEIGHT);
              cairo_fill (writer->cr);
            }
          set_source (writer->cr, &writer->style->text);
          for (guint c = 0; c < n_columns; c++)
            {
              g_autofree char *cell = format_cell (result, r, c);
              gboolean         right = ava_result_get_column_type (result, c) != AVA_COLUMN_TEXT;

              text (writer, cell, BODY_SIZE, FALSE, x[c] + 2, y, x[c + 1] - x[c] - 4, right);
            }
        }

      finish_page (writer);
    }
}

static void
draw_cover (Writer                 *writer,
            const AvaReportContent *content)
{
  static const struct
  {
    const char *column;
    const char *label;
  } cards[] = {
    { "gross_revenue", "Gross revenue" },
    { "orders", "Orders" },
    { "aov", "Average order value" },
    { "customers", "Customers" },
    { "returns", "Returns" },
    { "net_revenue", "Net revenue" },
  };
  AvaResult *overview = content->results[AVA_KPI_OVERVIEW];
  double     width = PAGE_WIDTH - 2 * MARGIN;
  double     card_width = (width - 2 * 12) / 3;
  double     y = MARGIN;

  set_source (writer->cr, &writer->style->text);
  y += text (writer, "Avastrolytics report", 26, TRUE, MARGIN, y, width, FALSE) + 18;

  set_source (writer->cr, &writer->style->muted_text);
  y += text (writer, "Source", BODY_SIZE, TRUE, MARGIN, y, width, FALSE);
  set_source (writer->cr, &writer->style->text);
  y += text (writer, content->source, 12, FALSE, MARGIN, y, width, FALSE) + 8;
  set_source (writer->cr, &writer->style->muted_text);
  y += text (writer, "Filters", BODY_SIZE, TRUE, MARGIN, y, width, FALSE);
  set_source (writer->cr, &writer->style->text);
  y += text (writer, content->filters, 12, FALSE, MARGIN, y, width, FALSE) + 8;
  set_source (writer->cr, &writer->style->muted_text);
  y += text (writer, "Data as of", BODY_SIZE, TRUE, MARGIN, y, width, FALSE);
  set_source (writer->cr, &writer->style->text);
  y += text (writer, content->data_as_of, 12, FALSE, MARGIN, y, width, FALSE) + 28;

  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      int              column = ava_result_find_column (overview, cards[i].column);
      double           card_x = MARGIN + (i % 3) * (card_width + 12);
      double           card_y = y + (i / 3) * 84;
      g_autofree char *value = NULL;

      g_return_if_fail (column >= 0);
      value = format_cell (overview, 0, column);

      set_source (writer->cr, &writer->style->grid);
      cairo_rectangle (writer->cr, card_x, card_y, card_width, 72);
      cairo_set_line_width (writer->cr, 0.75);
      cairo_stroke (writer->cr);
      set_source (writer->cr, &writer->style->muted_text);
      text (writer, cards[i].label, BODY_SIZE, FALSE, card_x + 12, card_y + 12, card_width - 24, FALSE);
      set_source (writer->cr, &writer->style->text);
      text (writer, value, 15, TRUE, card_x + 12, card_y + 32, card_width - 24, FALSE);
    }

  finish_page (writer);
}

static void
draw_chart_page (Writer      *writer,
                 AvaResult   *result,
                 AvaChartType type)
{
  g_autoptr (AvaChart) chart = ava_chart_new (result, type, NULL);
  double               y = MARGIN;

  set_source (writer->cr, &writer->style->text);
  y += text (writer, ava_chart_get_title (chart), 16, TRUE, MARGIN, y, PAGE_WIDTH - 2 * MARGIN, FALSE) + 16;

  cairo_save (writer->cr);
  cairo_translate (writer->cr, MARGIN, y);
  ava_chart_draw (chart, writer->cr, PAGE_WIDTH - 2 * MARGIN, (PAGE_HEIGHT - y - MARGIN - FOOTER) * 0.6,
                  writer->style, -1);
  cairo_restore (writer->cr);

  finish_page (writer);
}

static const struct
{
  AvaKpi       kpi;
  AvaChartType type;
} report_charts[] = {
  { AVA_KPI_MONTHLY_REVENUE, AVA_CHART_LINE },
  { AVA_KPI_TOP_PRODUCTS, AVA_CHART_BARS },
  { AVA_KPI_TOP_CUSTOMERS, AVA_CHART_BARS },
  { AVA_KPI_BY_COUNTRY, AVA_CHART_MAP },
  { AVA_KPI_BY_COUNTRY, AVA_CHART_BARS },
  { AVA_KPI_COHORTS, AVA_CHART_HEATMAP },
};

/* Cover with the KPI cards, every chart, then every table; vector
 * throughout. Written to a temporary file and renamed when complete. */
gboolean
ava_report_write_pdf (const AvaReportContent *content,
                      const char             *path,
                      GError                **error)
{
  g_autofree char *temporary = NULL;
  g_autofree char *footer = g_strdup_printf ("Avastrolytics · %s · %s", content->source, content->filters);
  AvaChartStyle    style;
  cairo_surface_t *surface;
  cairo_status_t   status;
  Writer           writer = { 0 };

  for (AvaKpi kpi = 0; kpi < AVA_N_KPIS; kpi++)
    g_return_val_if_fail (content->results[kpi] != NULL, FALSE);

  temporary = ava_chart_file_begin (path, error);
  if (temporary == NULL)
    return FALSE;

  ava_chart_style_init (&style, FALSE);
  surface = cairo_pdf_surface_create (temporary, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, "Avastrolytics report");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Avastrolytics " PACKAGE_VERSION);

  writer.cr = cairo_create (surface);
  writer.style = &style;
  writer.footer = footer;
  writer.page = 1;
  writer.n_pages = 1 + G_N_ELEMENTS (report_charts);
  for (AvaKpi kpi = AVA_KPI_MONTHLY_REVENUE; kpi < AVA_N_KPIS; kpi++)
    writer.n_pages += table_pages (content->results[kpi]);

  draw_cover (&writer, content);
  for (guint i = 0; i < G_N_ELEMENTS (report_charts); i++)
    draw_chart_page (&writer, content->results[report_charts[i].kpi], report_charts[i].type);
  for (AvaKpi kpi = AVA_KPI_MONTHLY_REVENUE; kpi < AVA_N_KPIS; kpi++)
    draw_table (&writer, content->results[kpi]);

  g_assert (writer.page == writer.n_pages + 1);

  cairo_destroy (writer.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  return ava_chart_file_commit (temporary, path, status, error);
}
