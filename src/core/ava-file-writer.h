/* ava-file-writer.h: files that appear only when complete.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Rows between cancellation checks and buffer flushes. */
#define AVA_ROWS_PER_CHUNK 4096

/* Progress of an export over a result's rows, from the writing thread. */
typedef void (*AvaRowsProgressFunc) (guint    rows_written,
                                     guint    n_rows,
                                     gpointer user_data);

/* Writes the whole file to @output; FALSE with @error set on failure. */
typedef gboolean (*AvaStreamWriteFunc) (GOutputStream *output,
                                        gpointer       user_data,
                                        GCancellable  *cancellable,
                                        GError       **error);

gboolean ava_file_write_atomically (GFile             *file,
                                    AvaStreamWriteFunc write_func,
                                    gpointer           user_data,
                                    GCancellable      *cancellable,
                                    GError           **error);
gboolean ava_file_write_chunk (GOutputStream      *output,
                               GString            *chunk,
                               guint               rows_written,
                               guint               n_rows,
                               AvaRowsProgressFunc progress,
                               gpointer            progress_data,
                               GCancellable       *cancellable,
                               GError            **error);

G_END_DECLS
