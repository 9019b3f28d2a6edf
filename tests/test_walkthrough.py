"""Walkthrough safety: every path of every tree, and clear errors for broken tree files."""

from __future__ import annotations

import pytest
import yaml

from widgets import walkthrough as w

TREES = {path.stem: w.load_tree(path) for path in w.tree_files()}


def test_the_three_walkthroughs_exist():
    assert {"is_this_runners_knee", "self_tests", "can_i_run_today"} <= set(TREES)


@pytest.mark.parametrize("tree_id", sorted(TREES))
def test_every_red_flag_path_ends_with_a_professional(tree_id):
    paths = w.enumerate_paths(TREES[tree_id])
    flagged = [p for p in paths if p.red_flag_chosen]
    assert flagged, f"{tree_id} asks no red-flag question"
    for p in flagged:
        assert p.outcome.outcome in ("urgent", "see_professional"), [a.label for _, a in p.steps]


@pytest.mark.parametrize("tree_id", sorted(TREES))
def test_every_non_professional_outcome_is_reached_only_after_red_flags_were_asked(tree_id):
    """A path may end in self-management only if it passed a question offering a red flag."""
    for p in w.enumerate_paths(TREES[tree_id]):
        if p.outcome.outcome not in ("urgent", "see_professional"):
            asked = [TREES[tree_id].nodes[node_id] for node_id, _ in p.steps]
            assert any(any(a.red_flag for a in node.answers) for node in asked), p.outcome.id


@pytest.mark.parametrize("tree_id", sorted(TREES))
def test_every_node_reached_and_every_outcome_advises(tree_id):
    tree = TREES[tree_id]
    paths = w.enumerate_paths(tree)
    used = {tree.start} | {n for p in paths for n, _ in p.steps} | {p.outcome.id for p in paths}
    assert used == set(tree.nodes)
    for node in tree.nodes.values():
        if node.is_outcome:
            assert len(node.text) > 80 and node.title


@pytest.mark.parametrize("tree_id", sorted(TREES))
def test_professional_outcomes_say_whom_and_how_soon(tree_id):
    for node in TREES[tree_id].nodes.values():
        if node.outcome in ("urgent", "see_professional"):
            text = node.text.lower()
            assert any(who in text for who in ("doctor", "physiotherapist", "urgent-care", "emergency")), node.id
            assert any(when in text for when in ("today", "same day", "next few days", "next week")), node.id


def test_numbers_come_from_clinical_data():
    tree = TREES["can_i_run_today"]
    labels = [a.label for a in tree.nodes["rehab_pain"].answers]
    assert labels[:2] == ["Below 2/10", "From 2/10 to 3/10"]
    assert "20–30%" in tree.nodes["early_warning"].text
    assert "{clin" not in str(tree.to_data())
    assert "2\u00a0cm above the joint line" in TREES["is_this_runners_knee"].nodes["location"].answers[1].label


def test_session_answer_back_restart_summary():
    session = w.Session(TREES["can_i_run_today"])
    session.answer(0)  # in rehab
    session.answer(1)  # no red flags
    node = session.answer(0)  # pain below 2/10
    assert node.id == "rehab_next_day"
    assert session.answer(0).id == "progress"
    assert session.summary()[-1] == (node.question, "No, the same or better")
    assert session.back().id == "rehab_next_day"
    assert session.restart().id == "who"
    with pytest.raises(ValueError, match="Answer must be a number from 0 to 1"):
        session.answer(5)


def write_tree(tmp_path, nodes, start="q"):
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump({"id": "broken", "title": "Broken", "start": start, "nodes": nodes}))
    return path


OUT = {"outcome": "self_manage", "title": "Fine", "text": "Carry on."}
PRO = {"outcome": "see_professional", "title": "See", "text": "See a doctor."}


@pytest.mark.parametrize(
    ("nodes", "message"),
    [
        ({"q": {"question": "Q?", "answers": [{"label": "swollen", "next": "ok", "red_flag": True},
                                             {"label": "no", "next": "ok"}]}, "ok": OUT},
         r"broken.yaml: node 'ok': a path choosing the red flag 'swollen' ends in 'self_manage'"),
        ({"q": {"question": "Q?", "answers": [{"label": "a", "next": "nowhere"}, {"label": "b", "next": "ok"}]},
          "ok": OUT}, r"broken.yaml: node 'q': 'next' names unknown node 'nowhere'"),
        ({"q": {"question": "Q?", "answers": [{"label": "a", "next": "q"}, {"label": "b", "next": "ok"}]},
          "ok": OUT}, r"broken.yaml: node 'q': cycle q → q"),
        ({"q": {"question": "Q?", "answers": [{"label": "a", "next": "ok"}, {"label": "b", "next": "ok"}]},
          "ok": OUT, "lost": PRO}, r"broken.yaml: node 'lost': unreachable"),
        ({"q": {"question": "Q?", "answers": [{"label": "a", "next": "ok"}, {"label": "b", "next": "ok"}]},
          "ok": {"outcome": "self_manage", "title": "T"}}, r"broken.yaml: node 'ok': field 'text' is missing"),
        ({"q": {"question": "Q?", "answers": [{"label": "a", "next": "ok"}, {"label": "b", "next": "ok"}]},
          "ok": {"outcome": "relax", "title": "T", "text": "x"}}, r"node 'ok': field 'outcome' must be one of"),
        ({"q": {"question": "Q?", "answers": [{"label": "a", "next": "ok"}, {"label": "b", "next": "ok",
                                                                        "red_flag": "yes"}]}, "ok": OUT},
         r"node 'q', answer 2: field 'red_flag' must be true or false"),
        ({"q": {"question": "Pain above {clin:pain_rules.nope}?", "answers": [{"label": "a", "next": "ok"},
                                                                            {"label": "b", "next": "ok"}]},
          "ok": OUT}, r"node 'q', field 'question': No clinical number 'pain_rules.nope'"),
    ],
)
def test_broken_tree_names_file_node_and_field(tmp_path, nodes, message):
    with pytest.raises(w.TreeError, match=message):
        w.load_tree(write_tree(tmp_path, nodes))


def test_unknown_walkthrough_lists_the_known_ones():
    with pytest.raises(ValueError, match="known: can_i_run_today, is_this_runners_knee, self_tests"):
        w.load("is_it_gout")
