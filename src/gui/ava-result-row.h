/* ava-result-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ava-result.h"

G_BEGIN_DECLS

#define AVA_TYPE_RESULT_ROW (ava_result_row_get_type ())

G_DECLARE_FINAL_TYPE (AvaResultRow, ava_result_row, AVA, RESULT_ROW, GObject)

AvaResultRow *ava_result_row_new (AvaResult *result, guint row);
AvaResult    *ava_result_row_get_result (AvaResultRow *self);
guint         ava_result_row_get_row (AvaResultRow *self);
void          ava_result_row_set (AvaResultRow *self, AvaResult *result, guint row);

G_END_DECLS
