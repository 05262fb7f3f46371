/* ava-types.h: forward declarations and the shared vocabulary of the core.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _AvaCsvReader     AvaCsvReader;
typedef struct _AvaStringPool    AvaStringPool;
typedef struct _AvaCleaner       AvaCleaner;
typedef struct _AvaQualityReport AvaQualityReport;
typedef struct _AvaDataset       AvaDataset;

/* The eight input fields of a sales line, in the UCI layout order. */
typedef enum
{
  AVA_FIELD_INVOICE_NO,
  AVA_FIELD_STOCK_CODE,
  AVA_FIELD_DESCRIPTION,
  AVA_FIELD_QUANTITY,
  AVA_FIELD_INVOICE_DATE,
  AVA_FIELD_UNIT_PRICE,
  AVA_FIELD_CUSTOMER_ID,
  AVA_FIELD_COUNTRY,
  AVA_N_FIELDS
} AvaField;

/* KPI_SPEC.md "Cleaning" step 3. The values are stored in the database. */
typedef enum
{
  AVA_LINE_SALE = 0,
  AVA_LINE_RETURN = 1,
  AVA_LINE_EXCLUDED = 2,
} AvaLineClass;

#define AVA_NO_CUSTOMER ((gint64) -1)

/* One kept line. Text fields are ids into the dataset's string pools, so two
 * lines are equal exactly when their structs are field-by-field equal. */
typedef struct
{
  gint64  invoiced_at; /* seconds since 1970-01-01 00:00 in shop time */
  gint64  unit_price;  /* in 1/AVA_MONEY_SCALE units */
  gint64  customer_id; /* AVA_NO_CUSTOMER when empty */
  gint32  quantity;
  guint32 invoice;     /* id in the invoice pool */
  guint32 stock_code;  /* id in the stock-code pool */
  guint32 description; /* id in the description pool ("" when empty) */
  guint32 country;     /* id in the country pool */
  guint32 source_line; /* physical line where the record starts */
  guint8  line_class;  /* AvaLineClass */
} AvaSalesLine;

const char *ava_field_get_name (AvaField field);
const char *ava_line_class_get_name (AvaLineClass line_class);
gboolean    ava_stock_code_is_service (const char *stock_code);

G_END_DECLS
