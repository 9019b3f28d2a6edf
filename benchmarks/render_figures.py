"""Render every site figure to the static pictures the pages show before plotly.js loads
(run: make figures).

For each figure of widgets.figures.site.SITE_FIGURES, draws its spec in headless Chromium with
the site's own vendored plotly.js, at each width of widgets.display.STATIC_WIDTHS and the
figure's own height, and writes plotly's SVG export to assets/figures/NAME-WIDTH.svg. The hash
of the spec each picture was drawn from goes to assets/figures/figures.json; a test compares it
with the current spec, so a changed figure fails until this is re-run. The outputs are
committed: `make book` only copies them and needs no browser.
"""

from __future__ import annotations

import json
import re
from urllib.parse import unquote

from served_site import REPO, chromium

from widgets.display import STATIC_WIDTHS, spec_hash, static_file
from widgets.figures.site import FIGURES_DIR, MANIFEST, site_figures

PLOTLY_JS = next((REPO / "assets" / "vendor" / "plotly").glob("plotly-basic-*.min.js"))

RENDER = """async ([spec, width, height]) => {
  const gd = document.createElement('div');
  gd.style.width = width + 'px';
  gd.style.height = height + 'px';
  document.body.replaceChildren(gd);
  const layout = Object.assign({}, spec.layout, {width, height, autosize: false});
  const config = Object.assign({}, spec.config, {responsive: false});
  await Plotly.newPlot(gd, spec.data, layout, config);
  const url = await Plotly.toImage(gd, {format: 'svg', width, height});
  Plotly.purge(gd);
  return url;
}"""


def svg_from_data_url(url: str) -> str:
    head, _, body = url.partition(",")
    if not head.startswith("data:image/svg+xml"):
        raise ValueError(f"plotly returned {head!r}, not an SVG")
    return unquote(body)


def stable_ids(svg: str) -> str:
    """plotly names its clip paths, defs and legend after a random id of each drawing, and each
    trace by a random uid; fixed ones keep a re-render of an unchanged figure byte-identical (each
    picture is its own document, so the ids cannot clash)."""
    uid = re.search(r'id="defs-([0-9a-f]+)"', svg)
    if uid is not None:
        svg = re.sub(rf"\b(clip|defs-|topdefs-|legend){uid.group(1)}", r"\1rk", svg)
    traces: dict[str, str] = {}  # each trace's random uid, in its class: numbered in order instead
    return re.sub(r"\btrace([0-9a-f]{6})\b", lambda m: "trace" + traces.setdefault(m.group(1), f"rk{len(traces)}"), svg)


def main() -> None:
    FIGURES_DIR.mkdir(parents=True, exist_ok=True)
    manifest = {}
    with chromium() as browser:
        page = browser.new_page()
        page.set_content("<!doctype html><html><body style='margin:0'></body></html>")
        page.add_script_tag(path=str(PLOTLY_JS))
        for figure in site_figures():
            spec = figure.spec()
            for width in STATIC_WIDTHS:
                svg = stable_ids(svg_from_data_url(page.evaluate(RENDER, [spec, width, figure.height()])))
                path = REPO / "assets" / static_file(figure.name, width)
                path.write_text(svg + "\n", encoding="utf-8")
                print(f"{path.relative_to(REPO)}  {len(svg.encode()) / 1e3:.0f} KB")
            manifest[figure.name] = {"spec_sha256": spec_hash(spec), "height": figure.height(),
                                     "widths": list(STATIC_WIDTHS)}
    MANIFEST.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{MANIFEST.relative_to(REPO)}: {len(manifest)} figures")


if __name__ == "__main__":
    main()
