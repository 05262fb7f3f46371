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

static gpointer
load_queries (gpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = ava_pg_sql_load_file ("queries.sql", &error);
  g_autofree char   *text = NULL;

  /* The file is compiled in: its absence is a build bug, not a run-time
   * condition. */
  if (bytes == NULL)
    g_error ("queries.sql is missing from the ava-pg resources: %s", error->message);

  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  return parse_queries (text);
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
