/* ava-string-pool.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ava-string-pool.h"

/* Strings live in arena chunks so that interning half a million lines costs
 * a few allocations, not one per string; chunks grow so that a small file
 * stays small. */
#define FIRST_CHUNK_SIZE (4 * 1024)
#define MAX_CHUNK_SIZE   (256 * 1024)

typedef struct
{
  const char *text;
  guint32     length;
  guint32     hash;
} PoolEntry;

struct _AvaStringPool
{
  int        ref_count; /* engines on several threads share pools */
  GArray    *entries;   /* PoolEntry, indexed by id */
  guint32   *slots;     /* open addressing: id + 1, 0 = empty */
  guint32    n_slots;   /* a power of two */
  GPtrArray *chunks;
  char      *chunk_pos;
  gsize      chunk_left;
  gsize      next_chunk_size;
};

static guint32
hash_bytes (const char *text,
            gsize       length)
{
  /* FNV-1a: short keys (stock codes, countries) dominate. */
  guint32 hash = 2166136261u;

  for (gsize i = 0; i < length; i++)
    hash = (hash ^ (guchar) text[i]) * 16777619u;

  return hash;
}

AvaStringPool *
ava_string_pool_new (void)
{
  AvaStringPool *self = g_new0 (AvaStringPool, 1);

  self->ref_count = 1;
  self->entries = g_array_new (FALSE, FALSE, sizeof (PoolEntry));
  self->n_slots = 1024;
  self->slots = g_new0 (guint32, self->n_slots);
  self->chunks = g_ptr_array_new_with_free_func (g_free);
  self->next_chunk_size = FIRST_CHUNK_SIZE;

  return self;
}

AvaStringPool *
ava_string_pool_ref (AvaStringPool *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
ava_string_pool_unref (AvaStringPool *self)
{
  if (self == NULL || !g_atomic_int_dec_and_test (&self->ref_count))
    return;

  g_array_unref (self->entries);
  g_free (self->slots);
  g_ptr_array_unref (self->chunks);
  g_free (self);
}

static const char *
store_text (AvaStringPool *self,
            const char    *text,
            gsize          length)
{
  char *copy;

  if (length + 1 > self->chunk_left)
    {
      gsize size = MAX (self->next_chunk_size, length + 1);

      self->next_chunk_size = MIN (self->next_chunk_size * 2, MAX_CHUNK_SIZE);
      self->chunk_pos = g_malloc (size);
      self->chunk_left = size;
      g_ptr_array_add (self->chunks, self->chunk_pos);
    }

  copy = self->chunk_pos;
  memcpy (copy, text, length);
  copy[length] = '\0';
  self->chunk_pos += length + 1;
  self->chunk_left -= length + 1;

  return copy;
}

static void
grow_slots (AvaStringPool *self)
{
  guint32  n_slots = self->n_slots * 2;
  guint32 *slots = g_new0 (guint32, n_slots);

  for (guint32 id = 0; id < self->entries->len; id++)
    {
      const PoolEntry *entry = &g_array_index (self->entries, PoolEntry, id);
      guint32          slot = entry->hash & (n_slots - 1);

      while (slots[slot] != 0)
        slot = (slot + 1) & (n_slots - 1);
      slots[slot] = id + 1;
    }

  g_free (self->slots);
  self->slots = slots;
  self->n_slots = n_slots;
}

/* Returns the slot holding the text, or the empty slot where it belongs. */
static guint32
find_slot (AvaStringPool *self,
           const char    *text,
           gsize          length,
           guint32        hash)
{
  guint32 slot = hash & (self->n_slots - 1);

  for (;;)
    {
      guint32          id_plus_one = self->slots[slot];
      const PoolEntry *entry;

      if (id_plus_one == 0)
        return slot;

      entry = &g_array_index (self->entries, PoolEntry, id_plus_one - 1);
      if (entry->hash == hash && entry->length == length && memcmp (entry->text, text, length) == 0)
        return slot;

      slot = (slot + 1) & (self->n_slots - 1);
    }
}

guint32
ava_string_pool_intern (AvaStringPool *self,
                        const char    *text,
                        gsize          length)
{
  guint32   hash = hash_bytes (text, length);
  guint32   slot = find_slot (self, text, length, hash);
  PoolEntry entry;

  if (self->slots[slot] != 0)
    return self->slots[slot] - 1;

  g_return_val_if_fail (length <= G_MAXUINT32, 0);

  entry.text = store_text (self, text, length);
  entry.length = (guint32) length;
  entry.hash = hash;
  g_array_append_val (self->entries, entry);
  self->slots[slot] = self->entries->len;

  /* Keep the load under one half so probes stay short. */
  if (self->entries->len * 2 > self->n_slots)
    grow_slots (self);

  return self->entries->len - 1;
}

gboolean
ava_string_pool_lookup (AvaStringPool *self,
                        const char    *text,
                        gsize          length,
                        guint32       *out_id)
{
  guint32 slot = find_slot (self, text, length, hash_bytes (text, length));

  if (self->slots[slot] == 0)
    return FALSE;

  *out_id = self->slots[slot] - 1;
  return TRUE;
}

const char *
ava_string_pool_get (AvaStringPool *self,
                     guint32        id)
{
  g_return_val_if_fail (id < self->entries->len, NULL);

  return g_array_index (self->entries, PoolEntry, id).text;
}

gsize
ava_string_pool_get_length (AvaStringPool *self,
                            guint32        id)
{
  g_return_val_if_fail (id < self->entries->len, 0);

  return g_array_index (self->entries, PoolEntry, id).length;
}

guint
ava_string_pool_get_size (AvaStringPool *self)
{
  return self->entries->len;
}
