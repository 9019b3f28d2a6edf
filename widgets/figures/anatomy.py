"""Anatomy drawings made by code (no copied images): a labelled side view of the knee and a front
view of the leg with the Q-angle. Plain inline SVG, so they need no script, scale to any width
(viewBox) and print; each has a <title> and <desc> for screen readers.

The side view is a schematic, not to scale. The front view uses the landmarks of
``widgets.q_angle`` (the same geometry as the interactive Q-angle page).
"""

from __future__ import annotations

import html
import math

from widgets import q_angle
from widgets.figures.palette import BLUE, GREY, ORANGE, SKY_BLUE, VERMILLION

BONE = "#efe6d2"
BONE_EDGE = "#8a7a5a"
CARTILAGE = "#9fd3f0"
TENDON = "#c9a227"
FAT = "#f5d36b"
MUSCLE = "#d98c7a"
TEXT = "#1f1f1f"


def _label(x, y, text, tx, ty, anchor="start") -> str:
    """A label starting at (tx, ty) with a thin leader line from the point (x, y). For a label to
    the left of its point, the leader ends after the text (about 7.3 px per character at 14 px)."""
    end = tx + 7.3 * len(text) + 8 if tx < x else tx
    return (
        f'<line x1="{x}" y1="{y}" x2="{end:.0f}" y2="{ty}" stroke="{TEXT}" stroke-width="1"/>'
        f'<circle cx="{x}" cy="{y}" r="2.5" fill="{TEXT}"/>'
        f'<text x="{tx + 4}" y="{ty + 5}" text-anchor="{anchor}">{html.escape(text)}</text>'
    )


def knee_side_view_svg() -> str:
    """Side view of a right knee, front of the body to the right, knee slightly bent."""
    parts = [
        # Quadriceps muscle and tendon (front of the thigh, to the right).
        f'<path d="M238 10 C262 60 262 120 250 150 L232 150 C236 110 230 60 214 10 Z" fill="{MUSCLE}" opacity="0.85"/>',
        f'<path d="M232 146 L252 146 L250 176 L236 178 Z" fill="{TENDON}"/>',
        # Femur: shaft and the rounded end (condyle); the front of its end is the trochlea.
        f'<path d="M140 10 L200 10 L206 150 C230 170 236 214 214 238 C192 262 146 262 126 236 '
        f'C110 214 116 176 134 156 Z" fill="{BONE}" stroke="{BONE_EDGE}" stroke-width="2"/>',
        # Cartilage on the femur's end (trochlea and condyle surface).
        f'<path d="M212 164 C232 186 232 218 214 238 C196 256 160 260 134 244" fill="none" '
        f'stroke="{CARTILAGE}" stroke-width="7" stroke-linecap="round"/>',
        # Tibia.
        f'<path d="M120 276 L224 270 C230 282 226 296 214 300 L200 302 L196 410 L150 410 L146 300 '
        f'C130 298 118 290 120 276 Z" fill="{BONE}" stroke="{BONE_EDGE}" stroke-width="2"/>',
        f'<path d="M122 276 L224 270" stroke="{CARTILAGE}" stroke-width="6" stroke-linecap="round"/>',
        # Tibial tuberosity bump at the front of the tibia.
        f'<path d="M214 300 C228 306 228 322 212 330" fill="{BONE}" stroke="{BONE_EDGE}" stroke-width="2"/>',
        # Fat pad behind the patellar tendon, below the kneecap.
        f'<path d="M222 226 C244 236 248 262 238 276 C226 280 214 270 212 256 C210 242 214 232 222 226 Z" '
        f'fill="{FAT}" stroke="#b89b2a" stroke-width="1"/>',
        # Patellar tendon: kneecap to the tibial tuberosity.
        f'<path d="M246 224 L258 228 L226 318 L214 312 Z" fill="{TENDON}"/>',
        # Patella (kneecap) with its cartilage on the back surface facing the trochlea.
        f'<ellipse cx="248" cy="200" rx="18" ry="30" transform="rotate(-12 248 200)" fill="{BONE}" '
        f'stroke="{BONE_EDGE}" stroke-width="2"/>',
        f'<path d="M236 176 C229 192 229 210 236 226" fill="none" stroke="{CARTILAGE}" stroke-width="6" '
        f'stroke-linecap="round"/>',
    ]
    labels = [
        _label(170, 80, "Femur (thigh bone)", 4, 40),
        _label(244, 60, "Quadriceps muscle", 268, 40),
        _label(244, 162, "Quadriceps tendon", 272, 140),
        _label(256, 196, "Patella (kneecap)", 278, 190),
        _label(230, 190, "Cartilage", 272, 240),
        _label(224, 182, "Trochlea (groove)", 4, 120),
        _label(230, 256, "Fat pad", 272, 285),
        _label(244, 272, "Patellar tendon", 272, 330),
        _label(222, 318, "Tibial tuberosity", 4, 350),
        _label(172, 380, "Tibia (shin bone)", 4, 400),
    ]
    return _svg(
        "knee-side-view",
        "Side view of the knee",
        "Schematic side view of a right knee, front to the right: the femur above with cartilage over its "
        "rounded end and the groove at its front (the trochlea); the patella sitting in that groove with "
        "cartilage on its back; the quadriceps muscle and tendon attaching to the top of the patella; the "
        "patellar tendon running from the patella to the tibial tuberosity on the front of the tibia; and the "
        "fat pad behind the patellar tendon, below the kneecap.",
        "0 0 420 420",
        "".join(parts) + "".join(labels),
    )


def q_angle_front_view_svg(pelvis_half_width_cm: float = 14.0) -> str:
    """Front view of a right leg with the two lines of the Q-angle and its value."""
    leg = q_angle.leg_landmarks(pelvis_half_width_cm=pelvis_half_width_cm)
    scale, ox, oy = 4.0, 40.0, 20.0

    def p(point):
        return f"{ox + point[0] * scale:.1f}", f"{oy - point[1] * scale:.1f}"

    (ax, ay), (hx, hy), (kx, ky) = p(leg.asis), p(leg.hip), p(leg.knee)
    (px, py), (tx, ty), (fx, fy) = p(leg.patella), p(leg.tuberosity), p(leg.ankle)
    ux, uy = leg.patella[0] - leg.asis[0], leg.patella[1] - leg.asis[1]
    norm = math.hypot(ux, uy)
    ex, ey = p((leg.patella[0] + ux / norm * 20, leg.patella[1] + uy / norm * 20))
    parts = [
        f'<path d="M{ox} {oy} L{ax} {ay} L{hx} {hy}" fill="none" stroke="{GREY}" stroke-width="10" '
        f'stroke-linejoin="round"/>',
        f'<line x1="{hx}" y1="{hy}" x2="{kx}" y2="{ky}" stroke="{GREY}" stroke-width="12" stroke-linecap="round"/>',
        f'<line x1="{kx}" y1="{ky}" x2="{fx}" y2="{fy}" stroke="{GREY}" stroke-width="10" stroke-linecap="round"/>',
        f'<line x1="{ax}" y1="{ay}" x2="{ex}" y2="{ey}" stroke="{BLUE}" stroke-width="3" stroke-dasharray="8 5"/>',
        f'<line x1="{px}" y1="{py}" x2="{tx}" y2="{ty}" stroke="{ORANGE}" stroke-width="4"/>',
        f'<circle cx="{px}" cy="{py}" r="9" fill="{SKY_BLUE}" stroke="{TEXT}"/>',
        f'<circle cx="{tx}" cy="{ty}" r="5" fill="{ORANGE}" stroke="{TEXT}"/>',
        f'<circle cx="{ax}" cy="{ay}" r="5" fill="{BLUE}" stroke="{TEXT}"/>',
        f'<line x1="{ox}" y1="{oy - 10}" x2="{ox}" y2="{oy + 400}" stroke="{GREY}" stroke-dasharray="2 6"/>',
        f'<text x="{float(px) + 16}" y="{float(py) + 30}" fill="{VERMILLION}" font-weight="bold">'
        f"Q = {leg.q_deg:.0f}°</text>",
    ]
    labels = [
        _label(float(ax), float(ay), "ASIS (front of the hip bone)", float(ax) + 20, float(ay) + 4),
        _label(float(px), float(py), "Kneecap centre", float(px) + 40, float(py) - 20),
        _label(float(tx), float(ty), "Tibial tuberosity", float(tx) + 40, float(ty) + 12),
        f'<text x="{ox + 4}" y="{oy + 395}" fill="{GREY}">body midline</text>',
    ]
    return _svg(
        "q-angle-front-view",
        "Front view of the leg and the Q-angle",
        f"Front view of a right leg: a dashed line from the front of the hip bone (ASIS) to the centre of the "
        f"kneecap, continued past it, and a solid line from the kneecap to the tibial tuberosity below it. The "
        f"angle between them is the Q-angle, here {leg.q_deg:.0f} degrees.",
        "0 0 360 440",
        "".join(parts) + "".join(labels),
    )


def _svg(slug: str, title: str, desc: str, viewbox: str, body: str) -> str:
    return (
        f'<svg class="rk-anatomy" viewBox="{viewbox}" role="img" aria-labelledby="{slug}-title {slug}-desc" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif" font-size="14" fill="{TEXT}">'
        f'<title id="{slug}-title">{html.escape(title)}</title><desc id="{slug}-desc">{html.escape(desc)}</desc>'
        f"{body}</svg>"
    )


def figure_markdown(kind: str) -> str:
    """A MyST raw-HTML figure for the ``{generated}`` directive: ``side`` or ``front``."""
    svg = {"side": knee_side_view_svg, "front": q_angle_front_view_svg}[kind]()
    caption = {
        "side": "The knee from the side (schematic). The kneecap glides in the groove at the front of the "
        "thigh bone; both surfaces are lined with cartilage.",
        "front": "The Q-angle: the angle between the line from the hip's front point to the kneecap and the line "
        "from the kneecap to the tibial tuberosity. Try it on the {doc}`interactive Q-angle page <q-angle>`.",
    }[kind]
    return f'```{{raw}} html\n<figure class="rk-anatomy-figure">{svg}</figure>\n```\n\n{caption}'
