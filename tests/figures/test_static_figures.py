"""The static pictures of the site's figures (assets/figures/, shown before plotly.js loads):
one for every figure a page shows, each drawn from the figure's current spec."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from widgets.display import STATIC_WIDTHS, spec_hash, static_file
from widgets.figures.site import ASSETS, SITE_FIGURES, site_figures, stored_hashes

REPO = Path(__file__).resolve().parent.parent.parent
FIGURES = site_figures()


@pytest.mark.parametrize("figure", FIGURES, ids=[f.name for f in FIGURES])
def test_static_pictures_are_drawn_from_the_current_figure(figure):
    stored = stored_hashes().get(figure.name)
    assert stored == spec_hash(figure.spec()), (
        f"The static picture of figure {figure.name!r} is stale (its spec changed since it was rendered): "
        f"run `make figures` and commit assets/figures/."
    )
    for width in STATIC_WIDTHS:
        path = ASSETS / static_file(figure.name, width)
        assert path.exists(), f"{path.relative_to(REPO)} is missing: run `make figures`."
        svg = ET.parse(path).getroot()
        assert svg.tag.endswith("svg")
        assert (svg.get("width"), svg.get("height")) == (str(width), str(figure.height())), path.name


def test_figure_names_are_unique():
    names = [figure.name for figure in FIGURES]
    assert len(names) == len(set(names)) == len(SITE_FIGURES)


def test_every_figure_on_a_page_is_listed_and_every_listed_figure_is_on_a_page():
    shown = set()
    for notebook in (REPO / "book").rglob("*.ipynb"):
        shown |= set(re.findall(r'data-rk-figure=\\"([a-z0-9-]+)\\"', notebook.read_text(encoding="utf-8")))
    listed = {figure.name for figure in FIGURES}
    assert shown - listed == set(), "figures on a page but not in widgets.figures.site.SITE_FIGURES"
    assert listed - shown == set(), "figures in SITE_FIGURES that no page shows"


def test_manifest_lists_exactly_the_site_figures():
    manifest = json.loads((ASSETS / "figures" / "figures.json").read_text(encoding="utf-8"))
    assert set(manifest) == {figure.name for figure in FIGURES}
