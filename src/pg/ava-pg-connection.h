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

/* What a test connection learnt about the server. */
typedef struct
{
  char    *server_version; /* as the server reports it, e.g. "15.5 (Debian 15.5-0+deb12u1)" */
  gboolean ssl_in_use;
  char    *ssl_protocol; /* NULL without SSL */
  char    *ssl_cipher;   /* NULL without SSL */
} AvaPgServerInfo;

PGconn  *ava_pg_connection_open (const char   *conninfo,
                                 GCancellable *cancellable,
                                 GError      **error);
gboolean ava_pg_connection_get_ssl_in_use (PGconn *conn);
char    *ava_pg_connection_describe (PGconn *conn);
char    *ava_pg_scrub_secrets (const char *message,
                               const char *conninfo,
                               PGconn     *conn);
void     ava_pg_append_conninfo (GString    *conninfo,
                                 const char *key,
                                 const char *value);

AvaPgServerInfo *ava_pg_connection_probe (const char   *conninfo,
                                          GCancellable *cancellable,
                                          GError      **error);
void             ava_pg_server_info_free (AvaPgServerInfo *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AvaPgServerInfo, ava_pg_server_info_free)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

G_END_DECLS
