"""Self-check quizzes: every chapter's file validates and follows the course's quiz rules, the
validator turns broken files into clear errors, and grade() marks answers as documented."""

from __future__ import annotations

import json
import re
from itertools import combinations

import pytest
import yaml

from tests.conftest import REPO
from widgets import clinical
from widgets import quiz as qz
from widgets.cadence import target_cadence
from widgets.clinical import DataFileError

QUIZZES = {chapter: qz.load_quiz(chapter) for chapter in qz.QUIZ_CHAPTERS}


# --- the six quiz files -------------------------------------------------------------------

def test_one_quiz_per_chapter_folder():
    assert set(qz.QUIZ_CHAPTERS) == {p.stem for p in qz.QUIZ_DIR.glob("*.yaml")}
    for chapter in qz.QUIZ_CHAPTERS:
        assert (REPO / "book" / chapter).is_dir(), chapter
        assert QUIZZES[chapter].chapter == chapter


@pytest.mark.parametrize("chapter", qz.QUIZ_CHAPTERS)
def test_quiz_follows_the_course_rules(chapter):
    quiz = QUIZZES[chapter]
    assert len(quiz.questions) == 5
    assert any(q.multiple for q in quiz.questions), "each chapter needs a select-all-that-apply question"
    assert sum(not q.multiple for q in quiz.questions) >= 3, "mostly single-answer questions"
    for q in quiz.questions:
        assert 3 <= len(q.options) <= 4, q.id
        for option in q.options:
            sentences = len(re.findall(r"[.!?](?:\s|$)", option.explanation))
            assert 1 <= sentences <= 2, f"{q.id}: explanation should be 1–2 sentences: {option.explanation!r}"
        assert "{clin" not in json.dumps(quiz.to_data()), "placeholders must be filled in"


def book_numbers() -> set[str]:
    """Every number the course's text shows, with {clin} / {clinnum} roles filled in."""
    def expand(text: str) -> str:
        def role(match: re.Match) -> str:
            entry = clinical.get(match.group(2))
            return entry.display() if match.group(1) == "clin" else entry.number_text()

        return re.sub(r"\{(clin|clinnum)\}`([\w.]+)`", role, text)

    texts = [p.read_text(encoding="utf-8") for p in (REPO / "book").rglob("*.md")]
    for notebook in (REPO / "book").rglob("*.ipynb"):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        texts += ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]
    return set(re.findall(r"\d+(?:\.\d+)?", expand("\n".join(texts))))


def test_every_number_in_a_quiz_stands_in_the_course_text():
    shown = book_numbers()
    for chapter, quiz in QUIZZES.items():
        text = json.dumps(quiz.to_data(), ensure_ascii=False)
        invented = sorted(set(re.findall(r"\d+(?:\.\d+)?", text)) - shown)
        assert not invented, f"{chapter}: numbers not in the course text: {invented}"


def test_worked_numbers_agree_with_the_models():
    cadence = QUIZZES["rehabilitation"].question("cadence-target")
    low, high = clinical.bounds("cadence.increase_pct")
    right = cadence.options[cadence.correct_indices[0]].text
    assert right == f"{target_cadence(160, low):g} to {target_cadence(160, high):g} steps per minute"

    week = QUIZZES["prevention-and-faq"].question("next-week")
    limit = 30 * (1 + clinical.value("training_load.weekly_increase_max") / 100)
    long_run = limit * clinical.value("training_load.long_run_max_share") / 100
    right = week.options[week.correct_indices[0]].text
    assert right == f"At most {limit:g} km, with a longest run of about {long_run:.0f} km"


def test_numbers_are_filled_from_clinical_data():
    load = QUIZZES["what-is-runners-knee"].question("running-load")
    assert [o.text for o in load.options] == [
        clinical.get(key).display() for key in ("joint_force.walking", "joint_force.stairs")
    ] + [f"{clinical.get('joint_force.running').display()} ({clinical.CONTRADICTED_MARKER})"]
    # The running figure is one research contradicts (evidence register): the quiz says so.
    assert clinical.get("joint_force.running").contradicted


def test_unknown_chapter_names_the_known_ones():
    with pytest.raises(ValueError, match="chapters with quizzes: what-is-runners-knee"):
        qz.load_quiz("knee-surgery")


# --- the validator ------------------------------------------------------------------------

def good_question(**changes) -> dict:
    question = {
        "id": "q1",
        "prompt": "Which is right?",
        "options": [
            {"text": "This one", "correct": True, "explanation": "Because it is."},
            {"text": "That one", "explanation": "Because it is not."},
            {"text": "The other", "explanation": "Also not."},
        ],
    }
    question.update(changes)
    return question


def write_quiz(tmp_path, questions, **top) -> object:
    path = tmp_path / "test-chapter.yaml"
    path.write_text(yaml.safe_dump({"title": "Test", "questions": questions, **top}, allow_unicode=True))
    return path


def test_a_good_file_loads(tmp_path):
    quiz = qz.load_quiz_file(write_quiz(tmp_path, [good_question(), good_question(id="q2", multiple=True)]))
    assert quiz.chapter == "test-chapter" and [q.id for q in quiz.questions] == ["q1", "q2"]
    assert quiz.questions[0].correct_indices == (0,) and quiz.questions[1].instruction == "Select all that apply."


def test_two_correct_in_a_single_answer_question(tmp_path):
    question = good_question()
    question["options"][1]["correct"] = True
    with pytest.raises(DataFileError, match=r"test-chapter.yaml: question 'q1': .*exactly one .* found 2"):
        qz.load_quiz_file(write_quiz(tmp_path, [question]))


@pytest.mark.parametrize("multiple", [False, True])
def test_no_correct_option(tmp_path, multiple):
    question = good_question(multiple=multiple)
    del question["options"][0]["correct"]
    with pytest.raises(DataFileError, match=r"test-chapter.yaml: question 'q1': .*'correct: true'"):
        qz.load_quiz_file(write_quiz(tmp_path, [question]))


@pytest.mark.parametrize("explanation", [None, "", "   "])
def test_missing_or_empty_explanation(tmp_path, explanation):
    question = good_question()
    if explanation is None:
        del question["options"][2]["explanation"]
    else:
        question["options"][2]["explanation"] = explanation
    with pytest.raises(DataFileError, match=r"test-chapter.yaml: question 'q1', option 3: field 'explanation'"):
        qz.load_quiz_file(write_quiz(tmp_path, [question]))


def test_duplicate_question_ids(tmp_path):
    with pytest.raises(DataFileError, match=r"test-chapter.yaml: question 'q1': id used twice"):
        qz.load_quiz_file(write_quiz(tmp_path, [good_question(), good_question()]))


@pytest.mark.parametrize(
    ("where", "pattern"),
    [
        ("top", r"test-chapter.yaml: unknown field 'chapterr'"),
        ("question", r"test-chapter.yaml: question 'q1': unknown field 'hint'"),
        ("option", r"test-chapter.yaml: question 'q1', option 1: unknown field 'corect'"),
    ],
)
def test_unknown_keys(tmp_path, where, pattern):
    question = good_question()
    top = {}
    if where == "top":
        top = {"chapterr": "x"}
    elif where == "question":
        question["hint"] = "x"
    else:
        question["options"][0]["corect"] = True
    with pytest.raises(DataFileError, match=pattern):
        qz.load_quiz_file(write_quiz(tmp_path, [question], **top))


def test_missing_file_is_named(tmp_path):
    with pytest.raises(DataFileError, match=r"nope.yaml: data file is missing"):
        qz.load_quiz_file(tmp_path / "nope.yaml")


@pytest.mark.parametrize(
    ("changes", "pattern"),
    [
        (
            {"options": [{"text": "Only", "correct": True, "explanation": "x"}]},
            r"'options' must list 2 to 6 options, found 1",
        ),
        ({"multiple": "yes"}, r"question 'q1': field 'multiple' must be true or false"),
        ({"id": "Question 1"}, r"question 1: field 'id' must be lower-case"),
        ({"prompt": ""}, r"question 'q1': field 'prompt' must be non-empty text"),
        ({"prompt": "Over {clin:nope.key}?"}, r"question 'q1', field 'prompt': No clinical number 'nope.key'"),
    ],
)
def test_other_schema_errors(tmp_path, changes, pattern):
    with pytest.raises(DataFileError, match=pattern):
        qz.load_quiz_file(write_quiz(tmp_path, [good_question(**changes)]))


def test_seven_options_are_too_many(tmp_path):
    options = [{"text": f"Option {i}", "correct": i == 0, "explanation": "x"} for i in range(7)]
    with pytest.raises(DataFileError, match=r"question 'q1': field 'options' must list 2 to 6 options, found 7"):
        qz.load_quiz_file(write_quiz(tmp_path, [good_question(options=options)]))


def test_corrupt_yaml_names_file_and_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("title: Test\nquestions:\n  - id: q1\n    prompt: [unclosed\n")
    with pytest.raises(DataFileError, match=r"broken.yaml: not valid YAML at line \d"):
        qz.load_quiz_file(path)


# --- grading ------------------------------------------------------------------------------

SINGLE = QUIZZES["treatment"].question("pain-rule")  # right: option 0
MULTIPLE = QUIZZES["treatment"].question("mcconnell-taping")  # right: 0, 1, 2


def test_single_answer_right():
    feedback = qz.grade(SINGLE, [0])
    assert feedback.correct and feedback.message == "Correct."
    assert [o.index for o in feedback.chosen] == [0] and feedback.chosen[0].explanation.startswith("Right")
    assert feedback.missed == ()
    assert qz.grade(SINGLE, 0) == feedback  # one int is accepted for a single answer


def test_single_answer_wrong_explains_the_choice_and_the_right_answer():
    feedback = qz.grade(SINGLE, [2])
    assert not feedback.correct and feedback.message == "Not quite."
    assert [(o.index, o.correct) for o in feedback.chosen] == [(2, False)]
    assert feedback.chosen[0].explanation == SINGLE.options[2].explanation
    assert [o.index for o in feedback.missed] == [0] and feedback.missed[0].text == SINGLE.options[0].text


def test_multiple_answer_all_right_in_any_order():
    feedback = qz.grade(MULTIPLE, (2, 0, 1))
    assert feedback.correct and feedback.message == "Correct."
    assert [o.index for o in feedback.chosen] == [0, 1, 2] and feedback.missed == ()


def test_multiple_answer_partial():
    feedback = qz.grade(MULTIPLE, [0, 3])
    assert not feedback.correct
    assert feedback.message == "Not quite: you found 1 of 3 right answers, and 1 of your choices is not right."
    assert [(o.index, o.correct) for o in feedback.chosen] == [(0, True), (3, False)]
    assert [o.index for o in feedback.missed] == [1, 2]
    assert qz.grade(MULTIPLE, [1]).message == "Not quite: you found 1 of 3 right answers."
    assert qz.grade(MULTIPLE, [3]).message == (
        "Not quite: you found 0 of 3 right answers, and 1 of your choices is not right."
    )


@pytest.mark.parametrize(
    ("question", "choices", "pattern"),
    [
        (SINGLE, [], "Choose at least one option"),
        (SINGLE, [3], r"from 0 to 2 \(0 is the first option\), got 3"),
        (SINGLE, [-1], "from 0 to 2"),
        (SINGLE, 7, "from 0 to 2"),
        (SINGLE, [0, 1], "takes one answer, got 2 choices"),
        (SINGLE, [1.0], "whole option numbers"),
        (SINGLE, ["1"], "whole option numbers"),
        (SINGLE, [True], "whole option numbers"),
        (SINGLE, "1", "must be a list of option numbers"),
        (SINGLE, None, "must be a list of option numbers"),
        (MULTIPLE, [1, 1], "only once"),
        (MULTIPLE, [0, 4], "from 0 to 3"),
    ],
)
def test_bad_choices_raise_value_error(question, choices, pattern):
    with pytest.raises(ValueError, match=pattern):
        qz.grade(question, choices)


@pytest.mark.parametrize("chapter", qz.QUIZ_CHAPTERS)
def test_exactly_the_right_options_and_nothing_else_is_correct(chapter):
    for q in QUIZZES[chapter].questions:
        sizes = range(1, len(q.options) + 1) if q.multiple else (1,)
        for size in sizes:
            for chosen in combinations(range(len(q.options)), size):
                feedback = qz.grade(q, list(chosen))
                assert feedback.correct == (chosen == q.correct_indices), (q.id, chosen)
                assert {o.index for o in feedback.chosen} | {o.index for o in feedback.missed} >= set(q.correct_indices)
