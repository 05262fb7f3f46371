/* ava-demo-generator.h: invented sales in the Online Retail layout, offline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ava-dataset.h"
#include "ava-quality-report.h"

G_BEGIN_DECLS

/* Same n_rows and seed → byte-identical output, on any machine. */
#define AVA_DEMO_DEFAULT_ROWS 500000
#define AVA_DEMO_DEFAULT_SEED 20101201

/* The source name in the quality report of ava_demo_build_dataset(). */
#define AVA_DEMO_SOURCE_NAME "demo data"

gboolean    ava_demo_write_csv (GOutputStream *output, guint n_rows, guint64 seed, GCancellable *cancellable, GError **error);
AvaDataset *ava_demo_build_dataset (guint n_rows, guint64 seed, AvaQualityReport **report);

G_END_DECLS
