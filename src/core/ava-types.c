/* ava-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ava-types.h"

const char *
ava_field_get_name (AvaField field)
{
  static const char *names[AVA_N_FIELDS] = {
    "InvoiceNo",
    "StockCode",
    "Description",
    "Quantity",
    "InvoiceDate",
    "UnitPrice",
    "CustomerID",
    "Country",
  };

  g_return_val_if_fail (field < AVA_N_FIELDS, NULL);

  return names[field];
}

const char *
ava_line_class_get_name (AvaLineClass line_class)
{
  switch (line_class)
    {
    case AVA_LINE_SALE:
      return "sale";
    case AVA_LINE_RETURN:
      return "return";
    case AVA_LINE_EXCLUDED:
      return "excluded";
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
ava_stock_code_is_service (const char *stock_code)
{
  /* KPI_SPEC.md: exact, case-sensitive codes that are not merchandise. */
  static const char *service_codes[] = {
    "POST",
    "DOT",
    "C2",
    "M",
    "m",
    "D",
    "S",
    "B",
    "CRUK",
    "PADS",
    "AMAZONFEE",
    "BANK CHARGES",
  };

  for (guint i = 0; i < G_N_ELEMENTS (service_codes); i++)
    {
      if (strcmp (stock_code, service_codes[i]) == 0)
        return TRUE;
    }

  return FALSE;
}
