"""The clinical vignettes: at least 25 people from published cases or guidance, each walked
through its walkthrough to the outcome a clinician expects."""

from __future__ import annotations

import pytest

from widgets import vignettes as v
from widgets import walkthrough as w

CASES = v.load()


def test_enough_cases_covering_the_conditions_a_clinician_named():
    assert len(CASES) >= 25
    ids = {c.id for c in CASES}
    for needed in ("typical_patellofemoral_pain", "iliotibial_band_syndrome", "patellar_tendinopathy",
                   "osgood_schlatter", "slipped_upper_femoral_epiphysis", "septic_arthritis", "locked_meniscus",
                   "patellar_dislocation", "deep_vein_thrombosis", "patellar_stress_fracture",
                   "masters_runner_over_forty", "bilateral_patellofemoral_pain", "medial_plica", "fat_pad",
                   "plateau_week_five"):
        assert needed in ids, needed
    # Every urgency level and every tree is exercised.
    assert {c.expect for c in CASES} >= {"emergency", "same_day", "within_days", "review", "likely_pfps",
                                        "other_condition", "self_manage"}
    assert {c.tree for c in CASES} == {p.stem for p in w.tree_files()}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case_reaches_the_expected_outcome(case):
    node, asked = v.walk(case)
    assert node.outcome == case.expect, (node.id, asked)
    if case.outcome:
        assert node.id == case.outcome
    assert asked[0] == "screen_emergency"
    # Every answer the case gives is used: a stale answer means the tree changed under it.
    assert set(case.answers) == set(asked)


def test_a_case_without_an_answer_says_which_node():
    case = CASES[0]
    bare = v.Case(**{**case.__dict__, "answers": {}})
    with pytest.raises(ValueError, match="gives no answer for node 'screen_emergency'"):
        v.walk(bare)


def test_teaching_cases_render_with_their_sources():
    md = v.cases_markdown()
    assert md.count("**Case ") == len(CASES)
    assert "{cite:p}`matava1999scfe,peck2017scfe`" in md
