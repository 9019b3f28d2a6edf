"""Walkthrough safety: every path of every tree, the safety checker itself (mutation tests: it must
fail when a sign is removed or an outcome made less urgent), and clear errors for broken files."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
import yaml

from widgets import red_flags
from widgets import walkthrough as w

TREES = {path.stem: w.load_tree(path) for path in w.tree_files()}
CAT = red_flags.load()
SCREEN = [s.key for s in CAT.screen_signs()]


def test_the_three_walkthroughs_exist():
    assert set(TREES) == {"is_this_runners_knee", "self_tests", "can_i_run_today"}


@pytest.mark.parametrize("tree_id", sorted(TREES))
def test_every_tree_starts_with_the_same_emergency_screen(tree_id):
    tree = TREES[tree_id]
    first = tree.nodes[tree.start]
    assert first.id == "screen_emergency"
    assert set(first.answers[0].signs) == {s.key for s in CAT.signs_at("emergency")}
    second = tree.nodes[first.answers[1].next]
    assert second.id == "screen_same_day"
    assert set(second.answers[0].signs) == {s.key for s in CAT.signs_at("same_day")}
    # "Yes" and "not sure" go to the urgent outcome; only "no" goes on.
    for node in (first, second):
        kinds = [tree.nodes[a.next].outcome for a in node.answers]
        assert kinds[0] == kinds[2] == node.id.removeprefix("screen_")
    assert tree.nodes["screen_emergency_outcome"].outcome == "emergency"


@pytest.mark.parametrize("tree_id", sorted(TREES))
def test_no_path_sends_a_yes_below_its_urgency(tree_id):
    """Checked here directly, not only through the checker: every sign answered yes (or not sure)
    on a path ends at an outcome at least as urgent as the catalogue says."""
    for p in w.enumerate_paths(TREES[tree_id]):
        for sign in p.raised():
            assert w.kind_rank(p.outcome.outcome) >= CAT.rank(CAT.signs[sign].level), (sign, p.outcome.id)


@pytest.mark.parametrize("tree_id", sorted(TREES))
def test_every_tree_asks_the_within_days_signs(tree_id):
    """Every within-days sign is in every tree's must_ask, except "started with an injury" in the
    programme branch of "Can I run today?" (a runner whose pain began with a knock would be
    stopped every day; that branch asks what is new since the knee was assessed)."""
    expected = {s.key for s in CAT.signs_at("within_days")}
    if tree_id == "can_i_run_today":
        expected -= {"injury_onset"}
    assert set(TREES[tree_id].must_ask) == expected


@pytest.mark.parametrize("tree_id", sorted(TREES))
def test_every_non_urgent_path_cleared_every_screen_and_within_days_sign(tree_id):
    tree = TREES[tree_id]
    non_urgent = [p for p in w.enumerate_paths(tree) if w.kind_rank(p.outcome.outcome) == 0]
    assert non_urgent
    for p in non_urgent:
        missing = set(SCREEN) - p.cleared()
        assert not missing, (p.outcome.id, missing)
        assert not set(tree.must_ask) - p.cleared(), (p.outcome.id, set(tree.must_ask) - p.cleared())
        assert not p.raised(), p.outcome.id


@pytest.mark.parametrize("tree_id", sorted(TREES))
@pytest.mark.parametrize("sign", SCREEN)
def test_deleting_a_screen_sign_fails_the_checker(tree_id, sign):
    tree = TREES[tree_id]
    node = "screen_emergency" if CAT.signs[sign].level == "emergency" else "screen_same_day"
    problems = w.safety_problems(w.without_sign(tree, node, sign))
    assert any(f"sign '{sign}'" in p and p.startswith(f"{tree_id}.yaml: node ") for p in problems), problems


@pytest.mark.parametrize("tree_id", sorted(TREES))
def test_deleting_a_within_days_sign_from_a_checklist_fails_the_checker(tree_id):
    tree = TREES[tree_id]
    checklists = [n.id for n in tree.nodes.values()
                  if not n.is_outcome and not n.id.startswith("screen_") and "swelling" in n.answers[0].signs]
    assert checklists
    for node_id in checklists:
        problems = w.safety_problems(w.without_sign(tree, node_id, "swelling"))
        assert any("sign 'swelling'" in p for p in problems), node_id


@pytest.mark.parametrize("tree_id", sorted(TREES))
def test_lowering_any_urgent_outcome_fails_the_checker(tree_id):
    tree = TREES[tree_id]
    urgent = [n for n in tree.nodes.values() if n.outcome in w.URGENT_KINDS]
    assert urgent
    for node in urgent:
        for lower in ("self_manage", *w.URGENT_KINDS[w.URGENT_KINDS.index(node.outcome) + 1:]):
            mutated = replace(tree, nodes={**tree.nodes, node.id: replace(node, outcome=lower)})
            paths_here = [p for p in w.enumerate_paths(tree) if p.outcome.id == node.id]
            if any(p.raised() for p in paths_here):
                assert w.safety_problems(mutated), (node.id, lower)


def test_a_question_before_the_screen_fails_the_checker():
    tree = TREES["is_this_runners_knee"]
    early = replace(tree, start="onset")
    problems = w.safety_problems(early)
    assert any("asked before the emergency screen" in p for p in problems)


@pytest.mark.parametrize("tree_id", sorted(TREES))
def test_time_frames_come_from_the_catalogue_not_the_tree(tree_id):
    """An outcome never states its own time frame: "sooner" or "next few days" under a same-day
    sign is the error this prevents. The catalogue's level says when."""
    for node in TREES[tree_id].nodes.values():
        if node.is_outcome:
            assert not re.search(r"sooner|next few days|within the next|next week", node.text, re.I), node.id


@pytest.mark.parametrize("tree_id", sorted(TREES))
def test_every_node_reached_and_every_outcome_advises(tree_id):
    tree = TREES[tree_id]
    paths = w.enumerate_paths(tree)
    used = {tree.start} | {n for p in paths for n in p.node_ids()} | {p.outcome.id for p in paths}
    assert used == set(tree.nodes)
    for node in tree.nodes.values():
        if node.is_outcome:
            assert len(node.text) > 60 and node.title, node.id


def test_is_this_runners_knee_covers_what_did_not_fit():
    tree = TREES["is_this_runners_knee"]
    labels = " | ".join(a.label for n in tree.nodes.values() for a in n.answers)
    for words in ("Under 18", "None of these, or I'm not sure", "Behind the knee", "in one knee or both",
                  "without any injury", "I'm not sure"):
        assert words in labels, words
    # Medial pain after an injury must not end at "plica": injury is asked before location.
    for p in w.enumerate_paths(tree):
        if any(node_id == "onset" and a.says == "yes" for node_id, a in p.steps):
            assert p.outcome.id == "injury"
    over_40 = tree.nodes["likely_pfps_over_40"].text
    assert "osteoarthritis" in over_40


def test_numbers_and_catalogue_words_are_filled_in():
    tree = TREES["can_i_run_today"]
    labels = [a.label for a in tree.nodes["rehab_pain"].answers]
    assert labels[:3] == ["Below 2/10", "From 2/10 to below 4/10", "4+/10"]
    assert "20–30%" in tree.nodes["early_warning"].text
    data = tree.to_data()
    assert "{clin" not in str(data)
    assert "2\u00a0cm above the joint line" in TREES["is_this_runners_knee"].nodes["location"].answers[1].label
    assert data["nodes"]["screen_same_day"]["items"] == [s.label for s in CAT.signs_at("same_day")]
    assert data["levels"]["same_day"]["when"] == "today"


def test_session_answer_back_restart_summary():
    session = w.Session(TREES["can_i_run_today"])
    session.answer(1)  # no emergency sign
    session.answer(1)  # no same-day sign
    session.answer(0)  # in rehab
    session.answer(1)  # no new within-days sign
    session.answer(0)  # improving
    node = session.answer(0)  # pain below 2/10
    assert node.id == "rehab_next_day"
    assert session.answer(0).id == "progress"
    assert session.summary()[-1] == (node.question, "No, the same or better")
    # A checklist's summary line says what was ruled out, for the clinician who reads it.
    assert "will not straighten" in session.summary()[1][0] and session.summary()[1][1] == "No, none of these"
    assert session.back().id == "rehab_next_day"
    assert session.restart().id == "screen_emergency"
    with pytest.raises(ValueError, match="Answer must be a number from 0 to 2"):
        session.answer(5)
    with pytest.raises(ValueError, match="Answer must be a number"):
        session.answer(True)


def write_tree(tmp_path, nodes, after_screen="q", **extra):
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump({"id": "broken", "title": "Broken", "after_screen": after_screen,
                                    "nodes": nodes, **extra}))
    return path


OUT = {"outcome": "self_manage", "title": "Fine", "text": "Carry on."}
PRO = {"outcome": "within_days", "title": "See", "text": "See a doctor."}
TODAY = {"outcome": "same_day", "title": "See", "text": "See a doctor."}


@pytest.mark.parametrize(
    ("nodes", "message"),
    [
        ({"q": {"question": "Swollen?",
                "answers": [{"label": "yes", "next": "ok", "says": "yes", "signs": ["swelling"]},
                            {"label": "no", "next": "ok"}]}, "ok": OUT},
         r"broken.yaml: node 'q': answering yes to sign 'swelling' \(within_days\) can end at 'ok'"),
        ({"q": {"question": "Locked?", "answers": [{"label": "yes", "next": "pro", "says": "yes", "signs": ["locked"]},
                                                  {"label": "no", "next": "ok"}]}, "ok": OUT, "pro": PRO},
         r"answering yes to sign 'locked' \(same_day\) can end at 'pro' \(within_days\)"),
        ({"q": {"checklist": ["swelling"], "if_yes": "pro", "if_no": "ok"}, "ok": OUT, "pro": PRO},
         r"broken.yaml: node 'ok': a path reaches this self_manage outcome without asking sign 'injury_onset'"),
        ({"q": {"question": "Q?", "answers": [{"label": "a", "next": "nowhere"}, {"label": "b", "next": "ok"}]},
          "ok": OUT}, r"broken.yaml: node 'q': 'next' names unknown node 'nowhere'"),
        ({"q": {"question": "Q?", "answers": [{"label": "a", "next": "q"}, {"label": "b", "next": "ok"}]},
          "ok": OUT}, r"broken.yaml: node 'q': cycle screen_emergency → screen_same_day → q → q"),
        ({"q": {"question": "Q?", "answers": [{"label": "a", "next": "ok"}, {"label": "b", "next": "ok"}]},
          "ok": OUT, "lost": PRO}, r"broken.yaml: node 'lost': unreachable"),
        ({"q": {"question": "Q?", "answers": [{"label": "a", "next": "ok"}, {"label": "b", "next": "ok"}]},
          "ok": {"outcome": "self_manage", "title": "T"}}, r"broken.yaml: node 'ok'"),
        ({"q": {"question": "Q?", "answers": [{"label": "a", "next": "ok"}, {"label": "b", "next": "ok"}]},
          "ok": {"outcome": "relax", "title": "T", "text": "x"}}, r"broken.yaml: node 'ok'"),
        ({"q": {"checklist": ["swollen"], "if_yes": "pro", "if_no": "pro"}, "pro": PRO},
         r"node 'q', field 'checklist': sign 'swollen' is not in red_flags.yaml"),
        ({"q": {"question": "Pain above {clin:pain_rules.nope}?", "answers": [{"label": "a", "next": "ok"},
                                                                            {"label": "b", "next": "ok"}]},
          "ok": OUT}, r"node 'q', field 'question': No clinical number 'pain_rules.nope'"),
        ({"screen_x": TODAY}, r"node 'screen_x': ids starting with 'screen_' belong to the emergency screen"),
    ],
)
def test_broken_tree_names_file_node_and_field(tmp_path, nodes, message):
    after = next(iter(nodes))
    with pytest.raises(w.TreeError, match=message):
        w.load_tree(write_tree(tmp_path, nodes, after_screen=after, must_ask=["injury_onset"]))


def test_unknown_walkthrough_lists_the_known_ones():
    with pytest.raises(ValueError, match="known: can_i_run_today, is_this_runners_knee, self_tests"):
        w.load("is_it_gout")


@pytest.mark.parametrize("tree_id", sorted(TREES))
def test_every_outcome_link_is_a_page_of_the_book(tree_id):
    from tests.conftest import toc_docnames

    pages = set(toc_docnames())
    for node in TREES[tree_id].nodes.values():
        for link in node.links:
            assert link["doc"].lstrip("/") in pages, (node.id, link["doc"])


# --- the physiotherapist's review: new signs, "not sure" routed up, visible escalations --------

NEW_SIGNS = {"cold_foot_after_injury": "emergency", "child_fever_or_unwell": "same_day", "severe_pain": "same_day"}


@pytest.mark.parametrize("tree_id", sorted(TREES))
@pytest.mark.parametrize(("sign", "level"), sorted(NEW_SIGNS.items()))
def test_each_new_sign_is_at_its_level_and_asked_on_the_first_screens(tree_id, sign, level):
    """Removing a new sign, or moving it down a level, fails here: it must be in the catalogue at
    its level and on the first screen (emergency) or second screen (same day) of every tree, and
    a "yes" to it must end at that level."""
    assert CAT.signs[sign].level == level
    tree = TREES[tree_id]
    screen = tree.nodes["screen_emergency" if level == "emergency" else "screen_same_day"]
    assert sign in screen.answers[0].signs
    assert tree.nodes[screen.answers[0].next].outcome == level
    assert CAT.signs[sign].label in screen.items
    # and the checker fails a tree whose screen no longer asks it
    broken = w.without_sign(tree, screen.id, sign)
    assert any(f"sign '{sign}'" in p for p in w.safety_problems(broken))


def _worst_rank(tree, node_id):
    """The least urgent outcome reachable from a node (what the reader may end at)."""
    node = tree.nodes[node_id]
    if node.is_outcome:
        return w.kind_rank(node.outcome)
    return min(_worst_rank(tree, a.next) for a in node.answers)


def _is_unsure(answer):
    return answer.says == "unsure" or re.search(r"not sure", answer.label, re.I) is not None


@pytest.mark.parametrize("tree_id", sorted(TREES))
def test_every_not_sure_answer_goes_to_the_more_cautious_outcome(tree_id):
    """"When unsure, route up": every "not sure" answer leads only to outcomes at least as urgent
    as the most cautious of its sibling answers. Siblings that report a specific finding ("the
    knee locked") are left out: a reader who is not sure did not see that finding, and the
    checker already routes a reported sign by its own level."""
    tree = TREES[tree_id]
    checked = 0
    for node in tree.nodes.values():
        for answer in node.answers:
            if not _is_unsure(answer):
                continue
            siblings = [a for a in node.answers if a is not answer and a.says not in ("yes",)]
            most_cautious = max(_worst_rank(tree, a.next) for a in siblings)
            assert _worst_rank(tree, answer.next) >= most_cautious, (node.id, answer.label)
            checked += 1
    assert checked


def _outcomes_from(tree, node_id):
    node = tree.nodes[node_id]
    if node.is_outcome:
        return {node.id}
    return set().union(*(_outcomes_from(tree, a.next) for a in node.answers))


def test_every_run_pain_band_is_followed_by_the_next_day_question():
    """The four bands of the pain rules (the reviewer's P5): below 2/10 carry on, 2 to below 4/10
    hold, an increase in the 24 hours after steps back, 4+/10 stops. The hold band asks about the
    24 hours after like the carry-on band does, and a run pain the runner is not sure of is held
    (never "move on") and asked the same question."""
    tree = TREES["can_i_run_today"]
    pain = {a.label: a.next for a in tree.nodes["rehab_pain"].answers}
    assert pain["Below 2/10"] == "rehab_next_day"
    assert pain["4+/10"] == "stop_and_step_back"
    for label in ("From 2/10 to below 4/10", "I'm not sure"):
        after = tree.nodes[pain[label]]
        assert "24\u00a0hours after" in after.question, label
        answers = {a.label: a.next for a in after.answers}
        assert answers == {"No, the same or better": "repeat_stage", "Yes, it was worse": "step_back",
                           "I'm not sure": "repeat_stage"}, label
        assert "progress" not in _outcomes_from(tree, pain[label]), label
    repeat = tree.nodes["repeat_stage"].text
    assert "not sure" in repeat and "go back a stage" in repeat and "4+/10" in repeat


def test_the_not_sure_answers_the_review_asked_for_exist():
    def labels(tree_id, node_id):
        return {a.label: a.next for a in TREES[tree_id].nodes[node_id].answers}

    assert labels("can_i_run_today", "rehab_next_day")["I'm not sure"] == "repeat_stage"
    not_sure = labels("can_i_run_today", "healthy_signs")["Something else, or I'm not sure"]
    unclear = TREES["can_i_run_today"].nodes[not_sure]
    assert unclear.outcome == "review" and "don't increase your running" in unclear.text.lower()
    for node_id in ("squat", "step_down", "theatre", "clarke"):
        assert labels("self_tests", node_id)["I'm not sure"] == "unclear_result", node_id
    assert "A sharp pain, and I stopped" in labels("self_tests", "step_down")
    assert "did not give a clear answer" in TREES["self_tests"].nodes["unclear_result"].title


@pytest.mark.parametrize("tree_id", sorted(TREES))
def test_screen_outcomes_carry_each_signs_escalation_unfolded(tree_id):
    tree = TREES[tree_id]
    same_day = tree.nodes["screen_same_day_outcome"]
    for sign in CAT.signs_at("same_day"):
        if sign.escalation:
            assert sign.escalation in same_day.escalations
    assert any("keep weight off the leg" in e for e in same_day.escalations)
    assert any("very unwell" in e for e in same_day.escalations)
    data = tree.to_data()["nodes"]["screen_same_day_outcome"]
    assert data["escalations"] == list(same_day.escalations)


def test_the_emergency_outcome_says_call_and_not_to_drive():
    text = TREES["self_tests"].nodes["screen_emergency_outcome"].text
    assert "Call the emergency number now." in text
    assert "With chest pain or breathlessness, do not drive yourself." in text
    assert "If you are not sure, still call" in text
    assert "go to an emergency department now" not in text


def test_the_self_tests_page_skip_list_is_the_walkthroughs_own():
    """S8: the page's "skip the self-tests if…" list is generated from the tree's must_ask, so it
    is never shorter than the walkthrough's safety list."""
    from tests.conftest import REPO

    md = w.skip_list_markdown("self_tests")
    for key in TREES["self_tests"].must_ask:
        assert f"- {CAT.signs[key].label}\n" in md + "\n", key
    assert "Emergency — act now" in md and "Get care today" in md
    page = (REPO / "book" / "symptoms-and-diagnosis" / "self-tests.md").read_text(encoding="utf-8")
    assert "{generated} widgets.walkthrough:skip_list_markdown self_tests" in page


def test_young_runners_with_a_sign_are_told_2_days_for_bone_pain_lumps_and_night_pain():
    """S5: an under-18 who ticks a sign reaches an outcome that gives the course's 2-day time
    frame for unexplained bone pain, a lump or night pain; the Osgood–Schlatter checklist says
    its usual bump is not the "hard lump"."""
    tree = TREES["is_this_runners_knee"]
    for node_id in ("young_pf_flags", "young_osgood_flags", "young_slj_flags"):
        yes = tree.nodes[tree.nodes[node_id].answers[0].next]
        assert yes.id == "young_flags_found" and yes.outcome == "within_days"
        assert "within 2 days" in yes.text and "course's choice" in yes.text
    assert "bump just below the kneecap" in tree.nodes["young_osgood_flags"].help
