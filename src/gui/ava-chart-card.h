/* ava-chart-card.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ava-chart-view.h"
#include "ava-result-table.h"

G_BEGIN_DECLS

#define AVA_TYPE_CHART_CARD (ava_chart_card_get_type ())

G_DECLARE_FINAL_TYPE (AvaChartCard, ava_chart_card, AVA, CHART_CARD, GtkBox)

GtkWidget      *ava_chart_card_new (const char *title, AvaChartType type, const char *metric);
void            ava_chart_card_set_result (AvaChartCard *self, AvaResult *result);
void            ava_chart_card_set_metric (AvaChartCard *self, const char *metric);
const char     *ava_chart_card_get_title (AvaChartCard *self);
AvaChartView   *ava_chart_card_get_chart_view (AvaChartCard *self);
AvaResultTable *ava_chart_card_get_table (AvaChartCard *self);
gboolean        ava_chart_card_get_show_table (AvaChartCard *self);
void            ava_chart_card_set_show_table (AvaChartCard *self, gboolean show_table);

G_END_DECLS
