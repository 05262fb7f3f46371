/* ava-result-table.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ava-result.h"

G_BEGIN_DECLS

#define AVA_TYPE_RESULT_TABLE (ava_result_table_get_type ())

G_DECLARE_FINAL_TYPE (AvaResultTable, ava_result_table, AVA, RESULT_TABLE, GtkWidget)

GtkWidget     *ava_result_table_new (void);
AvaResult     *ava_result_table_get_result (AvaResultTable *self);
void           ava_result_table_set_result (AvaResultTable *self, AvaResult *result);
void           ava_result_table_set_scrolls (AvaResultTable *self, gboolean scrolls);
void           ava_result_table_set_filter_text (AvaResultTable *self, const char *text);
GtkColumnView *ava_result_table_get_column_view (AvaResultTable *self);
GListModel    *ava_result_table_get_model (AvaResultTable *self);
char          *ava_result_table_selection_to_tsv (AvaResultTable *self);
void           ava_result_table_copy_selection (AvaResultTable *self);
guint         *ava_result_table_dup_shown_rows (AvaResultTable *self, guint *out_n_rows);

G_END_DECLS
