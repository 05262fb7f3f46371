/* ava-pg-connection.h: opening PostgreSQL connections, and the layer's errors.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

#define AVA_PG_ERROR (ava_pg_error_quark ())

typedef enum
{
  AVA_PG_ERROR_CONNECT,  /* no connection: unreachable, refused, SSL or login failed */
  AVA_PG_ERROR_QUERY,    /* a statement failed on the server */
  AVA_PG_ERROR_SCHEMA,   /* the schema could not be set up, or is newer than this build */
  AVA_PG_ERROR_CONFLICT, /* the input contradicts data already in the database */
  AVA_PG_ERROR_PROTOCOL, /* the server answered something this code did not expect */
} AvaPgError;

GQuark ava_pg_error_quark (void);

PGconn  *ava_pg_connection_open (const char   *conninfo,
                                 GCancellable *cancellable,
                                 GError      **error);
gboolean ava_pg_connection_get_ssl_in_use (PGconn *conn);
char    *ava_pg_connection_describe (PGconn *conn);
char    *ava_pg_scrub_secrets (const char *message,
                               const char *conninfo,
                               PGconn     *conn);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

G_END_DECLS
