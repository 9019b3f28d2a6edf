"""Show figures and static widgets the same way on the static site and in JupyterLab.

A :class:`SiteFigure` carries two representations of one plotly figure:

- ``application/vnd.plotly.v1+json`` — JupyterLab draws it natively;
- ``text/html`` — a small container with the figure JSON that the site's own
  ``_static/rk/plotly-loader.js`` draws with the vendored plotly.js. No plotly.js is inlined
  per page and nothing is loaded from a CDN; the HTML has no random ids, so stored notebook
  outputs are stable for nbval.

``_ext/course_site.py`` adds plotly.js and the loader only to pages that contain
``class="rk-plotly"``, and a widget's script only to pages that contain
``data-rk-widget="NAME"``.
"""

from __future__ import annotations

import html
import json

import plotly.graph_objects as go
import plotly.io as pio

PLOTLY_MIME = "application/vnd.plotly.v1+json"

# Shared by every figure on the site: responsive, no plotly logo, no "edit in chart studio".
PLOTLY_CONFIG = {
    "responsive": True,
    "displaylogo": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d", "sendDataToCloud"],
}


def _json_for_script(obj: object) -> str:
    # "</" would end the <script> element early; "<\/" is the same JSON string.
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).replace("</", "<\\/")


class SiteFigure:
    """A plotly figure with a text alternative, displayable on the site and in JupyterLab."""

    def __init__(self, figure: go.Figure, alt: str, caption: str | None = None):
        if not alt or not alt.strip():
            raise ValueError("Every figure needs a text alternative (alt) that says what it shows.")
        self.figure = figure
        self.alt = alt.strip()
        self.caption = caption

    def spec(self) -> dict:
        spec = json.loads(pio.to_json(self.figure, validate=False))
        spec["config"] = PLOTLY_CONFIG
        return spec

    def to_html(self) -> str:
        caption = f'<figcaption class="rk-caption">{html.escape(self.caption)}</figcaption>' if self.caption else ""
        # The text alternative labels the <figure> (not role="img" on the plot: the plot holds
        # sliders and buttons, and an image cannot contain controls) and is also in the page as
        # visually hidden text, so it is found by search and read in reading order.
        alt = html.escape(self.alt, quote=True)
        return (
            f'<figure class="rk-plotly" data-rk-widget="plotly" aria-label="{alt}">'
            f'<p class="visually-hidden">{alt}</p>'
            f'<div class="rk-plotly-target"></div>'
            f'<script type="application/json" class="rk-plotly-data">{_json_for_script(self.spec())}</script>'
            f"{caption}</figure>"
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {
            PLOTLY_MIME: self.spec(),
            "text/html": self.to_html(),
            "text/plain": f"<figure: {self.alt}>",
        }


class StaticWidget:
    """Self-contained HTML for a static-site widget, driven by ``_static/rk/NAME.js``.

    ``data`` is embedded as JSON, generated at build time from the same Python data and
    models that the live JupyterLab version calls.
    """

    def __init__(self, name: str, data: object, fallback_html: str, label: str):
        if not name.replace("-", "").replace("_", "").isalnum():
            raise ValueError(f"widget name must be letters, digits, - or _: {name!r}")
        self.name = name
        self.data = data
        self.fallback_html = fallback_html
        self.label = label

    def to_html(self) -> str:
        return (
            f'<section class="rk-widget rk-widget-{self.name}" data-rk-widget="{self.name}" '
            f'aria-label="{html.escape(self.label, quote=True)}">'
            f'<script type="application/json" class="rk-widget-data">{_json_for_script(self.data)}</script>'
            f'<div class="rk-widget-body">{self.fallback_html}</div>'
            f"</section>"
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.to_html(), "text/plain": f"<{self.label}>"}
