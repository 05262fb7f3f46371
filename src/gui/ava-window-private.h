/* ava-window-private.h
 *
 * The instance struct is shared with tests/ui so they can reach the
 * template children without walking the widget tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ava-window.h"

G_BEGIN_DECLS

struct _AvaWindow
{
  AdwApplicationWindow parent_instance;

  /* Owned; NULL when the schema is not installed (see ava_window_init). */
  GSettings *settings;

  /* Template children */
  AdwStatusPage   *empty_state;
  AdwHeaderBar    *header_bar;
  GtkMenuButton   *primary_menu_button;
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
};

G_END_DECLS
