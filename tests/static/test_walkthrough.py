"""The static walkthrough's embedded data is the validated tree, numbers filled in."""

import json
import re

from widgets.static.walkthrough import walkthrough_view


def test_embedded_tree_and_disclaimer():
    html = walkthrough_view("can_i_run_today").to_html()
    assert 'data-rk-widget="walkthrough"' in html
    embedded = re.search(r"<script type=\"application/json\" class=\"rk-widget-data\">(.*?)</script>", html)
    data = json.loads(embedded.group(1))
    assert data["start"] == "who"
    assert data["nodes"]["rehab_pain"]["answers"][0]["label"] == "Below 2/10"
    assert "not a diagnosis" in data["disclaimer"] and "2\u00a0weeks" in data["disclaimer"]
