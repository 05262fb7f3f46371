/* ava-money.h: exact money as scaled 64-bit integers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Four decimals: the machine-output precision of KPI_SPEC.md, and the scale of
 * the NUMERIC(14,4) columns, so both engines hold the same exact values. */
#define AVA_MONEY_SCALE    G_GINT64_CONSTANT (10000)
#define AVA_MONEY_DECIMALS 4

gboolean ava_money_parse (const char *text, gsize length, gint64 *out_value, const char **out_problem);
char    *ava_money_format (gint64 value, guint decimals);
gint64   ava_money_div_round (gint64 numerator, gint64 denominator);

G_END_DECLS
