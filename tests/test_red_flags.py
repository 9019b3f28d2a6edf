"""The red-flag catalogue: every sign has an urgency, a time frame and a source; the disclaimer
lists exactly its emergency and same-day signs; bad catalogue files name file and field."""

from __future__ import annotations

import copy

import pytest
import yaml

from widgets import red_flags
from widgets.clinical import DataFileError

CAT = red_flags.load()
RAW = yaml.safe_load(red_flags.CATALOGUE_FILE.read_text(encoding="utf-8"))

# The signs a clinical reader asked for on the emergency screen, with the level each must have.
REQUIRED = {
    "deformed": "emergency",
    "breathless_or_chest_pain": "emergency",
    "saddle_numbness": "emergency",
    "recent_knock": "within_days",
    "cannot_bear_weight": "same_day",
    "rapid_swelling_after_injury": "same_day",
    "hot_red_swollen": "same_day",
    "sudden_swelling_or_pain": "same_day",
    "locked": "same_day",
    "calf_swollen_tender": "same_day",
    "child_limp_or_hip_pain": "same_day",
    "injury_onset": "within_days",
    "swelling": "within_days",
    "giving_way": "within_days",
    "catching": "within_days",
    "night_pain": "within_days",
    "suspected_stress_fracture": "within_days",
    "other_joints": "within_days",
    "bone_lump_or_weight_loss": "within_days",
    "numbness_or_weakness": "within_days",
    "no_improvement": "review",
    # The physiotherapist's review (S4): a possible artery or nerve injury after a knee injury;
    # a child's bone or joint infection before the knee looks red; pain that stops normal walking.
    "cold_foot_after_injury": "emergency",
    "child_fever_or_unwell": "same_day",
    "severe_pain": "same_day",
}


@pytest.mark.parametrize(("key", "level"), sorted(REQUIRED.items()))
def test_each_required_sign_has_its_level(key, level):
    assert CAT.signs[key].level == level


def test_levels_are_ordered_and_say_when_and_what():
    order = sorted(CAT.levels.values(), key=lambda lv: -lv.rank)
    assert [lv.key for lv in order] == ["emergency", "same_day", "within_days", "review", "warning_sign"]
    assert CAT.levels["emergency"].when == "now" and "emergency number" in CAT.levels["emergency"].action
    assert CAT.levels["same_day"].when == "today"
    # One phrase for the within-days time frame everywhere (never "this week", read as 7 days).
    assert CAT.levels["within_days"].when == "within 2 days"
    assert CAT.levels["within_days"].title == "See a professional within 2 days"
    assert "within 2 days" in CAT.levels["within_days"].action
    assert CAT.levels["warning_sign"].when == "start now; no appointment needed"
    assert "not urgent" in CAT.levels["review"].action
    # Only the levels that mean "see someone first" stop the return-to-running programme.
    assert [lv.key for lv in order if lv.stop_running] == ["emergency", "same_day", "within_days"]


def test_every_sign_is_backed_and_every_source_is_in_the_bibliography():
    bib = red_flags.bib_keys()
    for sign in CAT.signs.values():
        assert sign.sources or sign.article or sign.basis == "route_up", sign.key
        assert set(sign.sources) <= bib, sign.key
    # Emergency and same-day advice rests on published guidance, not only on the blog post.
    for sign in CAT.screen_signs():
        assert sign.sources, sign.key


def test_disclaimer_lists_exactly_the_emergency_and_same_day_signs():
    text = red_flags.disclaimer_text()
    for sign in CAT.signs.values():
        if sign.level in ("emergency", "same_day"):
            assert sign.short in text, sign.key
        else:
            assert sign.label not in text and (sign.short is None or sign.short not in text), sign.key
    assert text.startswith("Educational use only")
    assert "red-flags page" in text


def test_no_improvement_is_a_review_not_an_emergency():
    flags = red_flags.check(no_improvement=True)
    assert [f.level for f in flags] == ["review"]
    assert not red_flags.stops_running(flags)
    assert "not a sign of harm" in flags[0].message


def test_check_orders_by_urgency_and_refuses_bad_answers():
    flags = red_flags.check(swelling=True, locked=True, deformed=True, new_ache=False)
    assert [f.key for f in flags] == ["deformed", "locked", "swelling"]
    with pytest.raises(ValueError, match="unknown sign"):
        red_flags.check(swollen=True)
    with pytest.raises(ValueError, match="locked must be True or False"):
        red_flags.check(locked="yes")


def test_page_markdown_lists_every_sign_with_its_level_and_source():
    md = red_flags.catalogue_markdown()
    for level in ("Emergency — act now", "Get care today", "See a professional within 2 days",
                  "Check your plan with a professional"):
        assert f"## {level}" in md
    for sign in CAT.signs.values():
        assert sign.label[1:] in md, sign.key
    assert "{cite:p}`nhs2023septic" in md
    # The early warning signs are on the page too, but under a heading that says they are not
    # red flags, and after every red-flag level.
    assert "## Early warning sign" not in md
    assert md.index("## Not red flags: early warning signs") > md.index("## Check your plan with a professional")
    summary = red_flags.summary_markdown()
    assert "Early warning" not in summary and summary.count("\n- ") == 3
    # Every professional sign is its own nested bullet, under its level, and no time frame is
    # said twice ("Emergency — act now (now)").
    assert summary.count("\n  - ") + summary.startswith("  - ") == len(
        [s for s in CAT.signs.values() if s.level != "warning_sign"])
    assert "(now)" not in summary and "(today)" not in summary


def broken(mutate):
    raw = copy.deepcopy(RAW)
    mutate(raw)
    return raw


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda r: r["levels"]["same_day"].pop("when"), r"field 'levels.same_day': 'when' is a required property"),
        (lambda r: r["signs"][0].update(level="soon"), r"sign 'deformed': field 'level': 'soon' is not one of"),
        (lambda r: r["signs"][3].update(sources=["madeup2026"]), r"'madeup2026' is not a key of references.bib"),
        (lambda r: r["signs"][3].update(sources=[]), r"sign 'saddle_numbness': field 'sources': a sign needs"),
        (lambda r: r["signs"].append(dict(r["signs"][0])), r"sign 'deformed': the key is used twice"),
        (lambda r: r.__setitem__("signs", [s for s in r["signs"] if s["level"] != "emergency"]),
         r"no sign has level 'emergency'"),
        (lambda r: r["signs"][0].update(label="{clin:nope.nope}"), r"sign 'deformed', field 'label'"),
    ],
)
def test_a_broken_catalogue_names_file_and_field(mutate, message):
    with pytest.raises(DataFileError, match=message):
        red_flags.parse(broken(mutate), red_flags.CATALOGUE_FILE)


def test_a_warm_swollen_knee_is_same_day_whether_or_not_it_looks_red():
    # S1: redness is often absent in a septic joint and hard to see on darker skin, so "warm and
    # swollen" is enough for the same-day sign, and the within-days swelling is "not warm".
    hot = CAT.signs["hot_red_swollen"]
    assert hot.level == "same_day"
    for text in (hot.label, hot.question):
        assert ("warm and swollen" in text and "may or may not" in text) or "whether or not" in text
    assert "not warm" in CAT.signs["swelling"].label and "red" not in CAT.signs["swelling"].label
    assert "not warm" in CAT.signs["swelling"].question


def test_same_day_signs_that_can_need_more_say_so_in_their_escalation():
    # S2: the limping child's "emergency department today, keep weight off the leg" and the hot
    # joint's "very unwell: emergency now" are their own field, shown unfolded on the outcome.
    child = CAT.signs["child_limp_or_hip_pain"].escalation
    assert "emergency department today" in child and "keep weight off the leg" in child
    assert "cannot put any weight" in child and "emergency number" in child
    assert "very unwell" in CAT.signs["hot_red_swollen"].escalation
    assert "emergency" in CAT.signs["child_fever_or_unwell"].escalation
    flag = red_flags.check(child_limp_or_hip_pain=True)[0]
    assert child in flag.message


def test_night_pain_merges_pain_that_wakes_you_and_severe_pain_is_about_walking():
    assert "wakes you" in CAT.signs["night_pain"].label
    assert "cannot walk normally" in CAT.signs["severe_pain"].label
    assert "sleep" not in CAT.signs["severe_pain"].label


def test_bone_lump_sign_leaves_out_the_osgood_schlatter_bump_and_under_18s_get_2_days():
    sign = CAT.signs["bone_lump_or_weight_loss"]
    assert "other than the bump just below the kneecap" in sign.label
    assert "growing" in sign.label and sign.label.startswith("rare, but worth asking")
    assert "within 2 days" in sign.why and "course's choice" in sign.why
    assert "within 2 days" in CAT.signs["night_pain"].why


def test_each_escalation_splits_into_who_and_what_to_do():
    """Pages bold only who a sign's next step is for; the two parts rebuild the whole step, and
    the bold part is a short lead, not the instruction itself."""
    with_steps = [s for s in CAT.signs.values() if s.escalation]
    assert with_steps
    for sign in with_steps:
        lead, rest = red_flags.escalation_parts(sign.escalation)
        assert lead.endswith(":") and lead[:-1] + ":" + rest == sign.escalation, sign.key
        assert len(lead) < len(rest), sign.key
    assert red_flags.escalation_parts("no colon here") == ("", "no colon here")
