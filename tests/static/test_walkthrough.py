"""The static walkthrough's embedded data is the validated tree, with the catalogue's words,
levels, icons and disclaimer; without JavaScript the page still lists the screen's signs."""

import json
import re
from html import unescape

import pytest

from widgets import red_flags, walkthrough
from widgets.return_to_run.pain_rules import pain_rule
from widgets.static.walkthrough import PAGE_LINKS, TREE_LINKS, fallback_html, walkthrough_view


def embedded(html):
    found = re.search(r"<script type=\"application/json\" class=\"rk-widget-data\">(.*?)</script>", html)
    return json.loads(found.group(1))


def test_embedded_tree_levels_icons_and_disclaimer():
    html = walkthrough_view("can_i_run_today").to_html()
    assert 'data-rk-widget="walkthrough"' in html
    data = embedded(html)
    assert data["start"] == "screen_emergency"
    assert data["nodes"]["rehab_pain"]["answers"][0]["label"] == "Below 2/10"
    assert data["disclaimer"] == red_flags.disclaimer_text()
    assert data["levels"]["emergency"]["icon"] == "phone" and "<svg" in data["icons"]["phone"]
    assert data["kinds"]["same_day"] == "Get care today"


def test_without_javascript_the_screen_signs_are_listed():
    html = walkthrough_view("self_tests").to_html()
    fallback = html.split('class="rk-widget-body">', 1)[1]
    for sign in red_flags.load().screen_signs():
        assert sign.label.replace("'", "&#x27;") in fallback


def test_without_javascript_each_sign_is_listed_under_its_own_level_and_action():
    # A reader with an emergency sign and no JavaScript (or the PDF edition) must read the
    # emergency action next to it, never only "get care today"; the condition comes first.
    cat = red_flags.load()
    html = walkthrough_view("can_i_run_today").to_html()
    fallback = html.split('class="rk-widget-body">', 1)[1]
    groups = dict(re.findall(r'data-level="(\w+)">(.*?)</div>', fallback))
    assert list(groups) == ["emergency", "same_day", "within_days"]
    must_ask = set(walkthrough.load("can_i_run_today").must_ask)
    for level, body in groups.items():
        listed = re.findall(r"<li>(.*?)</li>", body)
        expected = [s for s in cat.signs_at(level) if level != "within_days" or s.key in must_ask]
        assert listed == [s.label.replace("'", "&#x27;") for s in expected]
        # "If any of these applies" before the list; the title and action after it
        assert body.startswith("<p>If any of these applies:</p><ul>")
        assert body.index(cat.levels[level].title) > body.index("</ul>")
    assert "Call the emergency number now" in groups["emergency"].split("</ul>", 1)[1]


@pytest.mark.parametrize("tree_id", ["can_i_run_today", "self_tests", "is_this_runners_knee"])
def test_without_javascript_every_must_ask_level_is_listed(tree_id):
    """S3: the fallback lists every sign the tree's must_ask requires, within-days ones too, so a
    runner without JavaScript still meets "don't run today" signs; removing them fails here."""
    cat = red_flags.load()
    tree = walkthrough.load(tree_id)
    fallback = walkthrough_view(tree_id).to_html().split('class="rk-widget-body">', 1)[1]
    groups = dict(re.findall(r'data-level="(\w+)">(.*?)</div>', fallback))
    assert any(cat.signs[k].level == "within_days" for k in tree.must_ask)
    for key in tree.must_ask:
        sign = cat.signs[key]
        assert f"<li>{sign.label.replace(chr(39), '&#x27;')}</li>" in groups[sign.level], key
    assert cat.levels["within_days"].title in groups["within_days"]
    # the same-day escalations are on the page, not only in the script
    for sign in cat.signs_at("same_day"):
        if sign.escalation:
            assert sign.escalation in unescape(re.sub(r"</?strong>", "", groups["same_day"]))
    assert '<a href="../red-flags.html">' in fallback
    assert '<a href="../symptoms-and-diagnosis/when-to-see-a-professional.html">' in fallback
    if tree_id == "self_tests":
        assert "If any of these applies, skip the self-tests." in fallback
    if tree_id == "can_i_run_today":
        assert "The pain rules for running" in fallback


def test_the_walkthrough_pages_sit_one_folder_below_book():
    # The fallback's links go up one folder ("../red-flags.html"): true only for book/<section>/.
    from tests.conftest import REPO
    pages = [p for p in (REPO / "book").rglob("*.ipynb") if "walkthrough_view(" in p.read_text(encoding="utf-8")]
    assert len(pages) == 3
    for page in pages:
        assert page.parent.parent == REPO / "book", page
    for _, href in (*PAGE_LINKS, *(link for links in TREE_LINKS.values() for link in links)):
        assert (REPO / "book" / "x" / href).resolve().with_suffix(".md").exists() or \
               (REPO / "book" / "x" / href).resolve().with_suffix(".ipynb").exists(), href


def test_the_player_shows_the_action_and_each_escalation_as_python_says():
    """Node parity: assets/rk/walkthrough.js shows, unfolded, the level's action and then each
    sign's escalation, exactly the words widgets.walkthrough gives the outcome."""
    from tests.static.node import call_script
    from widgets import walkthrough as w

    for tree_id in ("can_i_run_today", "self_tests", "is_this_runners_knee"):
        view = walkthrough_view(tree_id)
        tree = w.load(tree_id)
        data = embedded(view.to_html())
        outcomes = [n for n in tree.nodes.values() if n.is_outcome]
        answers = call_script("walkthrough", view, [("rkWalkthrough.visibleAction", [data, n.id]) for n in outcomes])
        cat = red_flags.load()
        for node, answer in zip(outcomes, answers, strict=True):
            level = [cat.levels[node.outcome].action] if node.outcome in w.URGENT_KINDS else []
            assert answer == {"ok": level + list(node.escalations)}, (tree_id, node.id)
        same_day = answers[[n.id for n in outcomes].index("screen_same_day_outcome")]["ok"]
        assert any("keep weight off the leg" in line for line in same_day[1:])


def test_the_run_today_fallback_states_the_pain_rules_inline():
    """Without JavaScript, "Can I run today?" shows the course's rules for a run on the page (from
    the protocol's data), including the one that stops the run, not only a link to them."""
    text = unescape(fallback_html(walkthrough.load("can_i_run_today")))
    for name in ("carry_on", "hold", "step_back", "stop"):
        assert pain_rule(name) in text, name
    assert "rk-wt-fallback-rules" not in fallback_html(walkthrough.load("self_tests"))
