/* ava-chart-atlas.c: reads data/world/countries.json from the chart
 * library's resource and projects it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ava-chart-atlas.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "ava-chart-resources.h"

#define ATLAS_PATH "/org/avastrolytics/Avastrolytics/chart/world/countries.json"

/* The Natural Earth projection (Šavrič, Patterson and Jenny, 2011): a
 * compromise that keeps Europe, where most of the shop's customers are,
 * recognisable without Mercator's swollen north. Output in radians-sized
 * units, y growing south. */
void
ava_atlas_project (double  lon,
                   double  lat,
                   double *x,
                   double *y)
{
  double lambda = lon * G_PI / 180.0;
  double phi = lat * G_PI / 180.0;
  double phi2 = phi * phi;
  double phi4 = phi2 * phi2;

  *x = lambda * (0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4)));
  *y = -phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)));
}

/* The file is ours and compiled in, so a malformed one is a build mistake:
 * it is reported once and the map draws empty rather than crashing. */
static gboolean
parse_atlas (AvaAtlas *atlas,
             GBytes   *bytes,
             GError  **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GArray)     starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray)     points = g_array_new (FALSE, FALSE, sizeof (float));
  JsonObject            *root;
  JsonArray             *countries;
  double                 steps;
  guint                  end;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error))
    return FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    goto malformed;
  root = json_node_get_object (json_parser_get_root (parser));
  steps = json_object_get_double_member_with_default (root, "steps_per_degree", 0);
  if (steps <= 0 || !json_object_has_member (root, "countries") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "countries")))
    goto malformed;
  countries = json_object_get_array_member (root, "countries");

  atlas->n_countries = json_array_get_length (countries);
  atlas->countries = g_new0 (AvaAtlasCountry, atlas->n_countries);
  atlas->x0 = atlas->y0 = G_MAXDOUBLE;
  atlas->x1 = atlas->y1 = -G_MAXDOUBLE;

  for (guint c = 0; c < atlas->n_countries; c++)
    {
      JsonNode        *node = json_array_get_element (countries, c);
      AvaAtlasCountry *country = &atlas->countries[c];
      JsonObject      *object;
      JsonArray       *rings;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        goto malformed;
      object = json_node_get_object (node);
      if (!json_object_has_member (object, "rings") ||
          !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "rings")))
        goto malformed;
      rings = json_object_get_array_member (object, "rings");

      country->name = g_strdup (json_object_get_string_member_with_default (object, "name", ""));
      country->first_ring = starts->len;
      country->n_rings = json_array_get_length (rings);
      country->x0 = country->y0 = G_MAXDOUBLE;
      country->x1 = country->y1 = -G_MAXDOUBLE;

      for (guint r = 0; r < country->n_rings; r++)
        {
          JsonNode  *ring_node = json_array_get_element (rings, r);
          JsonArray *ring;
          guint      start = points->len / 2;
          gint64     qx = 0, qy = 0;

          if (!JSON_NODE_HOLDS_ARRAY (ring_node))
            goto malformed;
          ring = json_node_get_array (ring_node);
          if (json_array_get_length (ring) % 2 != 0)
            goto malformed;

          g_array_append_val (starts, start);

          /* Absolute first point, then deltas. */
          for (guint i = 0; i + 1 < json_array_get_length (ring); i += 2)
            {
              double x, y;
              float  xy[2];

              qx += json_array_get_int_element (ring, i);
              qy += json_array_get_int_element (ring, i + 1);
              ava_atlas_project (qx / steps, qy / steps, &x, &y);
              xy[0] = x;
              xy[1] = y;
              g_array_append_vals (points, xy, 2);
              country->x0 = MIN (country->x0, x);
              country->y0 = MIN (country->y0, y);
              country->x1 = MAX (country->x1, x);
              country->y1 = MAX (country->y1, y);
            }
        }

      atlas->x0 = MIN (atlas->x0, country->x0);
      atlas->y0 = MIN (atlas->y0, country->y0);
      atlas->x1 = MAX (atlas->x1, country->x1);
      atlas->y1 = MAX (atlas->y1, country->y1);
    }

  if (atlas->n_countries == 0)
    goto malformed;

  atlas->n_rings = starts->len;
  end = points->len / 2;
  g_array_append_val (starts, end);
  atlas->ring_starts = (guint *) g_array_free (g_steal_pointer (&starts), FALSE);
  atlas->points = (float *) g_array_free (g_steal_pointer (&points), FALSE);
  return TRUE;

malformed:
  g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA, "unexpected structure");
  return FALSE;
}

/* Loaded on first use and kept for the life of the process: every map
 * chart shares the same read-only shapes, from any thread. */
const AvaAtlas *
ava_atlas_get (void)
{
  static AvaAtlas *atlas;

  if (g_once_init_enter (&atlas))
    {
      AvaAtlas          *loaded = g_new0 (AvaAtlas, 1);
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) bytes = NULL;

      ava_chart_register_resource ();
      bytes = g_resources_lookup_data (ATLAS_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes == NULL || !parse_atlas (loaded, bytes, &error))
        {
          g_critical ("Cannot read the world map %s: %s", ATLAS_PATH, error->message);
          for (guint c = 0; c < loaded->n_countries; c++)
            g_free (loaded->countries[c].name);
          g_free (loaded->countries);
          memset (loaded, 0, sizeof *loaded);
        }

      g_once_init_leave (&atlas, loaded);
    }

  return atlas;
}

int
ava_atlas_find (const AvaAtlas *atlas,
                const char     *name)
{
  /* 176 names, looked up once per chart: a hash table would not pay. */
  for (guint c = 0; c < atlas->n_countries; c++)
    {
      if (g_str_equal (atlas->countries[c].name, name))
        return c;
    }

  return -1;
}

/* Even-odd point in polygon over all of the country's rings, matching the
 * fill rule the renderer uses. */
gboolean
ava_atlas_contains (const AvaAtlas *atlas,
                    guint           country,
                    double          x,
                    double          y)
{
  const AvaAtlasCountry *shape = &atlas->countries[country];
  gboolean               inside = FALSE;

  if (x < shape->x0 || x > shape->x1 || y < shape->y0 || y > shape->y1)
    return FALSE;

  for (guint r = shape->first_ring; r < shape->first_ring + shape->n_rings; r++)
    {
      guint start = atlas->ring_starts[r];
      guint end = atlas->ring_starts[r + 1];

      for (guint i = start, j = end - 1; i < end; j = i++)
        {
          double xi = atlas->points[2 * i], yi = atlas->points[2 * i + 1];
          double xj = atlas->points[2 * j], yj = atlas->points[2 * j + 1];

          if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
            inside = !inside;
        }
    }

  return inside;
}
