"""The static quiz in Chromium, on a stand-alone page built from quiz_html() and assets/rk/ (so it
needs no site build): quiz.js grades exactly like widgets.quiz.grade for every possible choice,
works with the mouse and with the keyboard alone, marks typed numbers, keeps the score, exports the
answers as the file widgets.quiz.answers_csv writes, passes axe, fits a 390 px phone, and explains
itself when its data is missing or damaged."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import shutil
from itertools import combinations
from pathlib import Path

import pytest

from tests.browser.test_quality import AXE, WCAG_AA
from tests.conftest import REPO, PageWatch, _serve
from widgets.quiz import QUIZ_CHAPTERS, answers_csv, export_filename, grade, load_quiz
from widgets.static.quiz import quiz_html

pytestmark = pytest.mark.browser

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Quiz</title>
<link rel="stylesheet" href="rk/course.css"><link rel="stylesheet" href="rk/quiz.css">
<script defer src="rk/rk-common.js"></script><script defer src="rk/quiz.js"></script></head>
<body><main class="bd-article"><h1>Self-check quiz</h1>
BODY
</main></body></html>"""


@pytest.fixture(scope="module")
def quiz_url(tmp_path_factory):
    root: Path = tmp_path_factory.mktemp("quiz-site")
    (root / "rk").mkdir()
    for name in ("course.css", "quiz.css", "rk-common.js", "quiz.js"):
        shutil.copy(REPO / "assets" / "rk" / name, root / "rk" / name)
    for chapter in QUIZ_CHAPTERS:
        (root / f"{chapter}.html").write_text(PAGE.replace("BODY", quiz_html(chapter)), encoding="utf-8")
    markup = quiz_html("treatment")
    damaged = re.sub(r'(class="rk-widget-data">)\{', r"\1{not json", markup)
    missing = re.sub(r'<script type="application/json" class="rk-widget-data">.*?</script>', "", markup)
    (root / "damaged.html").write_text(PAGE.replace("BODY", damaged), encoding="utf-8")
    (root / "missing.html").write_text(PAGE.replace("BODY", missing), encoding="utf-8")
    server = _serve(root)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def watched(browser, quiz_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1).*"), lambda route: route.abort())
    watch = PageWatch(context.new_page(), quiz_url)
    yield watch
    context.close()


def open_quiz(watch, url):
    watch.page.goto(url)
    watch.page.wait_for_selector("section.rk-widget-quiz[data-ready]")
    return watch.page


@pytest.mark.parametrize("chapter", QUIZ_CHAPTERS)
def test_javascript_grades_every_choice_like_python(watched, quiz_url, chapter):
    page = open_quiz(watched, f"{quiz_url}/{chapter}.html")
    quiz = load_quiz(chapter)
    cases, expected = [], []
    for question, data in zip(quiz.questions, quiz.to_data()["questions"], strict=True):
        sizes = range(1, len(question.options) + 1) if question.multiple else (1,)
        for size in sizes:
            for chosen in combinations(range(len(question.options)), size):
                cases.append([data, list(reversed(chosen))])  # order of choosing must not matter
                expected.append(dataclasses.asdict(grade(question, list(chosen))))
    got = page.evaluate("(cases) => cases.map(([q, chosen]) => window.rkQuiz.grade(q, chosen))", cases)
    for case, want, have in zip(cases, expected, got, strict=True):
        want = {**want, "chosen": list(want["chosen"]), "missed": list(want["missed"])}
        assert have == want, (case[0]["id"], case[1])
    watched.assert_clean()


def feedback(page, question_id):
    return page.locator(f'.rk-quiz-question[data-question="{question_id}"] .rk-quiz-feedback')


def test_clicking_options_and_check_answer(watched, quiz_url):
    page = open_quiz(watched, f"{quiz_url}/symptoms-and-diagnosis.html")
    box = page.locator('.rk-quiz-question[data-question="point-tenderness"]')
    box.get_by_role("button", name="Check answer").click()
    assert feedback(page, "point-tenderness").inner_text() == "Choose an answer first."

    box.get_by_label("Iliotibial band syndrome").check()
    box.get_by_role("button", name="Check answer").click()
    text = feedback(page, "point-tenderness").inner_text()
    assert text.startswith("Not quite.")
    assert "Your choice — not right:" in text and "outer side of the knee" in text
    assert "The right answer:" in text and "Patellar tendinopathy" in text
    assert box.get_attribute("data-result") == "wrong"

    box.get_by_label("Patellar tendinopathy").check()
    assert feedback(page, "point-tenderness").inner_text() == "", "a new choice clears the old feedback"
    box.get_by_role("button", name="Check answer").click()
    assert feedback(page, "point-tenderness").inner_text().startswith("Correct.")

    multi = page.locator('.rk-quiz-question[data-question="points-away"]')
    multi.get_by_label("The knee swelled up clearly after a run").check()
    multi.get_by_label("Sitting through a film").check()
    multi.get_by_role("button", name="Check answer").click()
    text = feedback(page, "points-away").inner_text()
    assert text.startswith("Not quite: you found 1 of 3 right answers, and 1 of your choices is not right.")
    assert text.count("Also right (you did not choose it):") == 2
    watched.assert_clean()


def test_keyboard_only(watched, quiz_url):
    page = open_quiz(watched, f"{quiz_url}/treatment.html")
    page.keyboard.press("Tab")  # first radio group of the first question
    focused = page.evaluate("() => document.activeElement.id")
    assert focused == "rk-quiz-treatment-first-change-0"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Check answer"
    page.keyboard.press("Enter")
    assert feedback(page, "first-change").inner_text().startswith("Correct.")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("ArrowDown")  # radios: arrows move the choice
    assert page.evaluate("() => document.activeElement.id") == "rk-quiz-treatment-first-change-1"
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert feedback(page, "first-change").inner_text().startswith("Not quite.")
    watched.assert_clean()


@pytest.mark.parametrize("chapter", ["what-is-runners-knee", "rehabilitation"])
def test_accessible_and_fits_a_phone_with_feedback_shown(watched, quiz_url, chapter):
    page = open_quiz(watched, f"{quiz_url}/{chapter}.html")
    page.set_viewport_size({"width": 390, "height": 844})
    first, second = load_quiz(chapter).questions[:2]
    wrong = next(i for i, option in enumerate(second.options) if not option.correct)
    boxes = page.locator(".rk-quiz-question")
    boxes.nth(0).locator("label").nth(first.correct_indices[0]).click()  # right and wrong: both colours
    boxes.nth(0).get_by_role("button", name="Check answer").click()
    boxes.nth(1).locator("label").nth(wrong).click()
    boxes.nth(1).get_by_role("button", name="Check answer").click()
    boxes.nth(2).get_by_role("button", name="Check answer").click()  # the "choose first" hint
    classes = page.eval_on_selector_all(".rk-quiz-feedback", "els => els.map(e => e.className).join(' ')")
    assert "rk-quiz-right" in classes and "rk-quiz-wrong" in classes and "rk-quiz-hint" in classes
    width = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1] + 1, f"the quiz scrolls sideways at 390 px: {width}"
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))
             .violations.filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id + ': ' + v.help)""",
        WCAG_AA,
    )
    assert not violations
    watched.assert_clean()


@pytest.mark.parametrize(("page_name", "reason"), [("damaged", "damaged"), ("missing", "missing")])
def test_missing_or_damaged_data_is_explained_not_a_script_error(watched, quiz_url, page_name, reason):
    page = open_quiz(watched, f"{quiz_url}/{page_name}.html")
    assert page.locator("section.rk-widget-quiz").get_attribute("data-ready") == "error"
    status = page.locator(".rk-quiz-status").inner_text()
    assert "cannot check answers" in status and reason in status
    buttons = page.get_by_role("button", name="Check answer")
    assert buttons.count() == 5 and all(buttons.nth(i).is_disabled() for i in range(5))
    assert page.get_by_label("Leave out the descents", exact=False).count() == 1, "the questions stay readable"
    watched.assert_clean()


def test_typed_number_score_and_exported_answers(watched, quiz_url, tmp_path):
    chapter = "rehabilitation"
    page = open_quiz(watched, f"{quiz_url}/{chapter}.html")
    quiz = load_quiz(chapter)
    total = len(quiz.questions)
    summary = page.locator(".rk-quiz-summary")
    assert summary.inner_text() == f"Your score: 0 of {total} right; {total} not checked yet."

    number = next(q for q in quiz.questions if q.numeric)  # 164 steps per minute, 5–10% more
    box = page.locator(f'.rk-quiz-question[data-question="{number.id}"]')
    field = box.get_by_label("Your answer")
    box.get_by_role("button", name="Check answer").click()
    assert feedback(page, number.id).inner_text() == "Type a number first."
    field.fill("fast")
    box.get_by_role("button", name="Check answer").click()
    assert "“fast” is not a number" in feedback(page, number.id).inner_text()
    field.fill("200")
    field.press("Enter")  # Enter in the box checks, like the button
    text = feedback(page, number.id).inner_text()
    assert text.startswith("Not quite.") and f"The answer: {number.numeric.answer_text} steps per minute" in text
    assert summary.inner_text() == f"Your score: 0 of {total} right; {total - 1} not checked yet."
    field.fill("175")
    assert feedback(page, number.id).inner_text() == "", "a new number clears the old feedback"
    assert summary.inner_text().endswith(f"{total} not checked yet.")
    box.get_by_role("button", name="Check answer").click()
    assert feedback(page, number.id).inner_text().startswith("Correct.")

    first = quiz.questions[0]  # one choice question answered wrongly, the rest left blank
    wrong = next(i for i, option in enumerate(first.options) if not option.correct)
    first_box = page.locator(f'.rk-quiz-question[data-question="{first.id}"]')
    first_box.get_by_label(first.options[wrong].text, exact=True).check()
    first_box.get_by_role("button", name="Check answer").click()
    assert summary.inner_text() == f"Your score: 1 of {total} right; {total - 2} not checked yet."
    assert page.locator("section.rk-widget-quiz").get_attribute("data-score") == f"1/{total}"

    with page.expect_download() as info:
        page.get_by_role("button", name="Export my answers (CSV)").click()
    download = info.value
    assert download.suggested_filename == export_filename(chapter)
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    text = path.read_bytes().decode("utf-8")
    assert text == answers_csv(quiz, {first.id: [wrong], number.id: "175"})
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert [r[0] for r in rows] == ["number", *map(str, range(1, total + 1))]
    assert rows[1][2:4] == [first.options[wrong].text, "not right"] and rows[3][3] == "not answered"
    watched.assert_clean()
