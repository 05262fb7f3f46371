/* ava-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ava-query.h"

G_DEFINE_BOXED_TYPE (AvaQuery, ava_query, ava_query_copy, ava_query_free)

static const char *kpi_names[AVA_N_KPIS] = {
  "overview",
  "monthly-revenue",
  "top-products",
  "top-customers",
  "by-country",
  "cohorts",
};

AvaQuery *
ava_query_new (AvaKpi kpi)
{
  AvaQuery *self;

  g_return_val_if_fail (kpi < AVA_N_KPIS, NULL);

  self = g_new0 (AvaQuery, 1);
  self->kpi = kpi;
  self->rank_by = AVA_RANK_BY_UNITS;
  self->limit = AVA_DEFAULT_LIMIT;

  return self;
}

AvaQuery *
ava_query_copy (const AvaQuery *self)
{
  AvaQuery *copy = g_memdup2 (self, sizeof *self);

  copy->countries = g_strdupv (self->countries);
  return copy;
}

/* The same filters and options, asking another KPI: a dashboard is six of
 * these. */
AvaQuery *
ava_query_with_kpi (const AvaQuery *self,
                    AvaKpi          kpi)
{
  AvaQuery *copy = ava_query_copy (self);

  copy->kpi = kpi;
  return copy;
}

void
ava_query_free (AvaQuery *self)
{
  if (self == NULL)
    return;

  g_strfreev (self->countries);
  g_free (self);
}

gboolean
ava_query_equal (const AvaQuery *a,
                 const AvaQuery *b)
{
  guint n_a = a->countries ? g_strv_length (a->countries) : 0;
  guint n_b = b->countries ? g_strv_length (b->countries) : 0;

  if (a->kpi != b->kpi || a->has_from != b->has_from || a->has_to != b->has_to ||
      a->has_customer != b->has_customer || a->rank_by != b->rank_by || a->limit != b->limit ||
      (a->countries == NULL) != (b->countries == NULL) || n_a != n_b)
    return FALSE;
  if ((a->has_from && a->from != b->from) || (a->has_to && a->to != b->to) ||
      (a->has_customer && a->customer_id != b->customer_id))
    return FALSE;
  for (guint i = 0; i < n_a; i++)
    {
      if (!g_strv_contains ((const char *const *) b->countries, a->countries[i]))
        return FALSE;
    }

  return TRUE;
}

const char *
ava_kpi_get_name (AvaKpi kpi)
{
  g_return_val_if_fail (kpi < AVA_N_KPIS, NULL);

  return kpi_names[kpi];
}

gboolean
ava_kpi_from_name (const char *name,
                   AvaKpi     *out_kpi)
{
  for (guint i = 0; i < AVA_N_KPIS; i++)
    {
      if (g_strcmp0 (name, kpi_names[i]) == 0)
        {
          *out_kpi = i;
          return TRUE;
        }
    }

  return FALSE;
}
