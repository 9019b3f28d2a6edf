"""Render the site's icons from the hand-drawn site-root/favicon.svg (run: make icons).

Writes, beside the SVG (site-root/ is copied to the root of the built site):
- favicon-32.png: the PNG fallback for browsers that do not draw SVG icons;
- apple-touch-icon.png: 180 x 180, opaque (phones add their own rounded corners, and iOS
  would fill transparent corners with black), for a phone's home screen;
- favicon.ico: 16, 32 and 48 px PNGs in one ICO file, for /favicon.ico, which browsers and
  other tools request at the site root when a page names no icon.

Uses Debian's Chromium through Playwright (already needed by the browser tests), so no image
library is added to requirements.txt. The outputs are committed; re-run only after editing
the SVG.
"""

from __future__ import annotations

import base64
import struct

from served_site import REPO, chromium

ICONS = REPO / "site-root"
SVG = ICONS / "favicon.svg"
BACKGROUND = "#0072B2"  # the SVG's own background colour, for the opaque phone icon


def render(page, size: int, opaque: bool) -> bytes:
    data = base64.b64encode(SVG.read_bytes()).decode()
    background = BACKGROUND if opaque else "transparent"
    page.set_viewport_size({"width": size, "height": size})
    page.set_content(
        f'<body style="margin:0;background:{background}">'
        f'<img src="data:image/svg+xml;base64,{data}" width="{size}" height="{size}" style="display:block"></body>'
    )
    page.wait_for_function("document.images[0].complete")
    return page.screenshot(omit_background=not opaque, type="png")


def ico(pngs: dict[int, bytes]) -> bytes:
    """An ICO file holding PNG images (allowed since Windows Vista; every browser reads it)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, images = b"", b""
    for size, png in sorted(pngs.items()):
        # width, height (0 means 256), colours in palette, reserved, planes, bits per pixel, bytes, offset
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(png), offset + len(images))
        images += png
    return header + entries + images


def main() -> None:
    with chromium() as browser:
        context = browser.new_context(device_scale_factor=1)
        page = context.new_page()
        (ICONS / "favicon-32.png").write_bytes(render(page, 32, opaque=False))
        (ICONS / "apple-touch-icon.png").write_bytes(render(page, 180, opaque=True))
        (ICONS / "favicon.ico").write_bytes(ico({size: render(page, size, opaque=False) for size in (16, 32, 48)}))
        context.close()
    for name in ("favicon-32.png", "apple-touch-icon.png", "favicon.ico"):
        print(f"{ICONS / name}: {(ICONS / name).stat().st_size} bytes")


if __name__ == "__main__":
    main()
