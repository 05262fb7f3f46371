/* ava-pg-sql.c: the SQL of db/, from the GResource linked into ava-pg.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ava-pg-private.h"
#include "ava-pg-db-resources.h"

#include <string.h>

#define DB_RESOURCE_PATH RESOURCE_BASE "/db/"
#define NAME_MARKER      "-- name:"
#define INCLUDE_MARKER   "-- include:"

static GResource *
get_resource (void)
{
  static gsize registered;

  /* Generated with --manual-register (see db/meson.build): the resource
   * exists once registered. Lookups still go to it alone, so a same-named
   * file in another bundle cannot shadow it. */
  if (g_once_init_enter (&registered))
    {
      ava_pg_db_register_resource ();
      g_once_init_leave (&registered, 1);
    }

  return ava_pg_db_get_resource ();
}

GBytes *
ava_pg_sql_load_file (const char *basename,
                      GError    **error)
{
  g_autofree char *path = g_strconcat (DB_RESOURCE_PATH, basename, NULL);

  return g_resource_lookup_data (get_resource (), path,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

/* Splits queries.sql at its "-- name: xxx" lines. The statement text keeps
 * its comments (PostgreSQL ignores them) but loses trailing blank lines. */
static GHashTable *
parse_queries (const char *text)
{
  GHashTable         *queries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto (GStrv)      lines = g_strsplit (text, "\n", -1);
  g_autofree char    *name = NULL;
  g_autoptr (GString) body = g_string_new (NULL);

  for (guint i = 0;; i++)
    {
      const char *line = lines[i];

      if (line == NULL || g_str_has_prefix (line, NAME_MARKER))
        {
          if (name != NULL)
            {
              g_strchomp (body->str);
              if (g_hash_table_contains (queries, name))
                g_critical ("queries.sql: statement “%s” is defined twice", name);
              g_hash_table_replace (queries, g_steal_pointer (&name), g_strdup (body->str));
            }

          if (line == NULL)
            break;

          name = g_strstrip (g_strdup (line + strlen (NAME_MARKER)));
          g_string_truncate (body, 0);
        }
      else if (name != NULL)
        {
          g_string_append (body, line);
          g_string_append_c (body, '\n');
        }
    }

  return queries;
}

/* A line "-- include: xxx" in a statement stands for the whole text of
 * statement xxx: the KPI queries share their filter fragment this way, as
 * text of the file, never built from values. One level only. */
static void
resolve_includes (GHashTable *queries)
{
  g_autoptr (GHashTable) resolved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter         iter;
  gpointer               key, value;

  g_hash_table_iter_init (&iter, queries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_auto (GStrv)      lines = NULL;
      g_autoptr (GString) body = NULL;

      if (strstr (value, INCLUDE_MARKER) == NULL)
        continue;

      lines = g_strsplit (value, "\n", -1);
      body = g_string_new (NULL);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          if (g_str_has_prefix (lines[i], INCLUDE_MARKER))
            {
              g_autofree char *name = g_strstrip (g_strdup (lines[i] + strlen (INCLUDE_MARKER)));
              const char      *fragment = g_hash_table_lookup (queries, name);

              if (fragment == NULL || strstr (fragment, INCLUDE_MARKER) != NULL)
                g_error ("queries.sql: “%s” includes “%s”, which is missing or includes another",
                         (const char *) key, name);
              g_string_append (body, fragment);
            }
          else
            g_string_append (body, lines[i]);

          if (lines[i + 1] != NULL)
            g_string_append_c (body, '\n');
        }

      g_hash_table_insert (resolved, g_strdup (key), g_string_free (g_steal_pointer (&body), FALSE));
    }

  g_hash_table_iter_init (&iter, resolved);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_hash_table_iter_steal (&iter);
      g_hash_table_replace (queries, key, value);
    }
}

static gpointer
load_queries (gpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = ava_pg_sql_load_file ("queries.sql", &error);
  g_autofree char   *text = NULL;
  GHashTable        *queries;

  /* The file is compiled in: its absence is a build bug, not a run-time
   * condition. */
  if (bytes == NULL)
    g_error ("queries.sql is missing from the ava-pg resources: %s", error->message);

  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  queries = parse_queries (text);
  resolve_includes (queries);

  return queries;
}

/**
 * ava_pg_sql_get:
 * @name: a name from a "-- name:" line of db/queries.sql
 *
 * Returns: (transfer none): the statement; valid for the process lifetime
 */
const char *
ava_pg_sql_get (const char *name)
{
  static GOnce once = G_ONCE_INIT;
  GHashTable  *queries = g_once (&once, load_queries, NULL);
  const char  *sql = g_hash_table_lookup (queries, name);

  if (sql == NULL)
    g_error ("queries.sql has no statement named “%s”", name);

  return sql;
}
