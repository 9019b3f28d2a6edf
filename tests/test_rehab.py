"""Exercise doses: the data file against the article, and the generated text."""

from __future__ import annotations

import pytest

from tests.conftest import normalise
from widgets import clinical, rehab
from widgets.clinical import DataFileError


def test_every_exercise_quotes_the_article(article_text):
    article = normalise(article_text)
    for path_row in rehab.load_yaml(rehab.EXERCISES_FILE)["exercises"]:
        assert normalise(path_row["article"]) in article, path_row["id"]


@pytest.mark.parametrize(
    ("exercise_id", "dose"),
    [
        ("clamshell", "3 sets of 20 repetitions per side"),
        ("side_lying_hip_abduction", "3 sets of 15 repetitions per side"),
        ("single_leg_glute_bridge", "3 sets of 12–15 repetitions per side"),
        ("hip_hike", "3 sets of 15 repetitions per side"),
        ("short_arc_quads", "3 sets of 15–20 repetitions"),
        ("step_up", "3 sets of 12–15 repetitions per side"),
    ],
)
def test_doses_as_in_the_article(exercise_id, dose):
    exercise = next(e for e in rehab.EXERCISES if e.id == exercise_id)
    assert exercise.dose() == dose


def test_a_dose_marked_as_the_articles_is_in_the_article_quote():
    # Each dose is the article's (its words quote it) or labelled the course's choice.
    for e in rehab.EXERCISES:
        if e.dose_source == "article":
            row = next(r for r in rehab.load_yaml(rehab.EXERCISES_FILE)["exercises"] if r["id"] == e.id)
            assert f"{e.sets} sets of {e.reps_text}" in row["article"], e.id
        elif e.dose_source == "course":
            assert e.dose().endswith(f"({rehab.COURSE_DOSE_LABEL})"), e.id
        else:
            assert e.sets is None and "physiotherapist" in e.dose(), e.id


def test_terminal_knee_extension_has_no_article_dose_and_the_page_says_whose_doses_are_whose():
    tke = next(e for e in rehab.EXERCISES if e.id == "terminal_knee_extension")
    assert tke.dose_source != "article"
    text = rehab.dose_sources_markdown("quadriceps")
    assert "short-arc quads and step-up with VMO emphasis are the source article's" in text
    assert "no dose for terminal knee extension" in text
    note = rehab.GROUP_EVIDENCE["quadriceps"].evidence.note
    assert "are the article's" in note and "terminal knee extension" in note and "course's choice" in note


def test_a_course_dose_is_labelled(tmp_path):
    good = tmp_path / "exercises.yaml"
    good.write_text("exercises:\n  - {id: w, name: W, group: quadriceps, sets: 3, reps: 15, per_side: true, "
                    "dose_source: course, how: x}\n")
    (exercise,) = rehab.load_exercises(good)
    assert exercise.dose() == ("3 sets of 15 repetitions per side "
                               "(the course's choice; the source article gives no dose)")
    for row, message in (("sets: 3, reps: 15", "dose_source must be one of article, course"),
                         ("sets: null, reps: null, dose_source: course", "dose_source is only for an exercise")):
        good.write_text(f"exercises:\n  - {{id: w, name: W, group: hip, {row}, how: x}}\n")
        with pytest.raises(DataFileError, match=message):
            rehab.load_exercises(good)


def test_positions_fill_the_descriptions():
    steps = rehab.exercise_steps_markdown("hip")
    assert "hips bent to 45° and the knees bent to 90°" in steps
    assert "Lift it 30–45° away" in steps
    assert "a low step (10–15\u00a0cm)" in rehab.exercise_steps_markdown("quadriceps")


def test_table_has_a_row_per_exercise():
    assert rehab.exercise_table_markdown("hip").count("\n") == 1 + 4
    assert rehab.exercise_table_markdown("quadriceps").count("\n") == 1 + 3


def test_unknown_group_is_rejected():
    with pytest.raises(ValueError, match="group must be one of hip, quadriceps"):
        rehab.exercise_table_markdown("calf")


def test_bad_file_names_the_exercise(tmp_path):
    bad = tmp_path / "exercises.yaml"
    bad.write_text("exercises:\n  - {id: wobble, name: W, group: hip, sets: 3, reps: [15, 12], how: x}\n")
    with pytest.raises(DataFileError, match="exercise wobble, reps: range low 15 is not below high 12"):
        rehab.load_exercises(bad)


def test_placeholder_without_position_is_an_error(tmp_path):
    bad = tmp_path / "exercises.yaml"
    bad.write_text("exercises:\n  - {id: w, name: W, group: hip, sets: 3, reps: 5, how: 'bend to {angle}'}\n")
    with pytest.raises(DataFileError, match=r"exercise w: 'how' uses \{angle\} but 'position' has no such entry"):
        rehab.load_exercises(bad)


# --- evidence blocks per exercise group ----------------------------------------------------------

def test_every_group_has_an_evidence_block():
    assert set(rehab.GROUP_EVIDENCE) == set(rehab.GROUPS)
    for group in rehab.GROUP_EVIDENCE.values():
        assert group.evidence.verdict in clinical.VERDICTS and group.evidence.note


def _groups_file(tmp_path, groups_yaml: str):
    path = tmp_path / "exercises.yaml"
    path.write_text(groups_yaml + "exercises: []\n")
    return path


def test_group_without_evidence_names_file_and_field(tmp_path):
    path = _groups_file(tmp_path, "groups:\n  hip: {title: Hip}\n  quadriceps: {title: Quads}\n")
    with pytest.raises(DataFileError, match=r"exercises.yaml: field 'groups.hip.evidence': missing"):
        rehab.load_groups(path)


def test_group_with_unknown_source_is_rejected(tmp_path):
    evidence = "{verdict: supported, sources: [made2020up], note: 'a note long enough to pass'}"
    path = _groups_file(tmp_path, f"groups:\n  hip: {{title: Hip, evidence: {evidence}}}\n"
                                  f"  quadriceps: {{title: Quads, evidence: {evidence}}}\n")
    with pytest.raises(DataFileError, match=r"field 'groups.hip.evidence.sources': not in references.bib: made2020up"):
        rehab.load_groups(path)


def test_missing_group_is_named(tmp_path):
    hip = "{title: Hip, evidence: {verdict: untested, note: 'Searched: guidelines.'}}"
    path = _groups_file(tmp_path, f"groups:\n  hip: {hip}\n")
    with pytest.raises(DataFileError, match=r"field 'groups.quadriceps': needs a title and an evidence block"):
        rehab.load_groups(path)
