/* ava-keyring.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsecret/secret.h>

#include "ava-connection-profile.h"

G_BEGIN_DECLS

#define AVA_KEYRING_ERROR (ava_keyring_error_quark ())

typedef enum
{
  AVA_KEYRING_ERROR_UNAVAILABLE, /* no Secret Service, or it failed */
} AvaKeyringError;

GQuark ava_keyring_error_quark (void);

const SecretSchema *ava_keyring_get_schema (void);

void     ava_keyring_store_async (AvaConnectionProfile *profile,
                                  const char           *password,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data);
gboolean ava_keyring_store_finish (GAsyncResult *result,
                                   GError      **error);
void     ava_keyring_lookup_async (AvaConnectionProfile *profile,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);
char    *ava_keyring_lookup_finish (GAsyncResult *result,
                                    GError      **error);
void     ava_keyring_clear_async (AvaConnectionProfile *profile,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data);
gboolean ava_keyring_clear_finish (GAsyncResult *result,
                                   GError      **error);

G_END_DECLS
