"""The programme builder in JupyterLab: ipywidgets over widgets.programme.build_programme().

A date picker, one checkbox per day of the week and the number of weeks; the dated plan as a
table; buttons that write the CSV and .ics files (the same functions as the website's files)
into a folder, by default the notebook's own.
"""

from __future__ import annotations

import datetime
import html
from pathlib import Path

import ipywidgets as ipw

from widgets import programme as pg


class LiveProgramme:
    def __init__(self, folder: str | Path = ".", start: datetime.date | None = None):
        rules = pg.rules()
        low, high = rules["weeks_range"]
        self.folder = Path(folder)
        self.start = ipw.DatePicker(description="First day", value=start or datetime.date.today())
        self.weeks = ipw.Dropdown(options=[(f"{n} weeks", n) for n in range(low, high + 1)],
                                  value=rules["default_weeks"], description="How long")
        default = set(pg.spread_example())
        self.days = [ipw.Checkbox(value=i in default, description=name, indent=False,
                                  layout=ipw.Layout(width="auto"))
                     for i, name in enumerate(pg.WEEKDAY_NAMES)]
        self.message = ipw.HTML()
        self.table = ipw.HTML()
        self.csv_button = ipw.Button(description="Write CSV", icon="table")
        self.ics_button = ipw.Button(description="Write .ics", icon="calendar")
        self.written = ipw.HTML()
        self.programme: pg.Programme | None = None
        for control in [self.start, self.weeks, *self.days]:
            control.observe(lambda _: self.update(), names="value")
        self.csv_button.on_click(lambda _: self.write("csv"))
        self.ics_button.on_click(lambda _: self.write("ics"))
        self.widget = ipw.VBox([
            ipw.HBox([self.start, self.weeks]),
            ipw.HTML(f"<b>Your {rules['sessions_per_week']} exercise days each week</b>"),
            ipw.HBox(self.days, layout=ipw.Layout(flex_flow="row wrap")),
            self.message, self.table, ipw.HBox([self.csv_button, self.ics_button]), self.written,
        ])
        self.update()

    def picked(self) -> list[int]:
        return [i for i, box in enumerate(self.days) if box.value]

    def update(self) -> None:
        self.written.value = ""
        try:
            self.programme = pg.build_programme(self.start.value, self.picked(), self.weeks.value)
        except ValueError as exc:  # a clear message, never a traceback
            self.programme = None
            self.message.value = f'<p style="color:#b00020"><b>Cannot lay out the plan:</b> {html.escape(str(exc))}</p>'
            self.table.value = ""
            self.csv_button.disabled = self.ics_button.disabled = True
            return
        p = self.programme
        self.csv_button.disabled = self.ics_button.disabled = False
        self.message.value = "".join(f'<p style="color:#7a3d00">{html.escape(w)}</p>' for w in p.warnings)
        n = len(p.weekdays)
        head = "".join(f"<th>Session {i}</th>" for i in range(1, n + 1))
        rows = "".join(
            f"<tr><th>{week}</th>" + "".join(f"<td>{s.label()}</td>" for s in p.week_sessions(week)) + "</tr>"
            for week in range(1, p.weeks + 1)
        )
        exercises = "".join(f"<li><b>{html.escape(e.name)}</b>: {html.escape(e.dose)}</li>" for e in p.exercises)
        self.table.value = (
            f"<table><thead><tr><th>Week</th>{head}</tr></thead><tbody>{rows}</tbody></table>"
            f"<p>Each session: </p><ul>{exercises}</ul>"
            f"<p>Keep knee pain during the exercises below {html.escape(p.pain_limit)}.</p>"
            f"<p><b>Afterwards:</b> {html.escape(p.maintenance.describe())}</p>"
        )

    def write(self, kind: str) -> Path | None:
        """Write the plan as ``kind`` ("csv" or "ics") into the folder; returns the path."""
        if self.programme is None:
            return None
        path = self.folder / f"knee-programme-{self.programme.start.isoformat()}.{kind}"
        if kind == "csv":
            # utf-8-sig: spreadsheet programs then read the dashes and × correctly, as on the site.
            path.write_text(pg.programme_csv(self.programme), encoding="utf-8-sig", newline="")
        else:
            path.write_bytes(pg.programme_ics(self.programme))
        self.written.value = f"<p>Written: <code>{html.escape(str(path))}</code></p>"
        return path


def live_programme(folder: str | Path = ".") -> ipw.VBox:
    return LiveProgramme(folder).widget
