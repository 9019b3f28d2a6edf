"""The joint-load model in JupyterLab: ipywidgets sliders calling widgets.pf_load live.

Body mass, knee angle and moment are continuous here (the static site has fixed slider stops).
"""

from __future__ import annotations

import html

import ipywidgets as ipw
import plotly.graph_objects as go

from widgets import pf_load
from widgets.figures.palette import BLUE, ORANGE, VERMILLION, base_layout
from widgets.figures.pf_load import STRESS_AXIS

MANUAL = "(set angle and moment yourself)"


class LivePFLoad:
    """Activity, body mass and step-rate change → peak force, stress and load per km."""

    def __init__(self):
        options = [(a.label, name) for name, a in pf_load.ACTIVITIES.items()] + [(MANUAL, MANUAL)]
        low, high = pf_load.force_angle_range()
        self.activity = ipw.Dropdown(options=options, value="running", description="Activity")
        self.mass = ipw.FloatSlider(
            value=70, min=pf_load.MASS_RANGE_KG[0], max=150, step=0.5, description="Body mass (kg)"
        )
        self.cadence = ipw.FloatSlider(value=0, min=-10, max=10, step=0.5, description="Step rate (%)")
        self.angle = ipw.FloatSlider(value=45, min=low, max=high, step=0.5, description="Knee bend (°)")
        self.moment = ipw.FloatSlider(
            value=2.0, min=0.1, max=pf_load.MOMENT_RANGE_NM_PER_KG[1], step=0.05, description="Moment (N·m/kg)"
        )
        for control in (self.mass, self.cadence, self.angle, self.moment):
            control.style = {"description_width": "9em"}
            control.layout = ipw.Layout(width="100%")
        self.result = ipw.HTML()
        self.plot = ipw.Output()
        for control in (self.activity, self.mass, self.cadence, self.angle, self.moment):
            control.observe(lambda _: self.update(), names="value")
        self.widget = ipw.VBox(
            [self.activity, self.mass, self.cadence, self.angle, self.moment, self.result, self.plot]
        )
        self.update()

    def compute(self) -> pf_load.PeakLoad:
        manual = self.activity.value == MANUAL
        self.angle.disabled = self.moment.disabled = not manual
        self.cadence.disabled = manual or self.activity.value not in pf_load.RUNNING_ACTIVITIES
        if manual:
            return pf_load.load_at(self.angle.value, self.moment.value, self.mass.value)
        change = 0 if self.cadence.disabled else self.cadence.value
        return pf_load.peak_load(self.activity.value, self.mass.value, change)

    def update(self) -> None:
        try:
            load = self.compute()
        except ValueError as exc:  # a clear message instead of a traceback
            self.result.value = f'<p style="color:#b00020"><b>Cannot compute:</b> {html.escape(str(exc))}</p>'
            return
        stress = (
            f"{load.stress_mpa:.2f} MPa"
            if load.stress_mpa is not None
            else "not computed above 60° (no measured contact area)"
        )
        per_km = (
            f"<br>Load per km on one knee: {load.load_per_km_bw:,.0f} body-weight·steps" if load.load_per_km_bw else ""
        )
        self.result.value = (
            f"<p><b>{load.force_bw:.2f}× body weight</b> ({load.force_n:,.0f} N) "
            f"at {load.knee_flexion_deg:.1f}° knee bend; "
            f"stress {stress}; quadriceps force {load.quadriceps_force_n:,.0f} N.{per_km}</p>"
        )
        self.plot.clear_output(wait=True)
        with self.plot:
            from IPython.display import display

            display(self.curve(load))

    def curve(self, load: pf_load.PeakLoad) -> go.Figure:
        moment_per_kg = load.extensor_moment_nm / load.body_mass_kg
        theta, force_bw, stress = pf_load.force_curve(moment_per_kg, load.body_mass_kg)
        fig = go.Figure(
            [
                go.Scatter(x=theta, y=force_bw, name="Force (× BW)", line=dict(color=BLUE, width=3)),
                go.Scatter(
                    x=theta, y=stress, name="Stress (MPa)", yaxis="y2", line=dict(color=ORANGE, dash="dash", width=3)
                ),
                go.Scatter(
                    x=[load.knee_flexion_deg],
                    y=[load.force_bw],
                    mode="markers",
                    name="Now",
                    marker=dict(size=13, color=VERMILLION),
                ),
            ]
        )
        fig.update_layout(
            **base_layout(
                xaxis=dict(title="Knee bend (degrees)"),
                yaxis=dict(title="Force (× BW)", rangemode="tozero"),
                yaxis2=STRESS_AXIS,
                height=380,
                margin=dict(l=56, r=56, t=40, b=48),
            )
        )
        return fig


def live_pf_load() -> ipw.VBox:
    return LivePFLoad().widget
