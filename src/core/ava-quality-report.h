/* ava-quality-report.h: what cleaning did to an input file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "ava-types.h"

G_BEGIN_DECLS

typedef struct
{
  guint64 line;   /* physical line where the record starts; header = 1 */
  char   *reason; /* names the field, or the field count */
} AvaRejectedRow;

struct _AvaQualityReport
{
  char   *source_name;
  guint64 input_rows;
  guint64 rejected;
  guint64 duplicates_dropped;
  guint64 kept_lines;
  guint64 sale_lines;
  guint64 return_lines;
  guint64 excluded_lines;
  gint64  first_invoice_date; /* over kept lines; 0 when there are none */
  gint64  last_invoice_date;
  guint   customers; /* distinct over kept lines */
  guint   products;
  guint   countries;
  guint   invoices;
  GArray *rejected_rows; /* AvaRejectedRow, in line order */
};

AvaQualityReport *ava_quality_report_new (const char *source_name);
void              ava_quality_report_free (AvaQualityReport *self);
void              ava_quality_report_add_rejected (AvaQualityReport *self, guint64 line, char *reason);
void              ava_quality_report_add_members (const AvaQualityReport *self, JsonBuilder *builder);
char             *ava_quality_report_to_json (const AvaQualityReport *self);
char             *ava_quality_report_to_text (const AvaQualityReport *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AvaQualityReport, ava_quality_report_free)

G_END_DECLS
