/* ava-kpi-card.c
 *
 * One headline number: a caption, the value, and its change against the
 * previous period of equal length.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ava-kpi-card.h"

struct _AvaKpiCard
{
  GtkBox parent_instance;

  GtkLabel *title_label;
  GtkLabel *value_label;
  GtkLabel *change_label;
};

G_DEFINE_FINAL_TYPE (AvaKpiCard, ava_kpi_card, GTK_TYPE_BOX)

static void
ava_kpi_card_class_init (AvaKpiCardClass *klass)
{
}

static GtkLabel *
add_label (AvaKpiCard *self,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (self), label);

  return GTK_LABEL (label);
}

static void
ava_kpi_card_init (AvaKpiCard *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 4);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_widget_add_css_class (GTK_WIDGET (self), "kpi-card");

  self->title_label = add_label (self, "caption-heading");
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "dim-label");
  self->value_label = add_label (self, "kpi-value");
  gtk_widget_add_css_class (GTK_WIDGET (self->value_label), "numeric");
  self->change_label = add_label (self, "caption");

  gtk_label_set_text (self->value_label, "—");
  gtk_label_set_text (self->change_label, " ");
}

/**
 * ava_kpi_card_new:
 * @title: the caption
 *
 * Returns: (transfer floating): a new #AvaKpiCard showing a dash
 */
GtkWidget *
ava_kpi_card_new (const char *title)
{
  AvaKpiCard *self = g_object_new (AVA_TYPE_KPI_CARD, NULL);

  gtk_label_set_text (self->title_label, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

  return GTK_WIDGET (self);
}

const char *
ava_kpi_card_get_value (AvaKpiCard *self)
{
  g_return_val_if_fail (AVA_IS_KPI_CARD (self), NULL);

  return gtk_label_get_text (self->value_label);
}

void
ava_kpi_card_set_value (AvaKpiCard *self,
                        const char *value)
{
  g_return_if_fail (AVA_IS_KPI_CARD (self));

  gtk_label_set_text (self->value_label, value != NULL ? value : "—");
}

const char *
ava_kpi_card_get_change (AvaKpiCard *self)
{
  g_return_val_if_fail (AVA_IS_KPI_CARD (self), NULL);

  return gtk_label_get_text (self->change_label);
}

/**
 * ava_kpi_card_set_change:
 * @self: a #AvaKpiCard
 * @change: (nullable): the change text
 * @direction: > 0 good news, < 0 bad news, 0 neutral
 */
void
ava_kpi_card_set_change (AvaKpiCard *self,
                         const char *change,
                         int         direction)
{
  g_return_if_fail (AVA_IS_KPI_CARD (self));

  /* A space, not an empty string: the card keeps its height. */
  gtk_label_set_text (self->change_label, change != NULL ? change : " ");
  gtk_widget_remove_css_class (GTK_WIDGET (self->change_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->change_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->change_label), "dim-label");
  if (direction > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->change_label), "success");
  else if (direction < 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->change_label), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->change_label), "dim-label");
}
