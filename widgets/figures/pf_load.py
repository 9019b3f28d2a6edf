"""Plotly figures for the patellofemoral joint load model (values from widgets.pf_load only).

Every control is plotly's own (slider, buttons), with all states precomputed here at build
time, so the static site needs no kernel.
"""

from __future__ import annotations

import plotly.graph_objects as go

from widgets import clinical, pf_load
from widgets.figures.palette import BLUE, GREY, ORANGE, VERMILLION, base_layout

BODY_MASSES_KG = tuple(range(40, 125, 5))  # slider stops for the static figure
DEFAULT_MASS_KG = 70
CADENCE_STEPS_PCT = tuple(range(-10, 11))


def _article_range(activity: str) -> tuple[float, float] | None:
    """The article's figure for an activity, as (low, high) in body weights."""
    if activity == "walking":
        value = clinical.get("joint_force.walking").value
        return value, value
    if activity in ("stair_ascent", "stair_descent"):
        return clinical.bounds("joint_force.stairs")
    if activity == "running":
        return clinical.bounds("joint_force.running")
    # Downhill running: the article gives a multiplier of flat running (2–3×), not a force;
    # the page compares ratios in its evidence note rather than stretching this axis to 36×.
    return None


# The stress axis, drawn over the force axis, of the static and the live (JupyterLab) figure.
# plotly.js 3+ puts an overlaying axis's ticks at the main axis's grid lines ("sync"), which
# gives stress ticks such as 0.85 and 2.55 MPa; "auto" gives round numbers. No fixed tick
# format either: ".0f" printed half-MPa steps as "2, 2, 3, 3".
STRESS_AXIS = dict(
    title="Stress (MPa)", overlaying="y", side="right", rangemode="tozero", showgrid=False, tickmode="auto"
)

# Within each activity's row (1 unit tall): the model's bar in the upper part, the article's
# marker and range on a line below it.
BAR_WIDTH = 0.62
BAR_SHIFT = 0.1
ARTICLE_SHIFT = 0.33


def activity_figure(body_masses=BODY_MASSES_KG, default_mass=DEFAULT_MASS_KG) -> go.Figure:
    """Peak PF force per activity in body weights (model) next to the article's figures, with a
    body-mass slider that updates the force in newtons shown on each bar."""
    names = list(pf_load.ACTIVITIES)
    labels = [pf_load.ACTIVITIES[n].short_label for n in names]
    loads = {m: [pf_load.peak_load(n, m) for n in names] for m in body_masses}
    bw = [r.force_bw for r in loads[default_mass]]

    def bar_text(mass):
        return [f"{r.force_bw:.1f}× BW<br>{r.force_n:,.0f} N" for r in loads[mass]]

    article_mid, article_err, article_errminus = [], [], []
    for n in names:
        rng = _article_range(n)
        if rng is None:
            article_mid.append(None)
            article_err.append(0)
            article_errminus.append(0)
        else:
            article_mid.append((rng[0] + rng[1]) / 2)
            article_err.append((rng[1] - rng[0]) / 2)
            article_errminus.append((rng[1] - rng[0]) / 2)
    # Numeric rows, so that the article's marker sits on its own line under each bar instead of
    # on top of the bar's label (on a categorical axis both share the row's centre).
    rows = list(range(len(names)))
    fig = go.Figure(
        [
            go.Bar(
                name="Model (published inputs)",
                y=[row - BAR_SHIFT for row in rows],
                width=BAR_WIDTH,
                customdata=labels,
                x=bw,
                orientation="h",
                marker_color=BLUE,
                text=bar_text(default_mass),
                textposition="auto",
                insidetextanchor="end",
                textfont=dict(size=11),
                hovertemplate="%{customdata}: %{x:.2f}× body weight<extra>model</extra>",
            ),
            go.Scatter(
                name="The article's figure",
                y=[row + ARTICLE_SHIFT for row in rows],
                customdata=labels,
                x=article_mid,
                mode="markers",
                marker=dict(symbol="diamond", size=12, color=VERMILLION),
                error_x=dict(
                    type="data", array=article_err, arrayminus=article_errminus, color=VERMILLION, thickness=3, width=8
                ),
                hovertemplate="%{customdata}: article says %{x:.1f}× body weight (± range)<extra></extra>",
            ),
        ]
    )
    steps = [dict(label=f"{m}", method="restyle", args=[{"text": [bar_text(m)]}, [0]]) for m in body_masses]
    fig.update_layout(
        **base_layout(
            # Title pinned to the top: on a phone the legend wraps to two lines under it.
            title=dict(text="Peak force on the kneecap joint", font=dict(size=15), y=0.99, yanchor="top"),
            xaxis=dict(title="× body weight", rangemode="tozero"),  # short: the title says what
            yaxis=dict(
                autorange="reversed",
                automargin=True,
                tickvals=rows,
                ticktext=labels,
                showgrid=False,
                zeroline=False,
            ),
            sliders=[
                dict(
                    active=list(body_masses).index(default_mass),
                    currentvalue=dict(prefix="Body mass (kg): "),
                    pad=dict(t=50),
                    steps=steps,
                )
            ],
            margin=dict(l=16, r=16, t=110, b=40),
            height=600,
        )
    )
    return fig


def angle_figure(default_activity: str = "stair_ascent") -> go.Figure:
    """Force (× BW) and stress (MPa) against knee angle for one activity's extensor moment;
    buttons switch activity. Contact area on a second panel explains why stress ≠ force."""
    theta, _, _ = pf_load.force_curve(1.0)
    # The curves start at 0° in 1° steps: x0/dx instead of an x array, so the activity
    # buttons need not carry the angles with every curve (the page is downloaded by phones).
    step = float(theta[1] - theta[0])
    with_stress = theta <= pf_load.stress_angle_range()[1]
    area_theta = theta[with_stress]
    area = pf_load.contact_area_mm2(area_theta)
    curves = {}
    for name, act in pf_load.ACTIVITIES.items():
        _, force_bw, stress = pf_load.force_curve(act.extensor_moment_nm_per_kg, DEFAULT_MASS_KG)
        curves[name] = (force_bw, stress[with_stress], act)
    force0, stress0, act0 = curves[default_activity]

    def marker(act):
        r = pf_load.load_at(act.knee_flexion_deg, act.extensor_moment_nm_per_kg, DEFAULT_MASS_KG)
        return [act.knee_flexion_deg], [r.force_bw]

    # The legend says how each activity's angle was found (measured, or read off curves), to mouse and touch
    # readers alike; two short lines fit a 390 px phone. The moments are in the table below.
    def peak_name(act):
        return f"This activity's peak, at {act.knee_flexion_deg:g}°<br>({act.angle_basis})"

    force_name, stress_name = "Force (× body weight)", "Stress (MPa)"

    mx, my = marker(act0)
    fig = go.Figure(
        [
            go.Scatter(
                name=force_name,
                x0=float(theta[0]),
                dx=step,
                y=force0,
                line=dict(color=BLUE, width=3),
                hovertemplate="%{x}°: %{y:.2f}× BW<extra></extra>",
            ),
            go.Scatter(
                name=stress_name,
                x0=float(theta[0]),
                dx=step,
                y=stress0,
                yaxis="y2",
                line=dict(color=ORANGE, width=3, dash="dash"),
                hovertemplate="%{x}°: %{y:.2f} MPa<extra></extra>",
            ),
            go.Scatter(
                name=peak_name(act0),
                x=mx,
                y=my,
                mode="markers",
                marker=dict(size=13, color=VERMILLION, symbol="circle"),
                hovertemplate="peak: %{y:.2f}× BW at %{x}°<extra></extra>",
            ),
            go.Scatter(
                name="Contact area (mm²)",
                x=area_theta,
                y=area,
                xaxis="x2",
                yaxis="y3",
                line=dict(color=GREY, width=3),
                hovertemplate="%{x}°: %{y:.0f} mm²<extra></extra>",
            ),
        ]
    )
    buttons = []
    for force_bw, stress, act in curves.values():
        mx, my = marker(act)
        buttons.append(
            dict(
                # The label is the activity alone so the menu fits a 390 px phone; the
                # extensor moment is in the table under the figure.
                label=act.label,
                method="restyle",
                # Only the force, stress and peak traces (0–2) change with the activity; the
                # contact-area panel does not, so the buttons do not carry it seven times.
                # x: None leaves the curves on their x0/dx angles; only the peak moves.
                # restyle resets an attribute given None, so all three names are given.
                args=[
                    {
                        "y": [force_bw, stress, my],
                        "x": [None, None, mx],
                        "name": [force_name, stress_name, peak_name(act)],
                    },
                    [0, 1, 2],
                ],
            )
        )
    fig.update_layout(
        **base_layout(
            xaxis=dict(title="Knee bend (degrees of flexion)", domain=[0, 1], anchor="y"),
            yaxis=dict(title="Force (× BW)", domain=[0.42, 1], rangemode="tozero"),
            yaxis2=dict(STRESS_AXIS, nticks=6),
            xaxis2=dict(title="Knee bend (degrees)", domain=[0, 1], anchor="y3", range=[0, 90]),
            yaxis3=dict(title="Area (mm²)", domain=[0, 0.26], rangemode="tozero"),
            updatemenus=[
                dict(
                    name="Activity",  # labels the keyboard twin of this menu (assets/rk/plotly-loader.js)
                    type="dropdown",
                    buttons=buttons,
                    x=0,
                    xanchor="left",
                    y=1.16,
                    yanchor="top",
                    active=list(curves).index(default_activity),
                )
            ],
            margin=dict(l=60, r=60, t=70, b=50),
            height=620,
            legend=dict(orientation="h", yanchor="top", y=-0.12, xanchor="left", x=0),
        )
    )
    return fig


def cadence_figure(steps_pct=CADENCE_STEPS_PCT) -> go.Figure:
    """Change in peak force per step and in load per km as the step rate changes (slider)."""
    effects = {c: pf_load.cadence_effect(c) for c in steps_pct}

    def values(c):
        e = effects[c]
        return [e["per_step_pct"], e["per_km_pct"]]

    def colours(c):
        return [BLUE if v <= 0 else VERMILLION for v in values(c)]

    def texts(c):
        return [f"{v:+.1f}%" for v in values(c)]

    start = 10 if 10 in effects else steps_pct[-1]
    cats = ["Peak force per step", "Load per kilometre"]
    fig = go.Figure(
        go.Bar(
            x=cats,
            y=values(start),
            marker_color=colours(start),
            text=texts(start),
            textposition="outside",
            hovertemplate="%{x}: %{y:+.1f}%<extra></extra>",
            name="change",
        )
    )
    steps = [
        dict(
            label=f"{c:+d}%",
            method="update",
            args=[
                {"y": [values(c)], "marker.color": [colours(c)], "text": [texts(c)]},
                {"title.text": f"Step rate {c:+d}% at the same speed"},
            ],
        )
        for c in steps_pct
    ]
    fig.update_layout(
        **base_layout(
            title=dict(text=f"Step rate {start:+d}% at the same speed", font=dict(size=15)),
            yaxis=dict(title="Change in kneecap load (%)", range=[-25, 25], zeroline=True, zerolinewidth=2),
            sliders=[
                dict(
                    active=list(steps_pct).index(start),
                    currentvalue=dict(prefix="Step rate change: "),
                    pad=dict(t=40),
                    steps=steps,
                )
            ],
            showlegend=False,
            margin=dict(l=64, r=16, t=60, b=40),
            height=440,
        )
    )
    return fig


def activity_view():
    from widgets.display import SiteFigure

    run = pf_load.peak_load("running")
    walk = pf_load.peak_load("walking")
    return SiteFigure(
        activity_figure(),
        name="pf-load-activity",
        alt=(
            f"Horizontal bar chart of peak kneecap-joint force in body weights for {len(pf_load.ACTIVITIES)} "
            f"activities, from the model: level walking {walk.force_bw:.1f}, "
            f"stairs up {pf_load.peak_load('stair_ascent').force_bw:.1f} and down "
            f"{pf_load.peak_load('stair_descent').force_bw:.1f}, "
            f"rising from a chair {pf_load.peak_load('sit_to_stand').force_bw:.1f}, level and 4-degree "
            f"downhill running {run.force_bw:.1f}, "
            f"downhill walking {pf_load.peak_load('downhill_walking').force_bw:.1f}. "
            "Diamonds with whiskers under the bars show the article's figures: walking 0.5, stairs 3–4, "
            "running 7–12."
        ),
        caption=(
            "Bars: the model with published inputs. Diamonds on the line under a bar: the article's figure "
            "(whiskers: its range). Move the slider to your "
            "body mass to read the force in newtons; in body weights it does not change. Stairs and running load "
            "the kneecap several times more than walking because the knee is bent more and the thigh muscle "
            "pulls harder."
        ),
    )


def angle_view():
    from widgets.display import SiteFigure

    return SiteFigure(
        angle_figure(),
        name="pf-load-angle",
        alt=(
            "Line chart of kneecap-joint force and stress against knee bend from 0 to 90 degrees for one activity's "
            "muscle moment: force rises steeply with knee bend; stress rises less steeply up to 60 degrees because "
            "the contact area, shown in a lower panel, grows from about 260 to 570 square millimetres."
        ),
        caption=(
            "For the same effort of the thigh muscle, the force on the kneecap grows as the knee bends: the muscle "
            "works at a shorter lever and wraps more sharply over the kneecap. The contact area grows too, which "
            "softens the rise in stress, but not enough: deep bending under load (stairs, squats, downhill) "
            "is what a sore kneecap feels. Stress is drawn only up to 60°, the largest angle where contact area "
            "was measured."
        ),
    )


def cadence_view():
    from widgets.display import SiteFigure

    ten = pf_load.cadence_effect(10)
    return SiteFigure(
        cadence_figure(),
        name="pf-load-cadence",
        alt=(
            "Bar chart of the change in kneecap-joint force when the running step rate changes at the same speed. "
            f"At +10% the peak force per step falls by {-ten['per_step_pct']:.0f}% and the load per kilometre by "
            f"{-ten['per_km_pct']:.0f}%; slower step rates raise both."
        ),
        caption=(
            "Shorter, quicker steps land with a straighter knee and a smaller muscle moment, so each step loads "
            "the kneecap less. You take more steps per kilometre, but the total per kilometre still falls."
        ),
    )
