/* ava-chart-export.c: charts framed for reports, and written to files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "ava-chart-private.h"

#define TITLE_LINE   30.0
#define CONTEXT_LINE 20.0
#define FRAME_GAP    10.0

void
ava_chart_draw_framed (AvaChart            *self,
                       cairo_t             *cr,
                       double               width,
                       double               height,
                       const AvaChartStyle *style,
                       const char          *context)
{
  g_autoptr (PangoLayout)          layout = ava_chart_create_layout (cr, style);
  g_autoptr (PangoFontDescription) title_font = pango_font_description_copy (pango_layout_get_font_description (layout));
  g_autoptr (PangoLayout)          context_layout = ava_chart_create_layout (cr, style);
  double                           text_width = MAX (width - 2 * AVA_CHART_PADDING - 4, 1);
  double                           top = AVA_CHART_PADDING;

  g_return_if_fail (self != NULL);
  g_return_if_fail (style != NULL);

  cairo_save (cr);
  ava_chart_set_source (cr, &style->background);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  pango_font_description_set_absolute_size (title_font, pango_font_description_get_size (title_font) * 1.25);
  pango_font_description_set_weight (title_font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, title_font);
  ava_chart_draw_text (cr, layout, ava_chart_get_title (self), AVA_CHART_PADDING + 4, top + TITLE_LINE / 2,
                       text_width, 0, 0.5, &style->text);
  top += TITLE_LINE;

  if (context != NULL && context[0] != '\0')
    {
      ava_chart_draw_text (cr, context_layout, context, AVA_CHART_PADDING + 4, top + CONTEXT_LINE / 2,
                           text_width, 0, 0.5, &style->muted_text);
      top += CONTEXT_LINE;
    }
  top += FRAME_GAP;

  cairo_translate (cr, 0, top);
  ava_chart_draw (self, cr, width, MAX (height - top, 1), style, -1);
  cairo_restore (cr);
}

/* An empty file beside @path for a surface to write into: beside it, so
 * that the final rename stays on one file system. */
char *
ava_chart_file_begin (const char *path,
                      GError    **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *temporary = g_build_filename (dir, ".ava-export-XXXXXX", NULL);
  int              fd = g_mkstemp (temporary);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, AVA_CHART_ERROR, AVA_CHART_ERROR_WRITE,
                   _ ("Cannot write “%s”: %s"), path, g_strerror (saved_errno));
      return NULL;
    }
  close (fd);

  return g_steal_pointer (&temporary);
}

/* Renames @temporary over @path when the surface finished with @status
 * success, and removes it otherwise: @path is never left half-written. */
gboolean
ava_chart_file_commit (const char    *temporary,
                       const char    *path,
                       cairo_status_t status,
                       GError       **error)
{
  const char *reason = NULL;

  if (status != CAIRO_STATUS_SUCCESS)
    reason = cairo_status_to_string (status);
  else if (g_rename (temporary, path) != 0)
    reason = g_strerror (errno);

  if (reason != NULL)
    {
      g_unlink (temporary);
      g_set_error (error, AVA_CHART_ERROR, AVA_CHART_ERROR_WRITE,
                   _ ("Cannot write “%s”: %s"), path, reason);
      return FALSE;
    }

  return TRUE;
}

gboolean
ava_chart_export (AvaChart            *self,
                  const char          *path,
                  double               width,
                  double               height,
                  double               scale,
                  const AvaChartStyle *style,
                  const char          *context,
                  GError             **error)
{
  g_autofree char *lower = NULL;
  g_autofree char *temporary = NULL;
  cairo_surface_t *surface;
  cairo_status_t   status;
  gboolean         png;
  cairo_t         *cr;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (width >= 1.0 && height >= 1.0 && scale > 0, FALSE);

  lower = g_ascii_strdown (path, -1);
  png = g_str_has_suffix (lower, ".png");
  if (!png && !g_str_has_suffix (lower, ".svg") && !g_str_has_suffix (lower, ".pdf"))
    {
      g_set_error (error, AVA_CHART_ERROR, AVA_CHART_ERROR_FORMAT,
                   _ ("Cannot export “%s”: use a .png, .svg or .pdf file name"), path);
      return FALSE;
    }

  temporary = ava_chart_file_begin (path, error);
  if (temporary == NULL)
    return FALSE;

  if (png)
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (width * scale + 0.5), (int) (height * scale + 0.5));
  else if (g_str_has_suffix (lower, ".svg"))
    surface = cairo_svg_surface_create (temporary, width, height);
  else
    surface = cairo_pdf_surface_create (temporary, width, height);

  cr = cairo_create (surface);
  if (png)
    cairo_scale (cr, scale, scale);
  ava_chart_draw_framed (self, cr, width, height, style, context);
  cairo_destroy (cr);

  if (png)
    status = cairo_surface_write_to_png (surface, temporary);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);

  return ava_chart_file_commit (temporary, path, status, error);
}
