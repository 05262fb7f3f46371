/* ava-string-pool.h: interned strings with dense ids.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ava-types.h"

G_BEGIN_DECLS

AvaStringPool *ava_string_pool_new (void);
AvaStringPool *ava_string_pool_ref (AvaStringPool *self);
void           ava_string_pool_unref (AvaStringPool *self);
guint32        ava_string_pool_intern (AvaStringPool *self, const char *text, gsize length);
gboolean       ava_string_pool_lookup (AvaStringPool *self, const char *text, gsize length, guint32 *out_id);
const char    *ava_string_pool_get (AvaStringPool *self, guint32 id);
gsize          ava_string_pool_get_length (AvaStringPool *self, guint32 id);
guint          ava_string_pool_get_size (AvaStringPool *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AvaStringPool, ava_string_pool_unref)

G_END_DECLS
