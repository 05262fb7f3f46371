/* ava-chart-view.c
 *
 * A thin widget over the chart layer: snapshot hands a cairo context to
 * ava_chart_draw(), hover and clicks go through ava_chart_hit_test(). The
 * look comes from the theme (dark flag, accent, fonts) through an explicit
 * AvaChartStyle, so the renderer itself never asks GTK anything.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "ava-chart-view.h"

struct _AvaChartView
{
  GtkWidget parent_instance;

  AvaChart *chart;
  int       hover_item;
};

enum
{
  PROP_0,
  PROP_CHART,
  N_PROPS
};

enum
{
  ITEM_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AvaChartView, ava_chart_view, GTK_TYPE_WIDGET)

static AvaRgba
rgba_from_gdk (const GdkRGBA *color)
{
  return (AvaRgba){ color->red, color->green, color->blue, color->alpha };
}

/**
 * ava_chart_view_get_style:
 * @self: a #AvaChartView
 * @style: (out caller-allocates): where to store the style
 *
 * Fills @style from the current theme: the chart layer's defaults for
 * light or dark, with the theme's accent, text colour and font.
 */
void
ava_chart_view_get_style (AvaChartView  *self,
                          AvaChartStyle *style)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  GtkStyleContext *context;
  GdkRGBA          color;

  g_return_if_fail (AVA_IS_CHART_VIEW (self));

  ava_chart_style_init (style, adw_style_manager_get_dark (style_manager));

  /* GTK 4.8 has no gtk_widget_get_color(); the style context is the way
   * (deprecated only in 4.10). */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  context = gtk_widget_get_style_context (GTK_WIDGET (self));
  gtk_style_context_get_color (context, &color);
  style->text = rgba_from_gdk (&color);
  style->muted_text = style->text;
  style->muted_text.alpha *= 0.55;
  if (gtk_style_context_lookup_color (context, "accent_bg_color", &color))
    style->accent = rgba_from_gdk (&color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  /* The card behind the chart already has the theme's background, which is
   * translucent in dark mode: painting it again would show a lighter box. */
  style->background = (AvaRgba){ 0, 0, 0, 0 };
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
ava_chart_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  AvaChartView *self = AVA_CHART_VIEW (widget);
  int           width = gtk_widget_get_width (widget);
  int           height = gtk_widget_get_height (widget);
  AvaChartStyle style;
  cairo_t      *cr;

  if (self->chart == NULL || width <= 0 || height <= 0)
    return;

  ava_chart_view_get_style (self, &style);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  ava_chart_draw (self->chart, cr, width, height, &style, self->hover_item);
  cairo_destroy (cr);
}

static void
ava_chart_view_set_hover_item (AvaChartView *self,
                               int           item)
{
  g_autofree char *text = NULL;

  if (self->hover_item == item)
    return;

  self->hover_item = item;
  if (item >= 0)
    text = ava_chart_describe_item (self->chart, item);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), text);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static int
ava_chart_view_hit_test (AvaChartView *self,
                         double        x,
                         double        y)
{
  if (self->chart == NULL)
    return -1;

  return ava_chart_hit_test (self->chart,
                             gtk_widget_get_width (GTK_WIDGET (self)),
                             gtk_widget_get_height (GTK_WIDGET (self)),
                             x, y);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           AvaChartView             *self)
{
  ava_chart_view_set_hover_item (self, ava_chart_view_hit_test (self, x, y));
}

static void
leave_cb (GtkEventControllerMotion *controller,
          AvaChartView             *self)
{
  ava_chart_view_set_hover_item (self, -1);
}

static void
released_cb (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             AvaChartView    *self)
{
  int item = ava_chart_view_hit_test (self, x, y);

  if (item >= 0)
    g_signal_emit (self, signals[ITEM_ACTIVATED], 0, item);
}

static void
ava_chart_view_dispose (GObject *object)
{
  AvaChartView *self = AVA_CHART_VIEW (object);

  g_clear_pointer (&self->chart, ava_chart_unref);

  G_OBJECT_CLASS (ava_chart_view_parent_class)->dispose (object);
}

static void
ava_chart_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AvaChartView *self = AVA_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      g_value_set_boxed (value, self->chart);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ava_chart_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AvaChartView *self = AVA_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      ava_chart_view_set_chart (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ava_chart_view_class_init (AvaChartViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ava_chart_view_dispose;
  object_class->get_property = ava_chart_view_get_property;
  object_class->set_property = ava_chart_view_set_property;

  widget_class->snapshot = ava_chart_view_snapshot;

  properties[PROP_CHART] =
    g_param_spec_boxed ("chart", NULL, NULL,
                        AVA_TYPE_CHART,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AvaChartView::item-activated:
   * @self: the chart view
   * @item: the clicked item, a row of the chart's result
   *
   * The user clicked an item; the window uses it to cross-filter.
   */
  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "avachartview");
}

static void
ava_chart_view_init (AvaChartView *self)
{
  GtkEventController *motion;
  GtkGesture         *click;

  self->hover_item = -1;

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");
  /* Follow light/dark switches; accent and fonts come with CSS changes. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

GtkWidget *
ava_chart_view_new (void)
{
  return g_object_new (AVA_TYPE_CHART_VIEW, NULL);
}

AvaChart *
ava_chart_view_get_chart (AvaChartView *self)
{
  g_return_val_if_fail (AVA_IS_CHART_VIEW (self), NULL);

  return self->chart;
}

/**
 * ava_chart_view_set_chart:
 * @self: a #AvaChartView
 * @chart: (nullable) (transfer none): the chart to show
 */
void
ava_chart_view_set_chart (AvaChartView *self,
                          AvaChart     *chart)
{
  g_return_if_fail (AVA_IS_CHART_VIEW (self));

  if (self->chart == chart)
    return;

  g_clear_pointer (&self->chart, ava_chart_unref);
  if (chart != NULL)
    self->chart = ava_chart_ref (chart);

  /* Items are rows of the old result; never describe them on the new one. */
  self->hover_item = -1;
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART]);
}

int
ava_chart_view_get_hover_item (AvaChartView *self)
{
  g_return_val_if_fail (AVA_IS_CHART_VIEW (self), -1);

  return self->hover_item;
}
