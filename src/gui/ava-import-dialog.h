/* ava-import-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AVA_TYPE_IMPORT_DIALOG (ava_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AvaImportDialog, ava_import_dialog, AVA, IMPORT_DIALOG, AdwWindow)

GtkWidget *ava_import_dialog_new (GtkWindow  *parent,
                                  const char *conninfo,
                                  const char *target);
void       ava_import_dialog_load_file (AvaImportDialog *self,
                                        GFile           *file);

G_END_DECLS
