/* ava-pg-engine-private.h: test seams of the PostgreSQL engine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ava-pg-engine.h"

G_BEGIN_DECLS

/* Makes every query first sleep @seconds on the server (pg_sleep), on the
 * same connection and under the same cancel handling as the KPI: a slow
 * query to cancel. 0 turns it off. */
void  ava_pg_engine_set_test_delay (AvaPgEngine *self,
                                    double       seconds);
guint ava_pg_engine_get_n_open (AvaPgEngine *self);

G_END_DECLS
