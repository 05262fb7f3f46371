/* ava-connection-dialog-private.h
 *
 * The instance struct is shared with tests/ui so they can fill the rows and
 * press the buttons without walking the widget tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ava-connection-dialog.h"
#include "ava-connection-profile.h"

G_BEGIN_DECLS

struct _AvaConnectionDialog
{
  AdwWindow parent_instance;

  /* Owned, not delayed; NULL when the schema is not installed. */
  GSettings *settings;
  /* Every profile, saved or not, and their titles: the combo row's model. */
  GListStore    *profiles;
  GtkStringList *titles;
  /* The selected profile; the rows edit it directly. */
  AvaConnectionProfile *profile;

  /* A connection or a test in flight. */
  GCancellable *cancellable;
  gboolean      connecting;
  gboolean      testing;

  GCancellable *keyring_cancellable;
  guint         keyring_pending; /* lookups in flight */
  gboolean      keyring_unavailable;

  /* The user (or the profile) picked an sslmode: stop deriving it from the
   * host name. */
  gboolean sslmode_chosen;
  gboolean syncing;
  char    *error_text;  /* libpq's words, scrubbed */
  char    *advice_text; /* what to do about them; NULL when unknown */
  char    *success_text;

  /* Template children */
  AdwEntryRow         *ca_row;
  GtkButton           *cancel_button;
  GtkButton           *connect_button;
  AdwEntryRow         *database_row;
  GtkButton           *delete_button;
  GtkLabel            *detail_label;
  AdwEntryRow         *host_row;
  AdwEntryRow         *name_row;
  GtkButton           *new_button;
  AdwPreferencesPage  *page;
  AdwPasswordEntryRow *password_row;
  AdwEntryRow         *port_row;
  AdwComboRow         *profile_row;
  AdwActionRow        *remember_row;
  GtkSwitch           *remember_switch;
  GtkSpinner          *spinner;
  AdwComboRow         *sslmode_row;
  GtkBox              *status_box;
  GtkLabel            *status_label;
  GtkRevealer         *status_revealer;
  GtkButton           *test_button;
  AdwEntryRow         *user_row;
};

char *ava_connection_dialog_build_conninfo (AvaConnectionDialog *self,
                                            gboolean             with_password);

G_END_DECLS
