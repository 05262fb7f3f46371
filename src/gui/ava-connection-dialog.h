/* ava-connection-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AVA_TYPE_CONNECTION_DIALOG (ava_connection_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AvaConnectionDialog, ava_connection_dialog, AVA, CONNECTION_DIALOG, AdwWindow)

GtkWidget  *ava_connection_dialog_new (GtkWindow *parent,
                                       GSettings *settings);
gboolean    ava_connection_dialog_get_connecting (AvaConnectionDialog *self);
gboolean    ava_connection_dialog_get_testing (AvaConnectionDialog *self);
const char *ava_connection_dialog_get_error (AvaConnectionDialog *self);
const char *ava_connection_dialog_get_advice (AvaConnectionDialog *self);
const char *ava_connection_dialog_get_success (AvaConnectionDialog *self);
char       *ava_connection_dialog_dup_description (AvaConnectionDialog *self);

G_END_DECLS
