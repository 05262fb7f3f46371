/* ava-csv-reader.h: a streaming RFC 4180 reader with bounded memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ava-types.h"

G_BEGIN_DECLS

#define AVA_CSV_ERROR (ava_csv_error_quark ())

typedef enum
{
  AVA_CSV_ERROR_OPEN,     /* the file cannot be opened or read */
  AVA_CSV_ERROR_GZIP,     /* the gzip stream is corrupt or truncated */
  AVA_CSV_ERROR_ENCODING, /* the text is not UTF-8 */
  AVA_CSV_ERROR_UNTERMINATED_QUOTE,
  AVA_CSV_ERROR_RECORD_TOO_LONG,
  AVA_CSV_ERROR_HEADER, /* no header, or a required column missing */
} AvaCsvError;

/* A record larger than this stops the read: it is not a sales line. */
#define AVA_CSV_MAX_RECORD_BYTES (1024 * 1024)

GQuark ava_csv_error_quark (void);

AvaCsvReader *ava_csv_reader_new_for_path (const char *path, GError **error);
AvaCsvReader *ava_csv_reader_new_for_bytes (GBytes *bytes, const char *source_name);
void          ava_csv_reader_free (AvaCsvReader *self);
const char   *ava_csv_reader_get_source_name (AvaCsvReader *self);
gboolean      ava_csv_reader_next (AvaCsvReader *self, GError **error);
guint64       ava_csv_reader_get_line (AvaCsvReader *self);
guint         ava_csv_reader_get_n_fields (AvaCsvReader *self);
const char   *ava_csv_reader_get_field (AvaCsvReader *self, guint index, gsize *length);
const char   *ava_csv_reader_get_problem (AvaCsvReader *self);
guint64       ava_csv_reader_get_bytes_read (AvaCsvReader *self);
void          ava_csv_reader_get_progress (AvaCsvReader *self, guint64 *done, guint64 *total);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AvaCsvReader, ava_csv_reader_free)

G_END_DECLS
