"""The programme builder in JupyterLab: ipywidgets over widgets.programme.build_programme() and
widgets.progression.plan().

A date picker, one checkbox per day of the week and the number of weeks; the week-by-week plan
with each week's stage as a table, and the stages' exercises and doses; a weekly log (worst pain,
worse the next day) that replans the weeks ahead by the course's one pain rule; buttons that
write the CSV and .ics files (the same functions as the website's files) into a folder, by
default the notebook's own.
"""

from __future__ import annotations

import datetime
import html
from pathlib import Path

import ipywidgets as ipw

from widgets import programme as pg
from widgets import progression


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
        self.pain = ipw.BoundedFloatText(value=0, min=0, max=10, step=0.5,
                                         description="Worst pain (0–10)", style={"description_width": "initial"})
        self.worse = ipw.Checkbox(value=False, description="Worse the next day", indent=False)
        self.log_button = ipw.Button(description="Log this week", icon="check")
        self.undo_button = ipw.Button(description="Undo the last week", icon="undo")
        self.log: list[tuple[float, bool]] = []
        self.log_message = ipw.HTML()
        self.plan: progression.Plan | None = None
        self.log_button.on_click(lambda _: self.log_week(self.pain.value, self.worse.value))
        self.undo_button.on_click(lambda _: self.undo())
        self.programme: pg.Programme | None = None
        for control in [self.start, self.weeks, *self.days]:
            control.observe(lambda _: self.update(), names="value")
        self.csv_button.on_click(lambda _: self.write("csv"))
        self.ics_button.on_click(lambda _: self.write("ics"))
        self.widget = ipw.VBox([
            ipw.HBox([self.start, self.weeks]),
            ipw.HTML(f"<b>Your {rules['sessions_per_week']} exercise days each week</b>"),
            ipw.HBox(self.days, layout=ipw.Layout(flex_flow="row wrap")),
            self.message, self.table,
            ipw.HBox([self.pain, self.worse, self.log_button, self.undo_button],
                     layout=ipw.Layout(flex_flow="row wrap")),
            self.log_message, ipw.HBox([self.csv_button, self.ics_button]), self.written,
        ])
        self.update()

    def picked(self) -> list[int]:
        return [i for i, box in enumerate(self.days) if box.value]

    def update(self) -> None:
        self.written.value = ""
        try:
            self.programme = pg.build_programme(self.start.value, self.picked(), self.weeks.value)
            self.plan = progression.plan(self.start.value, self.picked(), self.weeks.value, self.log)
        except ValueError as exc:  # a clear message, never a traceback
            self.programme = self.plan = None
            self.message.value = f'<p style="color:#b00020"><b>Cannot lay out the plan:</b> {html.escape(str(exc))}</p>'
            self.table.value = ""
            self.csv_button.disabled = self.ics_button.disabled = True
            return
        p = self.programme
        self.csv_button.disabled = self.ics_button.disabled = False
        self.message.value = "".join(f'<p style="color:#7a3d00">{html.escape(w)}</p>' for w in p.warnings)
        n = len(p.weekdays)
        head = "".join(f"<th>Session {i}</th>" for i in range(1, n + 1))
        rows = []
        for w in self.plan.plan_weeks:
            if w.logged:
                state = (f"pain {w.logged.pain:g}/10{', worse next day' if w.logged.worse_next_day else ''}: "
                         f"{progression.DECISION_WORDS[w.decision]}")
            else:
                state = "planned"
            rows.append(f"<tr><th>{w.week}</th>" + "".join(f"<td>{pg.date_label(d)}</td>" for d in w.sessions)
                        + f"<td>Stage {w.stage}</td><td>{html.escape(state)}</td></tr>")
        stages = "".join(
            f"<p><b>{html.escape(st.title)}</b> ({html.escape(progression.stage_weeks_text(self.plan, st.number))})</p>"
            + "<ul>" + "".join(f"<li><b>{html.escape(e.name)}</b>: {html.escape(e.dose)}. {html.escape(e.load)}</li>"
                               for e in st.exercises) + "</ul>"
            for st in progression.load_stages()
        )
        self.table.value = (
            f"<table><thead><tr><th>Week</th>{head}<th>Stage</th><th>Log</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
            f"<p>{html.escape(progression.rule_text())}</p>{stages}"
            f"<p><b>Afterwards:</b> {html.escape(p.maintenance.describe())}</p>"
        )
        self.log_button.disabled = self.plan.complete
        self.undo_button.disabled = not self.log

    def log_week(self, pain: float, worse_next_day: bool) -> str | None:
        """Log the next week (worst pain during the exercises, worse the next day) and replan.
        Returns what the rule says for the next week, or None (with a message) if refused."""
        self.log_message.value = ""
        try:
            progression.plan(self.start.value, self.picked(), self.weeks.value, [*self.log, (pain, worse_next_day)])
        except ValueError as exc:  # the log is kept as it was
            self.log_message.value = f'<p style="color:#b00020">{html.escape(str(exc))}</p>'
            return None
        self.log.append((pain, worse_next_day))
        self.update()
        text = self.plan.plan_weeks[len(self.log) - 1].next_text
        self.log_message.value = f"<p>{html.escape(text)}</p>"
        return text

    def undo(self) -> None:
        self.log = self.log[:-1]
        self.log_message.value = ""
        self.update()

    def write(self, kind: str) -> Path | None:
        """Write the plan as ``kind`` ("csv" or "ics") into the folder; returns the path."""
        if self.programme is None:
            return None
        path = self.folder / f"knee-programme-{self.programme.start.isoformat()}.{kind}"
        if kind == "csv":
            # utf-8-sig: spreadsheet programs then read the dashes and × correctly, as on the site.
            path.write_text(pg.programme_csv(self.programme, self.log), encoding="utf-8-sig", newline="")
        else:
            path.write_bytes(pg.programme_ics(self.programme, log=self.log))
        self.written.value = f"<p>Written: <code>{html.escape(str(path))}</code></p>"
        return path


def live_programme(folder: str | Path = ".") -> ipw.VBox:
    return LiveProgramme(folder).widget
