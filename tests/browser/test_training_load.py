"""The static training-load checker: used like a runner would, bad input, and the page's
JavaScript rules agreeing with widgets.training_load on the same cases."""

from __future__ import annotations

import pytest

from widgets.static.training_load import widget_data
from widgets.training_load import check_weeks

pytestmark = pytest.mark.browser
PAGE = "book/prevention-and-faq/training-load"

CASES = [
    ([20, 22], None),
    ([20, 22.02], None),
    ([30], [9]),
    ([30], [9.1]),
    ([20, 22, 24, 26, 28, 30], None),
    ([26, 28, 30, 32, 24, 26], None),
    ([26, 28, 30, 32, 24.1, 26], None),
    ([10, 15, 15, 16, 30, 31, 31.5], [3, 6, 4, 5, 12, 9, 9]),
    ([0, 5, 5.5, 0, 6], [0, 2, 1, 0, 1.8]),
]


def test_javascript_rules_match_python(watched_page, site_url):
    page = watched_page.page
    page.goto(f"{site_url}/{PAGE}.html")
    for weeks, long_runs in CASES:
        js = page.evaluate(
            "([w, l, t]) => window.rkTrainingLoad.check(w, l, t).map(f => [f.rule, f.week])",
            [weeks, long_runs, widget_data()],
        )
        py = [[f.rule, f.week] for f in check_weeks(weeks, long_runs)]
        assert js == py, (weeks, long_runs)
    watched_page.assert_clean()


def test_runner_checks_their_weeks(watched_page, site_url):
    page = watched_page.page
    page.goto(f"{site_url}/{PAGE}.html")
    page.get_by_label("Weekly distances in km").fill("20, 22, 26, 26, 27, 28")
    page.get_by_label("Long run of each week").fill("6, 6, 9, 7, 8, 8")
    page.get_by_role("button", name="Check my weeks").click()
    items = page.locator(".rk-tl-result li")
    assert sorted(items.evaluate_all("els => els.map(e => e.dataset.rule)")) == ["deload", "long_run", "ten_percent"]
    assert "18.2% more than week 2" in page.locator("li[data-rule='ten_percent']").inner_text()
    page.get_by_label("Weekly distances in km").fill("20, twenty")
    page.get_by_role("button", name="Check my weeks").click()
    assert "week 2 is “twenty”" in page.locator(".rk-tl-error").inner_text()
    watched_page.assert_clean()


def test_javascript_suggestions_and_deload_weeks_match_python(watched_page, site_url):
    from widgets.training_load import is_deload, suggest_next_weeks

    page = watched_page.page
    page.goto(f"{site_url}/{PAGE}.html")
    data = widget_data()
    for weeks, _ in CASES:
        if weeks[-1] <= 0:
            continue
        for n in (1, 4, 8):
            js = page.evaluate("([w, n, t]) => window.rkTrainingLoad.suggest(w, n, t)", [weeks, n, data])
            assert js == pytest.approx(suggest_next_weeks(weeks, n)), (weeks, n)
        last, expected = 0, []
        for i in range(1, len(weeks)):
            if is_deload(weeks, i, last, data["deload_min_reduction"]):
                last = i
                expected.append(i)
        assert page.evaluate("([w, t]) => window.rkTrainingLoad.deloadWeeks(w, t)", [weeks, data]) == expected
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
    from widgets.training_load import suggest_next_weeks

    assert suggested == pytest.approx(suggest_next_weeks([20, 22, 26, 26, 18, 20], 4))
    assert "Suggested next 4 weeks" in page.locator(".rk-tl-suggestion").inner_text()
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    watched_page.assert_clean()
