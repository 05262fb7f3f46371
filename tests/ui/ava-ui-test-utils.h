/* ava-ui-test-utils.h: what the window tests share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ava-window-private.h"

G_BEGIN_DECLS

void        ava_ui_test_reset_settings (GSettings *settings);
void        ava_ui_test_wait_until_idle (AvaWindow *window);
GdkTexture *ava_ui_test_render_widget (GtkWidget *widget);
char       *ava_ui_test_card_plain_text (AvaKpiCard *card);
void        ava_ui_test_assert_cards_match_engine (AvaWindow *window, const AvaQuery *filters);
void        ava_ui_test_save_screenshot (GtkWidget *widget, const char *name);
void        ava_ui_test_connect (AvaWindow *window, const char *conninfo, const char *description);

G_END_DECLS
