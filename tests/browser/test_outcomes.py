"""The outcome-measures tracker in Chromium: scores typed into the form are saved in this
browser, survive a reload with the change and its meaning shown as widgets.outcomes says; bad
answers get a message and save nothing; a corrupt import is refused with the line and the
problem and the stored results stay as they were; the planner's page shows the same history."""

from __future__ import annotations

import datetime as dt

import pytest

from widgets import outcomes
from widgets.outcomes import STORAGE_KEY

pytestmark = pytest.mark.browser
PAGE = "book/rehabilitation/outcome-measures"
PLANNER = "book/rehabilitation/return-to-running-planner"


def ready(page):
    page.wait_for_function("() => window.rkOutcomes && document.querySelector('.rk-oc-app:not([hidden])')")


def enter(page, date, akps="", koos="", pain=""):
    page.fill("#rk-oc-date", date)
    page.fill("#rk-oc-akps", akps)
    page.fill("#rk-oc-koos_pf", koos)
    page.fill("#rk-oc-pain", pain)
    page.click(".rk-oc-form button[type=submit]")


def stored(page):
    return page.evaluate(f"() => localStorage.getItem('{STORAGE_KEY}')")


def test_enter_reload_history_and_corrupt_import(watched_page, site_url, tmp_path):
    page = watched_page.page
    page.goto(f"{site_url}/{PAGE}.html")
    ready(page)
    page.evaluate(f"() => localStorage.removeItem('{STORAGE_KEY}')")
    page.reload()
    ready(page)
    assert page.locator(".rk-oc-status").inner_text().strip() == outcomes.MESSAGES["empty"]

    enter(page, "2027-01-04", akps="58", pain="6")
    assert "Saved your scores for 2027-01-04." in page.locator(".rk-oc-form-message").inner_text()
    # Out of range: a message at the field, nothing saved.
    enter(page, "2027-01-18", akps="101", pain="5")
    assert "AKPS: enter a whole number from 0 to 100 (you typed 101)." in page.locator("#rk-oc-akps-error").inner_text()
    assert "Nothing was saved" in page.locator(".rk-oc-form-message").inner_text()
    assert stored(page) == "date,akps,koos_pf,worst_pain\r\n2027-01-04,58,,6\r\n"
    enter(page, "2027-01-18", akps="70", pain="5")

    page.reload()
    ready(page)
    expected = outcomes.progress([outcomes.Result(dt.date(2027, 1, 4), akps=58, pain=6),
                                  outcomes.Result(dt.date(2027, 1, 18), akps=70, pain=5)])
    assert expected.status == "improved"
    assert page.locator(".rk-oc-status").inner_text().strip() == expected.message
    rows = page.locator(".rk-oc-table tbody tr")
    assert rows.count() == 2
    assert "AKPS +12 (better); worst pain \u22121 (no meaningful change)" in rows.nth(1).inner_text()
    assert page.locator(".rk-oc-chart svg.rk-oc-svg").count() == 1

    # A corrupt file: refused with its line and problem; the stored results are unchanged.
    before = stored(page)
    bad = tmp_path / "bad.csv"
    bad.write_text("date,akps,koos_pf,worst_pain\n2027-02-01,62,,\n2027-02-08,150,,\n", encoding="utf-8")
    page.locator("input.rk-oc-import").set_input_files(str(bad))
    message = page.locator(".rk-oc-data-message.rk-oc-error")
    message.wait_for()
    assert ("bad.csv: line 3: akps '150' must be a whole number from 0 to 100, or empty. Nothing was imported: "
            "the results saved in this browser are unchanged.") in message.inner_text()
    assert stored(page) == before
    assert page.locator(".rk-oc-table tbody tr").count() == 2

    # The planner's page shows the same history, read-only.
    page.goto(f"{site_url}/{PLANNER}.html")
    page.wait_for_function("() => document.querySelector('.rk-widget-outcomes .rk-oc-app:not([hidden])')")
    summary = page.locator(".rk-widget-outcomes")
    assert summary.locator(".rk-oc-status").inner_text().strip() == expected.message
    assert summary.locator(".rk-oc-table tbody tr").count() == 2
    assert summary.locator("form, input, .rk-oc-delete").count() == 0
    watched_page.assert_clean()


def test_unreadable_stored_results_are_kept_and_not_overwritten(watched_page, site_url):
    page = watched_page.page
    page.goto(f"{site_url}/{PAGE}.html")
    ready(page)
    junk = "date,akps,koos_pf,worst_pain\r\n2027-01-04,999,,\r\n"
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORAGE_KEY, junk])
    page.reload()
    ready(page)
    alert = page.locator(".rk-oc-storage-alert")
    assert "Your saved results could not be read" in alert.inner_text() and "line 2" in alert.inner_text()
    enter(page, "2027-01-18", pain="4")
    form_message = page.locator(".rk-oc-form-message").inner_text()
    assert "Not saved: the results saved in this browser cannot be read" in form_message
    assert stored(page) == junk
    assert page.evaluate(f"() => localStorage.getItem('{STORAGE_KEY}-corrupt')") == junk
    watched_page.assert_clean()


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_with_a_history_the_tracker_is_accessible_and_fits(browser, site_url, theme, width):
    """With five entries (cards, chart, a worsening message) the page has no serious axe
    violation in either theme, and nothing is wider than the phone's screen."""
    from tests.browser.test_quality import axe_violations

    context = browser.new_context(viewport={"width": width, "height": 900})
    history = ("date,akps,koos_pf,worst_pain\r\n2027-01-04,58,,6\r\n2027-01-18,61,45.5,5\r\n"
               "2027-02-01,64,50,5\r\n2027-02-15,69,,4\r\n2027-03-01,60,40,8\r\n")
    context.add_init_script(f"localStorage.setItem('theme', '{theme}'); localStorage.setItem('mode', '{theme}');"
                            f"localStorage.setItem('{STORAGE_KEY}', {history!r});")
    page = context.new_page()
    try:
        page.goto(f"{site_url}/{PAGE}.html")
        ready(page)
        assert page.locator(".rk-oc-card-worse").count() == 1
        violations = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
        assert not violations, violations
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"the page is {overflow} px wider than the screen"
    finally:
        context.close()
