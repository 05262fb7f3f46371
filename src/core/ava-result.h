/* ava-result.h: a KPI's answer, as an immutable typed table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ava-query.h"

G_BEGIN_DECLS

#define AVA_TYPE_RESULT (ava_result_get_type ())

G_DECLARE_FINAL_TYPE (AvaResult, ava_result, AVA, RESULT, GObject)

typedef enum
{
  AVA_COLUMN_TEXT,
  AVA_COLUMN_INTEGER,
  AVA_COLUMN_MONEY,     /* 1/AVA_MONEY_SCALE units */
  AVA_COLUMN_RATIO,     /* an exact fraction, so both engines print the same digits */
  AVA_COLUMN_TIMESTAMP, /* see ava-timestamp.h */
  AVA_COLUMN_MONTH,     /* year * 12 + month - 1 */
} AvaColumnType;

typedef struct
{
  gint64 numerator;
  gint64 denominator; /* 0 means the ratio is 0 */
} AvaRatio;

typedef union
{
  gint64      integer;
  const char *text;
  AvaRatio    ratio;
} AvaCell;

/* Decimals of a ratio in machine output. */
#define AVA_RATIO_DECIMALS 12

AvaResult *ava_result_new (AvaKpi kpi);
AvaResult *ava_result_new_for_kpi (AvaKpi kpi);
void       ava_result_add_overview_row (AvaResult *self, gint64 gross_revenue, gint64 orders, gint64 customers, gint64 units, gint64 returns);
void       ava_result_add_month_row (AvaResult *self, int month, gint64 gross_revenue, gint64 orders, gint64 returns);
void       ava_result_add_column (AvaResult    *self,
                                  const char   *name,
                                  AvaColumnType type);
void       ava_result_add_row (AvaResult *self);
void       ava_result_set_integer (AvaResult *self,
                                   guint      column,
                                   gint64     value);
void       ava_result_set_text (AvaResult  *self,
                                guint       column,
                                const char *text);
void       ava_result_set_ratio (AvaResult *self,
                                 guint      column,
                                 gint64     numerator,
                                 gint64     denominator);

AvaKpi         ava_result_get_kpi (AvaResult *self);
guint          ava_result_get_n_columns (AvaResult *self);
guint          ava_result_get_n_rows (AvaResult *self);
const char    *ava_result_get_column_name (AvaResult *self,
                                           guint      column);
AvaColumnType  ava_result_get_column_type (AvaResult *self,
                                           guint      column);
int            ava_result_find_column (AvaResult  *self,
                                       const char *name);
const AvaCell *ava_result_get_cell (AvaResult *self,
                                    guint      row,
                                    guint      column);
gint64         ava_result_get_integer (AvaResult *self,
                                       guint      row,
                                       guint      column);
const char    *ava_result_get_text (AvaResult *self,
                                    guint      row,
                                    guint      column);
double         ava_result_get_ratio (AvaResult *self,
                                     guint      row,
                                     guint      column);
char          *ava_result_format_cell (AvaResult *self,
                                       guint      row,
                                       guint      column);
gboolean       ava_result_equal (AvaResult *a,
                                 AvaResult *b,
                                 char     **difference);

AvaResult *ava_result_copy_head (AvaResult *self,
                                 guint      n_rows);

char *ava_result_to_table (AvaResult *self);
char *ava_ratio_format (AvaRatio ratio,
                        guint    decimals);

G_END_DECLS
