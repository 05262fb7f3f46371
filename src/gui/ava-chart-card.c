/* ava-chart-card.c
 *
 * A titled card holding one chart, with a "Show as table" toggle that swaps
 * the chart for the same result as a table (for screen readers, exact
 * numbers and copying), and a menu to export the chart or its table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ava-chart-card.h"

struct _AvaChartCard
{
  GtkBox parent_instance;

  GtkLabel        *title_label;
  GtkMenuButton   *export_button;
  GtkToggleButton *table_toggle;
  GtkStack        *stack;
  AvaChartView    *chart_view;
  AvaResultTable  *table;

  AvaChartType chart_type;
  char        *metric;
  /* The table gets it only while shown: most cards never show theirs. */
  AvaResult *result;
};

enum
{
  PROP_0,
  PROP_SHOW_TABLE,
  N_PROPS
};

enum
{
  EXPORT_CHART,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AvaChartCard, ava_chart_card, GTK_TYPE_BOX)

static void
table_toggled_cb (AvaChartCard *self)
{
  gboolean show_table = gtk_toggle_button_get_active (self->table_toggle);

  if (show_table)
    ava_result_table_set_result (self->table, self->result);
  gtk_stack_set_visible_child_name (self->stack, show_table ? "table" : "chart");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_TABLE]);
}

static void
export_chart_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  g_signal_emit (widget, signals[EXPORT_CHART], 0);
}

/* The table's own export: the rows in the order it shows them, current
 * even if the table was never shown. */
static void
export_table_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AvaChartCard *self = AVA_CHART_CARD (widget);

  ava_result_table_set_result (self->table, self->result);
  gtk_widget_activate_action_variant (GTK_WIDGET (self->table), "table.export", parameter);
}

static void
ava_chart_card_update_actions (AvaChartCard *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.export-chart", self->result != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.export-table", self->result != NULL);
}

static void
ava_chart_card_dispose (GObject *object)
{
  AvaChartCard *self = AVA_CHART_CARD (object);

  g_clear_object (&self->result);

  G_OBJECT_CLASS (ava_chart_card_parent_class)->dispose (object);
}

static void
ava_chart_card_finalize (GObject *object)
{
  AvaChartCard *self = AVA_CHART_CARD (object);

  g_clear_pointer (&self->metric, g_free);

  G_OBJECT_CLASS (ava_chart_card_parent_class)->finalize (object);
}

static void
ava_chart_card_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AvaChartCard *self = AVA_CHART_CARD (object);

  switch (prop_id)
    {
    case PROP_SHOW_TABLE:
      g_value_set_boolean (value, ava_chart_card_get_show_table (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ava_chart_card_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AvaChartCard *self = AVA_CHART_CARD (object);

  switch (prop_id)
    {
    case PROP_SHOW_TABLE:
      ava_chart_card_set_show_table (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ava_chart_card_class_init (AvaChartCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ava_chart_card_dispose;
  object_class->finalize = ava_chart_card_finalize;
  object_class->get_property = ava_chart_card_get_property;
  object_class->set_property = ava_chart_card_set_property;

  properties[PROP_SHOW_TABLE] =
    g_param_spec_boolean ("show-table", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AvaChartCard::export-chart:
   *
   * The user asked to export the chart; the window knows the filters and
   * the source that frame it.
   */
  signals[EXPORT_CHART] =
    g_signal_new ("export-chart", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "card.export-chart", NULL, export_chart_action_cb);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "card.export-table", "s", export_table_action_cb);
}

static GMenuModel *
create_export_menu (void)
{
  GMenu            *menu = g_menu_new ();
  g_autoptr (GMenu) chart = g_menu_new ();
  g_autoptr (GMenu) table = g_menu_new ();

  g_menu_append (chart, _ ("Export _Chart…"), "card.export-chart");
  g_menu_append (table, _ ("Export Table as _CSV…"), "card.export-table::csv");
  g_menu_append (table, _ ("Export Table for _Excel…"), "card.export-table::excel");
  g_menu_append (table, _ ("Export Table as _JSON…"), "card.export-table::json");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (chart));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (table));

  return G_MENU_MODEL (menu);
}

static void
ava_chart_card_init (AvaChartCard *self)
{
  GtkWidget             *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autoptr (GMenuModel) export_menu = create_export_menu ();

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_widget_add_css_class (GTK_WIDGET (self), "chart-card");

  self->title_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title_label, 0.0);
  gtk_label_set_ellipsize (self->title_label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->title_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "heading");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->title_label));

  self->table_toggle = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (_ ("Show as Table")));
  gtk_widget_add_css_class (GTK_WIDGET (self->table_toggle), "flat");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->table_toggle), _ ("Show the chart’s numbers as a table"));
  g_signal_connect_swapped (self->table_toggle, "toggled", G_CALLBACK (table_toggled_cb), self);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->table_toggle));

  self->export_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->export_button, "document-save-symbolic");
  gtk_menu_button_set_menu_model (self->export_button, export_menu);
  gtk_menu_button_set_has_frame (self->export_button, FALSE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->export_button), _ ("Export"));
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->export_button));

  gtk_box_append (GTK_BOX (self), header);

  self->chart_view = AVA_CHART_VIEW (ava_chart_view_new ());
  self->table = AVA_RESULT_TABLE (ava_result_table_new ());
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->chart_view), "chart");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->table), "table");
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->stack));

  ava_chart_card_update_actions (self);
}

/**
 * ava_chart_card_new:
 * @title: the card's heading
 * @type: the kind of chart
 * @metric: (nullable): the plotted column, %NULL for the KPI's natural one
 *
 * Returns: (transfer floating): a new #AvaChartCard
 */
GtkWidget *
ava_chart_card_new (const char  *title,
                    AvaChartType type,
                    const char  *metric)
{
  AvaChartCard *self = g_object_new (AVA_TYPE_CHART_CARD, NULL);

  gtk_label_set_text (self->title_label, title);
  self->chart_type = type;
  self->metric = g_strdup (metric);

  return GTK_WIDGET (self);
}

static void
ava_chart_card_update_chart (AvaChartCard *self)
{
  g_autoptr (AvaChart) chart = NULL;

  if (self->result != NULL)
    chart = ava_chart_new (self->result, self->chart_type, self->metric);
  ava_chart_view_set_chart (self->chart_view, chart);
}

/**
 * ava_chart_card_set_result:
 * @self: a #AvaChartCard
 * @result: (nullable): the result to chart
 */
void
ava_chart_card_set_result (AvaChartCard *self,
                           AvaResult    *result)
{
  g_return_if_fail (AVA_IS_CHART_CARD (self));

  if (!g_set_object (&self->result, result))
    return;

  /* A hidden table would still build row widgets for every row. */
  if (ava_chart_card_get_show_table (self))
    ava_result_table_set_result (self->table, result);
  ava_chart_card_update_chart (self);
  ava_chart_card_update_actions (self);
}

void
ava_chart_card_set_metric (AvaChartCard *self,
                           const char   *metric)
{
  g_return_if_fail (AVA_IS_CHART_CARD (self));

  if (g_strcmp0 (metric, self->metric) == 0)
    return;

  g_free (self->metric);
  self->metric = g_strdup (metric);
  ava_chart_card_update_chart (self);
}

AvaChartView *
ava_chart_card_get_chart_view (AvaChartCard *self)
{
  g_return_val_if_fail (AVA_IS_CHART_CARD (self), NULL);

  return self->chart_view;
}

const char *
ava_chart_card_get_title (AvaChartCard *self)
{
  g_return_val_if_fail (AVA_IS_CHART_CARD (self), NULL);

  return gtk_label_get_text (self->title_label);
}

AvaResultTable *
ava_chart_card_get_table (AvaChartCard *self)
{
  g_return_val_if_fail (AVA_IS_CHART_CARD (self), NULL);

  return self->table;
}

gboolean
ava_chart_card_get_show_table (AvaChartCard *self)
{
  g_return_val_if_fail (AVA_IS_CHART_CARD (self), FALSE);

  return gtk_toggle_button_get_active (self->table_toggle);
}

void
ava_chart_card_set_show_table (AvaChartCard *self,
                               gboolean      show_table)
{
  g_return_if_fail (AVA_IS_CHART_CARD (self));

  /* "toggled" notifies. */
  gtk_toggle_button_set_active (self->table_toggle, show_table);
}
