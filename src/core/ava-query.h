/* ava-query.h: one KPI question, with its filters and options.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ava-types.h"

G_BEGIN_DECLS

#define AVA_TYPE_QUERY (ava_query_get_type ())

typedef enum
{
  AVA_KPI_OVERVIEW,
  AVA_KPI_MONTHLY_REVENUE,
  AVA_KPI_TOP_PRODUCTS,
  AVA_KPI_TOP_CUSTOMERS,
  AVA_KPI_BY_COUNTRY,
  AVA_KPI_COHORTS,
  AVA_N_KPIS
} AvaKpi;

typedef enum
{
  AVA_RANK_BY_UNITS,
  AVA_RANK_BY_REVENUE,
} AvaRankBy;

#define AVA_DEFAULT_LIMIT 10

typedef struct _AvaQuery AvaQuery;

/* Immutable once built, so any thread may read it. Bounds are timestamps
 * (see ava-timestamp.h): from <= InvoiceDate < to. */
struct _AvaQuery
{
  AvaKpi    kpi;
  gboolean  has_from;
  gint64    from;
  gboolean  has_to;
  gint64    to;
  char    **countries; /* NULL: every country */
  gboolean  has_customer;
  gint64    customer_id;
  AvaRankBy rank_by;
  guint     limit; /* top-products and top-customers */
};

GType       ava_query_get_type (void) G_GNUC_CONST;
AvaQuery   *ava_query_new (AvaKpi kpi);
AvaQuery   *ava_query_copy (const AvaQuery *self);
AvaQuery   *ava_query_with_kpi (const AvaQuery *self,
                                AvaKpi          kpi);
void        ava_query_free (AvaQuery *self);
gboolean    ava_query_equal (const AvaQuery *a,
                             const AvaQuery *b);
const char *ava_kpi_get_name (AvaKpi kpi);
gboolean    ava_kpi_from_name (const char *name,
                               AvaKpi     *out_kpi);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AvaQuery, ava_query_free)

G_END_DECLS
