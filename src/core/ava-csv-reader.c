/* ava-csv-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <zlib.h>

#include "ava-csv-reader.h"

#define READ_SIZE (256 * 1024)
#define N_CHUNKS  4

/* Inflating takes a fifth of a load; a producer thread does it while the
 * caller parses, with a few chunks in flight. */
typedef struct
{
  guint8 *data;
  int     length;     /* < 0: read error; 0: end of input */
  int     zlib_error; /* gzerror () code when length <= 0 */
  int     saved_errno;
  char   *error_message;
  gint64  file_offset; /* of the compressed file, after this chunk */
} Chunk;

G_DEFINE_QUARK (ava - csv - error - quark, ava_csv_error)

typedef struct
{
  guint32 start;
  guint32 length;
} FieldSpan;

struct _AvaCsvReader
{
  char *source_name;

  /* Exactly one input: a gzip-or-plain file, or bytes in memory. */
  gzFile  gz;
  GBytes *bytes;

  GThread     *inflater;
  GAsyncQueue *free_chunks;
  GAsyncQueue *full_chunks;
  Chunk        chunks[N_CHUNKS];
  Chunk       *current;
  int          stopping;

  const guint8 *pos;
  const guint8 *end;
  gboolean      eof;
  gboolean      started;
  guint64       bytes_read;
  guint64       file_size;   /* 0 when unknown */
  guint64       file_offset; /* of the file, for progress */

  /* The current record: field texts packed with NUL terminators. */
  char       *record;
  gsize       record_len;
  gsize       record_alloc;
  GArray     *fields;
  guint64     line;        /* physical line of the next byte */
  guint64     record_line; /* physical line where the record starts */
  const char *problem;
};

static gpointer
inflate_thread (gpointer data)
{
  AvaCsvReader *self = data;

  for (;;)
    {
      Chunk *chunk = g_async_queue_pop (self->free_chunks);

      if (g_atomic_int_get (&self->stopping))
        break;

      chunk->length = gzread (self->gz, chunk->data, READ_SIZE);
      chunk->file_offset = gzoffset (self->gz);
      if (chunk->length <= 0)
        {
          const char *message = gzerror (self->gz, &chunk->zlib_error);

          chunk->saved_errno = errno;
          chunk->error_message = g_strdup (message);
        }
      g_async_queue_push (self->full_chunks, chunk);

      if (chunk->length <= 0)
        break;
    }

  return NULL;
}

static void
stop_inflater (AvaCsvReader *self)
{
  Chunk *chunk;

  /* Hand every chunk back so that a blocked producer wakes and sees the
   * flag. */
  g_atomic_int_set (&self->stopping, TRUE);
  if (self->current != NULL)
    g_async_queue_push (self->free_chunks, g_steal_pointer (&self->current));
  while ((chunk = g_async_queue_try_pop (self->full_chunks)) != NULL)
    g_async_queue_push (self->free_chunks, chunk);

  g_thread_join (g_steal_pointer (&self->inflater));
}

static AvaCsvReader *
reader_new (const char *source_name)
{
  AvaCsvReader *self = g_new0 (AvaCsvReader, 1);

  self->source_name = g_strdup (source_name);
  self->record_alloc = 4096;
  self->record = g_malloc (self->record_alloc);
  self->fields = g_array_new (FALSE, FALSE, sizeof (FieldSpan));
  self->line = 1;

  return self;
}

AvaCsvReader *
ava_csv_reader_new_for_path (const char *path,
                             GError    **error)
{
  g_autoptr (AvaCsvReader) self = NULL;
  g_autofree char         *basename = NULL;
  GStatBuf                 st;
  int                      fd;

  g_return_val_if_fail (path != NULL, NULL);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, AVA_CSV_ERROR, AVA_CSV_ERROR_OPEN,
                   "%s: cannot open: %s", path, g_strerror (saved_errno));
      return NULL;
    }

  basename = g_path_get_basename (path);
  self = reader_new (basename);
  if (fstat (fd, &st) == 0 && st.st_size > 0)
    self->file_size = (guint64) st.st_size;

  /* zlib reads plain files through unchanged, so one path serves both. */
  self->gz = gzdopen (fd, "rb");
  if (self->gz == NULL)
    {
      close (fd);
      g_set_error (error, AVA_CSV_ERROR, AVA_CSV_ERROR_OPEN,
                   "%s: cannot open: out of memory", path);
      return NULL;
    }
  gzbuffer (self->gz, READ_SIZE);

  self->free_chunks = g_async_queue_new ();
  self->full_chunks = g_async_queue_new ();
  for (guint i = 0; i < N_CHUNKS; i++)
    {
      self->chunks[i].data = g_malloc (READ_SIZE);
      g_async_queue_push (self->free_chunks, &self->chunks[i]);
    }
  self->inflater = g_thread_new ("ava-inflate", inflate_thread, self);

  return g_steal_pointer (&self);
}

AvaCsvReader *
ava_csv_reader_new_for_bytes (GBytes     *bytes,
                              const char *source_name)
{
  AvaCsvReader *self;
  gsize         size;

  g_return_val_if_fail (bytes != NULL, NULL);

  self = reader_new (source_name);
  self->bytes = g_bytes_ref (bytes);
  self->pos = g_bytes_get_data (bytes, &size);
  self->end = self->pos + size;
  self->eof = TRUE;
  self->bytes_read = size;
  self->file_size = size;
  self->file_offset = size;

  return self;
}

void
ava_csv_reader_free (AvaCsvReader *self)
{
  if (self == NULL)
    return;

  if (self->inflater != NULL)
    stop_inflater (self);
  for (guint i = 0; i < N_CHUNKS; i++)
    {
      g_free (self->chunks[i].data);
      g_free (self->chunks[i].error_message);
    }
  g_clear_pointer (&self->free_chunks, g_async_queue_unref);
  g_clear_pointer (&self->full_chunks, g_async_queue_unref);
  if (self->gz != NULL)
    gzclose (self->gz);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_free (self->record);
  g_array_unref (self->fields);
  g_free (self->source_name);
  g_free (self);
}

const char *
ava_csv_reader_get_source_name (AvaCsvReader *self)
{
  return self->source_name;
}

/* Returns FALSE at the end of the input, or with error set. */
static gboolean
refill (AvaCsvReader *self,
        GError      **error)
{
  Chunk *chunk;

  if (self->eof)
    return FALSE;

  if (self->current != NULL)
    g_async_queue_push (self->free_chunks, g_steal_pointer (&self->current));

  chunk = g_async_queue_pop (self->full_chunks);
  if (chunk->length <= 0)
    {
      self->eof = TRUE;
      g_async_queue_push (self->free_chunks, chunk);

      if (chunk->length < 0 || chunk->zlib_error != Z_OK)
        {
          gboolean io_error = chunk->zlib_error == Z_ERRNO;

          /* A gzip stream cut short reads as an end unless we ask. */
          g_set_error (error, AVA_CSV_ERROR, io_error ? AVA_CSV_ERROR_OPEN : AVA_CSV_ERROR_GZIP,
                       "%s: line %" G_GUINT64_FORMAT ": %s: %s",
                       self->source_name, self->line,
                       io_error ? "cannot read" : "the compressed data is damaged",
                       io_error ? g_strerror (chunk->saved_errno) : chunk->error_message);
        }
      return FALSE;
    }

  self->current = chunk;
  self->bytes_read += chunk->length;
  if (chunk->file_offset > 0)
    self->file_offset = (guint64) chunk->file_offset;
  self->pos = chunk->data;
  self->end = chunk->data + chunk->length;
  return TRUE;
}

static inline gboolean
record_append (AvaCsvReader *self,
               const guint8 *data,
               gsize         length,
               GError      **error)
{
  if (self->record_len + length + 1 > self->record_alloc)
    {
      if (self->record_len + length + 1 > AVA_CSV_MAX_RECORD_BYTES)
        {
          g_set_error (error, AVA_CSV_ERROR, AVA_CSV_ERROR_RECORD_TOO_LONG,
                       "%s: line %" G_GUINT64_FORMAT ": the record is longer than %d bytes; is this a CSV file?",
                       self->source_name, self->record_line, AVA_CSV_MAX_RECORD_BYTES);
          return FALSE;
        }
      while (self->record_len + length + 1 > self->record_alloc)
        self->record_alloc *= 2;
      self->record = g_realloc (self->record, self->record_alloc);
    }

  memcpy (self->record + self->record_len, data, length);
  self->record_len += length;
  return TRUE;
}

/* Sales files are nearly all ASCII: check eight bytes at a time and leave
 * only the rare non-ASCII field to the full UTF-8 validator. */
static gboolean
is_valid_text (const char *text,
               gsize       length)
{
  const char *p = text;
  const char *end = text + length;

  for (; end - p >= 8; p += 8)
    {
      guint64 word;

      memcpy (&word, p, 8);
      if (word & G_GUINT64_CONSTANT (0x8080808080808080))
        return g_utf8_validate_len (p, end - p, NULL);
      /* A NUL byte is no text either. */
      if ((word - G_GUINT64_CONSTANT (0x0101010101010101)) & ~word & G_GUINT64_CONSTANT (0x8080808080808080))
        return FALSE;
    }

  for (; p < end; p++)
    {
      if (*p == '\0')
        return FALSE;
      if ((guchar) *p >= 0x80)
        return g_utf8_validate_len (p, end - p, NULL);
    }

  return TRUE;
}

static gboolean
end_field (AvaCsvReader *self,
           gsize         start,
           GError      **error)
{
  FieldSpan    span = { (guint32) start, (guint32) (self->record_len - start) };
  const guint8 nul = 0;

  if (!is_valid_text (self->record + start, span.length))
    {
      g_set_error (error, AVA_CSV_ERROR, AVA_CSV_ERROR_ENCODING,
                   "%s: line %" G_GUINT64_FORMAT ": field %u is not UTF-8 text",
                   self->source_name, self->record_line, self->fields->len + 1);
      return FALSE;
    }

  g_array_append_val (self->fields, span);
  return record_append (self, &nul, 1, error);
}

typedef enum
{
  STATE_FIELD_START,
  STATE_UNQUOTED,
  STATE_QUOTED,
  STATE_QUOTE_IN_QUOTED,
} ParseState;

/* Reads the next record. Returns FALSE at the end of the input (error unset)
 * or on a problem that stops the whole read (error set). A record that is
 * readable but malformed is returned with a problem; see get_problem(). */
gboolean
ava_csv_reader_next (AvaCsvReader *self,
                     GError      **error)
{
  ParseState state = STATE_FIELD_START;
  gsize      field_start = 0;
  guint8     delimiter = 0;

  g_return_val_if_fail (self != NULL, FALSE);

  self->record_len = 0;
  self->problem = NULL;
  g_array_set_size (self->fields, 0);

  for (;;)
    {
      const guint8 *p;

      if (self->pos == self->end)
        {
          g_autoptr (GError) local_error = NULL;

          if (!refill (self, &local_error))
            {
              if (local_error != NULL)
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  return FALSE;
                }
              break;
            }
        }

      if (!self->started)
        {
          self->started = TRUE;
          /* A UTF-8 byte order mark is not part of the first header name. */
          if (self->end - self->pos >= 3 && memcmp (self->pos, "\xEF\xBB\xBF", 3) == 0)
            self->pos += 3;
          continue;
        }

      if (state == STATE_FIELD_START && self->record_len == 0 && self->fields->len == 0)
        self->record_line = self->line;

      p = self->pos;

      switch (state)
        {
        case STATE_FIELD_START:
          field_start = self->record_len;
          if (*p == '"')
            {
              state = STATE_QUOTED;
              self->pos++;
              continue;
            }
          state = STATE_UNQUOTED;
          G_GNUC_FALLTHROUGH;

        case STATE_UNQUOTED:
          {
            const guint8 *q = p;

            /* The hot loop: copy the plain run up to the next delimiter. */
            while (q < self->end && *q != ',' && *q != '\n' && *q != '\r')
              q++;
            if (!record_append (self, p, q - p, error))
              return FALSE;
            self->pos = q;
            if (q == self->end)
              continue;
            if (!end_field (self, field_start, error))
              return FALSE;
            self->pos++;
            delimiter = *q;
            if (delimiter == ',')
              {
                state = STATE_FIELD_START;
                continue;
              }
            goto end_of_line;
          }

        case STATE_QUOTED:
          {
            const guint8 *q = p;

            while (q < self->end && *q != '"')
              {
                if (*q == '\n')
                  self->line++;
                q++;
              }
            if (!record_append (self, p, q - p, error))
              return FALSE;
            self->pos = q;
            if (q < self->end)
              {
                self->pos++;
                state = STATE_QUOTE_IN_QUOTED;
              }
            continue;
          }

        case STATE_QUOTE_IN_QUOTED:
          if (*p == '"')
            {
              if (!record_append (self, p, 1, error))
                return FALSE;
              self->pos++;
              state = STATE_QUOTED;
              continue;
            }
          if (*p == ',' || *p == '\n' || *p == '\r')
            {
              if (!end_field (self, field_start, error))
                return FALSE;
              self->pos++;
              delimiter = *p;
              if (delimiter == ',')
                {
                  state = STATE_FIELD_START;
                  continue;
                }
              goto end_of_line;
            }
          /* Text after a closing quote: keep it, and flag the record. */
          if (self->problem == NULL)
            self->problem = "has text after a closing quote";
          state = STATE_UNQUOTED;
          continue;

        default:
          g_assert_not_reached ();
        }

    end_of_line:
      self->line++;
      if (delimiter == '\r')
        {
          /* CRLF is one line break, even across a buffer boundary. */
          if (self->pos == self->end)
            {
              g_autoptr (GError) local_error = NULL;

              if (!refill (self, &local_error) && local_error != NULL)
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  return FALSE;
                }
            }
          if (self->pos < self->end && *self->pos == '\n')
            self->pos++;
        }

      /* A blank line is no record. */
      if (self->fields->len == 1 && self->record_len == 1)
        {
          self->record_len = 0;
          g_array_set_size (self->fields, 0);
          state = STATE_FIELD_START;
          continue;
        }
      return TRUE;
    }

  /* End of input. */
  switch (state)
    {
    case STATE_QUOTED:
      g_set_error (error, AVA_CSV_ERROR, AVA_CSV_ERROR_UNTERMINATED_QUOTE,
                   "%s: line %" G_GUINT64_FORMAT ": a quoted field is never closed",
                   self->source_name, self->record_line);
      return FALSE;

    case STATE_UNQUOTED:
    case STATE_QUOTE_IN_QUOTED:
      if (!end_field (self, field_start, error))
        return FALSE;
      return TRUE;

    case STATE_FIELD_START:
      /* A trailing comma on the last line ends with an empty field. */
      if (self->fields->len > 0)
        {
          field_start = self->record_len;
          if (!end_field (self, field_start, error))
            return FALSE;
          return TRUE;
        }
      return FALSE;

    default:
      g_assert_not_reached ();
    }
}

guint64
ava_csv_reader_get_line (AvaCsvReader *self)
{
  return self->record_line;
}

guint
ava_csv_reader_get_n_fields (AvaCsvReader *self)
{
  return self->fields->len;
}

const char *
ava_csv_reader_get_field (AvaCsvReader *self,
                          guint         index,
                          gsize        *length)
{
  const FieldSpan *span;

  g_return_val_if_fail (index < self->fields->len, NULL);

  span = &g_array_index (self->fields, FieldSpan, index);
  if (length != NULL)
    *length = span->length;

  return self->record + span->start;
}

/* Why the current record is malformed, or NULL. */
const char *
ava_csv_reader_get_problem (AvaCsvReader *self)
{
  return self->problem;
}

guint64
ava_csv_reader_get_bytes_read (AvaCsvReader *self)
{
  return self->bytes_read;
}

/**
 * ava_csv_reader_get_progress:
 * @self: a reader
 * @done: (out): bytes of the file read so far (compressed bytes for gzip)
 * @total: (out): the size of the file, 0 when unknown
 *
 * For a progress bar: @done reaches @total at the end of the file. Bytes
 * in memory count as read at once.
 */
void
ava_csv_reader_get_progress (AvaCsvReader *self,
                             guint64      *done,
                             guint64      *total)
{
  *total = self->file_size;
  *done = self->file_size > 0 ? MIN (self->file_offset, self->file_size) : self->file_offset;
}
