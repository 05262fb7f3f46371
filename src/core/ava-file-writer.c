/* ava-file-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "ava-file-writer.h"

static void
set_write_error (GError    **error,
                 const char *path,
                 int         code,
                 const char *reason)
{
  g_set_error (error, G_IO_ERROR, code, _ ("Cannot write “%s”: %s"), path, reason);
}

/* Writes into a temporary file beside @file (so the final rename stays on
 * one file system) and renames it over @file only when everything was
 * written: a failure or a cancel leaves @file as it was, and no temporary
 * file behind. g_file_replace() alone does not do this: it writes a new
 * file in place. */
gboolean
ava_file_write_atomically (GFile             *file,
                           AvaStreamWriteFunc write_func,
                           gpointer           user_data,
                           GCancellable      *cancellable,
                           GError           **error)
{
  g_autofree char              *path = NULL;
  g_autofree char              *dir = NULL;
  g_autofree char              *temporary = NULL;
  g_autoptr (GFile)             temporary_file = NULL;
  g_autoptr (GFileOutputStream) stream = NULL;
  g_autoptr (GError)            local_error = NULL;
  int                           fd;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (write_func != NULL, FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      set_write_error (error, uri, G_IO_ERROR_NOT_SUPPORTED, _ ("not a local file"));
      return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  dir = g_path_get_dirname (path);
  temporary = g_build_filename (dir, ".ava-export-XXXXXX", NULL);
  /* 0666: the umask decides, as for any new file. */
  fd = g_mkstemp_full (temporary, O_RDWR, 0666);
  if (fd < 0)
    {
      int saved_errno = errno;

      set_write_error (error, path, g_io_error_from_errno (saved_errno), g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  temporary_file = g_file_new_for_path (temporary);
  stream = g_file_append_to (temporary_file, G_FILE_CREATE_NONE, cancellable, &local_error);
  if (stream == NULL ||
      !write_func (G_OUTPUT_STREAM (stream), user_data, cancellable, &local_error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &local_error) ||
      g_cancellable_set_error_if_cancelled (cancellable, &local_error))
    {
      if (stream != NULL)
        g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, NULL);
      g_unlink (temporary);

      /* A cancel is not a write error: callers ignore it by its code. */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        set_write_error (error, path,
                         local_error->domain == G_IO_ERROR ? local_error->code : G_IO_ERROR_FAILED,
                         local_error->message);
      return FALSE;
    }

  if (g_rename (temporary, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (temporary);
      set_write_error (error, path, g_io_error_from_errno (saved_errno), g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* Writes out @chunk and empties it, then tells @progress, if any, that
 * @rows_written of @n_rows are written. */
gboolean
ava_file_write_chunk (GOutputStream      *output,
                      GString            *chunk,
                      guint               rows_written,
                      guint               n_rows,
                      AvaRowsProgressFunc progress,
                      gpointer            progress_data,
                      GCancellable       *cancellable,
                      GError            **error)
{
  if (!g_output_stream_write_all (output, chunk->str, chunk->len, NULL, cancellable, error))
    return FALSE;
  g_string_truncate (chunk, 0);
  if (progress != NULL)
    progress (rows_written, n_rows, progress_data);

  return TRUE;
}
