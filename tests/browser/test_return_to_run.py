"""The static return-to-running planner in Chromium.

The page's JavaScript against the Python on the same cases (decide, explain, readiness, the plan's
dates, replanning and status over simulated logs, the pain-log CSV both ways, the plan's CSV and
iCalendar text, red flags), then the page used like a runner would: log sessions, reload, export,
import, calendar download, red flags, bad input and a corrupt saved log.
"""

from __future__ import annotations

import datetime
import random
from pathlib import Path

import pytest
from icalendar import Calendar

from widgets import pain_log as pl
from widgets import red_flags as red_flag_catalogue
from widgets import return_to_run as rtr

pytestmark = pytest.mark.browser
PAGE = "book/rehabilitation/return-to-running-planner"
LOG_KEY = "rk-return-to-run.log"
D = datetime.date


def open_planner(watched_page, site_url):
    page = watched_page.page
    page.goto(f"{site_url}/{PAGE}.html")
    page.wait_for_function("() => window.rkReturnToRun && document.querySelector('.rk-rtr-app:not([hidden])')")
    return page


def js_entry(e) -> dict:
    day, week, pain, worse = e[:4]
    notes = e[4] if len(e) > 4 else ""
    return {"date": day.isoformat(), "week": week, "pain_during": pain, "worse_next_day": worse, "notes": notes}


def py_entry(d: dict) -> pl.LogEntry:
    return pl.LogEntry(D.fromisoformat(d["date"]), d["week"], d["pain_during"], d["worse_next_day"], d["notes"])


# --- (a) the JavaScript rules are the Python's ------------------------------------------------------


def test_decide_and_explain_match_python_on_every_rule_case(watched_page, site_url):
    page = open_planner(watched_page, site_url)
    cases = rtr.rule_cases()
    js = page.evaluate("cases => cases.map(([p, w]) => window.rkReturnToRun.decide(p, w))",
                       [[p, w] for p, w, _ in cases])
    assert js == [rtr.decide(p, w) for p, w, _ in cases] == [expected for *_, expected in cases]
    grid = [(p, w, week) for p, w, _ in cases for week in [None, *range(1, 9)]]
    grid += [(p, w, 4) for p in (0.25, 1.5, 2.75, 5, 9.99) for w in (False, True)]
    js = page.evaluate(
        "grid => grid.map(([p, w, k]) => window.rkReturnToRun.explain(window.rkReturnToRun.decide(p, w), p, w, k))",
        grid)
    assert js == [rtr.explain(rtr.decide(p, w), p, w, week=k) for p, w, k in grid]
    # Bad input is refused with a message, as in Python.
    errors = page.evaluate("""() => [NaN, -0.1, 10.1, "3", null].map(p => {
        try { window.rkReturnToRun.decide(p, false); return null; } catch (e) { return e.message; } })""")
    assert all(e and e.startswith("pain_during must be a number from 0 to 10, got") for e in errors)
    watched_page.assert_clean()


@pytest.mark.parametrize(
    ("start", "week"),
    [(D(2027, 1, 28), 1), (D(2026, 12, 27), 1), (D(2028, 2, 27), 1), (D(2027, 2, 27), 1), (D(2100, 2, 27), 1),
     (D(2000, 2, 27), 3), (D(2027, 12, 30), 6), (D(2027, 5, 3), 8)],
    ids=["month-end", "year-end", "leap-day", "no-leap-day", "2100-no-leap", "2000-leap", "week6-year-end", "week8"],
)
def test_plan_dates_match_plan_sessions(watched_page, site_url, start, week):
    page = open_planner(watched_page, site_url)
    js = page.evaluate("([s, w]) => window.rkReturnToRun.planSessions(s, w).map(x => [x.date, x.week, x.total_min, "
                       "window.rkReturnToRun.describeSession(x)])", [start.isoformat(), week])
    py = [[s.date.isoformat(), s.week, s.total_min, s.describe()] for s in rtr.plan_sessions(start, week)]
    assert js == py
    watched_page.assert_clean()


def simulated_logs(seed: int, count: int) -> list[tuple[D, list[tuple]]]:
    """Logs a runner could keep: each session on the date the plan gives (sometimes later, after a
    break), at the week the rules give (sometimes another), with pains on and around the limits."""
    rng = random.Random(seed)
    logs = []
    for _ in range(count):
        start = D(2026, 12, 1) + datetime.timedelta(days=rng.randrange(120))
        log: list[tuple] = []
        for _ in range(rng.randrange(1, 40)):
            st = rtr.status(log, start)
            if st.finished:
                break
            day = st.next_session.date + datetime.timedelta(days=rng.choice([0, 0, 0, 0, 1, 2, 9]))
            week = st.week if rng.random() > 0.08 else rng.randrange(1, 9)
            pain = rng.choice([0, 0.5, 1, 1.5, 1.9, 2, 2.5, 3, 3.5, 4, 6])
            log.append((day, week, pain, rng.random() < 0.08))
            logs.append((start, list(log)))
    return logs


def test_replan_and_status_match_python_over_simulated_logs(watched_page, site_url):
    page = open_planner(watched_page, site_url)
    logs = simulated_logs(seed=8, count=40)
    assert len(logs) > 200
    payload = [[start.isoformat(), [js_entry(e) for e in log]] for start, log in logs]
    js = page.evaluate("""logs => logs.map(([start, log]) => {
        const r = window.rkReturnToRun;
        const st = r.status(log, start, 1);
        return [r.replan(start, log, 1).map(s => [s.date, s.week]), st.message, st.week, st.finished];
    })""", payload)
    for (start, log), got in zip(logs, js, strict=True):
        st = rtr.status(log, start)
        assert got == [[[s.date.isoformat(), s.week] for s in rtr.replan(start, log)], st.message, st.week,
                       st.finished], log
    # Without a start date, the first logged session starts the programme (status() in Python).
    start, log = logs[-1]
    assert page.evaluate("log => window.rkReturnToRun.status(log, null, 1).message",
                         [js_entry(e) for e in log]) == rtr.status(log).message
    watched_page.assert_clean()


def test_readiness_and_red_flags_match_python(watched_page, site_url):
    page = open_planner(watched_page, site_url)
    names = ["pain_free_walk_min", "step_down_pain", "hip_strength_pct", "quad_strength_pct", "exercises_pain_free"]
    answers = [(30, 1.9, 80, 80, True), (29.5, 2, 79.9, 100, False), (0, 10, 0, 0, False), (120, 0, 150, 80.5, True)]
    for values in answers:
        kwargs = dict(zip(names, values, strict=True))
        js = page.evaluate("a => window.rkReturnToRun.checkReadiness(a)", kwargs)
        py = rtr.check_readiness(**kwargs)
        assert js == [{"name": c.name, "label": c.label, "met": c.met, "message": c.message} for c in py]
        js_ready = page.evaluate("a => window.rkReturnToRun.ready(window.rkReturnToRun.checkReadiness(a))", kwargs)
        assert js_ready == rtr.ready(py)
    for ticked in ([], ["new_ache"], ["locked", "new_ache"], ["stairs_down", "deformed", "swelling"]):
        answers = {key: True for key in ticked}
        js = page.evaluate("""a => { const r = window.rkReturnToRun, f = r.redFlags(a);
                                     return [f, r.needsProfessional(f)]; }""", answers)
        py = rtr.red_flags(**answers)
        assert js == [[{"key": f.key, "level": f.level, "title": f.title, "message": f.message, "why": f.why,
                        "escalation": f.escalation, "action": f.action} for f in py],
                      rtr.needs_professional(py)]
    watched_page.assert_clean()


NOTES = ["", "fine", "fine, a bit stiff", 'said "ouch"', "two\nlines", "cr\ronly", "ünïcödé ×", " spaces "]


def test_pain_log_csv_matches_pain_log(watched_page, site_url):
    page = open_planner(watched_page, site_url)
    entries = [pl.LogEntry(D(2027, 1, 28) + datetime.timedelta(days=2 * i), 1 + i % 8, pain, i % 3 == 0, note)
               for i, (pain, note) in enumerate(zip([0, 1.5, 2, 2.25, 3.01, 10, 0.1, 1e-5], NOTES, strict=True))]
    text = pl.entries_to_csv(entries)
    js_text = page.evaluate("e => window.rkReturnToRun.entriesToCsv(e)", [js_entry(
        (e.date, e.week, e.pain_during, e.worse_next_day, e.notes)) for e in entries])
    assert js_text == text
    back = page.evaluate("t => window.rkReturnToRun.entriesFromCsv(t, 'x.csv')", text)
    assert [py_entry(d) for d in back] == entries
    watched_page.assert_clean()


MALFORMED = [
    "",
    "date,week,pain_during,worse_next_day,notes\r\n",
    "\ufeffDate, Week ,pain_during,WORSE_NEXT_DAY,notes\n\n2027-01-28, 2 , 1.5 ,YES,ok\r\n",
    "date,week,pain\r\n",
    "date,week,pain_during,worse_next_day,notes\r\n2027-01-28,1,1,no\r\n",
    "date,week,pain_during,worse_next_day,notes\r\n28/01/2027,1,1,no,\r\n",
    "date,week,pain_during,worse_next_day,notes\r\n2027-02-30,1,1,no,\r\n",
    "date,week,pain_during,worse_next_day,notes\r\n2027-01-28,9,1,no,\r\n",
    "date,week,pain_during,worse_next_day,notes\r\n2027-01-28,1.5,1,no,\r\n",
    "date,week,pain_during,worse_next_day,notes\r\n2027-01-28,1,ten,no,\r\n",
    "date,week,pain_during,worse_next_day,notes\r\n2027-01-28,1,2,5,no,\r\n",
    "date,week,pain_during,worse_next_day,notes\r\n2027-01-28,1,nan,no,\r\n",
    "date,week,pain_during,worse_next_day,notes\r\n2027-01-28,1,10.5,no,\r\n",
    "date,week,pain_during,worse_next_day,notes\r\n2027-01-28,1,1,maybe,\r\n",
    'date,week,pain_during,worse_next_day,notes\r\n2027-01-28,1,1,no,"a\r\nb"\r\n2027-01-28,1,1,no,\r\n',
    'date,week,pain_during,worse_next_day,notes\r\n2027-01-28,1,1,no,"open\r\nstill open\r\n',
    'date,week,pain_during,worse_next_day,notes\r\n2027-01-28,1,1,no,"a"b\r\n',
    "date,week,pain_during,worse_next_day,notes\r2027-01-28,1,1,no,mac\r2027-01-30,1,1,no,x\r",
    "date,week,pain_during,worse_next_day,notes\n2027-01-28,1,1e0,no,'quoted'\n",
]


@pytest.mark.parametrize("text", MALFORMED)
def test_pain_log_csv_errors_match_pain_log(watched_page, site_url, text):
    page = open_planner(watched_page, site_url)
    js = page.evaluate("""t => { try { return {entries: window.rkReturnToRun.entriesFromCsv(t, 'log.csv')}; }
                                 catch (e) { return {error: e.message}; } }""", text)
    try:
        py = pl.entries_from_csv(text, "log.csv")
    except pl.PainLogError as exc:
        assert js == {"error": str(exc)}
    else:
        assert [py_entry(d) for d in js["entries"]] == py
    watched_page.assert_clean()


def test_plan_csv_and_ics_text_match_python(watched_page, site_url):
    page = open_planner(watched_page, site_url)
    stamp = datetime.datetime(2027, 1, 1, 6, 30, tzinfo=datetime.UTC)
    for start, week in [(D(2027, 1, 28), 1), (D(2028, 2, 27), 5)]:
        plan = rtr.plan_sessions(start, week)
        csv_text, ics_text = page.evaluate("""([s, w, stamp]) => {
            const r = window.rkReturnToRun, p = r.planSessions(s, w);
            return [r.planCsv(p), r.planIcs(p, stamp)]; }""", [start.isoformat(), week, stamp.isoformat()])
        assert csv_text == rtr.plan_csv(plan)
        assert ics_text.encode() == rtr.plan_ics(plan, stamp=stamp)
    watched_page.assert_clean()


# --- the page used like a runner would --------------------------------------------------------------


def downloaded(info) -> str:
    """The text of a file the page downloaded (its line ends kept)."""
    return Path(info.value.path()).read_bytes().decode("utf-8")


def make_plan(page, start: str) -> None:
    page.get_by_label("Start date (first session)").fill(start)
    page.get_by_role("button", name="Make my plan").click()


def log(page, day: str, pain: str, worse: bool, notes: str = "", week: int | None = None) -> None:
    page.get_by_label("Date of the run").fill(day)
    if week is not None:
        page.get_by_label("Stage you ran").select_option(str(week))
    page.get_by_label("Pain during the run, from 0").fill(pain)
    page.locator("#rk-rtr-log-worse").get_by_label("Yes, worse" if worse else "No, not worse").check()
    page.get_by_label("Notes (optional)").fill(notes)
    page.get_by_role("button", name="Save this session").click()


LOGGED = [("2027-01-28", "1", False, "easy"), ("2027-01-30", "2.5", False, "sore on stairs, after"),
          ("2027-02-01", "1.5", False, "")]


def log_three(page):
    make_plan(page, "2027-01-28")
    for day, pain, worse, notes in LOGGED:
        log(page, day, pain, worse, notes)
        assert f"Saved: your session of {day}" in page.locator(".rk-rtr-form-message").inner_text()


def expected_entries() -> list[pl.LogEntry]:
    return [pl.LogEntry(D.fromisoformat(d), 1, float(p), w, n) for d, p, w, n in LOGGED]


def test_log_three_sessions_reload_and_find_them_replanned(watched_page, site_url):
    page = open_planner(watched_page, site_url)
    make_plan(page, "2027-01-28")
    assert page.locator(".rk-rtr-plan tbody tr").count() == 28
    assert "Your 28 sessions, every other day, all on flat ground" in page.locator(".rk-rtr-plan caption").inner_text()
    log(page, *LOGGED[0])
    log(page, *LOGGED[1])
    # Pain from 2 to 3 is a repeat, and the message says so.
    card = page.locator(".rk-rtr-decision-card")
    assert card.get_attribute("data-decision") == "repeat"
    assert "Repeat this stage" in card.inner_text() and "2/10 or more but below 4/10" in card.inner_text()
    log(page, *LOGGED[2])
    page.reload()
    page.wait_for_function("() => document.querySelector('.rk-rtr-app:not([hidden])')")
    rows = page.locator(".rk-rtr-log tbody tr")
    assert rows.evaluate_all("rs => rs.map(r => r.dataset.date)") == [d for d, *_ in LOGGED]
    assert "sore on stairs, after" in rows.nth(1).inner_text()
    expected = rtr.status(expected_entries(), D(2027, 1, 28))
    assert expected.message in page.locator(".rk-rtr-status").inner_text()
    assert "Next session: Wed 2027-02-03, week 1" in expected.message  # the repeat keeps week 1 a full week
    plan = rtr.replan(D(2027, 1, 28), expected_entries())
    dates = page.locator(".rk-rtr-plan tbody tr td:first-child").all_inner_texts()
    assert [d.split()[1] for d in dates] == [s.date.isoformat() for s in plan]
    assert "re-planned from your log" in page.locator(".rk-rtr-plan caption").inner_text()
    assert "Re-planned" in page.locator(".rk-rtr-decision-card").inner_text()
    # The chart is drawn with a text summary.
    assert page.locator(".rk-rtr-chart svg[role=img] circle").count() == 2  # two sessions went well
    assert "3 logged sessions" in page.locator(".rk-rtr-chart figcaption").inner_text()
    watched_page.assert_clean()


def test_export_then_import_a_malformed_log(watched_page, site_url):
    page = open_planner(watched_page, site_url)
    log_three(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my log (CSV)").click()
    assert info.value.suggested_filename == "pain-log.csv"
    text = downloaded(info)
    assert pl.entries_from_csv(text) == expected_entries()
    # CRLF, exactly as the Python writes it, after a byte-order mark (the import skips it)
    assert text == "\ufeff" + pl.entries_to_csv(expected_entries())

    saved = page.evaluate(f"() => localStorage.getItem('{LOG_KEY}')")
    bad = "date,week,pain_during,worse_next_day,notes\r\n2027-02-03,1,1,no,\r\n2027-02-05,1,high,no,\r\n"
    page.get_by_label("Import a log (CSV file)").set_input_files(
        files=[{"name": "broken.csv", "mimeType": "text/csv", "buffer": bad.encode()}])
    message = page.locator(".rk-rtr-data-message")
    message.get_by_text("line 3").wait_for()
    assert "broken.csv: line 3: pain_during 'high' must be a number" in message.inner_text()
    assert "Nothing was imported" in message.inner_text()
    assert page.evaluate(f"() => localStorage.getItem('{LOG_KEY}')") == saved
    assert page.locator(".rk-rtr-log tbody tr").count() == 3

    # A good file replaces the log after the runner confirms.
    good = pl.entries_to_csv([pl.LogEntry(D(2027, 1, 28), 1, 0.5, False, "from my phone")])
    page.get_by_label("Import a log (CSV file)").set_input_files(
        files=[{"name": "phone.csv", "mimeType": "text/csv", "buffer": good.encode()}])
    page.get_by_role("button", name="Replace my log with the file").click()
    assert "Imported 1 session from phone.csv" in message.inner_text()
    assert page.evaluate(f"() => localStorage.getItem('{LOG_KEY}')") == good
    watched_page.assert_clean()


def test_calendar_and_plan_downloads(watched_page, site_url):
    page = open_planner(watched_page, site_url)
    make_plan(page, "2028-02-27")
    with page.expect_download() as info:
        page.get_by_role("button", name="Add to my calendar (.ics file)").click()
    assert info.value.suggested_filename == "return-to-running-plan.ics"
    plan = rtr.plan_sessions(D(2028, 2, 27))
    events = Calendar.from_ical(downloaded(info).encode()).walk("VEVENT")
    assert len(events) == len(plan) == 28
    assert [e.decoded("dtstart") for e in events] == [s.date for s in plan]
    assert D(2028, 2, 29) in [e.decoded("dtstart") for e in events]
    assert all(e.decoded("dtend") - e.decoded("dtstart") == datetime.timedelta(days=1) for e in events)
    assert str(events[0]["summary"]) == plan[0].summary()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the plan (CSV)").click()
    assert downloaded(info) == "\ufeff" + rtr.plan_csv(plan)  # the byte-order mark: Excel then shows × and –
    watched_page.assert_clean()


def test_a_red_flag_says_see_a_professional(watched_page, site_url):
    page = open_planner(watched_page, site_url)
    result = page.locator(".rk-rtr-flags-result")
    page.get_by_label("Have you had a new, mild ache").check()
    assert "Early warning sign" in result.inner_text() and "get care today" not in result.inner_text().lower()
    # A locked knee is a same-day sign: the box is headed by that level, its action and the sign's meaning.
    page.get_by_label("Is the knee stuck (locked)").check()
    assert result.locator(".rk-rtr-flag-title").inner_text().lower() == "get care today"
    assert "same-day assessment today" in result.inner_text()
    assert "torn piece of cartilage" in result.inner_text()
    page.get_by_label("Is the knee stuck (locked)").uncheck()
    page.get_by_label("Have you had a new, mild ache").uncheck()
    assert result.inner_text() == ""
    # A sign with its own next step shows it in bold, unfolded, before the level's action (R1).
    sign = red_flag_catalogue.load().signs["hot_red_swollen"]
    page.get_by_label("Is the knee warm and swollen").check()
    assert result.locator("strong.rk-rtr-flag-escalation").inner_text() == sign.escalation
    text = result.inner_text()
    assert text.index(sign.escalation) < text.index("same-day assessment today")
    page.get_by_label("Is the knee warm and swollen").uncheck()
    watched_page.assert_clean()


def test_bad_input_is_explained_next_to_the_field_and_kept(watched_page, site_url):
    page = open_planner(watched_page, site_url)
    make_plan(page, "2027-01-28")
    page.get_by_label("Date of the run").fill("")
    page.get_by_label("Pain during the run, from 0").fill("a lot")
    page.get_by_label("Notes (optional)").fill("keep these words")
    page.get_by_role("button", name="Save this session").click()
    assert page.locator("#rk-rtr-log-date-error").inner_text() == "Enter the date of the run."
    assert "“a lot” is not a number" in page.locator("#rk-rtr-log-pain-error").inner_text()
    assert page.locator("#rk-rtr-log-worse-error").inner_text() == "Choose yes or no."
    assert page.get_by_label("Pain during the run, from 0").get_attribute("aria-invalid") == "true"
    assert page.get_by_label("Notes (optional)").input_value() == "keep these words"
    for value, message in [("11", "Enter a number from 0 to 10"), ("-1", "is not a number"), ("", "Enter the pain")]:
        page.get_by_label("Pain during the run, from 0").fill(value)
        page.get_by_role("button", name="Save this session").click()
        assert message in page.locator("#rk-rtr-log-pain-error").inner_text()
    page.get_by_label("Date of the run").fill("2027-01-20")
    page.get_by_role("button", name="Save this session").click()
    assert "before your plan's start date (2027-01-28)" in page.locator("#rk-rtr-log-date-error").inner_text()
    assert page.evaluate(f"() => localStorage.getItem('{LOG_KEY}')") is None
    log(page, "2027-01-28", "1", False)
    log(page, "2027-01-28", "0", False, "again")
    assert "already logged on 2027-01-28" in page.locator("#rk-rtr-log-date-error").inner_text()
    assert page.get_by_label("Notes (optional)").input_value() == "again"
    # A readiness answer that is not a number.
    page.get_by_label("How many minutes can you walk without pain?").fill("thirty")
    page.get_by_role("button", name="Check if I am ready").click()
    assert "“thirty” is not a number" in page.locator("#rk-rtr-ready-walking-error").inner_text()
    watched_page.assert_clean()


def test_a_corrupt_saved_log_shows_a_message_and_is_kept(watched_page, site_url):
    page = open_planner(watched_page, site_url)
    corrupt = "date,week,pain_during,worse_next_day,notes\r\n2027-01-28,1,1,no,\r\n2027-01-30,one,2,no,\r\n"
    page.evaluate("([k, v]) => { localStorage.setItem(k, v); localStorage.setItem('rk-return-to-run.plan', '{oops'); }",
                  [LOG_KEY, corrupt])
    page.reload()
    page.wait_for_function("() => document.querySelector('.rk-rtr-app:not([hidden])')")
    alert = page.locator(".rk-rtr-storage-alert")
    assert alert.is_visible()
    assert "Your saved log could not be read" in alert.inner_text()
    assert "line 3: week 'one' must be a whole number" in alert.inner_text()
    assert "could not be read, so it is not used" in page.locator(".rk-rtr-status").inner_text()
    # Saving a session does not write over it; the answers stay in the form.
    log(page, "2027-02-01", "1", False, "after the break")
    assert "Not saved" in page.locator(".rk-rtr-form-message").inner_text()
    assert page.get_by_label("Notes (optional)").input_value() == "after the break"
    assert page.evaluate(f"() => localStorage.getItem('{LOG_KEY}')") == corrupt
    # It can be downloaded exactly as saved, then deleted.
    with page.expect_download() as info:
        alert.get_by_role("button", name="Download the saved log as it is").click()
    assert downloaded(info) == corrupt
    alert.get_by_role("button", name="Delete the saved log").click()
    page.get_by_role("button", name="Yes, delete my log and plan").click()
    assert not alert.is_visible()
    assert page.evaluate(f"() => localStorage.getItem('{LOG_KEY}')") is None
    watched_page.assert_clean()


def test_delete_and_undo(watched_page, site_url):
    page = open_planner(watched_page, site_url)
    log_three(page)
    page.get_by_role("button", name="Delete the session of 2027-01-30").click()
    assert page.locator(".rk-rtr-log tbody tr").count() == 2
    page.locator(".rk-rtr-data-message").get_by_role("button", name="Undo").click()
    assert page.locator(".rk-rtr-log tbody tr").count() == 3
    text = page.evaluate(f"() => localStorage.getItem('{LOG_KEY}')")
    assert pl.entries_from_csv(text) == expected_entries()
    watched_page.assert_clean()
