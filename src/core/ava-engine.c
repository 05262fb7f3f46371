/* ava-engine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ava-engine.h"

G_DEFINE_ABSTRACT_TYPE (AvaEngine, ava_engine, G_TYPE_OBJECT)

static void
ava_engine_class_init (AvaEngineClass *klass)
{
}

static void
ava_engine_init (AvaEngine *self)
{
}

/**
 * ava_engine_run:
 *
 * Answers @query on the calling thread; callers on the main thread use
 * ava_engine_query_async() instead.
 */
AvaResult *
ava_engine_run (AvaEngine      *self,
                const AvaQuery *query,
                GCancellable   *cancellable,
                GError        **error)
{
  g_return_val_if_fail (AVA_IS_ENGINE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return AVA_ENGINE_GET_CLASS (self)->run (self, query, cancellable, error);
}

static void
query_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError    *error = NULL;
  AvaResult *result = ava_engine_run (source_object, task_data, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, g_object_unref);
}

void
ava_engine_query_async (AvaEngine          *self,
                        const AvaQuery     *query,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (AVA_IS_ENGINE (self));
  g_return_if_fail (query != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ava_engine_query_async);
  /* The worker reads only its own copy of the query. */
  g_task_set_task_data (task, ava_query_copy (query), (GDestroyNotify) ava_query_free);
  /* A result that arrives after a cancel is dropped, never delivered. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_check_cancellable (task, TRUE);
  g_task_run_in_thread (task, query_thread);
}

AvaResult *
ava_engine_query_finish (AvaEngine    *self,
                         GAsyncResult *result,
                         GError      **error)
{
  g_return_val_if_fail (AVA_IS_ENGINE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
