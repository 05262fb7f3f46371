/* bench-dashboard.c
 *
 * The dashboard's speed on the offline demo engine, under Xvfb:
 * first frame with numbers from launch, filter change to repainted
 * dashboard, one chart repaint at 1280×800, and the resident memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ava-application.h"
#include "ava-window-private.h"

#define N_FILTER_CHANGES 6
#define N_CHART_REPAINTS 20

static gint64 launched_at;

static void
wait_until_idle (AvaWindow *window)
{
  while (window->engine == NULL || window->source_loading || window->n_pending > 0)
    g_main_context_iteration (NULL, TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
}

static double
chart_repaint_ms (AvaChartCard *card,
                  AvaChartType  type)
{
  AvaChartView        *view = ava_chart_card_get_chart_view (card);
  AvaChart            *chart = ava_chart_view_get_chart (view);
  g_autoptr (AvaChart) copy = ava_chart_new (ava_chart_get_result (chart), type, NULL);
  cairo_surface_t     *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 800);
  AvaChartStyle        style;
  gint64               start;

  ava_chart_view_get_style (view, &style);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_CHART_REPAINTS; i++)
    {
      cairo_t *cr = cairo_create (surface);

      ava_chart_draw (copy, cr, 1280, 800, &style, -1);
      cairo_destroy (cr);
    }
  cairo_surface_flush (surface);
  cairo_surface_destroy (surface);

  return (g_get_monotonic_time () - start) / 1000.0 / N_CHART_REPAINTS;
}

static double
rss_mb (void)
{
  g_autofree char *status = NULL;
  const char      *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmRSS:");
  return line != NULL ? g_ascii_strtod (line + 6, NULL) / 1024.0 : 0;
}

static void
activated_cb (GApplication *app,
              gpointer      user_data)
{
  AvaWindow            *window = AVA_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_autoptr (AvaResult) countries = NULL;
  double                first_frame;
  double                total = 0, worst = 0;

  wait_until_idle (window);
  first_frame = (g_get_monotonic_time () - launched_at) / 1000.0;

  /* Our own reference: each refresh replaces the window's results. */
  countries = g_object_ref (window->results[AVA_SLOT_COUNTRIES]);
  for (guint i = 0; i < N_FILTER_CHANGES; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      if (i % 2 == 0)
        ava_window_cross_filter_country (window, ava_result_get_text (countries, i / 2, 1));
      else
        gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-cross-filter", NULL);
      wait_until_idle (window);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      total += ms;
      worst = MAX (worst, ms);
    }

  g_print ("first frame with numbers from launch: %.0f ms\n", first_frame);
  g_print ("filter change to repainted dashboard (offline engine, %u changes): mean %.0f ms, worst %.0f ms\n",
           N_FILTER_CHANGES, total / N_FILTER_CHANGES, worst);
  g_print ("chart repaint at 1280x800: line %.2f ms, map %.2f ms, heatmap %.2f ms\n",
           chart_repaint_ms (window->monthly_card, AVA_CHART_LINE),
           chart_repaint_ms (window->countries_map_card, AVA_CHART_MAP),
           chart_repaint_ms (window->cohorts_card, AVA_CHART_HEATMAP));
  g_print ("RSS: %.0f MB (demo data: %" G_GUINT64_FORMAT " lines)\n", rss_mb (), window->report->kept_lines);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (AvaApplication) app = NULL;

  launched_at = g_get_monotonic_time ();
  gtk_init ();
  adw_init ();

  app = ava_application_new (APP_ID, G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (activated_cb), NULL);

  return g_application_run (G_APPLICATION (app), 0, NULL);
}
