/* ava-report.h: the whole dashboard as a multi-page vector PDF.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ava-chart.h"

G_BEGIN_DECLS

typedef struct
{
  const char *source;     /* "demo data", a file name, a database */
  const char *filters;    /* human-readable, e.g. "2011-09-01 to 2011-12-01 · United Kingdom" */
  const char *data_as_of; /* the newest invoice in the data */
  AvaResult  *results[AVA_N_KPIS];
} AvaReportContent;

gboolean ava_report_write_pdf (const AvaReportContent *content, const char *path, GError **error);

G_END_DECLS
