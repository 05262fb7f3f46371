/* ava-gui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ava-gui-private.h"
#include "ava-resources.h"

/*
 * The resources are compiled with --manual-register: a static library drops
 * object files nobody references, so relying on the generated constructor
 * would silently lose the templates. Registering twice would corrupt
 * GLib's lazy resource list, hence the g_once guard.
 */
void
ava_gui_ensure_resources (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      ava_register_resource ();
      g_once_init_leave (&initialized, 1);
    }
}
