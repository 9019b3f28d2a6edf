"""The static walkthroughs in Chromium: every outcome kind reachable by clicking, Back and
Start again, keyboard-only use, the disclaimer on every outcome, the answer summary."""

from __future__ import annotations

import pytest

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


@pytest.mark.parametrize(
    ("docname", "labels", "kind"),
    [
        (IS_THIS, ["All around", "Gradually", "Going down stairs", "None of these"], "likely_pfps"),
        (IS_THIS, ["The outer side", "None of these"], "other_condition"),
        (IS_THIS, ["All around", "Gradually", "Going down stairs", "Yes, one or more"], "see_professional"),
        (IS_THIS, ["All around", "swelled within hours"], "urgent"),
        (IS_THIS, ["One small spot"], "see_professional"),
        (CAN_I_RUN, ["recovering", "None of these", "Below 2/10", "No, the same"], "self_manage"),
        (CAN_I_RUN, ["running normally", "Yes, one or more"], "see_professional"),
        (SELF_TESTS, ["None of these", "Clarke", "It brought on"], "likely_pfps"),
    ],
)
def test_click_through_to_each_outcome_kind(watched_page, site_url, docname, labels, kind):
    page = watched_page.page
    page.goto(f"{site_url}/{docname}.html")
    click_path(page, labels)
    got_kind, text = outcome(page)
    assert got_kind == kind
    assert "not a diagnosis" in text  # the disclaimer on every outcome
    if kind in ("urgent", "see_professional"):
        assert any(w in text.lower() for w in ("doctor", "physiotherapist", "urgent-care", "emergency"))
    summary = page.locator(".rk-wt-summary textarea").input_value()
    assert summary.count("Q: ") == len(labels)
    watched_page.assert_clean()


def test_back_and_start_again(watched_page, site_url):
    page = watched_page.page
    page.goto(f"{site_url}/{CAN_I_RUN}.html")
    click_path(page, ["recovering", "None of these"])
    assert "How bad was the knee pain" in page.locator(".rk-wt-question").inner_text()
    page.get_by_role("button", name="← Back").click()
    assert "Do any of these apply?" in page.locator(".rk-wt-question").inner_text()
    page.get_by_role("button", name="Start again").click()
    assert page.locator(".rk-wt-question").inner_text() == "Which describes you?"
    assert page.get_by_role("button", name="Start again").count() == 0
    watched_page.assert_clean()


def test_keyboard_only(watched_page, site_url):
    """Tab to the first answer and press Enter; after each answer focus is on the new question,
    so one Tab reaches its first answer. Path: diffuse → gradual → stairs... → red flag: yes."""
    page = watched_page.page
    page.goto(f"{site_url}/{IS_THIS}.html")
    page.locator(".rk-wt-answer").first.focus()
    page.keyboard.press("Enter")
    for _ in range(3):
        assert page.evaluate("document.activeElement.className") == "rk-wt-question"
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
    got_kind, _ = outcome(page)
    assert got_kind == "see_professional"
    assert page.evaluate("document.activeElement.className") == "rk-wt-title"
    watched_page.assert_clean()
