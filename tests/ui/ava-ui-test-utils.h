/* ava-ui-test-utils.h: what the window tests share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ava-application.h"
#include "ava-window-private.h"

G_BEGIN_DECLS

/* A test case, given the test's fixture. */
typedef void (*AvaUiTestFunc) (gpointer fixture);

/* What every test of the running application has. A test whose fixture
 * needs more embeds this first, and passes &fixture->base. */
typedef struct
{
  AvaApplication *app;
  AvaWindow      *window;          /* the main window, while the application runs */
  GSettings      *settings;        /* reset to the schema defaults */
  char           *dir;             /* a fresh directory, or NULL */
  gboolean        wait_until_idle; /* before the case: the first results are in */
  AvaUiTestFunc   run;             /* the case, set by ava_ui_test_run_in_app() */
} AvaUiTestFixture;

void ava_ui_test_fixture_setup (AvaUiTestFixture *fixture, gconstpointer user_data);
void ava_ui_test_fixture_setup_with_dir (AvaUiTestFixture *fixture, gconstpointer user_data);
void ava_ui_test_fixture_teardown (AvaUiTestFixture *fixture, gconstpointer user_data);
void ava_ui_test_run_in_app (AvaUiTestFixture *fixture, AvaUiTestFunc run);

void        ava_ui_test_reset_settings (GSettings *settings);
void        ava_ui_test_wait_until_idle (AvaWindow *window);
GdkTexture *ava_ui_test_render_widget (GtkWidget *widget);
char       *ava_ui_test_card_plain_text (AvaKpiCard *card);
void        ava_ui_test_assert_cards_match_engine (AvaWindow *window, const AvaQuery *filters);
void        ava_ui_test_save_screenshot (GtkWidget *widget, const char *name);
void        ava_ui_test_assert_settings_free_of (GSettings *settings, const char *secret);
void        ava_ui_test_connect (AvaWindow *window, const char *conninfo, const char *description);
char       *ava_ui_test_pg_source_name (const char *dbname);

G_END_DECLS
