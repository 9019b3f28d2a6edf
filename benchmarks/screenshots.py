"""Screenshots of every page at phone (390 px) and desktop (1280 px) width, for review.

Writes _build/screenshots/<width>/<page>.png (full page) and prints where they are.
"""

from __future__ import annotations

from served_site import REPO, chromium, served, toc_docnames

OUT = REPO / "_build" / "screenshots"


def main() -> None:
    with served() as base, chromium() as browser:
        for width in (390, 1280):
            context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1)
            page = context.new_page()
            for docname in toc_docnames():
                page.goto(f"{base}/{docname}.html", wait_until="load")
                if page.locator("figure.rk-plotly").count():
                    page.wait_for_selector("figure.rk-plotly[data-drawn='true']", timeout=10_000)
                path = OUT / str(width) / (docname.replace("/", "__") + ".png")
                path.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(path), full_page=True)
            context.close()
            print(f"{width:5d} px: {len(toc_docnames())} screenshots in {OUT / str(width)}")


if __name__ == "__main__":
    main()
