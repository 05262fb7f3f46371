/* ava-pg-schema.h: creating and upgrading the database schema.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

/* The schema version this build writes: the last migration in db/. */
#define AVA_PG_SCHEMA_VERSION 8

gboolean ava_pg_schema_ensure (PGconn  *conn,
                               GError **error);
gboolean ava_pg_schema_ensure_in_transaction (PGconn  *conn,
                                              GError **error);
gint     ava_pg_schema_get_version (PGconn  *conn,
                                    GError **error);

G_END_DECLS
