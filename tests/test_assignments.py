"""Autograded assignments (widgets/assignments.py, data/assignments/*.yaml): built with otter
assign and graded with otter's local, offline runner (no Docker), the reference solutions score
full marks, an untouched student notebook scores zero, and one wrong number loses exactly that
question's marks. The expected values are the reference functions' own results, so these tests
also check that the assignments agree with the models."""

from __future__ import annotations

import json
import math
import subprocess
import sys
import zipfile
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

def test_the_chapters_with_models_have_assignments():
    assert {"what-is-runners-knee", "rehabilitation", "prevention-and-faq"} <= set(CHAPTERS)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_assignment_mixes_model_questions_and_a_written_one(chapter):
    a = asg.load_assignment(chapter)
    auto = [q for q in a.questions if not q.manual]
    assert len(auto) >= 4 and any(q.manual for q in a.questions)
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


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_reference_solutions_score_full_marks(built, chapter):
    assert grade(built, chapter, built / chapter / "autograder" / f"{chapter}.ipynb") == full_marks(chapter)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_a_wrong_number_loses_exactly_that_questions_marks(built, chapter, tmp_path):
    question, variable, wrong = WRONG[chapter]
    nb = nbformat.read(built / chapter / "autograder" / f"{chapter}.ipynb", as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "code" and f"{variable} = " in c.source)
    cell.source += f"\n{variable} = {wrong}"
    path = tmp_path / f"{chapter}.ipynb"
    nbformat.write(nb, path)
    expected = full_marks(chapter) | {question: 0.0}
    assert grade(built, chapter, path) == expected


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


@pytest.mark.parametrize("chapter", CHAPTERS[1:])
def test_a_blank_notebook_scores_zero(built, chapter):
    assert grade(built, chapter, built / chapter / "student" / f"{chapter}.ipynb") == {
        name: 0.0 for name in full_marks(chapter)}
