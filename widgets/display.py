"""Show figures and static widgets the same way on the static site and in JupyterLab.

A :class:`SiteFigure` carries two representations of one plotly figure:

- ``application/vnd.plotly.v1+json`` — JupyterLab draws it natively;
- ``text/html`` — a small container with the figure JSON that the site's own
  ``_static/rk/plotly-loader.js`` draws with the vendored plotly.js. No plotly.js is inlined
  per page and nothing is loaded from a CDN; the HTML has no random ids, so stored notebook
  outputs are stable for nbval.

``_ext/course_site.py`` adds the loader only to pages that contain ``class="rk-plotly"``, and
a widget's script only to pages that contain ``data-rk-widget="NAME"``.

Each site figure has a stable ``name`` and a static rendering of it, committed as
``assets/figures/NAME-<width>.svg`` (made in Chromium with the same plotly.js by ``make figures``,
which records the hash of the spec it drew in ``assets/figures/figures.json``). The page shows
that picture at once, at the figure's own height, and the loader fetches plotly.js only when the
reader reaches (or nears) or touches the figure, never just because the page is idle; with scripts
off the picture stays.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math

import numpy as np
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


# Five significant digits: every value the site shows (hover labels, axis ticks, "2,236 N") is
# formatted to at most five, and plotly's JSON otherwise carries 17 ("1.2285600319106502").
SIGNIFICANT_DIGITS = 5


def _round_floats(value: object) -> object:
    if isinstance(value, float):
        if not math.isfinite(value):
            return None  # JSON has no NaN; plotly draws None as a gap, as it does NaN
        rounded = float(f"{value:.{SIGNIFICANT_DIGITS}g}")
        # 30.0 -> 30: the same number to JavaScript, two characters shorter.
        return int(rounded) if rounded.is_integer() and abs(rounded) < 2**53 else rounded
    if isinstance(value, list):
        return [_round_floats(item) for item in value]
    if isinstance(value, dict):
        if _is_typed_array(value):
            return _round_floats(_decode_typed_array(value))
        return {key: _round_floats(item) for key, item in value.items()}
    return value


def _is_typed_array(value: dict) -> bool:
    return set(value) in ({"dtype", "bdata"}, {"dtype", "bdata", "shape"})


def _decode_typed_array(value: dict) -> list:
    """plotly.py writes numpy arrays as base64 float64 ("bdata"): 8 bytes per number plus a
    third for base64. A list of rounded numbers is about half that for the site's curves."""
    array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]).newbyteorder("<"))
    if "shape" in value:
        array = array.reshape([int(n) for n in str(value["shape"]).split(",")])
    return array.tolist()


# Kinds of subplot with their own axes; a template styles each in its own layout entry.
SUBPLOT_KINDS = ("geo", "mapbox", "map", "polar", "scene", "smith", "ternary")
# Trace types drawn on x/y axes (or, for pie, on none): they never create those subplots.
FLAT_TRACE_TYPES = {"scatter", "bar", "pie", "histogram", "box", "violin", "heatmap", "contour", "waterfall", "funnel"}


def _trace_types(spec: dict) -> set[str]:
    """Trace types drawn by the figure, including any that a button or slider step adds."""
    types = {trace.get("type", "scatter") for trace in spec.get("data", [])}
    for frame in spec.get("frames", []):
        types |= {trace.get("type", "scatter") for trace in frame.get("data", [])}
    return types


def compact_spec(spec: dict) -> dict:
    """The same figure in fewer bytes: it is embedded in the page a reader downloads.

    - Template defaults for trace types the figure does not draw are dropped (plotly's
      templates carry styles for ~40 types, 7 KB per figure); plotly applies a template's
      ``data`` entries only to traces of that type, so the drawing is unchanged.
    - Template entries for kinds of subplot the figure does not have (3-D scenes, maps, polar
      and ternary axes) are dropped likewise.
    - Numeric arrays are written as lists of numbers rounded to :data:`SIGNIFICANT_DIGITS`
      significant digits, whole numbers without ".0".
    """
    compact = _round_floats(spec)  # a new dict: the caller's spec is left as it was
    template_data = compact.get("layout", {}).get("template", {}).get("data")
    if isinstance(template_data, dict):
        used = _trace_types(compact)
        compact["layout"]["template"]["data"] = {kind: style for kind, style in template_data.items() if kind in used}
    template_layout = compact.get("layout", {}).get("template", {}).get("layout")
    if isinstance(template_layout, dict) and _trace_types(compact) <= FLAT_TRACE_TYPES:
        for subplot in SUBPLOT_KINDS:
            if not any(key.startswith(subplot) for key in compact["layout"]):
                template_layout.pop(subplot, None)
    return compact


# The static pictures: one narrow (phones: the text column is ~340 px wide at 390 px) and one
# wide (tablets and desktops: 670–775 px); the picture is scaled into the figure's box.
STATIC_WIDTHS = (360, 720)
STATIC_WIDE_MEDIA = "(min-width: 576px)"  # viewport width from which the wide picture is used
STATIC_DIR = "figures"  # under assets/, served as _static/figures/
PLOTLY_DEFAULT_HEIGHT = 450  # plotly's own when a layout sets none


def spec_hash(spec: dict) -> str:
    """The hash recorded with a static picture: it changes whenever the drawn figure would."""
    text = json.dumps(spec, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def static_file(name: str, width: int) -> str:
    return f"{STATIC_DIR}/{name}-{width}.svg"


class SiteFigure:
    """A plotly figure with a text alternative, displayable on the site and in JupyterLab.

    ``name`` (letters, digits, -) names its static picture, ``assets/figures/NAME-<width>.svg``;
    it is fixed in the code that makes the figure, so it is the same on every build.
    """

    def __init__(self, figure: go.Figure, alt: str, caption: str | None = None, *, name: str):
        if not alt or not alt.strip():
            raise ValueError("Every figure needs a text alternative (alt) that says what it shows.")
        if not name or not name.replace("-", "").isalnum() or name != name.lower():
            raise ValueError(f"figure name must be lower-case letters, digits and -: {name!r}")
        self.figure = figure
        self.alt = alt.strip()
        self.caption = caption
        self.name = name

    def spec(self) -> dict:
        spec = compact_spec(json.loads(pio.to_json(self.figure, validate=False)))
        spec["config"] = PLOTLY_CONFIG
        return spec

    def height(self) -> int:
        return int(self.figure.layout.height or PLOTLY_DEFAULT_HEIGHT)

    def to_html(self) -> str:
        caption = f'<figcaption class="rk-caption">{html.escape(self.caption)}</figcaption>' if self.caption else ""
        # The text alternative labels the <figure> (not role="img" on the plot: the plot holds
        # sliders and buttons, and an image cannot contain controls) and is also in the page as
        # visually hidden text, so it is found by search and read in reading order. While the
        # static picture is shown, its alt says it instead (the loader unhides the text when the
        # interactive figure replaces the picture), so a screen reader hears it once.
        # The box has the interactive figure's height from the start: no layout shift.
        alt = html.escape(self.alt, quote=True)
        narrow, wide = (static_file(self.name, width) for width in STATIC_WIDTHS)
        height = self.height()
        picture = (
            f'<picture class="rk-plotly-static">'
            f'<source media="{STATIC_WIDE_MEDIA}" srcset="_static/{wide}">'
            f'<img src="_static/{narrow}" alt="{alt}" width="{STATIC_WIDTHS[0]}" height="{height}" decoding="async">'
            f"</picture>"
        )
        return (
            f'<figure class="rk-plotly" data-rk-widget="plotly" data-rk-figure="{self.name}" aria-label="{alt}">'
            f'<p class="visually-hidden rk-plotly-alt" aria-hidden="true">{alt}</p>'
            f'<div class="rk-plotly-target" style="height:{height}px">{picture}</div>'
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
