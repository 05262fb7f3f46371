/* ava-export-dialog-private.h
 *
 * The instance struct, shared with tests/ui so they can set the rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ava-export-dialog.h"

G_BEGIN_DECLS

struct _AvaExportDialog
{
  AdwWindow parent_instance;

  GSettings            *settings; /* NULL without the schema */
  char                 *base_name;
  GtkFileChooserNative *chooser;

  /* Template children */
  GtkSwitch           *dark_switch;
  GtkButton           *export_button;
  AdwComboRow         *format_row;
  AdwPreferencesGroup *group;
  GtkSpinButton       *height_spin;
  AdwActionRow        *scale_row;
  GtkSpinButton       *scale_spin;
  GtkSpinButton       *width_spin;
};

G_END_DECLS
