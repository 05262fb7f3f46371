/* ava-kpi-card.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define AVA_TYPE_KPI_CARD (ava_kpi_card_get_type ())

G_DECLARE_FINAL_TYPE (AvaKpiCard, ava_kpi_card, AVA, KPI_CARD, GtkBox)

GtkWidget  *ava_kpi_card_new (const char *title);
const char *ava_kpi_card_get_value (AvaKpiCard *self);
void        ava_kpi_card_set_value (AvaKpiCard *self, const char *value);
const char *ava_kpi_card_get_change (AvaKpiCard *self);
void        ava_kpi_card_set_change (AvaKpiCard *self, const char *change, int direction);

G_END_DECLS
