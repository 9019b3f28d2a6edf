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
    choice = [q for q in quiz.questions if not q.numeric]
    numeric = [q for q in quiz.questions if q.numeric]
    low, high = qz.CHOICE_QUESTIONS_RANGE
    assert low <= len(choice) <= high and len(numeric) <= qz.MAX_NUMERIC_QUESTIONS
    assert any(q.multiple for q in choice), "each chapter needs a select-all-that-apply question"
    assert sum(not q.multiple for q in choice) >= 3, "mostly single-answer questions"
    for q in numeric:
        assert q.numeric.low < q.numeric.high and q.numeric.explanation and q.numeric.unit
    for q in choice:
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
        data = quiz.to_data()
        for question in data["questions"]:  # computed from a model, never typed: not an invented number
            question.get("numeric", {}).update(low=0, high=0, answer_text="")
        text = json.dumps(data, ensure_ascii=False)
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


def test_cases_from_the_newer_pages_agree_with_the_models():
    """The quiz types a few case numbers and the outcome measures' MIDs (outcome_measures.yaml,
    not clinical.yaml, so not {clin} placeholders): the models must give the answers marked right."""
    import datetime

    from widgets import outcomes, progression
    from widgets.return_to_run import decide
    from widgets.wording import number_text

    rehab = QUIZZES["rehabilitation"]
    # Programme builder: the week's pain, in stage 2, no worse the next day -> the same stage again.
    q = rehab.question("programme-good-week")
    stage, pain = (float(n) for n in re.search(r"stage (\d+) .* was ([\d.]+)/10", q.prompt).groups())
    assert decide(pain, False) == "repeat"
    good = clinical.value("return_to_run.progress_pain_below") / 2  # good weeks, to reach that stage
    log = [(good, False)] * sum(progression.stage_targets(6)[: int(stage) - 1]) + [(pain, False)]
    p = progression.plan(datetime.date(2027, 1, 4), ["Mon", "Wed", "Fri"], 6, log)
    assert (p.plan_weeks[len(log) - 1].stage, p.plan_weeks[len(log)].stage) == (stage, stage)
    assert q.options[q.correct_indices[0]].text.startswith(f"Stage {stage:g} again")

    # Outcome measures: one measure improved by its MID is a meaningful improvement.
    q = rehab.question("which-change-counts")
    weeks = {"Four": 4}[re.search(r"(\w+) weeks into", q.prompt).group(1)]
    akps = [float(n) for n in re.search(r"AKPS has gone from (\d+) to (\d+)", q.prompt).groups()]
    pain = [float(n) for n in re.search(r"worst pain in the week from (\d+) to (\d+)", q.prompt).groups()]
    start = datetime.date(2027, 1, 4)
    results = [outcomes.Result(start, akps=akps[0], pain=pain[0]),
               outcomes.Result(start + datetime.timedelta(weeks=weeks), akps=akps[1], pain=pain[1])]
    progress = outcomes.progress(results)
    assert progress.status == "improved" and progress.changes["akps"].verdict == "no_change"
    assert progress.changes["pain"].verdict == "improved"
    assert q.options[q.correct_indices[0]].text.startswith("A meaningful improvement")
    mids = {key: number_text(m.mid) for key, m in outcomes.measures().items()}
    texts = " ".join(o.explanation + " " + o.text for o in q.options)
    assert f"that is {mids['pain']} points" in texts and f"fell by {mids['pain']} points" in texts
    assert f"less than {mids['akps']} points" in texts
    assert f"rise of {number_text(akps[1] - akps[0])} points" in texts

    # The numeric question's answer is the model's: first score plus the AKPS MID.
    q = rehab.question("meaningful-akps-number")
    first = float(re.search(r"score was (\d+)", q.prompt).group(1))
    assert q.numeric.answer_text == number_text(outcomes.meaningful_target("akps", first))
    assert q.numeric.answer_text == number_text(first + outcomes.measures()["akps"].mid)


def test_numbers_are_filled_from_clinical_data():
    load = QUIZZES["what-is-runners-knee"].question("running-load")
    assert [o.text for o in load.options] == [
        clinical.get(key).display() for key in ("joint_force.walking", "joint_force.stairs")
    ] + ["About 4–5 × body weight",
         f"{clinical.get('joint_force.running').display()} ({clinical.CONTRADICTED_MARKER})"]
    # The measured figure is the right answer; the article's, which research contradicts
    # (evidence register), is a wrong option and carries the marker.
    assert [o.correct for o in load.options] == [False, False, True, False]
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


# --- numeric questions: the answer and its tolerance come from the models -------------------------

def test_numeric_answers_are_the_models_with_half_a_unit_either_side():
    from widgets import q_angle
    from widgets.cadence import target_cadence

    q = QUIZZES["what-is-runners-knee"].question("q-angle-number").numeric
    exact = q_angle.q_angle_deg((14, 40), (10, 0), (11.5, -7))
    assert (q.low, q.high, q.answer_text) == (pytest.approx(exact - 0.5), pytest.approx(exact + 0.5), "18")
    # A clinical range: the model at both ends of "5–10% more", 164 steps per minute.
    low, high = clinical.bounds("cadence.increase_pct")
    c = QUIZZES["rehabilitation"].question("cadence-number").numeric
    assert c.low == pytest.approx(target_cadence(164, low) - 0.5)
    assert c.high == pytest.approx(target_cadence(164, high) + 0.5)
    assert c.answer_text == "172–180"
    # 30 km + 10% = 33 km.
    assert QUIZZES["prevention-and-faq"].question("next-week-number").numeric.answer_text == "33"


@pytest.mark.parametrize("text, right", [
    ("33", True), (" 33 ", True), ("32.5", True), ("33,4", True), ("33.6", False), ("+33", True), ("30", False),
])
def test_grade_numeric_marks_typed_numbers(text, right):
    question = QUIZZES["prevention-and-faq"].question("next-week-number")
    feedback = qz.grade_numeric(question, text)
    assert feedback.correct is right and feedback.message == ("Correct." if right else "Not quite.")
    assert feedback.answer_text == "33" and feedback.unit == "km"


@pytest.mark.parametrize("text, message", [
    ("", "Type a number first."), ("   ", "Type a number first."),
    ("33km", "“33km” is not a number: type digits only, for example 33."), ("1e3", "not a number"),
    ("3.3.3", "not a number"), ("thirty", "not a number"),
])
def test_grade_numeric_refuses_what_is_not_a_number(text, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        qz.grade_numeric(QUIZZES["prevention-and-faq"].question("next-week-number"), text)


def numeric_question(**changes) -> dict:
    numeric = {"model": "widgets.cadence:target_cadence", "args": [160, 10], "decimals": 0,
               "unit": "steps per minute", "explanation": "Because."}
    numeric.update(changes)
    return {"id": "n1", "prompt": "How many?", "numeric": numeric}


@pytest.mark.parametrize("change, message", [
    ({"model": "os:getcwd"}, "must be 'widgets.<model>:<function>'"),
    ({"model": "widgets.cadence:nothing"}, "does not exist"),
    ({"decimals": 5}, "'decimals' must be a whole number from 0 to 3"),
    ({"args": [160, {"clin": "no.such"}]}, "no.such"),
    ({"args": [160, {"clin_range": "cadence.increase_pct"}, {"clin_range": "cadence.increase_pct"}]}, "one clin_range"),
    ({"args": [160, 99]}, "failed"),
    ({"answer": 172}, "unknown field 'answer'"),
])
def test_a_broken_numeric_question_is_a_clear_error(tmp_path, change, message):
    with pytest.raises(DataFileError, match=f"test-chapter.yaml: question 'n1'.*{re.escape(message)}"):
        qz.load_quiz_file(write_quiz(tmp_path, [good_question(), numeric_question(**change)]))


def test_score_summary_counts_right_and_unchecked():
    assert qz.score_summary([True, False, None, True])["message"] == "Your score: 2 of 4 right; 1 not checked yet."
    assert qz.score_summary([True, True]) == {"right": 2, "unchecked": 0, "total": 2,
                                                "message": "Your score: 2 of 2 right."}


def test_exported_answers_are_a_csv_with_every_question():
    import csv
    import io

    quiz = QUIZZES["rehabilitation"]
    text = qz.answers_csv(quiz, {"best-evidence": [1], "ready-to-run": [0, 1, 2], "cadence-number": "175"})
    assert text.startswith("\ufeff") and text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0] == ["number", "question", "your answer", "result", "right answer"]
    assert [r[0] for r in rows[1:]] == [str(i) for i in range(1, len(quiz.questions) + 1)]
    by_id = dict(zip((q.id for q in quiz.questions), rows[1:], strict=True))
    assert by_id["best-evidence"][2:4] == [quiz.question("best-evidence").options[1].text, "not right"]
    assert by_id["ready-to-run"][3] == "right"
    assert by_id["pain-during-step-ups"][2:4] == ["", "not answered"]
    assert by_id["cadence-number"][2:] == ["175", "right", "172–180 steps per minute"]
    row = [q.id for q in quiz.questions].index("cadence-number") + 1  # after the header
    assert qz.answers_rows(quiz, {"cadence-number": "fast"})[row][3] == "not a number"
