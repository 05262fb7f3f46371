/* ava-gui-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ava-result.h"

G_BEGIN_DECLS

void ava_gui_ensure_resources (void);

char       *ava_gui_format_money (gint64 value);
char       *ava_gui_format_count (gint64 value);
char       *ava_gui_format_cell (AvaResult *result, guint row, guint column);
char       *ava_gui_format_change (gint64 current, gint64 previous);
const char *ava_gui_column_title (const char *name);
gboolean    ava_gui_column_is_count (const char *name);

G_END_DECLS
