"""The cadence calculator and metronome in JupyterLab: ipywidgets calling widgets.cadence and the
joint-load model live; the metronome plays through IPython's Audio element."""

from __future__ import annotations

import html

import ipywidgets as ipw

from widgets import cadence, pf_load


class LiveCadence:
    def __init__(self):
        low, high = cadence.SPM_RANGE
        self.current = ipw.BoundedFloatText(value=164, min=low, max=high, step=1, description="Cadence now")
        self.increase = ipw.ToggleButtons(options=[("+5%", 5), ("+10%", 10)], value=5, description="Increase")
        self.result = ipw.HTML()
        self.audio = ipw.Output()
        self.play = ipw.Button(description="Metronome (30 s)")
        self.play.on_click(lambda _: self.metronome())
        for control in (self.current, self.increase):
            control.observe(lambda _: self.update(), names="value")
        self.widget = ipw.VBox([self.current, self.increase, self.result, self.play, self.audio])
        self.update()

    def update(self) -> None:
        try:
            target = cadence.target_text(self.current.value, self.increase.value)
            effect = pf_load.cadence_effect(self.increase.value)
        except ValueError as exc:
            self.result.value = f'<p style="color:#b00020"><b>Please check:</b> {html.escape(str(exc))}</p>'
            return
        self.result.value = (
            f"<p><b>{html.escape(target)}</b> "
            f"From the joint-load model: peak kneecap force per step {effect['per_step_pct']:+.1f}%, "
            f"load per km {effect['per_km_pct']:+.1f}%.</p>"
        )

    def metronome(self) -> None:
        from IPython.display import Audio, display

        self.audio.clear_output()
        with self.audio:
            target = cadence.target_cadence(self.current.value, self.increase.value)
            display(Audio(data=cadence.metronome_wav(target, seconds=30), autoplay=True))


def live_cadence() -> ipw.VBox:
    return LiveCadence().widget
