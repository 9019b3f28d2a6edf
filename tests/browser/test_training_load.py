"""The static training-load checker in Chromium: used like a runner would, bad input, the chart."""

from __future__ import annotations

import pytest

from widgets.training_load import check_weeks, suggest_next_weeks, suggestion_text

pytestmark = pytest.mark.browser
PAGE = "book/prevention-and-faq/training-load"

# The rules, words and suggestions of the page's script are compared with widgets.training_load
# on generated input under Node (tests/static/test_training_load.py); here the page is used.


def test_runner_checks_their_weeks(watched_page, site_url):
    page = watched_page.page
    page.goto(f"{site_url}/{PAGE}.html")
    page.get_by_label("Weekly distances in km").fill("20, 22, 26, 26, 27, 28")
    page.get_by_label("Long run of each week").fill("6, 6, 9, 7, 8, 8")
    page.get_by_role("button", name="Check my weeks").click()
    items = page.locator(".rk-tl-result li")
    assert sorted(items.evaluate_all("els => els.map(e => e.dataset.rule)")) == ["deload", "long_run", "ten_percent"]
    assert "18.2% more than week 2" in page.locator("li[data-rule='ten_percent']").inner_text()
    # The page shows the Python model's words.
    weeks, longs = [20, 22, 26, 26, 27, 28], [6, 6, 9, 7, 8, 8]
    assert items.all_inner_texts() == [f.message for f in check_weeks(weeks, longs)]
    assert page.locator(".rk-tl-suggestion").inner_text() == suggestion_text(suggest_next_weeks(weeks, 4))
    page.get_by_label("Weekly distances in km").fill("20, twenty")
    page.get_by_role("button", name="Check my weeks").click()
    assert "week 2 is “twenty”" in page.locator(".rk-tl-error").inner_text()
    watched_page.assert_clean()


def test_chart_shows_weeks_suggestions_and_the_rule(watched_page, site_url):
    page = watched_page.page
    page.goto(f"{site_url}/{PAGE}.html")
    page.get_by_label("Weekly distances in km").fill("20, 22, 26, 26, 18, 20")
    page.get_by_role("button", name="Check my weeks").click()
    chart = page.locator("svg.rk-tl-chart")
    bars = chart.locator("rect.rk-tl-bar")
    assert bars.count() == 6 + 4
    assert chart.locator("rect.rk-tl-suggested").count() == 4
    # Week 3 (26 after 22) breaks the 10% rule and is drawn red; week 5 (18 after 26) is an easier week.
    assert bars.nth(2).get_attribute("fill") == "#D55E00"
    assert bars.nth(4).get_attribute("fill") == "#009E73"
    assert chart.locator("line.rk-tl-ceiling").count() == 9
    suggested = [
        float(v) for v in chart.locator("rect.rk-tl-suggested").evaluate_all("els => els.map(e => e.dataset.km)")
    ]
    assert suggested == pytest.approx(suggest_next_weeks([20, 22, 26, 26, 18, 20], 4))
    assert "Suggested next 4 weeks" in page.locator(".rk-tl-suggestion").inner_text()
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    watched_page.assert_clean()
