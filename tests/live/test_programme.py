"""The JupyterLab programme builder: the same dates as build_programme(), clear messages,
and the same files as the website."""

import contextlib
import datetime
import io

from icalendar import Calendar

from widgets import programme
from widgets.live.programme import LiveProgramme

START = datetime.date(2027, 1, 29)


def make(tmp_path):
    with contextlib.redirect_stdout(io.StringIO()):
        return LiveProgramme(folder=tmp_path, start=START)


def test_days_and_weeks_update_the_table(tmp_path):
    live = make(tmp_path)
    assert "Fri 29 Jan 2027" in live.table.value and "Mon 1 Feb 2027" in live.table.value
    live.weeks.value = 8
    assert live.programme.weeks == 8 and "Fri 19 Mar 2027" in live.table.value
    live.days[2].value = False  # Wednesday off: two days only
    assert live.programme is None and live.csv_button.disabled
    assert "weekdays must be 3 different days" in live.message.value
    live.days[1].value = True  # Tuesday: Monday and Tuesday follow each other
    assert live.programme.weekdays == (0, 1, 4)
    assert "consecutive days: Monday and Tuesday" in live.message.value


def test_buttons_write_the_same_files_as_the_model(tmp_path):
    live = make(tmp_path)
    live.csv_button.click()
    live.ics_button.click()
    expected = programme.build_programme(START, [0, 2, 4])
    csv_file = tmp_path / "knee-programme-2027-01-29.csv"
    assert csv_file.read_bytes().startswith(b"\xef\xbb\xbf")
    assert csv_file.read_bytes().decode("utf-8-sig") == programme.programme_csv(expected)
    cal = Calendar.from_ical((tmp_path / "knee-programme-2027-01-29.ics").read_bytes())
    assert [e.decoded("dtstart") for e in cal.walk("VEVENT")][:-1] == [s.date for s in expected.sessions]
    assert "Written:" in live.written.value
    # With a logged step back the files follow the replanned stages, as the table does.
    live.log_week(0, False)
    live.log_week(0, False)
    live.log_week(5, False)
    live.csv_button.click()
    log = [(0, False), (0, False), (5, False)]
    assert csv_file.read_bytes().decode("utf-8-sig") == programme.programme_csv(expected, log)
    rows = csv_file.read_bytes().decode("utf-8-sig").splitlines()
    assert any(",4,10/24,Wall sit\\, shallow," in r or ",4,10/24,\"Wall sit, shallow\"," in r for r in rows)


def test_logging_a_week_replans_as_the_model_does(tmp_path):
    from widgets import progression
    live = make(tmp_path)
    assert "Stage 3" in live.table.value and live.plan.stages() == [1, 1, 2, 2, 3, 3]
    assert live.log_week(0, False).startswith("A good week (1 of 2")
    live.log_week(0, False)
    assert live.log_week(5, False).startswith("Step back (pain of 3/10 or more)")
    expected = progression.plan(START, [0, 2, 4], 6, [(0, False), (0, False), (5, False)])
    assert live.plan.stages() == expected.stages() == [1, 1, 2, 1, 2, 2, 3, 3]
    assert "pain 5/10: Step back" in live.table.value
    assert live.log_week(11, False) is None and "pain must be a number from 0 to 10" in live.log_message.value
    assert len(live.log) == 3  # the refused week changed nothing
    live.undo()
    assert live.plan.stages() == [1, 1, 2, 2, 3, 3]
