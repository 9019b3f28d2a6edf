"""widgets.display: figure specs embedded in pages are compact but draw the same figure."""

import json

import plotly.graph_objects as go
import pytest

from widgets import display


def _figure():
    fig = go.Figure(go.Scatter(x=[0.0, 1.0, 2.0], y=[1.2285600319106502, 2236.4912345, 1e-7]))
    fig.update_layout(template="plotly_white", title="t")
    return fig


def test_floats_are_rounded_to_five_significant_digits():
    spec = display.compact_spec(json.loads(_figure().to_json()))
    assert spec["data"][0]["y"] == [1.2286, 2236.5, 1e-7]
    assert spec["data"][0]["x"] == [0.0, 1.0, 2.0]


def test_rounding_reaches_nested_slider_and_button_arguments_but_not_text():
    spec = {"layout": {"sliders": [{"steps": [{"args": [{"y": [[3.14159265]]}], "label": "3.14159265"}]}]}}
    step = display.compact_spec(spec)["layout"]["sliders"][0]["steps"][0]
    assert step["args"][0]["y"] == [[3.1416]]
    assert step["label"] == "3.14159265"


def test_template_keeps_only_the_trace_types_the_figure_draws():
    full = json.loads(_figure().to_json())
    assert len(full["layout"]["template"]["data"]) > 10  # plotly_white styles ~40 trace types
    original = json.dumps(full)
    spec = display.compact_spec(full)
    assert set(spec["layout"]["template"]["data"]) == {"scatter"}
    # The layout part of the template (fonts, grid colours, axis styles) keeps every entry
    # except the settings of subplot kinds the figure does not have.
    kept = set(full["layout"]["template"]["layout"]) - set(display.SUBPLOT_KINDS)
    assert set(spec["layout"]["template"]["layout"]) == kept
    assert json.dumps(full) == original  # the caller's spec is not changed


def test_trace_types_in_animation_frames_keep_their_template_style():
    spec = json.loads(_figure().to_json())
    spec["frames"] = [{"data": [{"type": "bar", "y": [1]}]}]
    assert set(display.compact_spec(spec)["layout"]["template"]["data"]) == {"scatter", "bar"}


def test_site_figure_embeds_the_compact_spec():
    figure = display.SiteFigure(_figure(), alt="A test line", name="test-line")
    html = figure.to_html()
    assert "1.2286" in html and "1.2285600319106502" not in html
    assert '"heatmap"' not in html


def test_site_figure_needs_a_text_alternative():
    with pytest.raises(ValueError, match="text alternative"):
        display.SiteFigure(_figure(), alt="  ", name="test-line")


def test_numpy_arrays_are_written_as_short_lists_with_gaps_for_nan():
    import numpy as np

    fig = go.Figure(go.Scatter(x=np.arange(0.0, 4.0), y=np.array([0.123456789, np.nan, 2.0, 1e6])))
    spec = display.compact_spec(json.loads(fig.to_json()))
    assert "bdata" in fig.to_json()  # plotly.py's own encoding: base64 float64
    assert spec["data"][0]["x"] == [0, 1, 2, 3]
    assert spec["data"][0]["y"] == [0.12346, None, 2, 1000000]


def test_template_drops_settings_of_subplots_a_flat_figure_does_not_have():
    spec = display.compact_spec(json.loads(_figure().to_json()))
    template_layout = spec["layout"]["template"]["layout"]
    assert not {"scene", "polar", "ternary", "geo"} & set(template_layout)
    assert {"xaxis", "yaxis", "font", "colorway"} <= set(template_layout)


def test_a_3d_figure_keeps_the_template_s_scene_settings():
    fig = go.Figure(go.Scatter3d(x=[0], y=[0], z=[0]))
    fig.update_layout(template="plotly_white")
    assert "scene" in display.compact_spec(json.loads(fig.to_json()))["layout"]["template"]["layout"]


def test_site_figure_shows_its_static_picture_with_the_alt_text_in_a_box_of_the_figure_s_height():
    fig = _figure()
    fig.update_layout(height=440)
    html = display.SiteFigure(fig, alt='A "test" line', name="test-line").to_html()
    assert 'data-rk-figure="test-line"' in html
    assert '<div class="rk-plotly-target" style="height:440px">' in html
    assert '<img src="_static/figures/test-line-360.svg" alt="A &quot;test&quot; line"' in html
    assert 'srcset="_static/figures/test-line-720.svg"' in html


def test_site_figure_needs_a_stable_name():
    for bad in ("", "Has Capitals", "under_score", "a/b"):
        with pytest.raises(ValueError, match="figure name"):
            display.SiteFigure(_figure(), alt="A test line", name=bad)


def test_spec_hash_follows_the_spec():
    spec = display.SiteFigure(_figure(), alt="t", name="t").spec()
    assert display.spec_hash(spec) == display.spec_hash(json.loads(json.dumps(spec)))
    spec["layout"]["title"] = "other"
    assert display.spec_hash(spec) != display.spec_hash(display.SiteFigure(_figure(), alt="t", name="t").spec())
