"""The return-to-running planner in JupyterLab: ipywidgets over the same Python as the site.

Readiness (``check_readiness``), the plan (``plan_sessions`` / ``replan`` / ``status``), a session
log kept in a CSV file the runner chooses (``widgets.pain_log.append_entry``: atomic, never
writes over a log it cannot read), the decision after each session (``decide`` / ``explain``),
the red-flag checklist (``red_flags`` / ``needs_professional``), and buttons that write the plan
as CSV and iCalendar files next to the log. Errors are shown as messages, never tracebacks.
"""

from __future__ import annotations

import datetime
import html
from pathlib import Path

import ipywidgets as ipw

from widgets import clinical
from widgets import pain_log as pl
from widgets import return_to_run as rtr
from widgets.return_to_run import DECISION_TITLES, LOG_FILE_NAME, PLAN_FILE_STEM, READINESS_FIELDS

ERROR = '<p style="color:#a00018"><b>{title}</b> {text}</p>'
OK = '<p style="color:#00613f"><b>{title}</b> {text}</p>'
WIDE = {"description_width": "16em"}


def _e(text: object) -> str:
    return html.escape(str(text))


def _error(title: str, text: str) -> str:
    return ERROR.format(title=_e(title), text=_e(text))


def _table(header: list[str], rows: list[list[object]]) -> str:
    head = "".join(f"<th style='text-align:left;padding:2px 8px'>{_e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td style='padding:2px 8px'>{_e(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


class LiveReturnToRun:
    """Five parts, as on the site: readiness, plan, warning signs, log a session, the log."""

    def __init__(self, log_path: str | Path = LOG_FILE_NAME):
        weeks = [(f"Week {s.week}: {s.describe()}", s.week) for s in rtr.PROTOCOL]

        # 1. readiness
        self.readiness_inputs: dict[str, ipw.Widget] = {}
        for field in READINESS_FIELDS:
            if field["kind"] == "yes_no":
                control = ipw.RadioButtons(options=["yes", "no"], value=None, description="")
            else:
                control = ipw.FloatText(value=0, description="", layout=ipw.Layout(width="10em"))
            self.readiness_inputs[field["arg"]] = control
        # Which knees hurt ("no" = one knee, as on the site); both: the question on control stands
        # in for the strength percentages (widgets.return_to_run.strength_criterion).
        both, control_field = rtr.BOTH_KNEES_FIELDS
        self.both_knees = ipw.RadioButtons(options=["yes", "no"], value="no", description="")
        self.good_control = ipw.RadioButtons(options=["yes", "no"], value=None, description="")
        self.both_knees_row = ipw.VBox([ipw.HTML(f"<b>{_e(both['label'])}</b> {_e(both['hint'])}"), self.both_knees])
        self.good_control_row = ipw.VBox([ipw.HTML(f"<b>{_e(control_field['label'])}</b>"), self.good_control])
        self.both_knees.observe(lambda _: self._show_sides(), names="value")
        self.readiness_button = ipw.Button(description="Check if I am ready", button_style="primary",
                                           layout=ipw.Layout(width="auto"))
        self.readiness_result = ipw.HTML()
        self.readiness_button.on_click(lambda _: self.check_readiness())

        # 2. plan
        self.start_date = ipw.DatePicker(description="Start date", style=WIDE)
        self.start_week = ipw.Dropdown(options=weeks, value=1, description="Start at", style=WIDE,
                                       layout=ipw.Layout(width="auto"))
        self.status = ipw.HTML()
        self.plan = ipw.HTML()
        self.write_csv_button = ipw.Button(description="Write the plan as CSV", layout=ipw.Layout(width="auto"))
        self.write_ics_button = ipw.Button(description="Write the plan as a calendar (.ics)",
                                           layout=ipw.Layout(width="auto"))
        self.files_message = ipw.HTML()
        for control in (self.start_date, self.start_week):
            control.observe(lambda _: self.refresh(), names="value")
        self.write_csv_button.on_click(lambda _: self.write_plan("csv"))
        self.write_ics_button.on_click(lambda _: self.write_plan("ics"))

        # 3. warning signs
        self.flags = {s.key: ipw.Checkbox(value=False, description=s.question, indent=False,
                                          layout=ipw.Layout(width="100%"))
                      for s in rtr.red_flag_questions()}
        self.flags_result = ipw.HTML()
        for box in self.flags.values():
            box.observe(lambda _: self.check_flags(), names="value")

        # 4. log a session
        hours = clinical.get("return_to_run.next_day_window_hours").display()
        self.log_path = ipw.Text(value=str(log_path), description="Log file (CSV)", style=WIDE,
                                 layout=ipw.Layout(width="100%"))
        self.date = ipw.DatePicker(value=datetime.date.today(), description="Date of the run", style=WIDE)
        self.week = ipw.Dropdown(options=weeks, value=1, description="Stage you ran", style=WIDE,
                                 layout=ipw.Layout(width="auto"))
        self.pain = ipw.Text(description="Pain during the run (0–10)", placeholder="e.g. 1 or 2.5", style=WIDE)
        self.worse = ipw.RadioButtons(options=["yes", "no"], value=None,
                                      description=f"Worse in the {hours} after?", style=WIDE)
        self.notes = ipw.Textarea(description="Notes", style=WIDE, layout=ipw.Layout(width="100%"))
        self.save_button = ipw.Button(description="Save this session", button_style="primary",
                                      layout=ipw.Layout(width="auto"))
        self.message = ipw.HTML()
        self.decision = ipw.HTML()
        self.save_button.on_click(lambda _: self.save())
        self.log_path.observe(lambda _: self.refresh(), names="value")

        # 5. the log
        self.log_view = ipw.HTML()

        def heading(text: str) -> ipw.HTML:
            return ipw.HTML(f"<h3>{_e(text)}</h3>")

        self.readiness_rows = {
            field["name"]: ipw.VBox([ipw.HTML(f"<b>{_e(field['label'])}</b>"), self.readiness_inputs[field["arg"]]])
            for field in READINESS_FIELDS
        }
        readiness_rows = []
        for name, row in self.readiness_rows.items():
            if name == rtr.STRENGTH_CRITERIA[0]:
                readiness_rows += [self.both_knees_row, self.good_control_row]
            readiness_rows.append(row)
        self._show_sides()
        self.widget = ipw.VBox([
            ipw.HTML("<p><b>Where your data is kept:</b> the log is the CSV file named below, on this computer; "
                     "nothing is sent anywhere.</p>"),
            heading("1. Am I ready to start running?"), *readiness_rows, self.readiness_button, self.readiness_result,
            heading("2. Your plan"), self.start_date, self.start_week, self.status, self.plan,
            ipw.HBox([self.write_csv_button, self.write_ics_button]), self.files_message,
            heading("3. Before each run: any warning signs?"), *self.flags.values(), self.flags_result,
            heading("4. After each run: log the session"), self.log_path, self.date, self.week, self.pain,
            self.worse, self.notes, self.save_button, self.message, self.decision,
            heading("5. Your log"), self.log_view,
        ])
        self.refresh()

    # --- helpers ---

    def path(self) -> Path:
        return Path(self.log_path.value.strip() or LOG_FILE_NAME).expanduser()

    def entries(self) -> list[pl.LogEntry]:
        """The log's entries; raises PainLogError for a log that cannot be read."""
        return pl.read_log(self.path())

    def current(self, entries: list[pl.LogEntry]) -> tuple[rtr.Status, list[rtr.Session]]:
        start = self.start_date.value or (min(e.date for e in entries) if entries else None)
        status = rtr.status(entries, start, start_week=self.start_week.value)
        sessions = rtr.replan(start, entries, start_week=self.start_week.value) if start else []
        return status, sessions

    # --- 1. readiness ---

    def _show_sides(self) -> None:
        both = self.both_knees.value == "yes"
        self.good_control_row.layout.display = None if both else "none"
        for name in rtr.STRENGTH_CRITERIA:
            self.readiness_rows[name].layout.display = "none" if both else None

    def check_readiness(self) -> None:
        if any(isinstance(c, ipw.RadioButtons) and c.value is None for c in self.readiness_inputs.values()):
            self.readiness_result.value = _error("Not checked:", "answer whether your exercises keep to the exercise "
                                                 "pain limit (yes or no).")
            return
        both = self.both_knees.value == "yes"
        if both and self.good_control.value is None:
            self.readiness_result.value = _error("Not checked:", "both knees hurt: answer whether you can do the "
                                                 "strengthening exercises with good control (yes or no).")
            return
        answers = {arg: (control.value == "yes" if isinstance(control, ipw.RadioButtons) else control.value)
                   for arg, control in self.readiness_inputs.items()}
        if both:
            answers.update(hip_strength_pct=None, quad_strength_pct=None)
        try:
            criteria = rtr.check_readiness(**answers, both_knees=both,
                                           good_control=(self.good_control.value == "yes") if both else None)
        except ValueError as exc:
            self.readiness_result.value = _error("Not checked:", str(exc))
            return
        items = "".join(
            f"<li><b>{'✓ Met' if c.met else '✗ Not met yet'}: {_e(c.label)}.</b> {_e(c.message)}</li>" for c in criteria
        )
        summary = ("Ready: every check is met. Choose your start date below." if rtr.ready(criteria) else
                   f"Not yet: {sum(not c.met for c in criteria)} of the {len(criteria)} checks are not met.")
        self.readiness_result.value = f"<p><b>{_e(summary)}</b></p><ul>{items}</ul>"

    # --- 2. plan and 5. log ---

    def refresh(self) -> None:
        """Re-read the log and show the status, the (re-)plan and the log."""
        self.status_message = ""
        try:
            entries = self.entries()
        except (pl.PainLogError, ValueError) as exc:
            self.log_view.value = _error("The log cannot be read:", f"{exc}. It has not been changed.")
            self.status.value = ""
            self.plan.value = ""
            return
        try:
            status, sessions = self.current(entries)
        except ValueError as exc:
            self.status.value = _error("No plan:", f"{exc}. Choose a start date on or before the first logged session.")
            self.plan.value = ""
        else:
            self.status_message = status.message
            self.status.value = f"<p>{_e(status.message)}</p>"
            self.plan.value = _table(
                ["Date", "Week", "Session", "Total min", "Ground"],
                [[f"{rtr.WEEKDAYS[s.date.weekday()]} {s.date.isoformat()}", s.week, s.stage.describe(),
                  f"{s.total_min:g}" if s.total_min == s.total_min_max else f"{s.total_min:g}–{s.total_min_max:g}",
                  s.surface] for s in sessions],
            ) if sessions else "<p>Choose a start date to see the date of every session.</p>"
            if not status.finished:
                self.week.value = status.week
        if entries:
            rows = [[e.date.isoformat(), e.week, f"{e.pain_during:g}/10", "yes" if e.worse_next_day else "no",
                     DECISION_TITLES[rtr.decide(e.pain_during, e.worse_next_day)], e.notes]
                    for e in sorted(entries, key=lambda e: e.date)]
            self.log_view.value = (f"<p>{len(entries)} sessions in <code>{_e(self.path())}</code>.</p>" +
                                   _table(["Date", "Week", "Pain", "Worse next day", "Result", "Notes"], rows))
        else:
            self.log_view.value = f"<p>No sessions logged yet in <code>{_e(self.path())}</code>.</p>"

    def write_plan(self, kind: str) -> None:
        try:
            _, sessions = self.current(self.entries())
            if not sessions:
                raise ValueError("there is no plan yet: choose a start date (or log a session) first")
            target = self.path().parent / f"{PLAN_FILE_STEM}.{kind}"
            if kind == "csv":
                # utf-8-sig: spreadsheet programs then read the dashes and × correctly, as on the site.
                target.write_text(rtr.plan_csv(sessions), encoding="utf-8-sig", newline="")
            else:
                target.write_bytes(rtr.plan_ics(sessions))
        except (OSError, ValueError) as exc:  # PainLogError is a ValueError
            self.files_message.value = _error("Not written:", str(exc))
            return
        self.files_message.value = OK.format(title="Written:", text=_e(f"{target} ({len(sessions)} sessions)"))

    # --- 3. warning signs ---

    def check_flags(self) -> None:
        flags = rtr.red_flags(**{key: box.value for key, box in self.flags.items()})
        if not flags:
            self.flags_result.value = ""
            return
        # Each sign as widgets.red_flags.check orders it: what it can mean, then its own next
        # step in bold (never folded: it can be more urgent than the level's action), then the action.
        items = "".join(
            f"<li><b>{_e(f.title)}:</b> {_e(f.why)}"
            + (f" <b class=\"rk-rtr-flag-escalation\">{_e(f.escalation)}</b>" if f.escalation else "")
            + f" {_e(f.action)}</li>"
            for f in flags)
        # The most urgent level names the result; its words are the catalogue's, as on the site.
        colour = "#a00018" if rtr.needs_professional(flags) else "#8a4500"
        title = f'<p style="color:{colour};font-size:1.25em"><b>{_e(flags[0].title)}</b></p>'
        self.flags_result.value = f"{title}<ul>{items}</ul>"

    # --- 4. log a session ---

    def save(self) -> None:
        self.decision.value = ""
        text = self.pain.value.strip().replace(",", ".")
        try:
            pain = float(text)
        except ValueError:
            self.message.value = _error("Not saved:", f"pain during the run must be a number from 0 to "
                                        f"{rtr.PAIN_SCALE_MAX}, e.g. 2 or 2.5 (you typed {self.pain.value!r}).")
            return
        if self.worse.value is None:
            self.message.value = _error("Not saved:", "answer whether the knee was worse the next day (yes or no).")
            return
        if self.date.value is None:
            self.message.value = _error("Not saved:", "choose the date of the run.")
            return
        try:
            entry = pl.LogEntry(self.date.value, self.week.value, pain, self.worse.value == "yes", self.notes.value)
            pl.append_entry(self.path(), entry)
        except pl.PainLogError as exc:
            self.message.value = _error("Not saved: the log cannot be read.", f"{exc}. The file has not been changed.")
            return
        except (OSError, ValueError) as exc:
            self.message.value = _error("Not saved:", str(exc))
            return
        decision = rtr.decide(entry.pain_during, entry.worse_next_day)
        self.message.value = OK.format(title="Saved:", text=_e(f"session of {entry.date.isoformat()} in {self.path()}"))
        self.pain.value = ""
        self.notes.value = ""
        self.worse.value = None
        self.refresh()
        self.decision.value = (
            f"<p><b>{_e(DECISION_TITLES[decision])}.</b> "
            f"{_e(rtr.explain(decision, entry.pain_during, entry.worse_next_day, week=entry.week))}</p>"
            f"<p><b>Re-planned:</b> {_e(self.status_message)}</p>"
        )


def live_return_to_run(log_path: str | Path = LOG_FILE_NAME) -> ipw.VBox:
    """The planner for JupyterLab; the log is kept in ``log_path`` (default: pain-log.csv in the
    working directory)."""
    return LiveReturnToRun(log_path).widget
