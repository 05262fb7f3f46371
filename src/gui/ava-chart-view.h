/* ava-chart-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ava-chart.h"

G_BEGIN_DECLS

#define AVA_TYPE_CHART_VIEW (ava_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (AvaChartView, ava_chart_view, AVA, CHART_VIEW, GtkWidget)

GtkWidget *ava_chart_view_new (void);
AvaChart  *ava_chart_view_get_chart (AvaChartView *self);
void       ava_chart_view_set_chart (AvaChartView *self, AvaChart *chart);
int        ava_chart_view_get_hover_item (AvaChartView *self);
void       ava_chart_view_get_style (AvaChartView *self, AvaChartStyle *style);

G_END_DECLS
