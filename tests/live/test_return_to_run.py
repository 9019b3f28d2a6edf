"""The JupyterLab planner: logging writes the CSV through widgets.pain_log, a log that cannot be
read gives a message and stays byte for byte as it was, the plan files land next to the log."""

from __future__ import annotations

import datetime
import html

from icalendar import Calendar

from widgets import pain_log as pl
from widgets import red_flags as red_flag_catalogue
from widgets import return_to_run as rtr
from widgets.live.return_to_run import LiveReturnToRun

D = datetime.date


def log_session(live: LiveReturnToRun, day: datetime.date, week: int, pain: str, worse: str, notes: str = "") -> None:
    live.date.value = day
    live.week.value = week
    live.pain.value = pain
    live.worse.value = worse
    live.notes.value = notes
    live.save_button.click()


def test_logging_writes_the_csv_through_pain_log(tmp_path):
    path = tmp_path / "my-log.csv"
    live = LiveReturnToRun(path)
    assert not path.exists()  # opening the planner writes nothing
    live.start_date.value = D(2027, 1, 28)
    log_session(live, D(2027, 1, 28), 1, "1", "no", "fine, a bit stiff")
    log_session(live, D(2027, 1, 30), 1, "2,5", "no")
    assert "Saved" in live.message.value
    assert pl.read_log(path) == [
        pl.LogEntry(D(2027, 1, 28), 1, 1.0, False, "fine, a bit stiff"),
        pl.LogEntry(D(2027, 1, 30), 1, 2.5, False),
    ]
    assert path.read_bytes().startswith(b"date,week,pain_during,worse_next_day,notes\r\n")
    # decide/explain and the re-plan are shown: 2.5/10 is a repeat.
    assert "Repeat this stage" in live.decision.value and "2/10 or more but below 4/10" in live.decision.value
    assert "Re-planned" in live.decision.value and "repeating week 1" in live.decision.value
    status = rtr.status(pl.read_log(path), D(2027, 1, 28))
    assert status.message in live.status.value.replace("&#x27;", "'")
    assert "2027-01-30" in live.log_view.value and "Repeat this stage" in live.log_view.value
    assert live.pain.value == "" and live.worse.value is None  # the form is ready for the next session


def test_bad_input_gives_a_message_and_writes_nothing(tmp_path):
    path = tmp_path / "pain-log.csv"
    live = LiveReturnToRun(path)
    log_session(live, D(2027, 1, 28), 1, "two", "no")
    assert "Not saved" in live.message.value and "number from 0 to 10" in live.message.value
    log_session(live, D(2027, 1, 28), 1, "11", "no")
    assert "pain_during must be a number from 0 to 10" in live.message.value
    live.pain.value, live.worse.value = "1", None
    live.save_button.click()
    assert "yes or no" in live.message.value
    assert not path.exists()
    log_session(live, D(2027, 1, 28), 1, "1", "no")
    log_session(live, D(2027, 1, 28), 1, "0", "no")  # a second session the same day
    assert "already an entry for 2027-01-28" in live.message.value
    assert len(pl.read_log(path)) == 1


def test_a_malformed_log_shows_the_message_and_is_left_unchanged(tmp_path):
    path = tmp_path / "pain-log.csv"
    broken = b"date,week,pain_during,worse_next_day,notes\r\n2027-01-28,1,lots,no,\r\n"
    path.write_bytes(broken)
    live = LiveReturnToRun(path)
    assert "cannot be read" in live.log_view.value and "line 2" in live.log_view.value
    log_session(live, D(2027, 1, 30), 1, "1", "no")
    assert "Not saved: the log cannot be read." in live.message.value
    assert "line 2: pain_during &#x27;lots&#x27; must be a number" in live.message.value
    assert "Traceback" not in live.message.value
    assert path.read_bytes() == broken


def test_plan_files_are_written_next_to_the_log(tmp_path):
    live = LiveReturnToRun(tmp_path / "pain-log.csv")
    live.write_csv_button.click()
    assert "Not written" in live.files_message.value  # no start date, nothing logged: no plan yet
    live.start_date.value = D(2028, 2, 27)
    assert "Tue 2028-02-29" in live.plan.value  # leap day
    live.write_csv_button.click()
    live.write_ics_button.click()
    plan = rtr.plan_sessions(D(2028, 2, 27))
    # With a byte-order mark, as the site's export and the other CSV files (Excel then shows × and –).
    assert (tmp_path / "return-to-running-plan.csv").read_bytes() == rtr.plan_csv(plan).encode("utf-8-sig")
    events = Calendar.from_ical((tmp_path / "return-to-running-plan.ics").read_bytes()).walk("VEVENT")
    assert len(events) == len(plan) == 28
    assert "Written" in live.files_message.value


def test_readiness_and_red_flags(tmp_path):
    live = LiveReturnToRun(tmp_path / "pain-log.csv")
    inputs = live.readiness_inputs
    inputs["pain_free_walk_min"].value = 20
    inputs["step_down_pain"].value = 1
    inputs["hip_strength_pct"].value = 85
    inputs["quad_strength_pct"].value = 70
    live.readiness_button.click()
    assert "answer whether your exercises keep to the exercise pain limit" in live.readiness_result.value
    inputs["exercises_pain_free"].value = "yes"
    live.readiness_button.click()
    assert "Not yet: 2 of the 5 checks" in live.readiness_result.value
    assert "you need 30\u00a0minutes" in live.readiness_result.value
    inputs["step_down_pain"].value = 12
    live.readiness_button.click()
    assert "step_down_pain must be a number from 0 to 10" in live.readiness_result.value
    # Both knees hurt: the percentages are hidden and not used; the question on control decides.
    inputs["step_down_pain"].value = 1
    inputs["pain_free_walk_min"].value = 30
    assert live.good_control_row.layout.display == "none"
    live.both_knees.value = "yes"
    assert live.good_control_row.layout.display is None
    assert live.readiness_rows["hip_strength"].layout.display == "none"
    live.readiness_button.click()
    assert "answer whether you can do the strengthening exercises with good control" in live.readiness_result.value
    live.good_control.value = "no"
    live.readiness_button.click()
    assert "Not yet: 2 of the 5 checks" in live.readiness_result.value
    assert "no unaffected side to compare with" in live.readiness_result.value
    live.good_control.value = "yes"
    live.readiness_button.click()
    assert "Ready: every check is met" in live.readiness_result.value
    live.both_knees.value = "no"
    live.readiness_button.click()
    assert "Quadriceps strength is 70% of the unaffected side" in live.readiness_result.value
    live.flags["new_ache"].value = True
    assert "Early warning sign" in live.flags_result.value and "Get care today" not in live.flags_result.value
    # A locked knee is a same-day sign: the result is headed by that level, with its action first.
    live.flags["locked"].value = True
    assert live.flags_result.value.index("Get care today") < live.flags_result.value.index("Early warning sign")
    assert "same-day assessment today" in live.flags_result.value
    live.flags["locked"].value = live.flags["new_ache"].value = False
    assert live.flags_result.value == ""


def test_each_ticked_sign_shows_its_escalation_in_bold_before_the_levels_action(tmp_path):
    """The reviewer's R1: a sign's own next step ("if you also feel very unwell, go now") is shown,
    not folded, after what the sign can mean and before the level's generic action."""
    live = LiveReturnToRun(tmp_path / "pain-log.csv")
    cat = red_flag_catalogue.load()
    escalated = [s for s in cat.programme_signs() if s.escalation]
    assert escalated
    for sign in escalated:
        live.flags[sign.key].value = True
        shown = live.flags_result.value
        bold = f'<b class="rk-rtr-flag-escalation">{html.escape(sign.escalation)}</b>'
        assert bold in shown, sign.key
        action = html.escape(cat.levels[sign.level].action)
        assert shown.index(html.escape(sign.why)) < shown.index(bold) < shown.index(action), sign.key
        assert "<details" not in shown
        live.flags[sign.key].value = False
