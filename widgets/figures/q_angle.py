"""Plotly figure for the Q-angle visualizer: a right leg from the front, drawn from the
landmarks of widgets.q_angle, with every control state precomputed (no kernel needed)."""

from __future__ import annotations

import math

import plotly.graph_objects as go

from widgets import pf_load, q_angle
from widgets.figures.palette import BLUE, GREY, ORANGE, SKY_BLUE, VERMILLION, base_layout

# Static-site options: (label, pelvis half-width cm, tibial internal rotation °).
BUILDS = (
    ("Narrower pelvis", 11.0, 0.0),
    ("Wider pelvis", 16.0, 0.0),
    ("Narrower pelvis, feet rolling in", 11.0, 10.0),
    ("Wider pelvis, feet rolling in", 16.0, 10.0),
)
VALGUS_STEPS_DEG = tuple(range(0, 16))  # femoral adduction; internal rotation rises with it
IR_PER_ADDUCTION = 20 / 15  # femoral internal rotation (°) per degree of adduction, to 20° at 15°
FORCE_ACTIVITY = "running"


def valgus_leg(pelvis_half_width_cm: float, valgus_deg: float, tibial_ir_deg: float) -> q_angle.Leg:
    return q_angle.leg_landmarks(
        pelvis_half_width_cm=pelvis_half_width_cm,
        femoral_adduction_deg=valgus_deg,
        femoral_internal_rotation_deg=valgus_deg * IR_PER_ADDUCTION,
        tibial_internal_rotation_deg=tibial_ir_deg,
    )


def _quad_force_n() -> float:
    return pf_load.peak_load(FORCE_ACTIVITY).quadriceps_force_n


def leg_traces(leg: q_angle.Leg, quad_force_n: float) -> list[dict]:
    """The traces of one drawn leg as plain dicts (x, y, text) for restyling: the whole leg, its
    marker on the typical-range scale, and a close-up of the knee drawn at the same scale."""
    q = leg.q_deg
    (ax, ay), (px, py), (tx, ty) = leg.asis, leg.patella, leg.tuberosity
    ux, uy = (px - ax), (py - ay)
    norm = math.hypot(ux, uy)
    ux, uy = ux / norm, uy / norm  # unit vector along the quadriceps line, pointing down
    lateral = q_angle.lateral_force(quad_force_n, q)
    arrow_cm = 20 * lateral / quad_force_n  # sideways pull drawn as 20 cm per quadriceps force
    # Angle arc (radius 4 cm) from the extended quadriceps line to the tendon line.
    start = math.atan2(uy, ux)
    end = math.atan2(ty - py, tx - px)
    arc = [start + (end - start) * i / 16 for i in range(17)]
    radius = 4.0
    return [
        dict(x=[0, ax, leg.hip[0]], y=[0, ay, leg.hip[1]]),  # pelvis: midline → ASIS → hip
        dict(x=[leg.hip[0], leg.knee[0]], y=[leg.hip[1], leg.knee[1]]),  # femur
        dict(x=[leg.knee[0], leg.ankle[0]], y=[leg.knee[1], leg.ankle[1]]),  # tibia
        dict(x=[ax, px + ux * 14], y=[ay, py + uy * 14]),  # ASIS → patella, extended
        dict(x=[px, tx], y=[py, ty]),  # patella → tuberosity
        dict(x=[px, tx, ax], y=[py, ty, ay]),  # landmarks
        dict(x=[q], y=[0.5]),  # this leg on the typical-range scale
        # Close-up of the knee (same traces, shorter lines, at the same 1:1 scale).
        dict(x=[px - ux * 9, px + ux * 9], y=[py - uy * 9, py + uy * 9]),
        dict(x=[px, tx], y=[py, ty]),
        dict(x=[px + radius * math.cos(a) for a in arc], y=[py + radius * math.sin(a) for a in arc]),
        dict(x=[px, px + arrow_cm], y=[py, py]),
        dict(x=[px, tx], y=[py, ty]),
        dict(x=[0.5], y=[0.5], text=[f"<b>Q = {q:.1f}°</b><br>sideways pull on the kneecap {lateral:,.0f} N"]),
    ]


TRACES_PER_BUILD = 13


def _styles() -> list[dict]:
    main, close = dict(xaxis="x", yaxis="y"), dict(xaxis="x3", yaxis="y3")
    landmark = dict(size=[16, 10, 10], color=[SKY_BLUE, ORANGE, BLUE], line=dict(color="#1f1f1f", width=1))
    return [
        dict(main, mode="lines", line=dict(color=GREY, width=9), name="Bones: pelvis, thigh, shin", hoverinfo="skip"),
        dict(main, mode="lines", line=dict(color=GREY, width=11), name="femur", hoverinfo="skip", showlegend=False),
        dict(main, mode="lines", line=dict(color=GREY, width=9), name="tibia", hoverinfo="skip", showlegend=False),
        dict(main, mode="lines", line=dict(color=BLUE, width=3, dash="dash"), name="ASIS → kneecap (quadriceps line)"),
        dict(main, mode="lines", line=dict(color=ORANGE, width=4), name="Kneecap → tibial tuberosity"),
        dict(
            main,
            mode="markers",
            marker=landmark,
            name="Landmarks",
            hoverinfo="text",
            hovertext=["kneecap (patella)", "tibial tuberosity", "ASIS (front of the hip bone)"],
        ),
        dict(
            mode="markers",
            xaxis="x2",
            yaxis="y2",
            marker=dict(symbol="diamond", size=16, color=VERMILLION),
            showlegend=False,
            name="this leg",
            hovertemplate="this leg: %{x:.1f}°<extra></extra>",
        ),
        dict(close, mode="lines", line=dict(color=BLUE, width=3, dash="dash"), showlegend=False, name="q-line close"),
        dict(close, mode="lines", line=dict(color=ORANGE, width=5), showlegend=False, name="tendon close"),
        dict(
            close, mode="lines", line=dict(color="#1f1f1f", width=2), showlegend=False, name="angle", hoverinfo="skip"
        ),
        dict(
            close,
            mode="lines+markers",
            line=dict(color=VERMILLION, width=5),
            name="Sideways pull on the kneecap",
            marker=dict(symbol="arrow", size=16, angleref="previous", color=VERMILLION),
        ),
        dict(
            close,
            mode="markers",
            marker=dict(size=[26, 12], color=[SKY_BLUE, ORANGE], line=dict(color="#1f1f1f", width=1)),
            showlegend=False,
            name="landmarks close",
            hoverinfo="skip",
        ),
        dict(
            mode="text",
            xaxis="x4",
            yaxis="y4",
            textfont=dict(size=15, color="#1f1f1f"),
            textposition="middle center",
            showlegend=False,
            hoverinfo="skip",
            name="label",
        ),
    ]


def q_angle_figure() -> go.Figure:
    quad = _quad_force_n()
    legs = {(b, v): valgus_leg(pw, v, tir) for b, (_, pw, tir) in enumerate(BUILDS) for v in VALGUS_STEPS_DEG}
    styles = _styles()
    traces = []
    for b in range(len(BUILDS)):
        for style, data in zip(styles, leg_traces(legs[(b, 0)], quad), strict=True):
            shown = style.get("showlegend", True) and b == 0
            traces.append(
                go.Scatter(**{**style, "showlegend": shown}, **data, visible=b == 0, legendgroup=style["name"])
            )
    n_leg = len(traces)
    # Typical standing Q-angles (mean ± 1 SD) on a scale below, behind the moving marker.
    for i, (group, (low, high)) in enumerate(q_angle.typical_ranges().items()):
        traces.append(
            go.Scatter(
                x=[low, high],
                y=[i, i],
                mode="lines+text",
                line=dict(color=SKY_BLUE if i == 0 else ORANGE, width=14),
                text=["", f" {group} {low:.0f}–{high:.0f}°"],
                textposition="middle right",
                xaxis="x2",
                yaxis="y2",
                showlegend=False,
                hovertemplate=f"{group}: {low:.1f}–{high:.1f}° (mean ± 1 SD)<extra></extra>",
            )
        )
    fig = go.Figure(traces[n_leg:] + traces[:n_leg])  # ranges first, so the marker is drawn on top
    offset = len(traces) - n_leg
    steps = []
    for v in VALGUS_STEPS_DEG:
        data = [d for b in range(len(BUILDS)) for d in leg_traces(legs[(b, v)], quad)]
        steps.append(
            dict(
                label=f"{v}°",
                method="restyle",
                args=[
                    {"x": [d["x"] for d in data], "y": [d["y"] for d in data], "text": [d.get("text") for d in data]},
                    [offset + i for i in range(n_leg)],
                ],
            )
        )
    # The menu picks a build: its traces become visible. The slider restyles every build, so the
    # drawing keeps the chosen amount of valgus when the build changes.
    buttons = []
    for b, (label, _, _) in enumerate(BUILDS):
        visible = [True] * offset + [bb == b for bb in range(len(BUILDS)) for _ in range(TRACES_PER_BUILD)]
        buttons.append(dict(label=label, method="restyle", args=[{"visible": visible}]))
    hidden = dict(showgrid=False, zeroline=False, showticklabels=False)
    fig.update_layout(
        **base_layout(
            xaxis=dict(hidden, range=[-4, 22], domain=[0, 0.36], anchor="y", scaleanchor="y", scaleratio=1),
            yaxis=dict(hidden, range=[-95, 5], domain=[0.25, 1]),
            xaxis3=dict(hidden, domain=[0.4, 1], anchor="y3", scaleanchor="y3", scaleratio=1, constrain="domain"),
            yaxis3=dict(hidden, domain=[0.25, 1], anchor="x3", constrain="domain"),
            xaxis2=dict(
                range=[0, 45],  # room right of the bars for their labels
                domain=[0, 1],
                anchor="y2",
                tickvals=[0, 10, 20, 30, 40],
                title=dict(text="Standing Q-angle (°), mean ± 1 SD", standoff=4),
            ),
            yaxis2=dict(hidden, range=[-0.8, 1.8], domain=[0, 0.1]),
            xaxis4=dict(hidden, range=[0, 1], domain=[0, 1], anchor="y4", fixedrange=True),
            yaxis4=dict(hidden, range=[0, 1], domain=[0.13, 0.23], fixedrange=True),
            annotations=[
                dict(
                    text="Knee close-up",
                    x=0.7,
                    y=1.0,
                    xref="paper",
                    yref="paper",
                    showarrow=False,
                    font=dict(size=13, color=GREY),
                )
            ],
            updatemenus=[
                # name labels the keyboard twin of this menu (assets/rk/plotly-loader.js)
                dict(
                    name="Pelvis and feet", type="dropdown", buttons=buttons, x=0, xanchor="left", y=1.12, yanchor="top"
                )
            ],
            sliders=[
                dict(
                    active=0,
                    currentvalue=dict(prefix="Knee dropping inward (thigh adduction): "),
                    pad=dict(t=60),
                    steps=steps,
                )
            ],
            legend=dict(orientation="h", yanchor="top", y=-0.4, xanchor="left", x=0),
            margin=dict(l=16, r=16, t=70, b=30),
            height=820,
        )
    )
    return fig


def q_angle_view():
    from widgets.display import SiteFigure

    ranges = q_angle.typical_ranges()
    narrow, wide = valgus_leg(BUILDS[0][1], 0, 0).q_deg, valgus_leg(BUILDS[1][1], 0, 0).q_deg
    collapsed = valgus_leg(BUILDS[0][1], VALGUS_STEPS_DEG[-1], 0).q_deg
    return SiteFigure(
        q_angle_figure(),
        name="q-angle",
        alt=(
            "Front view of a right leg: pelvis, thigh bone and shin bone, with the line from the front of the hip "
            "bone (ASIS) to the kneecap and the line from the kneecap to the tibial tuberosity; the angle between "
            f"them is the Q-angle. A wider pelvis raises it from {narrow:.0f}° to {wide:.0f}°; letting the knee drop "
            f"inward raises it to {collapsed:.0f}°, and the arrow showing the sideways pull on the kneecap grows. "
            f"A scale below marks typical standing values: men {ranges['men'][0]:.0f}–{ranges['men'][1]:.0f}°, "
            f"women {ranges['women'][0]:.0f}–{ranges['women'][1]:.0f}°."
        ),
        caption=(
            "Drag the slider to let the knee drop inward, as it does on a single-leg squat when the hip muscles are "
            "weak, and pick a pelvis in the menu. The quadriceps pulls along the dashed line; the further the "
            "tendon line turns away from it, the harder the kneecap is pulled sideways (red arrow: its length is "
            "the sideways share of the quadriceps pull). Feet rolling in (pronation) turn the shin inward, "
            "which on its own moves the tuberosity inward and lowers the measured angle."
        ),
    )
