/* ava-pg-private.h: helpers shared by the files of the PostgreSQL layer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ava-pg-connection.h"

G_BEGIN_DECLS

typedef struct _AvaPgCancelWatch AvaPgCancelWatch;

/* Runs one statement (with $n parameters, text format) and checks that the
 * result has the @expected status. On failure, sets @error with @context and
 * returns NULL; a statement stopped by @cancellable gives G_IO_ERROR_CANCELLED. */
PGresult *ava_pg_exec (PGconn            *conn,
                       const char        *sql,
                       int                n_params,
                       const char *const *values,
                       ExecStatusType     expected,
                       GCancellable      *cancellable,
                       const char        *context,
                       GError           **error);
gboolean  ava_pg_exec_command (PGconn       *conn,
                               const char   *sql,
                               GCancellable *cancellable,
                               const char   *context,
                               GError      **error);
void      ava_pg_set_error_from_result (GError        **error,
                                        PGconn         *conn,
                                        const PGresult *result,
                                        GCancellable   *cancellable,
                                        const char     *context);

/* While alive, cancelling @cancellable sends a cancel request for whatever
 * statement @conn runs (PQcancel is safe from any thread). */
AvaPgCancelWatch *ava_pg_cancel_watch_new (PGconn       *conn,
                                           GCancellable *cancellable);
void              ava_pg_cancel_watch_free (AvaPgCancelWatch *watch);

/* Named statements from db/queries.sql, and whole files from db/. */
const char *ava_pg_sql_get (const char *name);
GBytes     *ava_pg_sql_load_file (const char *basename,
                                  GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AvaPgCancelWatch, ava_pg_cancel_watch_free)

G_END_DECLS
