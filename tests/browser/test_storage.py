"""The planner and the shoe log keep their data safely in this browser's storage: two tabs of the
site (one Playwright context: same origin, one localStorage) each save what they logged, a tab
shows what another saved, and full or blocked storage is reported with a message while what the
runner typed stays in the form (never an empty list, never a silently dropped run)."""

from __future__ import annotations

import contextlib
import json
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.test_return_to_run import LOG_KEY, log, make_plan
from tests.browser.test_return_to_run import PAGE as PLANNER
from tests.browser.test_shoes import KEY as SHOES_KEY
from tests.browser.test_shoes import PAGE as SHOES
from tests.browser.test_shoes import add_pair, add_run, card
from tests.conftest import PageWatch

pytestmark = pytest.mark.browser

# Stops this tab hearing the `storage` event, so it keeps its stale view: a write must still
# re-read the stored value and merge, not overwrite it.
DEAF = "window.addEventListener('storage', (e) => e.stopImmediatePropagation(), true);"
# Full storage, for the course's keys (the theme's own writes, which do not catch the error, are
# left alone so the page's console stays clean).
FULL = """const setItem = Storage.prototype.setItem;
Storage.prototype.setItem = function (key, value) {
  if (String(key).startsWith("rk-")) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
  return setItem.call(this, key, value); };"""
BLOCKED = """Object.defineProperty(window, "localStorage", { configurable: true,
  get() { throw new DOMException("Access is denied for this document.", "SecurityError"); } });"""


@pytest.fixture
def context(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1).*"), lambda route: route.abort())
    yield context
    context.close()


def tab(context, site_url, page_name: str, init: str | None = None) -> PageWatch:
    page = context.new_page()
    if init:
        page.add_init_script(init)
    watch = PageWatch(page, site_url)
    page.goto(f"{site_url}/{page_name}.html")
    return watch


def planner_ready(page):
    page.wait_for_function("() => window.rkReturnToRun && document.querySelector('.rk-rtr-app:not([hidden])')")


def stored_dates(page) -> list[str]:
    text = page.evaluate(f"() => localStorage.getItem('{LOG_KEY}')") or ""
    return [line.split(",")[0] for line in text.splitlines()[1:] if line]


def wait_until_seen(page, predicate: str, arg) -> None:
    """Up to 5 s for ``page``'s copy of localStorage to satisfy ``predicate``: another tab's write
    reaches this tab asynchronously when the two tabs run in different renderer processes, so an
    immediate read can be one write behind. No error on time-out: the caller's assertion shows
    what the tab sees."""
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(predicate, arg=arg, timeout=5000)


def stored_dates_seen_from(page, expected: list[str]) -> list[str]:
    """The stored dates as ``page`` sees them, once it sees as many as expected."""
    count = """([key, n]) => (localStorage.getItem(key) || '').split('\\n').slice(1).filter(Boolean).length >= n"""
    wait_until_seen(page, count, [LOG_KEY, len(expected)])
    return stored_dates(page)


def logged_dates(page) -> list[str]:
    cells = page.locator(".rk-rtr-log-table tbody tr td:first-child").all_inner_texts()
    return [cell.split()[-1] for cell in cells]  # "Thu 2027-01-28"


@pytest.mark.parametrize("hears", [True, False], ids=["tabs-hear-each-other", "stale-tab"])
def test_a_run_logged_in_each_of_two_tabs_both_survive(context, site_url, hears):
    a = tab(context, site_url, PLANNER)
    planner_ready(a.page)
    make_plan(a.page, "2027-01-28")
    b = tab(context, site_url, PLANNER, None if hears else DEAF)
    planner_ready(b.page)
    log(a.page, "2027-01-28", "1", False, "tab A")
    assert "Saved: your session of 2027-01-28" in a.page.locator(".rk-rtr-form-message").inner_text()
    if hears:  # the other tab shows it without a reload
        b.page.wait_for_function("() => document.querySelector('.rk-rtr-log-table')")
        assert logged_dates(b.page) == ["2027-01-28"]
    log(b.page, "2027-01-30", "2", False, "tab B")
    assert "Saved: your session of 2027-01-30" in b.page.locator(".rk-rtr-form-message").inner_text()
    assert stored_dates_seen_from(a.page, ["2027-01-28", "2027-01-30"]) == ["2027-01-28", "2027-01-30"]
    assert logged_dates(b.page) == ["2027-01-28", "2027-01-30"]
    a.page.reload()
    planner_ready(a.page)
    assert logged_dates(a.page) == ["2027-01-28", "2027-01-30"]
    for watch in (a, b):
        watch.assert_clean()


def test_the_same_day_logged_in_a_stale_tab_is_refused_not_lost(context, site_url):
    a = tab(context, site_url, PLANNER)
    planner_ready(a.page)
    b = tab(context, site_url, PLANNER, DEAF)
    planner_ready(b.page)
    log(a.page, "2027-01-28", "1", False, "tab A")
    log(b.page, "2027-01-28", "3", False, "tab B")
    message = b.page.locator(".rk-rtr-form-message").inner_text()
    assert "Not saved: a session on 2027-01-28 was logged in another tab" in message
    assert b.page.get_by_label("Notes (optional)").input_value() == "tab B"
    stored = a.page.evaluate(f"() => localStorage.getItem('{LOG_KEY}')")
    assert stored_dates(a.page) == ["2027-01-28"] and "tab A" in stored
    assert logged_dates(b.page) == ["2027-01-28"]  # the stale tab now shows what is stored


def stored_pairs(page) -> list[dict]:
    return json.loads(page.evaluate(f"() => localStorage.getItem('{SHOES_KEY}')"))["pairs"]


def stored_pairs_seen_from(page, name: str, km: float) -> list[dict]:
    """The stored pairs as ``page`` sees them, once its copy shows ``name`` at ``km``."""
    seen = """([key, name, km]) => ((JSON.parse(localStorage.getItem(key) || '{}').pairs || [])
        .find((pair) => pair.name === name) || {}).km === km"""
    wait_until_seen(page, seen, [SHOES_KEY, name, km])
    return stored_pairs(page)


@pytest.mark.parametrize("hears", [True, False], ids=["tabs-hear-each-other", "stale-tab"])
def test_shoes_and_runs_added_in_two_tabs_all_survive(context, site_url, hears):
    a = tab(context, site_url, SHOES)
    add_pair(a.page, "Blue", 100)
    b = tab(context, site_url, SHOES, None if hears else DEAF)
    add_pair(a.page, "Red", 5)
    if hears:
        card(b.page, "Red").wait_for()
    add_pair(b.page, "Green", 1)
    add_run(a.page, "Blue", 10)
    # Tab A's write reaches tab B's storage a moment later (another renderer process); a person
    # switching tabs is never that quick, so the test waits for it rather than racing it.
    assert stored_pairs_seen_from(b.page, "Blue", 110)[0] == {"name": "Blue", "km": 110}
    add_run(b.page, "Blue", 5)  # the stale tab thinks Blue has 100 km; the stored 110 gets the run
    assert stored_pairs_seen_from(a.page, "Blue", 115) == [
        {"name": "Blue", "km": 115}, {"name": "Red", "km": 5}, {"name": "Green", "km": 1}]
    assert b.page.locator(".rk-sh-pair").count() == 3
    for watch in (a, b):
        watch.assert_clean()


def test_full_storage_is_reported_and_the_session_stays_in_the_form(browser, site_url, tmp_path):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        watch = PageWatch(context.new_page(), site_url)
        page = watch.page
        page.goto(f"{site_url}/{PLANNER}.html")
        page.evaluate("() => localStorage.setItem('rk-return-to-run.plan', JSON.stringify("
                      "{start_date: '2027-01-28', start_week: 1}))")
        page.add_init_script(FULL)
        page.reload()
        planner_ready(page)
        log(page, "2027-01-28", "2", False, "long run, knee fine")
        message = page.locator(".rk-rtr-form-message")
        assert message.is_visible()
        text = message.inner_text()
        assert "Not saved: this browser's storage for this site is full" in text, text
        assert "Your answers are still in the form" in text
        assert page.get_by_label("Notes (optional)").input_value() == "long run, knee fine"
        assert page.get_by_label("Pain during the run, from 0").input_value() == "2"
        assert page.get_by_label("Date of the run").input_value() == "2027-01-28"
        assert page.evaluate(f"() => localStorage.getItem('{LOG_KEY}')") is None
        # What the runner sees at 390 px (COURSE_SCREENSHOTS=dir keeps it to look at).
        shots = Path(os.environ.get("COURSE_SCREENSHOTS") or tmp_path)
        shots.mkdir(parents=True, exist_ok=True)
        message.scroll_into_view_if_needed()
        page.screenshot(path=str(shots / "planner-storage-full-390.png"))
        watch.assert_clean()
    finally:
        context.close()


def test_full_storage_in_the_shoe_log_keeps_the_pair_in_the_form(context, site_url):
    watch = tab(context, site_url, SHOES, FULL)
    page = watch.page
    add_pair(page, "Blue", 12)
    error = page.locator(".rk-sh-error")
    assert "Not saved: this browser's storage for this site is full" in error.inner_text()
    assert page.get_by_label("Name of the pair").input_value() == "Blue"
    assert page.evaluate(f"() => localStorage.getItem('{SHOES_KEY}')") is None
    watch.assert_clean()


def test_blocked_storage_is_said_not_shown_as_an_empty_list(context, site_url):
    shoes = tab(context, site_url, SHOES, BLOCKED)
    assert "does not let the page keep data" in shoes.page.locator(".rk-sh-message").inner_text()
    assert not shoes.page.locator(".rk-sh-empty").is_visible()
    planner = tab(context, site_url, PLANNER, BLOCKED)
    planner_ready(planner.page)
    alert = planner.page.locator(".rk-rtr-storage-alert")
    assert alert.is_visible() and "does not let the page keep data" in alert.inner_text()


def test_an_unreadable_shoe_list_is_kept_aside_and_offered_for_download(context, site_url):
    watch = tab(context, site_url, SHOES)
    page = watch.page
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [SHOES_KEY, "{not json"])
    page.reload()
    assert page.evaluate(f"() => localStorage.getItem('{SHOES_KEY}-corrupt')") == "{not json"
    assert not page.locator(".rk-sh-empty").is_visible()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the unreadable list").click()
    assert Path(info.value.path()).read_text() == "{not json"


def test_a_run_being_typed_stays_when_another_tab_changes_the_list(context, site_url):
    a = tab(context, site_url, SHOES)
    add_pair(a.page, "Blue", 100)
    b = tab(context, site_url, SHOES)
    b.page.get_by_label("Add a run (km) to Blue").fill("7")
    add_pair(a.page, "Red", 5)
    card(b.page, "Red").wait_for()  # b redrew its list
    assert b.page.get_by_label("Add a run (km) to Blue").input_value() == "7"
    b.page.locator("li[data-name='Blue']").get_by_role("button", name="Add", exact=True).click()
    assert stored_pairs(a.page) == [{"name": "Blue", "km": 107}, {"name": "Red", "km": 5}]
