/* ava-gui-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void
ava_gui_ensure_resources (void);

G_END_DECLS
