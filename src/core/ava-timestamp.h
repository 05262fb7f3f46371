/* ava-timestamp.h: zone-less shop timestamps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Timestamps are seconds since 1970-01-01 00:00 of the shop's wall clock, with
 * no zone: months come from the timestamp as written, never from a viewer's
 * time zone. */

gboolean ava_timestamp_parse (const char *text, gsize length, gint64 *out_value, const char **out_problem);
gboolean ava_date_parse (const char *text, gint64 *out_value);
gint64   ava_timestamp_from_civil (int year, int month, int day, int hour, int minute, int second);
void     ava_timestamp_to_civil (gint64 value, int *year, int *month, int *day, int *hour, int *minute, int *second);
char    *ava_timestamp_format (gint64 value);
int      ava_timestamp_get_month (gint64 value);
char    *ava_month_format (int month);

G_END_DECLS
