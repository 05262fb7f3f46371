/* ava-chart-atlas.h: the world's country shapes, projected once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char  *name; /* Natural Earth's short name, e.g. "Czechia" */
  guint  first_ring;
  guint  n_rings;
  double x0, y0, x1, y1; /* projected bounds */
} AvaAtlasCountry;

/* Shapes in projected units (see ava_atlas_project()), y growing south, so
 * a renderer only scales and translates them. Rings are closed implicitly
 * and filled even-odd, which turns a country's inner rings into holes. */
typedef struct
{
  guint            n_countries;
  AvaAtlasCountry *countries;
  guint            n_rings;
  guint           *ring_starts; /* n_rings + 1 offsets into points, in points */
  float           *points;      /* x, y pairs */
  double           x0, y0, x1, y1;
} AvaAtlas;

const AvaAtlas *ava_atlas_get (void);
int             ava_atlas_find (const AvaAtlas *atlas, const char *name);
void            ava_atlas_project (double lon, double lat, double *x, double *y);
gboolean        ava_atlas_contains (const AvaAtlas *atlas, guint country, double x, double y);

G_END_DECLS
