/* ava-export-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ava-export.h"

G_BEGIN_DECLS

#define AVA_TYPE_EXPORT_DIALOG (ava_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AvaExportDialog, ava_export_dialog, AVA, EXPORT_DIALOG, AdwWindow)

AvaExportDialog *ava_export_dialog_new (GtkWindow *parent, const char *title, const char *context, const char *base_name, GSettings *settings);
void             ava_export_dialog_get_options (AvaExportDialog *self, AvaChartExportOptions *options);
void             ava_export_dialog_choose_file (AvaExportDialog *self);
void             ava_export_dialog_export_to_file (AvaExportDialog *self, GFile *file);

G_END_DECLS
