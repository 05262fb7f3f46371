/* ava-connection-profile.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The libpq sslmode values a profile may use, in the dialog's order. */
typedef enum
{
  AVA_SSLMODE_DISABLE,
  AVA_SSLMODE_REQUIRE,
  AVA_SSLMODE_VERIFY_CA,
  AVA_SSLMODE_VERIFY_FULL,
  AVA_N_SSLMODES
} AvaSslmode;

/* libpq 15 has no sslrootcert=system: this is Debian's bundle of the
 * system's trusted authorities. */
#define AVA_SYSTEM_CA_FILE "/etc/ssl/certs/ca-certificates.crt"

#define AVA_CONNECTION_PROFILE_DEFAULT_PORT 5432

#define AVA_TYPE_CONNECTION_PROFILE (ava_connection_profile_get_type ())

G_DECLARE_FINAL_TYPE (AvaConnectionProfile, ava_connection_profile, AVA, CONNECTION_PROFILE, GObject)

AvaConnectionProfile *ava_connection_profile_new (void);
GListStore           *ava_connection_profile_load_all (GSettings *settings);
gboolean              ava_connection_profile_save (AvaConnectionProfile *self,
                                                   GSettings            *settings,
                                                   GError              **error);
void                  ava_connection_profile_delete (AvaConnectionProfile *self,
                                                     GSettings            *settings);

const char *ava_connection_profile_get_id (AvaConnectionProfile *self);
const char *ava_connection_profile_get_name (AvaConnectionProfile *self);
const char *ava_connection_profile_get_host (AvaConnectionProfile *self);
guint       ava_connection_profile_get_port (AvaConnectionProfile *self);
const char *ava_connection_profile_get_database (AvaConnectionProfile *self);
const char *ava_connection_profile_get_user (AvaConnectionProfile *self);
const char *ava_connection_profile_get_sslmode (AvaConnectionProfile *self);
const char *ava_connection_profile_get_root_ca (AvaConnectionProfile *self);
gboolean    ava_connection_profile_get_remember_password (AvaConnectionProfile *self);
gboolean    ava_connection_profile_get_saved (AvaConnectionProfile *self);

AvaSslmode  ava_connection_profile_default_sslmode (const char *host);
AvaSslmode  ava_connection_profile_get_effective_sslmode (AvaConnectionProfile *self);
const char *ava_sslmode_to_string (AvaSslmode mode);
int         ava_sslmode_from_string (const char *value);
char       *ava_connection_profile_dup_title (AvaConnectionProfile *self);
char       *ava_connection_profile_build_conninfo (AvaConnectionProfile *self,
                                                   const char           *password);

G_END_DECLS
