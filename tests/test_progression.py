"""The programme that progresses: stages from the data file, the week-by-week plan checked by
hand against a calendar, the course's one pain rule deciding each move, and clear messages."""

from __future__ import annotations

import datetime

import pytest

from widgets import clinical, progression
from widgets.progression import plan
from widgets.return_to_run import pain_rule

D = datetime.date
START = D(2027, 1, 4)  # a Monday
MWF = [0, 2, 4]


def test_stages_combine_hip_and_knee_and_grow_harder():
    stages = progression.load_stages()
    assert [s.weeks for s in stages] == [2, 2, 2]
    for s in stages:
        assert {e.group for e in s.exercises} == {"hip", "knee"}, s.id
        assert s.evidence.verdict in clinical.VERDICTS and s.evidence.note
    names = [[e.name for e in s.exercises] for s in stages]
    assert "Wall sit, shallow" in names[0]  # isometrics first
    assert {"Step-up", "Split squat, short range", "Squat to a chair"} <= set(names[1])
    assert {"Step-down", "Split squat", "Squat or leg press"} <= set(names[2])
    doses = {e.name: e.dose for s in stages for e in s.exercises}
    assert doses["Wall sit, shallow"] == "5 × 30-second holds"
    assert doses["Step-up"] == "3 sets of 10–12 per side"
    assert doses["Standing hip abduction with a band"] == "3 sets per side, each until the muscles tire"


def test_targets_give_the_extra_weeks_to_the_last_stage():
    assert progression.stage_targets(None) == (2, 2, 2)
    assert progression.stage_targets(7) == (2, 2, 3)
    assert progression.stage_targets(8) == (2, 2, 4)


def test_plan_without_a_log_by_hand():
    p = plan(START, MWF, 6)
    assert p.stages() == [1, 1, 2, 2, 3, 3] and not p.complete
    # Week 3 starts two weeks after Mon 4 Jan 2027: Mon 18 Jan; sessions Mon 18, Wed 20, Fri 22.
    w3 = p.plan_weeks[2]
    assert (w3.week, w3.start, w3.end) == (3, D(2027, 1, 18), D(2027, 1, 24))
    assert w3.sessions == (D(2027, 1, 18), D(2027, 1, 20), D(2027, 1, 22))
    assert p.plan_weeks[-1].sessions == (D(2027, 2, 8), D(2027, 2, 10), D(2027, 2, 12))
    assert progression.week_label(w3) == "Week 3: Mon 18 Jan 2027 – Sun 24 Jan 2027"
    assert plan(START, MWF, 8).stages() == [1, 1, 2, 2, 3, 3, 3, 3]


def test_start_on_a_thursday_weeks_run_thursday_to_wednesday():
    p = plan(D(2027, 1, 7), ["Tue", "Thu", "Sat"], 6)  # Thu 7 Jan
    w1 = p.plan_weeks[0]
    assert w1.sessions == (D(2027, 1, 7), D(2027, 1, 9), D(2027, 1, 12))
    assert w1.end == D(2027, 1, 13)


def test_good_weeks_move_on_and_the_log_is_kept():
    p = plan(START, MWF, 6, [(0, False), (1.5, False), (1, False)])
    assert p.stages() == [1, 1, 2, 2, 3, 3]
    assert [w.decision for w in p.plan_weeks[:3]] == ["progress"] * 3
    assert p.plan_weeks[1].next_text.startswith("A good week: next week, Stage 2")
    assert p.plan_weeks[0].next_text == "A good week (1 of 2 at this stage): next week, the same stage."
    assert [w.logged is None for w in p.plan_weeks] == [False] * 3 + [True] * 3


def test_pain_from_2_to_under_3_holds_the_stage_a_week():
    # Week 3 (stage 2) at 2.5/10: the week does not count, so stage 2 takes weeks 3, 4 and 5.
    p = plan(START, MWF, 6, [(0, False), (0, False), (2.5, False)])
    assert p.stages() == [1, 1, 2, 2, 2, 3, 3]
    assert p.plan_weeks[2].decision == "repeat"
    assert p.plan_weeks[2].next_text == ("Pain from 2/10 to under 3/10: this week does not count; next week, "
                                         "the same stage again.")


def test_pain_of_3_breaks_the_exercise_limit_and_steps_back():
    # The exercise limit is "below 3/10": a week at 3/10 goes back a stage, as 5/10 does.
    p = plan(START, MWF, 6, [(0, False), (0, False), (3, False)])
    assert p.stages() == [1, 1, 2, 1, 2, 2, 3, 3]
    assert p.plan_weeks[2].next_text == ("Step back (pain of 3/10 or more): next week, "
                                         "Stage 1: calm the knee, wake up the muscles.")
    assert [progression.decide(x, False) for x in (0, 1.5, 1.99, 2, 2.5, 2.99, 3, 3.5, 10)] == (
        ["progress"] * 3 + ["repeat"] * 3 + ["step_back"] * 3)
    assert all(progression.decide(x / 2, True) == "step_back" for x in range(21))


def test_the_weekly_bands_partition_the_scale():
    # Every whole and half pain, with or without an increase after, gets exactly one move,
    # from the conditions in the rule's own words.
    for pain in [k / 2 for k in range(21)]:
        for worse in (False, True):
            bands = {"progress": pain < 2 and not worse, "repeat": 2 <= pain < 3 and not worse,
                     "step_back": pain >= 3 or worse}
            hits = [name for name, hit in bands.items() if hit]
            assert hits == [progression.decide(pain, worse)], (pain, worse)


def test_pain_of_3_or_more_or_a_worse_next_day_steps_back():
    # Week 3 (stage 2) at 5/10: week 4 is stage 1 again; then stage 2 needs its 2 good weeks.
    p = plan(START, MWF, 6, [(0, False), (0, False), (5, False)])
    assert p.stages() == [1, 1, 2, 1, 2, 2, 3, 3]
    assert p.plan_weeks[2].decision == "step_back"
    assert p.plan_weeks[2].next_text == ("Step back (pain of 3/10 or more): next week, "
                                         "Stage 1: calm the knee, wake up the muscles.")
    # Low pain but worse the next day: the same step back.
    q = plan(START, MWF, 6, [(0, False), (0, False), (1, True)])
    assert q.stages() == [1, 1, 2, 1, 2, 2, 3, 3]
    assert "worse the next day" in q.plan_weeks[2].next_text
    # In stage 1 there is no stage before: stage 1 again.
    assert plan(START, MWF, 6, [(6, True)]).stages() == [1, 1, 1, 2, 2, 3, 3]


def test_progression_is_blocked_exactly_where_the_rule_says():
    """Every boundary of the weekly rule table blocks or allows a move the same way."""
    for pain, worse, expected in progression.rule_cases():
        p = plan(START, MWF, 6, [(0, False), (pain, worse)])
        assert p.plan_weeks[1].decision == expected, (pain, worse)
        moved_on = p.stages()[2] == 2
        assert moved_on == (expected == "progress"), (pain, worse)


def test_the_rule_follows_clinical_yaml(monkeypatch):
    # Lower the exercise limit to 2.4: 2.5 now steps back instead of holding the stage.
    real = clinical.value

    def fake(key):
        return 2.4 if key == "pain_rules.exercise_limit" else real(key)

    monkeypatch.setattr(clinical, "value", fake)
    assert plan(START, MWF, 6, [(0, False), (0, False), (2.5, False)]).plan_weeks[2].decision == "step_back"


def test_a_finished_programme_takes_no_more_weeks():
    done = plan(START, MWF, 6, [(0, False)] * 6)
    assert done.complete and done.total_weeks == 6
    assert done.plan_weeks[-1].next_text == "A good week: the programme is complete."
    with pytest.raises(ValueError, match="complete after week 6"):
        plan(START, MWF, 6, [(0, False)] * 7)


@pytest.mark.parametrize(("log", "message"), [
    ("1,False", "log must be a list"),
    ([(11, False)], "log week 1 pain must be a number from 0 to 10"),
    ([(float("nan"), False)], "log week 1 pain"),
    ([(1, "no")], "log week 1 worse_next_day must be True or False"),
    ([(1,)], r"log week 1 must be \(pain"),
    ([(0, False)] * 41, "got 41 weeks"),
])
def test_bad_logs_get_a_clear_message(log, message):
    with pytest.raises(ValueError, match=message):
        plan(START, MWF, 6, log)


def test_the_builders_checks_apply():
    with pytest.raises(ValueError, match="weekdays must be 3 different days"):
        plan(START, [0, 1], 6)
    with pytest.raises(ValueError, match="weeks must be a whole number from 6 to 8"):
        plan(START, MWF, 9)


def test_rule_text_uses_the_shared_numbers():
    text = progression.rule_text()
    keys = ("return_to_run.progress_pain_below", "pain_rules.exercise_limit", "return_to_run.next_day_window_hours")
    for key in keys:
        assert clinical.get(key).display() in text
    assert "from 2/10 to under 3/10" in text and "3/10 or more" in text and "above 3/10" not in text
    assert "not a sign of damage" in text


def test_register_lists_each_stage_and_the_rule():
    markdown = clinical.register_markdown()
    for anchor in ("settle", "build", "load", "rule"):
        assert f"(evidence-progression--{anchor})=" in markdown
    assert "dolak2011hip" in markdown and "khayambashi2012hip" in markdown


def test_data_file_errors_name_the_field(tmp_path):
    good = progression.PROGRESSION_FILE.read_text(encoding="utf-8")
    bad = tmp_path / "progression.yaml"
    bad.write_text(good.replace("sets: 5, hold_s: 30", "sets: 5, hold_s: 30, reps: 3"), encoding="utf-8")
    with pytest.raises(clinical.DataFileError, match="stage 1, exercise 1: give exactly one of reps, hold_s"):
        progression.load_stages.__wrapped__(bad)
    bad.write_text(good.replace("exercise: clamshell, group: hip, sets: 3, reps: 15, per_side: true,\n",
                                "exercise: clamshel, group: hip, sets: 3, reps: 15, per_side: true,\n", 1),
                   encoding="utf-8")
    with pytest.raises(clinical.DataFileError, match=r"'clamshel' is not in exercises\.yaml"):
        progression.load_stages.__wrapped__(bad)


# --- one frequency and one pain limit on every page that prescribes the exercises ----------------

BOOK = progression.PROGRESSION_FILE.parents[2] / "book"
FREQUENCY = "{clin}`rehabilitation.sessions_per_week`"


def page_text(relative: str) -> str:
    import json

    path = BOOK / relative
    if path.suffix != ".ipynb":
        return path.read_text(encoding="utf-8")
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def test_every_page_takes_the_exercise_frequency_from_the_data():
    import re

    for page in ("rehabilitation/hip-strengthening.md", "rehabilitation/quadriceps-and-vmo.md",
                 "prevention-and-faq/conclusion.md", "why-it-hurts/pain-education.md",
                 "rehabilitation/programme-builder.ipynb"):
        assert FREQUENCY in page_text(page), page
    # No page types a frequency of its own for the hip or knee exercises ("daily hip work",
    # "3 times a week", "most days"): the reviewer found three different ones.
    typed = re.compile(r"\b(daily|every day|most days)\b[^.]{0,20}\b(hip|knee|quadriceps|exercis)"
                       r"|\b(hip|knee|quadriceps|exercis)\w*[^.]{0,40}\b(\d+|one|two|three|four|five)"
                       r" times (a|per) week"
                       r"|exercise you can do most days", re.I)
    for path in sorted(BOOK.rglob("*.md")) + sorted(BOOK.rglob("*.ipynb")):
        text = page_text(str(path.relative_to(BOOK)))
        found = typed.search(text)
        assert not found, f"{path.relative_to(BOOK)}: {found.group(0)!r}"
    assert clinical.get("rehabilitation.sessions_per_week").label == "Hip and knee exercise sessions a week"


def test_the_exercise_pages_state_one_pain_limit():
    # The limit's words come from the pain rules in data ({rule}`exercises`), never retyped.
    for page in ("rehabilitation/hip-strengthening.md", "rehabilitation/quadriceps-and-vmo.md"):
        text = " ".join(page_text(page).split())
        assert "within the exercise pain limit" in text and "{rule}`exercises`" in text, page
        assert "should not hurt" not in text and "pain-free" not in text, page
    rule = progression.rule_text()
    assert f"within the exercise pain limit ({pain_rule('exercises')})" in rule
    assert clinical.get("pain_rules.exercise_limit").display() in pain_rule("exercises")
