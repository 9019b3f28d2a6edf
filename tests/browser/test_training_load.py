"""The static training-load checker: used like a runner would, bad input, and the page's
JavaScript rules agreeing with widgets.training_load on the same cases."""

from __future__ import annotations

import pytest

from widgets.training_load import check_weeks, thresholds

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
            [weeks, long_runs, thresholds()],
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
    assert "18% more than week 2" in page.locator("li[data-rule='ten_percent']").inner_text()
    page.get_by_label("Weekly distances in km").fill("20, twenty")
    page.get_by_role("button", name="Check my weeks").click()
    assert "week 2 is “twenty”" in page.locator(".rk-tl-error").inner_text()
    watched_page.assert_clean()
