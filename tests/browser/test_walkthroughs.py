"""The static walkthroughs in Chromium: the emergency screen first on every page, every outcome
kind reachable by clicking, Back and Start again, keyboard-only use, the disclaimer on every
outcome, the answer summary."""

from __future__ import annotations

import itertools

import pytest

from widgets import red_flags

pytestmark = pytest.mark.browser

IS_THIS = "book/symptoms-and-diagnosis/is-this-runners-knee"
SELF_TESTS = "book/symptoms-and-diagnosis/self-test-walkthrough"
CAN_I_RUN = "book/treatment/can-i-run-today"


def click_path(page, labels):
    for label in labels:
        page.get_by_role("button", name=label, exact=False).first.click()


def outcome(page):
    box = page.locator(".rk-wt-outcome")
    box.wait_for()
    return box.get_attribute("data-outcome"), box.inner_text()


# Every walkthrough opens with the same two screen questions; "No, none of these" twice passes them.
SCREEN_CLEAR = ["No, none of these", "No, none of these"]


@pytest.mark.parametrize("docname", [IS_THIS, SELF_TESTS, CAN_I_RUN])
@pytest.mark.parametrize(("answers", "kind"), [(["Yes, one or more"], "emergency"),
                                              (["No, none of these", "Yes, one or more"], "same_day"),
                                              (["No, none of these", "I'm not sure"], "same_day")])
def test_the_first_question_is_the_emergency_screen(watched_page, site_url, docname, answers, kind):
    page = watched_page.page
    page.goto(f"{site_url}/{docname}.html")
    first = page.locator(".rk-widget-walkthrough")
    cat = red_flags.load()
    shown = first.inner_text()
    assert "safety check" in shown
    for sign in cat.signs_at("emergency"):
        assert sign.label in shown
    click_path(page, answers)
    got_kind, text = outcome(page)
    assert got_kind == kind
    level = cat.levels[kind]
    # What to do comes first, in words, with an icon beside the level's name (not colour alone).
    folded = text.casefold()  # the level's name is shown in capitals (CSS), so compare case-folded
    assert folded.index(level.title.casefold()) < folded.index(level.action[:40].casefold()) < folded.index(
        "educational use only")
    assert page.locator(f".rk-wt-outcome .rk-icon-{level.icon}").count() == 1
    watched_page.assert_clean()  # no request left the page, no console error


@pytest.mark.parametrize(
    ("docname", "labels", "kind"),
    [
        (IS_THIS, [*SCREEN_CLEAR, "Gradually", "18 or older", "All around", "Stairs", "No, none", "No, under 40"],
         "likely_pfps"),
        (IS_THIS, [*SCREEN_CLEAR, "Gradually", "18 or older", "The outer side", "No, none"], "other_condition"),
        (IS_THIS, [*SCREEN_CLEAR, "Gradually", "18 or older", "All around", "Stairs", "Yes, one or more"],
         "within_days"),
        (IS_THIS, [*SCREEN_CLEAR, "Suddenly, with a twist"], "within_days"),
        (IS_THIS, [*SCREEN_CLEAR, "Gradually", "Under 18", "On the bony bump", "No, none"], "other_condition"),
        (CAN_I_RUN, [*SCREEN_CLEAR, "recovering", "No, none", "Yes, it is improving", "Below 2/10", "No, the same"],
         "self_manage"),
        (CAN_I_RUN, [*SCREEN_CLEAR, "recovering", "No, none", "No, it has not improved"], "review"),
        (CAN_I_RUN, [*SCREEN_CLEAR, "running normally", "Yes, one or more"], "within_days"),
        (SELF_TESTS, [*SCREEN_CLEAR, "No, none", "step-down", "It brought on"], "likely_pfps"),
        (SELF_TESTS, [*SCREEN_CLEAR, "No, none", "Clarke", "A sharp pain"], "self_manage"),
        (SELF_TESTS, [*SCREEN_CLEAR, "No, none", "step-down", "locked"], "same_day"),
    ],
)
def test_click_through_to_each_outcome_kind(watched_page, site_url, docname, labels, kind):
    page = watched_page.page
    page.goto(f"{site_url}/{docname}.html")
    click_path(page, labels)
    got_kind, text = outcome(page)
    assert got_kind == kind
    assert "Educational use only" in text  # the disclaimer on every outcome
    if kind in red_flags.load().levels:
        assert red_flags.load().levels[kind].action[:40] in text
    summary = page.locator(".rk-wt-summary textarea").input_value()
    assert summary.count("Q: ") == len(labels)
    assert "will not straighten" in summary  # the screen's list is in the summary for a clinician
    watched_page.assert_clean()


def test_back_and_start_again(watched_page, site_url):
    page = watched_page.page
    page.goto(f"{site_url}/{CAN_I_RUN}.html")
    click_path(page, [*SCREEN_CLEAR, "recovering", "No, none", "Yes, it is improving"])
    assert "How bad was the knee pain" in page.locator(".rk-wt-question").inner_text()
    page.get_by_role("button", name="← Back").click()
    assert "has the knee improved at all?" in page.locator(".rk-wt-question").inner_text()
    page.get_by_role("button", name="Start again").click()
    assert "safety check" in page.locator(".rk-wt-question").inner_text()
    assert page.get_by_role("button", name="Start again").count() == 0
    watched_page.assert_clean()


def test_keyboard_only(watched_page, site_url):
    """Keyboard only: Enter on an answer; focus moves to the new question, so Tab reaches its
    answers in order. Path: no emergency sign → no same-day sign (Tab, Tab) → "Suddenly, with a
    twist" (Tab, Tab) → the within-days outcome, with focus on its title."""
    page = watched_page.page
    page.goto(f"{site_url}/{IS_THIS}.html")
    page.locator(".rk-wt-answer").nth(1).focus()  # "No, none of these"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.className") == "rk-wt-question"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.className") == "rk-wt-question"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    got_kind, _ = outcome(page)
    assert got_kind == "within_days"
    assert page.evaluate("document.activeElement.className") == "rk-wt-title"
    watched_page.assert_clean()


def test_same_day_outcome_shows_each_escalation_without_opening_anything(watched_page, site_url):
    """S2: the limping child's "emergency department today, keep weight off the leg" and the hot
    joint's "very unwell: emergency now" are visible on the outcome, not inside a <details>."""
    page = watched_page.page
    page.goto(f"{site_url}/{IS_THIS}.html")
    click_path(page, ["No, none of these", "Yes, one or more"])
    outcome(page)
    steps = page.locator(".rk-wt-outcome > ul.rk-wt-escalations > li")
    expected = [s.escalation for s in red_flags.load().signs_at("same_day") if s.escalation]
    assert steps.all_inner_texts() == expected
    for i in range(steps.count()):
        assert steps.nth(i).is_visible()
    assert page.locator("details ul.rk-wt-escalations").count() == 0
    watched_page.assert_clean()


HEADING_LEVELS = """() => Array.from(document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6'))
    .filter(h => h.offsetParent !== null).map(h => [Number(h.tagName[1]), h.textContent.trim()])"""


def skipped_levels(headings):
    """Each heading that is more than one level below the heading before it (h1 then h3)."""
    return [(prev, cur) for prev, cur in itertools.pairwise(headings) if cur[0] > prev[0] + 1]


@pytest.mark.parametrize("docname", [IS_THIS, SELF_TESTS, CAN_I_RUN])
def test_heading_levels_never_skip(watched_page, site_url, docname):
    """The player's question and outcome headings sit one level below the page title (Lighthouse
    accessibility: heading-order), at the first question and at an outcome."""
    page = watched_page.page
    page.goto(f"{site_url}/{docname}.html")
    page.locator(".rk-wt-question").wait_for()
    at_start = page.evaluate(HEADING_LEVELS)
    assert at_start[0][0] == 1 and any("safety check" in text for _, text in at_start)
    assert skipped_levels(at_start) == []
    click_path(page, ["Yes, one or more"])
    page.locator(".rk-wt-title").wait_for()
    assert skipped_levels(page.evaluate(HEADING_LEVELS)) == []
    watched_page.assert_clean()
