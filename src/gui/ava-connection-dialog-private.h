/* ava-connection-dialog-private.h
 *
 * The instance struct is shared with tests/ui so they can fill the rows and
 * press the buttons without walking the widget tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ava-connection-dialog.h"

G_BEGIN_DECLS

/* The sslmode values of the combo row, in its order. */
typedef enum
{
  AVA_SSLMODE_DISABLE,
  AVA_SSLMODE_REQUIRE,
  AVA_SSLMODE_VERIFY_CA,
  AVA_SSLMODE_VERIFY_FULL,
  AVA_N_SSLMODES
} AvaSslmode;

struct _AvaConnectionDialog
{
  AdwWindow parent_instance;

  /* Owned, not delayed; NULL when the schema is not installed. */
  GSettings    *settings;
  GCancellable *cancellable;
  gboolean      connecting;
  /* The user (or the saved settings) picked an sslmode: stop deriving it
   * from the host name. */
  gboolean sslmode_chosen;
  gboolean syncing;
  char    *error_text;

  /* Template children */
  AdwEntryRow         *ca_row;
  GtkButton           *cancel_button;
  GtkButton           *connect_button;
  AdwEntryRow         *database_row;
  GtkLabel            *error_label;
  GtkRevealer         *error_revealer;
  AdwEntryRow         *host_row;
  AdwPreferencesPage  *page;
  AdwPasswordEntryRow *password_row;
  AdwEntryRow         *port_row;
  GtkSpinner          *spinner;
  AdwComboRow         *sslmode_row;
  AdwEntryRow         *user_row;
};

AvaSslmode ava_connection_dialog_default_sslmode (const char *host);
char      *ava_connection_dialog_build_conninfo (AvaConnectionDialog *self,
                                                 gboolean             with_password);

G_END_DECLS
