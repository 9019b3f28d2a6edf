"""Autograded assignments (widgets/assignments.py, data/assignments/*.yaml): built with otter
assign and graded with otter's local, offline runner (no Docker), the reference solutions score
full marks, an untouched student notebook scores zero, and one wrong number loses exactly that
question's marks. The expected values are the reference functions' own results, so these tests
also check that the assignments agree with the models.

Otter grading costs about three seconds of CPU a notebook (a kernel that imports otter), so each
chapter is graded once: its reference solution with one wrong number, in which otter's own checker,
with the autograder's tests, also records the reference answer to that question before the wrong
number replaces it, and, after the final grade, every question with the student version's answer
lines. The first chapter's student notebook is also graded as handed out, with `otter run`."""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
import yaml

from widgets import assignments as asg
from widgets import exercise_solutions as sol
from widgets.clinical import DataFileError

CHAPTERS = asg.assignment_chapters()
# One question a chapter gets a wrong number: (question, variable, how it is made wrong).
WRONG = {
    "what-is-runners-knee": ("q3", "q3_change_deg", "q3_change_deg + 0.2"),
    "why-it-hurts": ("q3", "q3_band", "q2_band"),  # last week's band, not recomputed
    "symptoms-and-diagnosis": ("q1", "q1_asked", "q1_asked[2:]"),  # the safety screen left out
    "treatment": ("q2", "q2_pain_gain", "-q2_pain_gain"),  # pain going down read as a loss
    "rehabilitation": ("q2", "q2_sessions", "q2_sessions + 1"),
    "prevention-and-faq": ("q4", "q4_longest_run_km", "q4_longest_run_km * 1.1"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("assignments")
    asg.build(out / "build", source_dir=out / "source")
    return out / "build"


def grade(built: Path, chapter: str, notebook: Path) -> dict[str, float]:
    from otter.api import grade_submission

    results = grade_submission(str(notebook), str(built / chapter / "autograder" / f"{chapter}-autograder.zip"),
                               quiet=True)
    return {name: result.score for name, result in results.results.items()}


def full_marks(chapter: str) -> dict[str, float]:
    return {q.name: q.points for q in asg.load_assignment(chapter).questions if not q.manual}


# --- the assignments as data ----------------------------------------------------------------------

def content_chapters() -> list[str]:
    """The chapters of _toc.yml, in book order: each chapter whose page is book/<chapter>/index
    (the "Start here" and reference pages are single pages, not chapters)."""
    toc = yaml.safe_load((asg.REPO / "_toc.yml").read_text(encoding="utf-8"))
    files = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    return [f.split("/")[1] for f in files if f.count("/") == 2 and f.endswith("/index")]


def test_every_content_chapter_has_an_assignment():
    assert content_chapters() == list(asg.CHAPTERS) == CHAPTERS
    assert set(WRONG) == set(CHAPTERS)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_assignment_mixes_model_questions_and_a_written_one(chapter):
    a = asg.load_assignment(chapter)
    auto = [q for q in a.questions if not q.manual]
    assert len(auto) >= 3 and any(q.manual for q in a.questions)
    titles = " ".join(q.title.lower() for q in a.questions)
    assert "sensitivity" in titles or "case" in titles, "reasoning questions: a clinical case or a sensitivity"
    for q in a.questions:
        assert "{" not in q.prompt and "{clin" not in (q.model_answer or ""), q.name


def test_reference_values_are_the_hand_computed_ones():
    # Q-angle by hand: atan(4/40) + atan(1.5/7), in degrees.
    hand = math.degrees(math.atan(4 / 40)) + math.degrees(math.atan(1.5 / 7))
    assert sol.q_angle_answers()["q_angle"] == pytest.approx(hand)
    # 10% more than 40 km, and 30% of that for the longest run.
    assert sol.weekly_limit_answers(40) == pytest.approx({"max_next_km": 44.0, "longest_run_km": 13.2})
    # 164 steps per minute +5% and +10%.
    assert sol.cadence_target_answers(164)["target_10"] == pytest.approx(180.4)
    # 470 km + 8 + 8 + 12 + 10 = 508 km: past 500 km, so "warn"; "ok" before.
    assert sol.shoe_answers(470, (8, 8, 12, 10)) == {"status_now": "ok", "total_after": 508.0, "status_after": "warn"}
    # The protocol: 2.5/10 and no worse → repeat; worse the next day → step back; 1/10 → progress.
    assert sol.session_decision_answers()["decisions"] == ["repeat", "step_back", "progress"]


def test_the_new_chapters_reference_values_are_the_hand_computed_ones():
    # Carry on below 2/10, hold from 2 to below 4/10, stop (step back a stage) at 4/10 or more:
    # 2 itself holds, 4 itself stops.
    assert sol.pain_rule_answers((1.9, 2, 3.9, 4))["decisions"] == ["progress", "repeat", "repeat", "step_back"]
    assert sol.pain_rule_answers((3, 3.1, 3.5))["decisions"] == ["repeat"] * 3
    assert sol.pain_rule_answers((0, 1.9), True)["decisions"] == ["step_back", "step_back"]
    # Ratings 3+2+1+2+1+2 = 11: the "some" band (up to 11); tips from 2; "not sure" routes up.
    assert sol.worry_answers() == {"band": "some", "tips": ["damage", "avoid", "worst", "tense"],
                                   "help_levels": ["within_days"]}
    # One more point (12): the "many" band adds its review-level help after the within-days one.
    assert sol.worry_answers(stuck=2)["help_levels"] == ["within_days", "review"]
    # Screen first; the adult, gradual, diffuse, stairs, no-flags, under-40 path.
    assert sol.walkthrough_answers() == {"outcome": "likely_pfps", "asked": [
        "screen_emergency", "screen_same_day", "onset", "age", "location", "pf_provocation", "pf_flags", "pf_age"]}
    # "Not sure" on the same-day screen ends there, at the same-day level.
    assert sol.walkthrough_answers(answers=(1, 2)) == {"outcome": "same_day",
                                                       "asked": ["screen_emergency", "screen_same_day"]}
    # The calf (same day) comes before the knee's within-days signs; both stop running.
    assert sol.red_flag_answers() == {"keys": ["calf_swollen_tender", "swelling", "night_pain"],
                                      "levels": ["same_day", "within_days", "within_days"], "stop_running": True}
    assert sol.treatment_table_answers() == {"recommended": ["exercise", "education", "combined"],
                                             "views_differ": ["taping", "braces", "dry_needling"]}
    # AKPS 62 → 70: +8 < MID 10; pain 6 → 3.5: 2.5 ≥ MID 2.
    assert sol.outcome_change_answers() == {"akps_gain": 8.0, "akps_verdict": "no_change",
                                            "pain_gain": 2.5, "pain_verdict": "improved"}
    # Exactly the MID counts (pain 6 → 4), one point less does not (AKPS 62 → 71).
    assert sol.outcome_change_answers(62, 71, 6, 4)["pain_verdict"] == "improved"
    assert sol.outcome_change_answers(62, 71, 6, 4)["akps_verdict"] == "no_change"
    # Some improvement at 4 weeks is early days; no meaningful change from 6 weeks is "no improvement".
    assert sol.outcome_progress_answers() == {"status_4": "early_days", "no_improvement_4": False,
                                              "status_6": "no_meaningful_change", "no_improvement_6": True}


def test_hidden_tests_hold_the_reference_values_and_the_tolerance_asked_for():
    q = asg.load_assignment("what-is-runners-knee").question("q2")
    hidden = asg.hidden_test(q)
    assert repr(sol.q_angle_answers()["q_angle"]) in hidden
    assert "0.05)" in hidden  # "one decimal place": half a unit in that place
    assert "hidden: true" in hidden and "hidden" not in asg.public_test(q)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_committed_source_notebooks_are_current(chapter):
    committed = (asg.SOURCE_DIR / f"{chapter}.ipynb").read_text(encoding="utf-8")
    assert committed == asg.source_text(chapter), f"assignments/{chapter}.ipynb is stale: run `make assignments`"


def write(tmp_path, data) -> None:
    (tmp_path / "what-is-runners-knee.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))


@pytest.mark.parametrize("change, message", [
    (lambda q: q.update(reference="open"), "'reference' must name a \\*_answers function"),
    (lambda q: q["answers"].update(q1_x={"key": "nope"}), "never sets q1_x"),
    (lambda q: q["answers"]["q1_peak_angle"].update(key="nope"), "has no 'nope'"),
    (lambda q: q.update(prompt="At {where}?"), "uses \\{where\\}, which is not in 'args'"),
    (lambda q: q.update(points=0), "'points' must be a positive number"),
    (lambda q: q.update(answer={}), "unknown field 'answer'"),
])
def test_a_broken_assignment_file_is_a_clear_error(tmp_path, monkeypatch, change, message):
    data = yaml.safe_load((asg.ASSIGNMENT_DIR / "what-is-runners-knee.yaml").read_text(encoding="utf-8"))
    change(data["questions"][0])
    write(tmp_path, data)
    monkeypatch.setattr(asg, "ASSIGNMENT_DIR", tmp_path)
    with pytest.raises(DataFileError, match=f"what-is-runners-knee.yaml: question 'q1'.*{message}"):
        asg.load_assignment("what-is-runners-knee")


def test_unknown_chapter_names_the_known_ones():
    with pytest.raises(ValueError, match="chapters with one: what-is-runners-knee"):
        asg.load_assignment("knee-surgery")


# --- built and graded with otter ------------------------------------------------------------------

def test_the_student_version_has_no_solution_and_no_hidden_test(built):
    for chapter in CHAPTERS:
        student = (built / chapter / "student" / f"{chapter}.ipynb").read_text(encoding="utf-8")
        for q in asg.load_assignment(chapter).questions:
            if q.manual:
                assert q.model_answer[:40] not in student and q.rubric[:40] not in student
            else:
                assert f"{q.answers[0].variable} = ..." in student
                assert asg.hidden_test(q).splitlines()[-1] not in student
        assert "hidden: true" not in student


def test_the_instructor_zip_holds_student_solution_and_grader(built):
    for chapter in CHAPTERS:
        names = set(zipfile.ZipFile(built / f"{chapter}.zip").namelist())
        assert names == {f"{chapter}/README.txt", f"{chapter}/student/{chapter}.ipynb",
                         f"{chapter}/autograder/{chapter}.ipynb", f"{chapter}/autograder/{chapter}-autograder.zip"}


# Appended to the wrong question's solution cell: otter's checker grades the reference answer
# (tracking off, so the final grade does not keep it), then the wrong number replaces it.
RECORD_THEN_WRONG = """
import otter
from otter.execute import Checker as _Checker
_Checker.disable_tracking()
try:
    _reference = otter.Notebook().check({question!r})
finally:
    _Checker.enable_tracking()
with open({record!r}, "w") as _f:
    _f.write(repr(_reference.score))
{variable} = {wrong}"""

# Appended after the last cell: the student version's answer lines (every answer `...`), then
# otter's checker grades every question again, tracking off, after the final grade is taken.
RECORD_BLANK = """
import json
import otter
from otter.execute import Checker as _Checker
_Checker.disable_tracking()
try:
{answers}
    _blank = {{q: otter.Notebook().check(q).score for q in {questions!r}}}
finally:
    _Checker.enable_tracking()
with open({record!r}, "w") as _f:
    json.dump(_blank, _f)"""


@dataclass(frozen=True)
class Graded:
    scores: dict[str, float]  # otter's grade of the reference solution with WRONG's number
    reference_score: float  # the reference answer to WRONG's question, in the same run
    blank: dict[str, float]  # every question with the student version's answers, in the same run


@pytest.fixture(scope="module")
def graded(built, tmp_path_factory):
    """chapter → :class:`Graded`; one otter grading a chapter (each costs seconds of CPU)."""
    folder = tmp_path_factory.mktemp("graded")
    done: dict[str, Graded] = {}

    def grade_chapter(chapter: str) -> Graded:
        if chapter not in done:
            question, variable, wrong = WRONG[chapter]
            nb = nbformat.read(built / chapter / "autograder" / f"{chapter}.ipynb", as_version=4)
            cell = next(c for c in nb.cells if c.cell_type == "code" and f"{variable} = " in c.source)
            reference, blank = folder / f"{chapter}.reference", folder / f"{chapter}.blank"
            cell.source += RECORD_THEN_WRONG.format(question=question, record=str(reference), variable=variable,
                                                    wrong=wrong)
            student = nbformat.read(built / chapter / "student" / f"{chapter}.ipynb", as_version=4)
            answers = [line for c in student.cells if c.cell_type == "code" for line in c.source.splitlines()
                       if re.fullmatch(r"q[0-9]+_[a-z0-9_]+ = \.\.\.", line)]
            assert len(answers) == sum(len(q.answers) for q in asg.load_assignment(chapter).questions)
            nb.cells.append(nbformat.v4.new_code_cell(RECORD_BLANK.format(
                answers="\n".join("    " + line for line in answers), questions=sorted(full_marks(chapter)),
                record=str(blank))))
            path = folder / f"{chapter}.ipynb"
            nbformat.write(nb, path)
            scores = grade(built, chapter, path)
            done[chapter] = Graded(scores, float(reference.read_text()), json.loads(blank.read_text()))
        return done[chapter]

    return grade_chapter


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_reference_solutions_score_full_marks(graded, chapter):
    question = WRONG[chapter][0]
    result = graded(chapter)
    assert {**result.scores, question: result.reference_score} == full_marks(chapter)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_a_wrong_number_loses_exactly_that_questions_marks(graded, chapter):
    question = WRONG[chapter][0]
    assert graded(chapter).scores == full_marks(chapter) | {question: 0.0}


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_student_versions_answers_score_zero(graded, chapter):
    assert graded(chapter).blank == {name: 0.0 for name in full_marks(chapter)}


def test_a_blank_notebook_scores_zero_with_the_otter_run_command(built, tmp_path):
    """The command in the zip's README: `otter run`, local and offline."""
    for chapter in CHAPTERS[:1]:
        done = subprocess.run(
            [str(Path(sys.executable).with_name("otter")), "run", "--no-logo", "-a",
             str(built / chapter / "autograder" / f"{chapter}-autograder.zip"), "-o", str(tmp_path),
             str(built / chapter / "student" / f"{chapter}.ipynb")], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        results = json.loads((tmp_path / "results.json").read_text())
        scores = {t["name"]: t["score"] for t in results["tests"] if "score" in t}
        assert scores == {name: 0.0 for name in full_marks(chapter)}
