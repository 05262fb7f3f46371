#!/usr/bin/env python3
# convert-world-atlas.py: turns world-atlas's countries-110m.json (TopoJSON of
# Natural Earth's 1:110m admin-0 countries) into data/world/countries.json,
# the small, flat file the chart layer reads at run time.
#
# Run once, by hand, when updating the map:
#   cd /tmp && npm pack world-atlas && tar xzf world-atlas-*.tgz
#   build-aux/convert-world-atlas.py /tmp/package/countries-110m.json \
#       > data/world/countries.json
#
# TopoJSON shares arcs between neighbours and needs a decoder; the output
# instead lists every country's rings as absolute, delta-encoded integer
# coordinates, so the C reader is a loop over json-glib arrays.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import sys

# Coordinates are stored in 1/STEPS of a degree: 0.02° is well under the
# 1:110m data's own detail and a pixel even on a 4K-wide map.
STEPS = 50

# No customers, and it would take a fifth of the map's height.
DROPPED = {"Antarctica"}


def decode_arcs(topology):
    sx, sy = topology["transform"]["scale"]
    tx, ty = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(arcs, ring):
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Consecutive arcs share their joining point.
        points.extend(arc[1:] if points else arc)
    return points


def clip(points, keep):
    # Sutherland-Hodgman against the meridian x = 180, keeping the side
    # where keep(x) holds; the cut edge runs along the map's border.
    out = []
    for i, (x1, y1) in enumerate(points):
        x0, y0 = points[i - 1]
        if keep(x1) != keep(x0):
            out.append((180.0, y0 + (y1 - y0) * (180.0 - x0) / (x1 - x0)))
        if keep(x1):
            out.append((x1, y1))
    return out


def split_at_antimeridian(points):
    # Fiji's and Russia's rings jump from 180° to -180°: drawn as they are,
    # they streak across the whole map. Unwrap them into one continuous
    # ring, then cut it in two at the meridian.
    unwrapped = [points[0]]
    for x, y in points[1:]:
        px = unwrapped[-1][0]
        while x - px > 180:
            x -= 360
        while px - x > 180:
            x += 360
        unwrapped.append((x, y))
    if all(-180 <= x <= 180 for x, _ in unwrapped):
        return [points]
    if min(x for x, _ in unwrapped) < -180:
        unwrapped = [(x + 360, y) for x, y in unwrapped]
    west = clip(unwrapped, lambda x: x <= 180)
    east = [(x - 360, y) for x, y in clip(unwrapped, lambda x: x >= 180)]
    return [ring for ring in (west, east) if len(ring) >= 3]


def encode_ring(points):
    # Quantize, drop repeats the rounding created, then delta-encode.
    quantized = []
    for lon, lat in points:
        q = (round(lon * STEPS), round(lat * STEPS))
        if not quantized or quantized[-1] != q:
            quantized.append(q)
    if len(quantized) > 1 and quantized[0] == quantized[-1]:
        quantized.pop()  # rings are closed implicitly
    if len(quantized) < 3:
        return None
    flat = [quantized[0][0], quantized[0][1]]
    for (x0, y0), (x1, y1) in zip(quantized, quantized[1:]):
        flat.extend((x1 - x0, y1 - y0))
    return flat


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        topology = json.load(f)
    arcs = decode_arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        if name in DROPPED or geometry.get("type") is None:
            continue
        polygons = geometry["arcs"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = []
        for polygon in polygons:
            for ring in polygon:
                for part in split_at_antimeridian(ring_points(arcs, ring)):
                    encoded = encode_ring(part)
                    if encoded:
                        rings.append(encoded)
        if rings:
            countries.append({"name": name, "id": geometry.get("id", ""), "rings": rings})
    countries.sort(key=lambda c: c["name"])
    out = {
        "source": "Natural Earth 1:110m Admin 0 Countries 4.1.0, via world-atlas 2.0.2 countries-110m.json",
        "steps_per_degree": STEPS,
        "countries": countries,
    }
    json.dump(out, sys.stdout, ensure_ascii=False, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
