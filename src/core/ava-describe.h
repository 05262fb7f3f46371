/* ava-describe.h: what exported data is, in words, for the margin of a
 * chart and the cover of a report. The app and the CLI say it the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ava-result.h"

G_BEGIN_DECLS

char *ava_describe_filters (const AvaQuery *filters);
char *ava_describe_file_source (const char *path);
char *ava_describe_context (const char *filters, const char *source);
char *ava_describe_data_as_of (AvaResult *monthly, GDateTime *generated);

G_END_DECLS
