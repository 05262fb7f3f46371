#!/usr/bin/env python3
# Checks that every screenshot in the AppStream metainfo is a PNG in
# data/screenshots with the width and height the metainfo states, and that
# every PNG there is listed.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import struct
import sys
import xml.etree.ElementTree as ElementTree


def png_size(path):
    with open(path, "rb") as png:
        header = png.read(24)
    if header[:8] != b"\x89PNG\r\n\x1a\n" or header[12:16] != b"IHDR":
        raise ValueError(f"{path}: not a PNG file")
    return struct.unpack(">II", header[16:24])


def main(metainfo, directory):
    images = ElementTree.parse(metainfo).findall("./screenshots/screenshot/image")
    if not images:
        sys.exit(f"{metainfo}: no screenshots")
    listed = set()
    for image in images:
        name = os.path.basename(image.text.strip())
        listed.add(name)
        width, height = png_size(os.path.join(directory, name))
        stated = (int(image.get("width")), int(image.get("height")))
        if (width, height) != stated:
            sys.exit(f"{name}: {width}×{height} pixels, the metainfo says {stated[0]}×{stated[1]}")
        print(f"ok {name} {width}×{height}")
    unlisted = set(n for n in os.listdir(directory) if n.endswith(".png")) - listed
    if unlisted:
        sys.exit(f"not in the metainfo: {', '.join(sorted(unlisted))}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
