/* ava-offline-engine.h: the in-memory engine for demo mode and CSV files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ava-dataset.h"
#include "ava-engine.h"

G_BEGIN_DECLS

#define AVA_TYPE_OFFLINE_ENGINE (ava_offline_engine_get_type ())

G_DECLARE_FINAL_TYPE (AvaOfflineEngine, ava_offline_engine, AVA, OFFLINE_ENGINE, AvaEngine)

AvaEngine *ava_offline_engine_new (AvaDataset *dataset);
guint      ava_offline_engine_get_n_lines (AvaOfflineEngine *self);

G_END_DECLS
