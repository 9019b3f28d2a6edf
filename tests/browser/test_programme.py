"""The static programme builder in Chromium: the page's dates are build_programme()'s (in any
time zone), the controls and messages work, the CSV and .ics downloads parse to the model's
files, the weekly pain log replans the programme that progresses as widgets.progression does,
and printing gives the week-by-week plan alone, without the controls."""

from __future__ import annotations

import datetime
import re

import pytest
from icalendar import Calendar

from tests.browser.test_quality import axe_violations
from widgets import progression
from widgets.programme import build_programme, programme_csv, programme_ics

pytestmark = pytest.mark.browser
PAGE = "book/rehabilitation/programme-builder"
D = datetime.date

CASES = [
    (D(2027, 1, 4), [0, 2, 4], None),
    (D(2027, 1, 28), [0, 2, 4], 7),  # starts on a Thursday, runs over the end of January
    (D(2026, 12, 28), [1, 3, 5], 6),  # over new year
    (D(2028, 2, 25), [1, 3, 6], 8),  # leap day
    (D(2027, 3, 26), [5, 6, 0], 8),  # consecutive, with Sunday → Monday; over the EU clock change
    (D(2027, 10, 29), [0, 1, 2], 6),  # three days in a row; over the autumn clock change
    (D(2100, 2, 26), [2, 4, 6], 6),  # 2100 is not a leap year
    (D(1, 1, 1), [0, 3, 6], 6),  # the first day Python knows
    (D(9998, 12, 30), [4, 5, 6], 8),  # the latest start
]


def python_plan(start, days, weeks):
    p = build_programme(start, days, weeks)
    return {
        "sessions": [[s.date.isoformat(), s.week, s.number] for s in p.sessions],
        "end": p.end.isoformat(),
        "maintenanceStart": p.maintenance.start.isoformat(),
        "maintenanceText": p.maintenance.describe(),
        "warnings": list(p.warnings),
    }


JS_PLAN = """([start, days, weeks]) => {
    const p = window.rkProgramme.build(start, days, weeks);
    return {sessions: p.sessions.map(s => [s.date, s.week, s.number]), end: p.end,
            maintenanceStart: p.maintenanceStart, maintenanceText: p.maintenanceText, warnings: p.warnings};
}"""


def js_plan(page, start, days, weeks):
    return page.evaluate(JS_PLAN, [start.isoformat(), days, weeks])


def test_javascript_dates_match_python(watched_page, site_url):
    page = watched_page.page
    page.goto(f"{site_url}/{PAGE}.html")
    for start, days, weeks in CASES:
        assert js_plan(page, start, days, weeks) == python_plan(start, days, weeks), (start, days, weeks)
    watched_page.assert_clean()


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "America/Sao_Paulo", "Europe/London", "Pacific/Pago_Pago"])
def test_dates_do_not_depend_on_the_time_zone(browser, site_url, zone):
    context = browser.new_context(timezone_id=zone, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{site_url}/{PAGE}.html")
        for start, days, weeks in CASES[:6]:
            assert js_plan(page, start, days, weeks) == python_plan(start, days, weeks), (zone, start)
        # The first day offered is today where the reader is.
        shown = page.locator("#rk-pg-start").input_value()
        local_today = page.evaluate("() => { const d = new Date(); "
                                    "return [d.getFullYear(), d.getMonth() + 1, d.getDate()]; }")
        assert shown == "{:04d}-{:02d}-{:02d}".format(*local_today)
    finally:
        context.close()


def test_javascript_refuses_what_python_refuses(watched_page, site_url):
    page = watched_page.page
    page.goto(f"{site_url}/{PAGE}.html")
    cases = [
        (["2027-01-04", [0, 2], 6], "Pick exactly 3 days"),
        (["2027-01-04", [0, 2, 4, 5], 6], "Pick exactly 3 days"),
        (["2027-01-04", [0, 2, 7], 6], "0 (Monday) to 6 (Sunday)"),
        (["2027-01-04", [0, 2, 4], 9], "Choose from 6 to 8 weeks"),
        (["2027-01-04", [0, 2, 4], 6.5], "Choose from 6 to 8 weeks"),
        (["2027-02-30", [0, 2, 4], 6], "Pick the first day"),
        (["", [0, 2, 4], 6], "Pick the first day"),
        (["9999-06-01", [0, 2, 4], 6], "on or before 9998-12-30"),
    ]
    for args, message in cases:
        error = page.evaluate(
            "(args) => { try { window.rkProgramme.build(...args); return null; } catch (e) { return e.message; } }",
            args,
        )
        assert error and message in error, (args, error)
    watched_page.assert_clean()


def grid_dates(page):
    return page.locator(".rk-pg-ticks td[data-date]").evaluate_all("els => els.map(e => e.dataset.date)")


def pick(page, start, days, weeks):
    page.get_by_label("First day").fill(start)
    page.get_by_label("How long").select_option(str(weeks))
    names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    for i, name in enumerate(names):
        page.get_by_label(name, exact=True).set_checked(i in days)


def test_runner_lays_out_a_plan(watched_page, site_url):
    page = watched_page.page
    page.goto(f"{site_url}/{PAGE}.html")
    # The defaults: today, Monday, Wednesday and Friday, the shorter end of the range.
    assert page.get_by_label("Monday", exact=True).is_checked() and page.get_by_label("Friday", exact=True).is_checked()
    assert len(grid_dates(page)) == 18
    pick(page, "2027-01-28", [0, 2, 4], 7)
    expected = build_programme(D(2027, 1, 28), [0, 2, 4], 7)
    assert grid_dates(page) == [s.date.isoformat() for s in expected.sessions]
    assert page.locator(".rk-pg-ticks tbody tr").count() == 7
    assert page.locator(".rk-pg-ticks td").first.inner_text().startswith("Fri 29 Jan 2027")
    assert "This plan: 7 weeks, from Thu 28 Jan 2027 to Wed 17 Mar 2027." in page.locator(".rk-pg-span").inner_text()
    assert expected.maintenance.describe() in page.locator(".rk-pg-maint").inner_text()
    assert not page.locator(".rk-pg-warning").count()
    # Only two days: the plan goes and the buttons are off until a third day is picked.
    page.get_by_label("Wednesday", exact=True).uncheck()
    error = page.locator(".rk-pg-error").inner_text()
    assert "Pick exactly 3 days (3\u00a0times per week): you have picked 2." in error
    assert page.get_by_role("button", name="Download CSV").is_disabled()
    assert grid_dates(page) == []
    page.get_by_label("Tuesday", exact=True).check()
    warning = page.locator(".rk-pg-warning").inner_text()
    assert warning == build_programme(D(2027, 1, 28), [0, 1, 4], 7).warnings[0]
    assert page.get_by_role("button", name="Download CSV").is_enabled()
    watched_page.assert_clean()


def test_downloads_parse_to_the_models_files(watched_page, site_url, tmp_path):
    page = watched_page.page
    page.goto(f"{site_url}/{PAGE}.html")
    pick(page, "2026-12-28", [1, 3, 5], 8)
    expected = build_programme(D(2026, 12, 28), [1, 3, 5], 8)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download CSV").click()
    assert info.value.suggested_filename == "knee-programme-2026-12-28.csv"
    path = tmp_path / "plan.csv"
    info.value.save_as(path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.decode("utf-8-sig") == programme_csv(expected)
    with page.expect_download() as info:
        page.get_by_role("button", name="Add to calendar (.ics)").click()
    path = tmp_path / "plan.ics"
    info.value.save_as(path)
    js_events = list(Calendar.from_ical(path.read_bytes()).walk("VEVENT"))
    py_events = list(Calendar.from_ical(programme_ics(expected)).walk("VEVENT"))
    assert len(js_events) == len(py_events) == 8 * 3 + 1
    for js, py in zip(js_events, py_events, strict=True):
        for key in ("uid", "summary", "description", "transp"):
            assert str(js[key]) == str(py[key]), key
        for key in ("dtstart", "dtend"):
            assert js.decoded(key) == py.decoded(key) and type(js.decoded(key)) is D
        stamp = js.decoded("dtstamp")
        assert stamp.tzinfo is not None
        assert abs(stamp - datetime.datetime.now(datetime.UTC)) < datetime.timedelta(minutes=5)
    # With the same stamp the page writes the same bytes as icalendar does.
    stamp = datetime.datetime(2027, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    js_text = page.evaluate(
        "([s, d, w]) => window.rkProgramme.ics(window.rkProgramme.build(s, d, w),"
        " new Date(Date.UTC(2027, 0, 2, 3, 4, 5)))",
        ["2026-12-28", [1, 3, 5], 8],
    )
    assert js_text.encode() == programme_ics(expected, stamp=stamp)
    watched_page.assert_clean()


VISIBLE = """() => {
    const visible = sel => { const el = document.querySelector(sel);
        return !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden'; };
    return {sidebar: visible('.bd-sidebar-primary'), header: visible('.bd-header'),
            toc: visible('.bd-sidebar-secondary'), footer: visible('.prev-next-area'),
            disclaimer: visible('.rk-disclaimer'), title: visible('.bd-article h1'),
            prose: visible('.bd-article section > p'),
            controls: visible('.rk-pg-controls'), sheet: visible('.rk-pg-sheet'), grid: visible('.rk-pg-ticks'),
            diagram: visible('.rk-pg-sheet svg.rk-pose'), sheetFoot: visible('.rk-pg-foot'),
            stages: visible('.rk-pg-stages'), log: visible('.rk-pg-log')};
}"""


def test_print_shows_only_the_sheet(watched_page, site_url):
    page = watched_page.page
    page.goto(f"{site_url}/{PAGE}.html")
    pick(page, "2027-01-04", [0, 2, 4], 8)  # the longest plan
    on_screen = page.evaluate(VISIBLE)
    assert all(on_screen.values()), on_screen  # every selector finds what it should
    page.emulate_media(media="print")
    try:
        shown = page.evaluate(VISIBLE)
        pages = {paper: len(re.findall(rb"/Type\s*/Page\b", page.pdf(format=paper))) for paper in ("A4", "Letter")}
    finally:
        page.emulate_media(media="screen")
    assert shown == {"sidebar": False, "header": False, "toc": False, "footer": False, "disclaimer": False,
                     "title": False, "prose": False, "controls": False, "sheet": True, "grid": True,
                     "diagram": True, "sheetFoot": True, "stages": True, "log": False}, shown
    # Page 1: the rule, the weeks and the stages; page 2: how to do the exercises.
    assert pages == {"A4": 2, "Letter": 2}, f"the plan must print on two pages: {pages}"
    watched_page.assert_clean()


def test_diagrams_are_labelled_images(watched_page, site_url):
    page = watched_page.page
    page.goto(f"{site_url}/{PAGE}.html")
    names = page.get_by_role("img").evaluate_all(
        "els => els.filter(e => e.matches('svg.rk-pose')).map(e => e.querySelector('title').textContent)"
    )
    assert len(names) == 7 and names[0] == "Clamshell: start and end position"
    assert page.get_by_role("img", name="Hip hike: start and end position").is_visible()
    watched_page.assert_clean()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_warning_and_error_states_are_accessible(watched_page, site_url, theme):
    page = watched_page.page
    watched_page.goto_in_theme(f"{site_url}/{PAGE}.html", theme)
    pick(page, "2027-01-04", [0, 1, 4], 6)
    assert page.locator(".rk-pg-warning").is_visible()
    watched_page.assert_clean()
    violations = axe_violations(page)  # (axe itself asks for a stylesheet that is not there: a 404)
    assert not violations, violations
    page.get_by_label("Friday", exact=True).uncheck()
    assert page.locator(".rk-pg-error").is_visible()
    violations = axe_violations(page)
    assert not violations, violations
    assert not watched_page.foreign_requests


def week_rows(page):
    """Per row of the plan: the week number, the dates of its sessions and its stage."""
    return page.locator(".rk-pg-ticks tbody tr").evaluate_all("""rows => rows.map(r => [
        r.querySelector('th').textContent, Array.from(r.querySelectorAll('td[data-date]')).map(td => td.dataset.date),
        r.querySelector('.rk-pg-stagetag').textContent])""")


def python_rows(start, days, weeks, log):
    p = progression.plan(start, days, weeks, log)
    return [[str(w.week), [d.isoformat() for d in w.sessions], f"Stage {w.stage}"] for w in p.plan_weeks]


def log_week(page, pain, worse=False):
    page.get_by_label("Worst knee pain during the exercises this week").fill(str(pain))
    page.get_by_label("The knee was worse the next day").set_checked(worse)
    page.get_by_role("button", name="Log this week").click()


PRINT_STATE = """() => {
    const shown = el => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const q = sel => document.querySelector(sel);
    return {rows: Array.from(document.querySelectorAll('.rk-pg-ticks tbody tr')).filter(shown).length,
            stages: Array.from(document.querySelectorAll('.rk-pg-stage')).filter(shown).length,
            rule: shown(q('.rk-pg-rule')), controls: shown(q('.rk-pg-controls')), log: shown(q('.rk-pg-log')),
            buttons: Array.from(document.querySelectorAll('button')).filter(shown).length,
            weeks: Array.from(document.querySelectorAll('.rk-pg-stage-weeks')).map(s => s.textContent)};
}"""


def test_runner_builds_logs_weeks_and_prints_the_plan(watched_page, site_url):
    page = watched_page.page
    page.goto(f"{site_url}/{PAGE}.html")
    pick(page, "2027-01-04", [0, 2, 4], 6)
    start = D(2027, 1, 4)
    assert week_rows(page) == python_rows(start, [0, 2, 4], 6, [])
    assert [r[2] for r in week_rows(page)] == ["Stage 1", "Stage 1", "Stage 2", "Stage 2", "Stage 3", "Stage 3"]
    assert "Week 1 (stage 1), Mon 4 Jan 2027 to Sun 10 Jan 2027." in page.locator(".rk-pg-logwhich").inner_text()
    # Two good weeks: on to stage 2. Then week 3 at 5/10: a step back, and the plan grows by two weeks.
    log_week(page, 1)
    assert page.locator(".rk-pg-logmsg").inner_text() == progression.plan(start, [0, 2, 4], 6, [(1, False)]).plan_weeks[
        0].next_text == "A good week (1 of 2 at this stage): next week, the same stage."
    log_week(page, 0)
    log_week(page, 5)
    log = [(1, False), (0, False), (5, False)]
    expected = progression.plan(start, [0, 2, 4], 6, log)
    assert page.locator(".rk-pg-logmsg").inner_text() == expected.plan_weeks[2].next_text
    assert week_rows(page) == python_rows(start, [0, 2, 4], 6, log)
    assert [r[2] for r in week_rows(page)] == [f"Stage {n}" for n in (1, 1, 2, 1, 2, 2, 3, 3)]
    assert "Pain 5/10: Step back" in page.locator(".rk-pg-ticks tbody tr").nth(2).inner_text()
    assert "This plan: 8 weeks, from Mon 4 Jan 2027 to Sun 28 Feb 2027." in page.locator(".rk-pg-span").inner_text()
    # Out-of-range pain is refused with a message, and the log stays as it was.
    log_week(page, 12)
    assert "number from 0 (none) to 10 (worst)" in page.locator(".rk-pg-error").inner_text()
    assert len(week_rows(page)) == 8
    # The log is kept in this browser: a reload shows the same plan.
    page.reload()
    assert week_rows(page) == python_rows(start, [0, 2, 4], 6, log)
    # Undo the step back: the plan is the 6-week one again.
    page.get_by_role("button", name="Undo the last week").click()
    assert week_rows(page) == python_rows(start, [0, 2, 4], 6, log[:2])
    log_week(page, 5)
    # Print: the plan with every week and stage, without the controls, the log form or any button.
    page.emulate_media(media="print")
    try:
        printed = page.evaluate(PRINT_STATE)
    finally:
        page.emulate_media(media="screen")
    assert printed == {"rows": 8, "stages": 3, "rule": True, "controls": False, "log": False, "buttons": 0,
                       "weeks": ["· Weeks 1–2, 4", "· Weeks 3, 5–6", "· Weeks 7–8"]}, printed
    watched_page.assert_clean()


def test_a_corrupt_stored_log_is_kept_aside_with_a_message(watched_page, site_url):
    page = watched_page.page
    page.goto(f"{site_url}/{PAGE}.html")
    page.evaluate("() => localStorage.setItem('rk-programme-plan', '{not json')")
    page.reload()
    assert "could not be read" in page.locator(".rk-pg-logmsg").inner_text()
    assert page.evaluate("() => localStorage.getItem('rk-programme-plan-corrupt')") == "{not json"
    assert len(week_rows(page)) == 6
    watched_page.assert_clean()
