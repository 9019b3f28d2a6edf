"""Every figure the site shows (a :class:`widgets.display.SiteFigure` on a book page), by the
function that makes it. ``make figures`` renders each to the static pictures in
``assets/figures/``; ``tests/figures/test_static_figures.py`` fails when one is stale and
when a page shows a figure that is not listed here."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

from widgets.display import STATIC_DIR, spec_hash

SITE_FIGURES = (
    "widgets.figures.pf_load:activity_view",
    "widgets.figures.pf_load:angle_view",
    "widgets.figures.pf_load:cadence_view",
    "widgets.figures.q_angle:q_angle_view",
    "widgets.figures.return_to_run:protocol_view",
    "widgets.figures.outcomes:example_view",
)

ASSETS = Path(__file__).resolve().parent.parent.parent / "assets"
FIGURES_DIR = ASSETS / STATIC_DIR
MANIFEST = FIGURES_DIR / "figures.json"


def site_figures() -> list:
    """The SiteFigure of every entry of :data:`SITE_FIGURES`, in that order."""
    figures = []
    for entry in SITE_FIGURES:
        module, function = entry.split(":")
        figures.append(getattr(importlib.import_module(module), function)())
    return figures


def stored_hashes() -> dict[str, str]:
    """Figure name → hash of the spec its committed pictures were drawn from."""
    if not MANIFEST.exists():
        return {}
    return {name: entry["spec_sha256"] for name, entry in json.loads(MANIFEST.read_text(encoding="utf-8")).items()}


def stale_figures() -> list[str]:
    """Names of the figures whose committed pictures do not match their current spec."""
    stored = stored_hashes()
    return [figure.name for figure in site_figures() if stored.get(figure.name) != spec_hash(figure.spec())]
