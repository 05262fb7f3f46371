/* ava-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AVA_TYPE_WINDOW (ava_window_get_type ())

G_DECLARE_FINAL_TYPE (AvaWindow, ava_window, AVA, WINDOW, AdwApplicationWindow)

AvaWindow *ava_window_new (AdwApplication *application);
void       ava_window_add_toast (AvaWindow *self, AdwToast *toast);
void       ava_window_load_demo (AvaWindow *self);
void       ava_window_open_file (AvaWindow *self, GFile *file);

G_END_DECLS
