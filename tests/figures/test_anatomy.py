"""The anatomy drawings: every structure the text names is labelled, the SVG is accessible, and
the front view's angle is the Q-angle model's."""

import xml.etree.ElementTree as ET

import pytest

from widgets import q_angle
from widgets.figures import anatomy

SVG = "{http://www.w3.org/2000/svg}"


def texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [t.text or "" for t in root.iter(f"{SVG}text")]


@pytest.mark.parametrize(
    "structure",
    ["Femur", "Patella", "Trochlea", "Quadriceps tendon", "Patellar tendon", "Cartilage", "Fat pad", "Tibia"],
)
def test_side_view_labels_every_structure(structure):
    assert any(structure in t for t in texts(anatomy.knee_side_view_svg()))


@pytest.mark.parametrize("svg", [anatomy.knee_side_view_svg(), anatomy.q_angle_front_view_svg()])
def test_drawings_are_accessible_images_that_scale(svg):
    root = ET.fromstring(svg)
    assert root.get("role") == "img" and root.get("viewBox")
    assert root.find(f"{SVG}title").text and len(root.find(f"{SVG}desc").text) > 80
    assert root.get("width") is None  # width comes from CSS, so it never overflows a phone


def test_front_view_shows_the_models_q_angle():
    q = q_angle.leg_landmarks(pelvis_half_width_cm=14).q_deg
    assert f"Q = {q:.0f}°" in texts(anatomy.q_angle_front_view_svg(14))


def test_figure_markdown_is_a_raw_html_block_with_caption():
    markdown = anatomy.figure_markdown("side")
    assert markdown.startswith("```{raw} html\n<figure") and "kneecap" in markdown.split("```")[-1]
