/* ava-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AVA_TYPE_APPLICATION (ava_application_get_type ())

G_DECLARE_FINAL_TYPE (AvaApplication, ava_application, AVA, APPLICATION, AdwApplication)

AvaApplication *
ava_application_new (const char       *application_id,
                     GApplicationFlags flags);

G_END_DECLS
