/* chart-test-data.h: a small shop whose charts the tests and the benchmark
 * draw; the comments give each line's amount.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include "ava-cleaner.h"
#include "ava-csv-reader.h"
#include "ava-offline-engine.h"

static const char chart_test_sales[] =
  "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
  "1001,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26,2.55,100,United Kingdom\n"    /* 15.30 */
  "1001,22423,REGENCY CAKESTAND 3 TIER,2,2010-12-01 08:26,12.75,100,United Kingdom\n"              /* 25.50 */
  "1002,85099B,JUMBO BAG RED RETROSPOT,10,2010-12-05 10:00,1.95,101,France\n"                      /* 19.50 */
  "1003,85123A,WHITE HANGING HEART T-LIGHT HOLDER,12,2011-01-10 09:00,2.55,100,United Kingdom\n"   /* 30.60 */
  "1004,47566,PARTY BUNTING,4,2011-01-12 11:00,4.95,102,EIRE\n"                                    /* 19.80 */
  "1005,22423,REGENCY CAKESTAND 3 TIER,1,2011-02-03 12:00,12.75,103,Germany\n"                     /* 12.75 */
  "1006,85099B,JUMBO BAG RED RETROSPOT,20,2011-02-14 13:00,1.95,101,France\n"                      /* 39.00 */
  "1007,84879,ASSORTED COLOUR BIRD ORNAMENT,8,2011-03-01 14:00,1.69,104,Hong Kong\n"               /* 13.52 */
  "1008,85123A,WHITE HANGING HEART T-LIGHT HOLDER,24,2011-03-20 15:00,2.55,100,United Kingdom\n"   /* 61.20 */
  "1009,20725,LUNCH BAG BLACK SKULL,5,2011-04-02 16:00,1.65,,Unspecified\n"                        /* 8.25 */
  "1010,47566,PARTY BUNTING,3,2011-04-11 17:00,4.95,105,Channel Islands\n"                         /* 14.85 */
  "1011,22423,REGENCY CAKESTAND 3 TIER,3,2011-04-20 18:00,12.75,100,United Kingdom\n"              /* 38.25 */
  "1012,85099B,JUMBO BAG RED RETROSPOT,2,2011-04-21 09:00,1.95,106,European Community\n"           /* 3.90 */
  "1013,84879,ASSORTED COLOUR BIRD ORNAMENT,6,2011-04-22 10:00,1.69,107,USA\n"                     /* 10.14 */
  "C1014,85123A,WHITE HANGING HEART T-LIGHT HOLDER,-2,2011-04-23 10:00,2.55,100,United Kingdom\n"; /* return 5.10 */

static inline AvaEngine *
chart_test_engine_new (void)
{
  g_autoptr (GBytes)           bytes = g_bytes_new_static (chart_test_sales, strlen (chart_test_sales));
  g_autoptr (AvaCsvReader)     reader = ava_csv_reader_new_for_bytes (bytes, "chart-test.csv");
  g_autoptr (AvaQualityReport) report = NULL;
  g_autoptr (GError)           error = NULL;
  g_autoptr (AvaDataset)       dataset = ava_load_csv_reader (reader, NULL, &report, &error);

  g_assert_no_error (error);
  return ava_offline_engine_new (dataset);
}

static inline AvaResult *
chart_test_run (AvaEngine *engine,
                AvaKpi     kpi)
{
  g_autoptr (AvaQuery) query = ava_query_new (kpi);
  g_autoptr (GError)   error = NULL;
  AvaResult           *result = ava_engine_run (engine, query, NULL, &error);

  g_assert_no_error (error);
  return result;
}
