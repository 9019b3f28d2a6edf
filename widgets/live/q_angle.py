"""The Q-angle visualizer in JupyterLab: ipywidgets sliders calling widgets.q_angle live."""

from __future__ import annotations

import html

import ipywidgets as ipw
import plotly.graph_objects as go

from widgets import pf_load, q_angle
from widgets.figures.palette import base_layout
from widgets.figures.q_angle import _styles, leg_traces


class LiveQAngle:
    """Every control of the geometry as a continuous slider, plus the activity for the force."""

    def __init__(self):
        def slider(name, description, step=0.5):
            low, high = q_angle.CONTROLS[name]
            return ipw.FloatSlider(
                value=q_angle.DEFAULTS[name],
                min=low,
                max=high,
                step=step,
                description=description,
                style={"description_width": "14em"},
                layout=ipw.Layout(width="100%"),
            )

        self.controls = {
            "pelvis_half_width_cm": slider("pelvis_half_width_cm", "Pelvis: ASIS to midline (cm)"),
            "femoral_adduction_deg": slider("femoral_adduction_deg", "Thigh adduction (°)"),
            "femoral_internal_rotation_deg": slider("femoral_internal_rotation_deg", "Thigh internal rotation (°)"),
            "tibial_internal_rotation_deg": slider("tibial_internal_rotation_deg", "Shin internal rotation (°)"),
            "tuberosity_lateral_cm": slider("tuberosity_lateral_cm", "Tuberosity lateral (cm)", 0.1),
        }
        self.activity = ipw.Dropdown(
            options=[(a.label, n) for n, a in pf_load.ACTIVITIES.items()],
            value="running",
            description="Quadriceps force from",
        )
        self.result = ipw.HTML()
        self.plot = ipw.Output()
        for control in [*self.controls.values(), self.activity]:
            control.observe(lambda _: self.update(), names="value")
        self.widget = ipw.VBox([*self.controls.values(), self.activity, self.result, self.plot])
        self.update()

    def update(self) -> None:
        try:
            leg = q_angle.leg_landmarks(**{name: c.value for name, c in self.controls.items()})
            quad = pf_load.peak_load(self.activity.value).quadriceps_force_n
            lateral = q_angle.lateral_force(quad, leg.q_deg)
        except ValueError as exc:  # a clear message, never a traceback
            self.result.value = f'<p style="color:#b00020"><b>Cannot draw:</b> {html.escape(str(exc))}</p>'
            return
        self.result.value = (
            f"<p><b>Q-angle {leg.q_deg:.1f}°</b>; quadriceps force {quad:,.0f} N "
            f"→ sideways pull on the kneecap {lateral:,.0f} N (F · sin Q).</p>"
        )
        # The same drawing as the site's figure (whole leg and knee close-up), without the scale.
        pairs = zip(_styles(), leg_traces(leg, quad), strict=True)
        fig = go.Figure([go.Scatter(**{**style, **data}) for style, data in pairs if style.get("xaxis") != "x2"])
        fig.update_layout(
            **base_layout(
                xaxis=dict(domain=[0, 0.4], scaleanchor="y", visible=False),
                yaxis=dict(range=[-96, 6], visible=False),
                xaxis3=dict(domain=[0.45, 1], anchor="y3", scaleanchor="y3", visible=False),
                yaxis3=dict(anchor="x3", visible=False),
                height=560,
                margin=dict(l=20, r=20, t=20, b=20),
                showlegend=False,
            )
        )
        self.plot.clear_output(wait=True)
        with self.plot:
            from IPython.display import display

            display(fig)


def live_q_angle() -> ipw.VBox:
    return LiveQAngle().widget
