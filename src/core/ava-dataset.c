/* ava-dataset.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ava-dataset.h"

struct _AvaDataset
{
  GObject parent_instance;

  AvaStringPool *pools[AVA_N_POOLS];
  GArray        *lines;
};

G_DEFINE_FINAL_TYPE (AvaDataset, ava_dataset, G_TYPE_OBJECT)

static void
ava_dataset_finalize (GObject *object)
{
  AvaDataset *self = (AvaDataset *) object;

  for (guint i = 0; i < AVA_N_POOLS; i++)
    g_clear_pointer (&self->pools[i], ava_string_pool_unref);
  g_clear_pointer (&self->lines, g_array_unref);

  G_OBJECT_CLASS (ava_dataset_parent_class)->finalize (object);
}

static void
ava_dataset_class_init (AvaDatasetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ava_dataset_finalize;
}

static void
ava_dataset_init (AvaDataset *self)
{
}

/**
 * ava_dataset_new:
 * @pools: (transfer full): one pool per #AvaPool
 * @lines: (transfer full): #AvaSalesLine items whose ids refer to @pools
 *
 * Nothing changes a dataset after this, so worker threads may read it freely.
 */
AvaDataset *
ava_dataset_new (AvaStringPool *pools[AVA_N_POOLS],
                 GArray        *lines)
{
  AvaDataset *self = g_object_new (AVA_TYPE_DATASET, NULL);

  for (guint i = 0; i < AVA_N_POOLS; i++)
    self->pools[i] = pools[i];
  self->lines = lines;

  return self;
}

const AvaSalesLine *
ava_dataset_get_lines (AvaDataset *self,
                       guint      *n_lines)
{
  g_return_val_if_fail (AVA_IS_DATASET (self), NULL);

  *n_lines = self->lines->len;
  return (const AvaSalesLine *) (gpointer) self->lines->data;
}

AvaStringPool *
ava_dataset_get_pool (AvaDataset *self,
                      AvaPool     pool)
{
  g_return_val_if_fail (AVA_IS_DATASET (self), NULL);
  g_return_val_if_fail (pool < AVA_N_POOLS, NULL);

  return self->pools[pool];
}

const char *
ava_dataset_get_text (AvaDataset         *self,
                      const AvaSalesLine *line,
                      AvaPool             pool)
{
  static const gsize offsets[AVA_N_POOLS] = {
    G_STRUCT_OFFSET (AvaSalesLine, invoice),
    G_STRUCT_OFFSET (AvaSalesLine, stock_code),
    G_STRUCT_OFFSET (AvaSalesLine, description),
    G_STRUCT_OFFSET (AvaSalesLine, country),
  };

  g_return_val_if_fail (pool < AVA_N_POOLS, NULL);

  return ava_string_pool_get (self->pools[pool],
                              G_STRUCT_MEMBER (guint32, line, offsets[pool]));
}
