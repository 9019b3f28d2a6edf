"""The outcome-measures tracker in JupyterLab: ipywidgets calling widgets.outcomes live.

Results are kept in memory and, when a ``path`` is given, in a CSV file on this computer (the
same format the site's tracker exports and imports), written atomically; a file that cannot be
read is never written over."""

from __future__ import annotations

import datetime as dt
import html
import os
from pathlib import Path

import ipywidgets as ipw

from widgets import outcomes
from widgets.figures.outcomes import history_figure
from widgets.pain_log import _atomic_write


def _score(key: str, text: str) -> float | None:
    text = text.strip().replace(",", ".")
    if not text:
        return None
    m = outcomes.measures()[key]
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{m.short}: enter {m.allowed()} (you typed {text!r})") from None
    try:
        return outcomes.check_score(key, value)
    except ValueError:
        raise ValueError(f"{m.short}: enter {m.allowed()} (you typed {text!r})") from None


class LiveOutcomes:
    def __init__(self, path: str | os.PathLike | None = None):
        self.path = Path(path) if path is not None else None
        self.results: list[outcomes.Result] = []
        self.date = ipw.DatePicker(description="Date", value=dt.date.today())
        self.fields = {key: ipw.Text(description=outcomes.measures()[key].short,
                                     placeholder=outcomes.measures()[key].allowed(),
                                     layout=ipw.Layout(width="100%")) for key in outcomes.MEASURE_KEYS}
        self.button = ipw.Button(description="Save these scores", button_style="primary")
        self.message = ipw.HTML()
        self.status = ipw.HTML()
        self.figure = ipw.Output()
        self.button.on_click(lambda _: self.save())
        self.widget = ipw.VBox([self.date, *self.fields.values(), self.button, self.message, self.status, self.figure])
        if self.path is not None:
            try:
                self.results = outcomes.results_from_csv(self.path.read_text(encoding="utf-8"), str(self.path)) \
                    if self.path.exists() else []
            except (ValueError, OSError, UnicodeDecodeError) as exc:
                self.message.value = (f'<p style="color:#b00020"><b>Your file could not be read, and it will not be '
                                      f'changed:</b> {html.escape(str(exc))}</p>')
                self.path = None  # never write over a file that could not be read
        self.render()

    def add(self, date: dt.date, **scores: float | None) -> None:
        """Add one day's scores (ValueError with a clear message for bad input or a second entry that day)."""
        result = outcomes.Result(date, **scores)
        if any(r.date == result.date for r in self.results):
            raise ValueError(f"there is already an entry for {result.date.isoformat()}; one entry a day")
        new = outcomes.check_results([*self.results, result])
        if self.path is not None:
            _atomic_write(self.path, outcomes.results_to_csv(new))
        self.results = new

    def save(self) -> None:
        try:
            scores = {key: _score(key, field.value) for key, field in self.fields.items()}
            if self.date.value is None:
                raise ValueError("choose the date")
            self.add(self.date.value, **scores)
        except (ValueError, OSError) as exc:  # a clear message, never a traceback
            self.message.value = f'<p style="color:#b00020"><b>Not saved:</b> {html.escape(str(exc))}</p>'
            return
        for field in self.fields.values():
            field.value = ""
        self.message.value = f"<p>Saved your scores for {self.date.value.isoformat()}.</p>"
        self.render()

    def render(self) -> None:
        self.status.value = f'<p class="rk-oc-status">{html.escape(outcomes.progress(self.results).message)}</p>'
        self.figure.clear_output()
        if self.results:
            with self.figure:
                history_figure(self.results).show()


def live_outcomes(path: str | os.PathLike | None = None) -> ipw.VBox:
    """The tracker; with ``path`` (e.g. "knee-outcomes.csv") the results are kept in that file."""
    return LiveOutcomes(path).widget
