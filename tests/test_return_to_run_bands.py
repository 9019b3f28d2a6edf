"""The four run pain rules are bands that do not overlap: every pain on the 0–10 scale, with or
without an increase in pain in the 24 hours after, gets exactly one rule, in Python
(widgets.return_to_run.pain_band / decide) and in the page's script (assets/rk/return-to-run.js),
and the rules' words say so. Expected values are written by hand from the rules:

- below 2/10 during the run and no increase after: carry on (protocol: progress);
- 2/10 or more but below 4/10, no increase after: hold (repeat the stage);
- an increase in the 24 hours after, pain during the run below 4/10: step back (previous stage);
- 4/10 or more during the run: stop (in the protocol, also the previous stage).
"""

from __future__ import annotations

import pytest

from tests.static.node import call_script
from widgets import clinical
from widgets import return_to_run as rtr
from widgets.static.return_to_run import return_to_run_view

GRID = [k / 2 for k in range(0, 21)]  # every whole and half pain value, 0 to 10


def hand_band(pain: float, worse: bool) -> str:
    if pain >= 4:
        return "stop"
    if worse:
        return "step_back"
    return "carry_on" if pain < 2 else "hold"


def band_conditions(pain: float, worse: bool) -> dict[str, bool]:
    """Each rule's own condition, read from its words, independently of the others."""
    return {
        "carry_on": pain < 2 and not worse,
        "hold": 2 <= pain < 4 and not worse,
        "step_back": worse and pain < 4,
        "stop": pain >= 4,
    }


@pytest.mark.parametrize("worse", [False, True])
@pytest.mark.parametrize("pain", GRID)
def test_every_whole_and_half_pain_gets_exactly_one_band(pain, worse):
    matches = [name for name, hit in band_conditions(pain, worse).items() if hit]
    assert len(matches) == 1, (pain, worse, matches)
    assert rtr.pain_band(pain, worse) == matches[0] == hand_band(pain, worse)


def test_the_bands_by_hand():
    # Whole numbers, no increase after: 0–1 carry on, 2–3 hold, 4–10 stop.
    assert [rtr.pain_band(p, False) for p in range(11)] == (
        ["carry_on"] * 2 + ["hold"] * 2 + ["stop"] * 7)
    # With an increase after: 0–3 step back, 4–10 stop.
    assert [rtr.pain_band(p, True) for p in range(11)] == ["step_back"] * 4 + ["stop"] * 7
    assert rtr.pain_band(1.5, False) == "carry_on" and rtr.pain_band(3.5, False) == "hold"
    # The protocol's move in each band.
    assert [rtr.decide(p, False) for p in (0, 1.5, 2, 3.5, 4, 10)] == [
        "progress", "progress", "repeat", "repeat", "step_back", "step_back"]
    assert [rtr.decide(p, True) for p in (0, 3.5, 4)] == ["step_back"] * 3


def test_the_hold_limit_in_words_is_the_stop_limit():
    # "below 4/10" (the words) and "4+/10" (the stop rule) are the same limit, from one value.
    assert clinical.value("return_to_run.hold_pain_below") == clinical.value("pain_rules.do_not_run_through") == 4
    assert clinical.get("return_to_run.hold_pain_below").display() == "4/10"


def test_each_band_is_used_and_in_the_rules_order():
    seen = {rtr.pain_band(p, w) for p in GRID for w in (False, True)}
    assert seen == set(rtr.RUN_RULES)
    assert tuple(r.name for r in rtr.run_pain_rules()) == rtr.RUN_RULES


def test_the_rules_words_give_the_same_bands():
    words = {r.name: r.text for r in rtr.run_pain_rules()}
    assert words["carry_on"].startswith("pain during the run below 2/10, and no increase in pain in the 24")
    assert words["hold"].startswith("pain during the run of 2/10 or more but below 4/10, with no increase")
    assert words["step_back"].startswith("an increase in pain in the 24\u00a0hours after, with pain during the run "
                                         "below 4/10: step back")
    assert words["stop"].startswith("pain of 4+/10 during a run: stop that run")
    assert "go back a stage" in words["stop"]
    for text in words.values():
        assert "above 3/10" not in text
    assert "above 3/10" not in rtr.run_pain_rules_markdown() and "above 3/10" not in rtr.rules_text()


def test_the_hill_criterion_is_flat_running_within_the_pain_rules():
    """Hills come back after weeks of flat running within these rules (pain below 4/10 allowed),
    not after "pain-free" flat running, in the planner's text, the calendar events and the
    Can I run today? walkthrough (the reviewer's P1)."""
    from widgets import walkthrough

    flat = clinical.get("return_to_run.flat_only_weeks").display()
    wanted = f"{flat} of flat running within the pain rules"
    assert wanted in rtr.rules_text() and "pain-free flat" not in rtr.rules_text()
    progress = walkthrough.load("can_i_run_today").nodes["progress"].text
    assert wanted in progress and "pain-free" not in progress


def test_python_and_the_script_agree_on_a_grid():
    cases = [(p, w) for p in [*GRID, 1.99, 2.01, 3.99, 4.01] for w in (False, True)]
    calls = [("(p, w) => [rkReturnToRun.painBand(p, w), rkReturnToRun.decide(p, w)]", [p, w]) for p, w in cases]
    answers = call_script("return-to-run", return_to_run_view(), calls, start=True)
    for (p, w), answer in zip(cases, answers, strict=True):
        assert answer == {"ok": [rtr.pain_band(p, w), rtr.decide(p, w)]}, (p, w)
        assert answer["ok"][0] == hand_band(p, w), (p, w)
