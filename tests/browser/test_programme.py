"""The static programme builder in Chromium: the page's dates are build_programme()'s (in any
time zone), the controls and messages work, the CSV and .ics downloads parse to the model's
files, and printing gives the sheet alone on one page."""

from __future__ import annotations

import datetime
import re

import pytest
from icalendar import Calendar

from tests.browser.test_quality import axe_violations
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
            diagram: visible('.rk-pg-sheet svg.rk-pose'), sheetFoot: visible('.rk-pg-foot')};
}"""


def test_print_shows_only_the_sheet_on_one_page(watched_page, site_url):
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
                     "diagram": True, "sheetFoot": True}, shown
    assert pages == {"A4": 1, "Letter": 1}, f"the sheet must print on one page: {pages}"
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
