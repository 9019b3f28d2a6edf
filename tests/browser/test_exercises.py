"""Exercises pages and the site's search, in Chromium on the built student site."""

from __future__ import annotations

import pytest

from widgets.quiz import load_quiz

pytestmark = pytest.mark.browser


def test_quiz_on_the_exercises_page_gives_feedback_right_and_wrong(watched_page, site_url):
    page = watched_page.page
    page.goto(f"{site_url}/book/rehabilitation/exercises.html")
    quiz = load_quiz("rehabilitation")
    question = next(q for q in quiz.questions if not q.multiple)
    box = page.locator(f'.rk-quiz-question[data-question="{question.id}"]')
    wrong = next(i for i, o in enumerate(question.options) if not o.correct)
    right = next(i for i, o in enumerate(question.options) if o.correct)
    box.get_by_label(question.options[wrong].text).check()
    box.get_by_role("button", name="Check answer").click()
    feedback = box.locator(".rk-quiz-feedback")
    assert "Not quite" in feedback.inner_text()
    assert question.options[wrong].explanation.split(".")[0] in feedback.inner_text()
    box.get_by_label(question.options[right].text).check()
    box.get_by_role("button", name="Check answer").click()
    assert "Correct" in feedback.inner_text()
    watched_page.assert_clean()


@pytest.mark.parametrize(
    ("query", "expected_page"),
    [
        ("retinaculum", "book/glossary"),
        ("Noble", "book/glossary"),
        ("cadence target", "book/rehabilitation/exercises"),
        ("Q-angle by hand", "book/what-is-runners-knee/exercises"),
    ],
)
def test_search_finds_glossary_terms_and_exercises(watched_page, site_url, query, expected_page):
    page = watched_page.page
    page.goto(f"{site_url}/search.html?q={query}")
    results = page.locator("#search-results li a")
    results.first.wait_for(timeout=10_000)
    hrefs = [a.get_attribute("href") or "" for a in results.all()]
    assert any(expected_page in href for href in hrefs), (query, hrefs[:8])
    watched_page.assert_clean()


def test_search_box_on_an_ordinary_page_reaches_the_results(watched_page, site_url):
    # Ordinary pages no longer load the search index (_templates/layout.html); the search
    # dialog must still take a reader to results.
    page = watched_page.page
    page.goto(f"{site_url}/book/what-is-runners-knee/anatomy.html")
    page.keyboard.press("Control+k")
    box = page.locator("#pst-search-dialog input[name=q]")
    box.wait_for(state="visible", timeout=5_000)
    box.fill("retinaculum")
    box.press("Enter")
    page.wait_for_url("**/search.html?q=retinaculum*")
    results = page.locator("#search-results li a")
    results.first.wait_for(timeout=10_000)
    assert any("book/glossary" in (a.get_attribute("href") or "") for a in results.all())
    watched_page.assert_clean()
