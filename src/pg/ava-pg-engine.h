/* ava-pg-engine.h: the engine that answers KPIs with PostgreSQL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ava-engine.h"

G_BEGIN_DECLS

#define AVA_TYPE_PG_ENGINE (ava_pg_engine_get_type ())

G_DECLARE_FINAL_TYPE (AvaPgEngine, ava_pg_engine, AVA, PG_ENGINE, AvaEngine)

/* Connections the engine keeps open at most: one per concurrent query. */
#define AVA_PG_ENGINE_MAX_CONNECTIONS 4

/* A statement running longer than this is stopped by the server. */
#define AVA_PG_ENGINE_STATEMENT_TIMEOUT_MS 30000

AvaEngine *ava_pg_engine_new (const char *conninfo,
                              GError    **error);
char      *ava_pg_engine_dup_conninfo (AvaPgEngine *self);

G_END_DECLS
