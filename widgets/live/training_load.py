"""The training-load checker in JupyterLab: ipywidgets calling widgets.training_load live."""

from __future__ import annotations

import html

import ipywidgets as ipw

from widgets import training_load


def _numbers(text: str) -> list[float]:
    parts = [p for p in text.replace(";", ",").replace(" ", ",").split(",") if p]
    values = []
    for i, part in enumerate(parts, start=1):
        try:
            values.append(float(part))
        except ValueError:
            raise ValueError(f"week {i} is {part!r}; use numbers of 0 km or more, separated by commas") from None
    return values


class LiveTrainingLoad:
    def __init__(self):
        self.weeks = ipw.Text(
            description="Weekly km", placeholder="e.g. 20, 22, 24, 26", layout=ipw.Layout(width="100%")
        )
        self.long = ipw.Text(
            description="Long runs", placeholder="optional, same order", layout=ipw.Layout(width="100%")
        )
        self.button = ipw.Button(description="Check my weeks", button_style="primary")
        self.result = ipw.HTML()
        self.button.on_click(lambda _: self.check())
        self.widget = ipw.VBox([self.weeks, self.long, self.button, self.result])

    def check(self) -> None:
        try:
            weekly = _numbers(self.weeks.value)
            long_runs = _numbers(self.long.value) or None
            findings = training_load.check_weeks(weekly, long_runs)
            nxt = training_load.suggest_next_weeks(weekly, 4)
        except ValueError as exc:  # a clear message, never a traceback
            self.result.value = f'<p style="color:#b00020"><b>Please check:</b> {html.escape(str(exc))}</p>'
            return
        items = "".join(f'<li data-rule="{f.rule}">{html.escape(f.message)}</li>' for f in findings)
        summary = f"{len(findings)} thing(s) to look at:" if findings else "No rule broken in these weeks."
        self.result.value = (
            f"<p>{summary}</p><ul>{items}</ul>"
            f'<p class="rk-tl-suggestion">{html.escape(training_load.suggestion_text(nxt))}</p>'
        )


def live_training_load() -> ipw.VBox:
    return LiveTrainingLoad().widget
