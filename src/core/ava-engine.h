/* ava-engine.h: answers queries; one subclass per backend.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ava-query.h"
#include "ava-result.h"

G_BEGIN_DECLS

#define AVA_TYPE_ENGINE (ava_engine_get_type ())

G_DECLARE_DERIVABLE_TYPE (AvaEngine, ava_engine, AVA, ENGINE, GObject)

struct _AvaEngineClass
{
  GObjectClass parent_class;

  /* Runs on a worker thread: must only read immutable state or lock. */
  AvaResult *(*run) (AvaEngine      *self,
                     const AvaQuery *query,
                     GCancellable   *cancellable,
                     GError        **error);
};

AvaResult *ava_engine_run (AvaEngine      *self,
                           const AvaQuery *query,
                           GCancellable   *cancellable,
                           GError        **error);
void       ava_engine_query_async (AvaEngine          *self,
                                   const AvaQuery     *query,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data);
AvaResult *ava_engine_query_finish (AvaEngine    *self,
                                    GAsyncResult *result,
                                    GError      **error);

G_END_DECLS
