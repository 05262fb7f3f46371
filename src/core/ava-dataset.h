/* ava-dataset.h: cleaned, deduplicated sales lines; immutable once built.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ava-string-pool.h"
#include "ava-types.h"

G_BEGIN_DECLS

#define AVA_TYPE_DATASET (ava_dataset_get_type ())

G_DECLARE_FINAL_TYPE (AvaDataset, ava_dataset, AVA, DATASET, GObject)

/* Each text field has its own pool so that ids are dense per field. */
typedef enum
{
  AVA_POOL_INVOICE,
  AVA_POOL_STOCK_CODE,
  AVA_POOL_DESCRIPTION,
  AVA_POOL_COUNTRY,
  AVA_N_POOLS
} AvaPool;

AvaDataset         *ava_dataset_new (AvaStringPool *pools[AVA_N_POOLS], GArray *lines);
const AvaSalesLine *ava_dataset_get_lines (AvaDataset *self, guint *n_lines);
AvaStringPool      *ava_dataset_get_pool (AvaDataset *self, AvaPool pool);
const char         *ava_dataset_get_text (AvaDataset *self, const AvaSalesLine *line, AvaPool pool);

G_END_DECLS
