/* ava-cleaner.h: KPI_SPEC.md cleaning, record by record.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ava-dataset.h"
#include "ava-quality-report.h"

G_BEGIN_DECLS

AvaCleaner *ava_cleaner_new (const char *source_name);
void        ava_cleaner_free (AvaCleaner *self);
gboolean    ava_cleaner_set_header (AvaCleaner *self, AvaCsvReader *reader, GError **error);
void        ava_cleaner_add_record (AvaCleaner *self, AvaCsvReader *reader);
void        ava_cleaner_add_fields (AvaCleaner *self, guint64 line_number, const char *const *values, const gsize *lengths);
AvaDataset *ava_cleaner_finish (AvaCleaner *self, AvaQualityReport **report);

/* Read, clean and deduplicate a whole file (plain or gzip). A fatal problem
 * (I/O, encoding, header) gives NULL and an error naming file and line. */
AvaDataset *ava_load_csv_reader (AvaCsvReader *reader, GCancellable *cancellable, AvaQualityReport **report, GError **error);
AvaDataset *ava_load_csv_path (const char *path, GCancellable *cancellable, AvaQualityReport **report, GError **error);

/* Bytes of the file read so far, and its size (0 when unknown). */
typedef void (*AvaLoadProgress) (guint64  bytes_read,
                                 guint64  file_size,
                                 gpointer user_data);

AvaDataset *ava_load_csv_reader_with_progress (AvaCsvReader *reader, AvaLoadProgress progress, gpointer user_data, GCancellable *cancellable, AvaQualityReport **report, GError **error);
AvaDataset *ava_load_csv_path_with_progress (const char *path, AvaLoadProgress progress, gpointer user_data, GCancellable *cancellable, AvaQualityReport **report, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AvaCleaner, ava_cleaner_free)

G_END_DECLS
