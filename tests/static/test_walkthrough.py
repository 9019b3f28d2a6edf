"""The static walkthrough's embedded data is the validated tree, with the catalogue's words,
levels, icons and disclaimer; without JavaScript the page still lists the screen's signs."""

import json
import re

from widgets import red_flags
from widgets.static.walkthrough import walkthrough_view


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
    # emergency action next to it, never only "get care today".
    cat = red_flags.load()
    html = walkthrough_view("can_i_run_today").to_html()
    fallback = html.split('class="rk-widget-body">', 1)[1]
    groups = dict(re.findall(r'data-level="(\w+)">(.*?)</div>', fallback))
    assert list(groups) == list(red_flags.SCREEN_LEVELS)
    for level, body in groups.items():
        assert cat.levels[level].title in body and "call the emergency number" in cat.levels["emergency"].action.lower()
        listed = re.findall(r"<li>(.*?)</li>", body)
        assert listed == [s.label.replace("'", "&#x27;") for s in cat.signs_at(level)]
    assert "Call the emergency number now" in groups["emergency"]


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
        for node, answer in zip(outcomes, answers):
            level = [cat.levels[node.outcome].action] if node.outcome in w.URGENT_KINDS else []
            assert answer == {"ok": level + list(node.escalations)}, (tree_id, node.id)
        same_day = answers[[n.id for n in outcomes].index("screen_same_day_outcome")]["ok"]
        assert any("keep weight off the leg" in line for line in same_day[1:])
