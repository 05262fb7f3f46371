/* ava-pg-schema.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ava-pg-schema.h"
#include "ava-pg-private.h"

typedef struct
{
  gint        version;
  const char *file;
  const char *then; /* a statement of queries.sql to run after the file, or NULL */
} Migration;

/* Append only: a database records which of these it has, by version.
 * rollup_rebuild fills every rollup table of the latest schema from the
 * lines of the latest schema, so it runs after the last migration that
 * changes either; ensure applies all the missing migrations in one
 * transaction, so a version 2 database gets its rollup rows there. */
static const Migration migrations[] = {
  { 1, "schema.sql", NULL },
  { 2, "indexes.sql", NULL },
  { 3, "rollups.sql", NULL },
  { 4, "lines.sql", NULL },
  { 5, "product_totals.sql", NULL },
  { 6, "variants.sql", NULL },
  { 7, "line_variants.sql", NULL },
  /* Fills the rollup tables from the lines an older database has. */
  { 8, "country_totals.sql", "rollup_rebuild" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == AVA_PG_SCHEMA_VERSION);

static gboolean
rollback (PGconn *conn)
{
  g_autoptr (PGresult) result = PQexec (conn, "ROLLBACK");

  return PQresultStatus (result) == PGRES_COMMAND_OK;
}

static gboolean
apply_missing (PGconn  *conn,
               GError **error)
{
  g_autoptr (PGresult) applied = NULL;
  gint                 latest = 0;

  if (!ava_pg_exec_command (conn, ava_pg_sql_get ("schema_lock"), NULL,
                            "Could not lock the schema", error) ||
      !ava_pg_exec_command (conn, ava_pg_sql_get ("schema_create_migrations"), NULL,
                            "Could not create the migrations table", error))
    return FALSE;

  applied = ava_pg_exec (conn, ava_pg_sql_get ("schema_applied_versions"), 0, NULL,
                         PGRES_TUPLES_OK, NULL, "Could not read the schema version", error);
  if (applied == NULL)
    return FALSE;

  for (int i = 0; i < PQntuples (applied); i++)
    latest = MAX (latest, (gint) g_ascii_strtoll (PQgetvalue (applied, i, 0), NULL, 10));

  if (latest > AVA_PG_SCHEMA_VERSION)
    {
      g_set_error (error, AVA_PG_ERROR, AVA_PG_ERROR_SCHEMA,
                   "The database schema is version %d, newer than this version of "
                   "Avastrolytics understands (%d); please update the application",
                   latest, AVA_PG_SCHEMA_VERSION);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    {
      const Migration     *m = &migrations[i];
      g_autoptr (GBytes)   bytes = NULL;
      g_autoptr (PGresult) recorded = NULL;
      g_autofree char     *sql = NULL;
      g_autofree char     *version = NULL;
      g_autofree char     *context = NULL;
      const char          *params[1];

      if (m->version <= latest)
        continue;

      bytes = ava_pg_sql_load_file (m->file, error);
      if (bytes == NULL)
        return FALSE;

      sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      context = g_strdup_printf ("Could not apply schema migration %d (%s)", m->version, m->file);

      if (!ava_pg_exec_command (conn, sql, NULL, context, error))
        {
          /* A schema error, not a query error: the caller cannot go on. */
          if (error != NULL && *error != NULL && (*error)->domain == AVA_PG_ERROR)
            (*error)->code = AVA_PG_ERROR_SCHEMA;
          return FALSE;
        }

      if (m->then != NULL &&
          !ava_pg_exec_command (conn, ava_pg_sql_get (m->then), NULL, context, error))
        return FALSE;

      version = g_strdup_printf ("%d", m->version);
      params[0] = version;
      recorded = ava_pg_exec (conn, ava_pg_sql_get ("schema_record_version"), 1, params,
                              PGRES_COMMAND_OK, NULL, "Could not record the schema version", error);
      if (recorded == NULL)
        return FALSE;

      g_debug ("applied schema migration %d (%s)", m->version, m->file);
    }

  return TRUE;
}

/**
 * ava_pg_schema_ensure:
 * @conn: an open connection, not inside a transaction
 * @error: return location for a #GError
 *
 * Applies the migrations the database lacks, all in one transaction under an
 * advisory lock, so concurrent callers apply each one once and a failure
 * leaves the database as it was. Cheap when nothing is missing.
 *
 * Returns: %TRUE when the schema is at %AVA_PG_SCHEMA_VERSION
 */
gboolean
ava_pg_schema_ensure (PGconn  *conn,
                      GError **error)
{
  g_return_val_if_fail (conn != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (PQtransactionStatus (conn) != PQTRANS_IDLE)
    {
      g_set_error_literal (error, AVA_PG_ERROR, AVA_PG_ERROR_SCHEMA,
                           "Could not set up the schema: the connection is busy in a transaction");
      return FALSE;
    }

  if (!ava_pg_exec_command (conn, "BEGIN", NULL, "Could not begin the schema transaction", error))
    return FALSE;

  if (!apply_missing (conn, error))
    {
      rollback (conn);
      return FALSE;
    }

  return ava_pg_exec_command (conn, "COMMIT", NULL, "Could not commit the schema", error);
}

/**
 * ava_pg_schema_ensure_in_transaction:
 * @conn: an open connection, inside a transaction
 * @error: return location for a #GError
 *
 * ava_pg_schema_ensure() as part of the caller's transaction: rolling it
 * back takes back the migrations too. Migrating holds the schema lock to
 * the end of that transaction; a schema that is up to date is left
 * unlocked, so that a long transaction does not hold up other sessions'
 * ava_pg_schema_ensure(). After a failure the caller must roll back.
 *
 * Returns: %TRUE when the schema is at %AVA_PG_SCHEMA_VERSION
 */
gboolean
ava_pg_schema_ensure_in_transaction (PGconn  *conn,
                                     GError **error)
{
  gint version;

  g_return_val_if_fail (conn != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (PQtransactionStatus (conn) != PQTRANS_INTRANS)
    {
      g_set_error_literal (error, AVA_PG_ERROR, AVA_PG_ERROR_SCHEMA,
                           "Could not set up the schema: the connection is not in a transaction");
      return FALSE;
    }

  /* Versions are only ever added: one at the latest stays there. */
  version = ava_pg_schema_get_version (conn, error);
  if (version < 0)
    return FALSE;
  if (version == AVA_PG_SCHEMA_VERSION)
    return TRUE;

  return apply_missing (conn, error);
}

/**
 * ava_pg_schema_get_version:
 * @conn: an open connection
 * @error: return location for a #GError
 *
 * Returns: the highest applied migration, 0 for a database without the
 *   schema, or -1 on error
 */
gint
ava_pg_schema_get_version (PGconn  *conn,
                           GError **error)
{
  g_autoptr (PGresult) result = NULL;

  g_return_val_if_fail (conn != NULL, -1);

  result = ava_pg_exec (conn, ava_pg_sql_get ("schema_has_migrations"), 0, NULL,
                        PGRES_TUPLES_OK, NULL, "Could not read the schema version", error);
  if (result == NULL)
    return -1;

  if (g_strcmp0 (PQgetvalue (result, 0, 0), "t") != 0)
    return 0;

  g_clear_pointer (&result, PQclear);
  result = ava_pg_exec (conn, ava_pg_sql_get ("schema_version"), 0, NULL,
                        PGRES_TUPLES_OK, NULL, "Could not read the schema version", error);
  if (result == NULL)
    return -1;

  return (gint) g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
}
