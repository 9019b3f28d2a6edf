"""The static shoe log in Chromium: statuses equal widgets.shoes on the boundaries, a runner's
pairs survive a reload, the CSV goes out and comes back, and unreadable storage or a bad file
leaves the saved list as it was."""

from __future__ import annotations

import json

import pytest

from tests.browser.test_quality import axe_violations
from widgets.shoes import Pair, parse_shoes_csv, shoe_status, shoes_csv

pytestmark = pytest.mark.browser
PAGE = "book/prevention-and-faq/shoe-mileage"
KEY = "rk-shoes-v1"

BOUNDARIES = [0, 0.04, 0.05, 120, 499.9, 499.94, 499.95, 500, 500.04, 650.55,
              799.9, 799.94, 799.95, 800, 812.44, 10_000]


def test_javascript_statuses_match_python(watched_page, site_url):
    page = watched_page.page
    page.goto(f"{site_url}/{PAGE}.html")
    for km in BOUNDARIES:
        js = page.evaluate("(km) => window.rkShoes.status(km)", km)
        py = shoe_status(km)
        assert (js["status"], js["message"], js["distance_km"]) == (py.status, py.message, py.distance_km), km
    for bad in (-1, 10_000.1, "500", None):
        error = page.evaluate("(km) => { try { window.rkShoes.status(km); } catch (e) { return e.message; } }", bad)
        assert "from 0 to 10,000" in error, bad
    watched_page.assert_clean()


CSV_CASES = [
    "name,distance_km\r\nBlue trainers,512.3\r\n\"Racers, \"\"fast\"\"\",0\r\n",
    "\ufeffname,distance_km\nTrail,799.95\n\n",
    "NAME, Distance_km\nA,1\n",
    "",
    "name,distance_km\nBlue\n",
    "name,distance_km\nBlue,1e3\n",
    "name,distance_km\nBlue,12,5\n",
    "name,distance_km\nBlue,-3\n",
    "name,distance_km\nBlue,10000.1\n",
    "name,distance_km\nBlue,3\nblue ,4\n",
    "name,distance_km\n\"Blue,3\n",
    "name,distance_km\n\"Blue\"x,3\n",
    "name,distance_km\n  Two   spaces ,7\n",
]


def test_csv_export_and_import_rules_match_python(watched_page, site_url):
    page = watched_page.page
    page.goto(f"{site_url}/{PAGE}.html")
    for text in CSV_CASES:
        js = page.evaluate(
            "(t) => { try { return {pairs: window.rkShoes.parseCsv(t)}; } catch (e) { return {error: e.message}; } }",
            text,
        )
        try:
            py = [[p.name, p.distance_km] for p in parse_shoes_csv(text)]
        except ValueError:
            assert "error" in js, (text, js)
        else:
            assert [[p["name"], p["km"]] for p in js["pairs"]] == py, text
            assert page.evaluate(
                "(pairs) => window.rkShoes.toCsv(pairs)", js["pairs"]
            ) == shoes_csv([Pair(n, k) for n, k in py])
    watched_page.assert_clean()


def add_pair(page, name, km):
    page.get_by_label("Name of the pair").fill(name)
    page.get_by_label("Distance already run (km)").fill(str(km))
    page.get_by_role("button", name="Add the pair").click()


def add_run(page, name, km):
    page.get_by_label(f"Add a run (km) to {name}").fill(str(km))
    page.locator(f"li[data-name='{name}']").get_by_role("button", name="Add", exact=True).click()


def card(page, name):
    return page.locator(f"li[data-name='{name}']")


def test_runner_logs_runs_past_both_thresholds_and_finds_the_pair_after_a_reload(watched_page, site_url, tmp_path):
    page = watched_page.page
    page.goto(f"{site_url}/{PAGE}.html")
    assert page.locator(".rk-sh-empty").is_visible()
    add_pair(page, "Blue trainers", 480)
    blue = card(page, "Blue trainers")
    assert blue.get_attribute("data-status") == "ok" and blue.locator(".rk-sh-badge").text_content() == "Fine"
    add_run(page, "Blue trainers", "25,5")  # a decimal comma is fine in the form
    assert blue.get_attribute("data-status") == "warn"
    assert "505.5 km" in blue.locator(".rk-sh-km").inner_text()
    assert blue.locator(".rk-sh-status").inner_text() == shoe_status(505.5).message
    assert "lose 40–50% of their cushioning" in blue.inner_text() and "for 2\u00a0weeks" in blue.inner_text()
    add_run(page, "Blue trainers", 294.5)
    assert blue.get_attribute("data-status") == "replace"
    assert blue.locator(".rk-sh-status").inner_text() == shoe_status(800).message
    assert blue.locator(".rk-sh-badge").text_content() == "Replace"
    add_pair(page, "Trail shoes", 0)
    page.reload()
    assert page.locator("li.rk-sh-pair").evaluate_all("els => els.map(e => e.dataset.name)") == ["Blue trainers",
                                                                                                 "Trail shoes"]
    assert card(page, "Blue trainers").get_attribute("data-status") == "replace"
    assert "800 km" in card(page, "Blue trainers").locator(".rk-sh-km").inner_text()
    # Export: the CSV widgets.shoes reads.
    with page.expect_download() as info:
        page.get_by_role("button", name="Export the list (CSV)").click()
    path = tmp_path / "shoes.csv"
    info.value.save_as(path)
    assert parse_shoes_csv(path.read_bytes().decode("utf-8")) == [Pair("Blue trainers", 800), Pair("Trail shoes", 0)]
    watched_page.assert_clean()


def test_mistakes_get_messages_and_change_nothing(watched_page, site_url):
    page = watched_page.page
    page.goto(f"{site_url}/{PAGE}.html")
    add_pair(page, "Blue", 10)
    add_pair(page, " blue ", 3)
    assert "already a pair called Blue" in page.locator(".rk-sh-error").inner_text()
    add_pair(page, "", 3)
    assert "Give the pair a name" in page.locator(".rk-sh-error").inner_text()
    add_pair(page, "Red", "lots")
    assert "must be a number of km" in page.locator(".rk-sh-error").inner_text()
    add_run(page, "Blue", "0")
    assert "more than 0 km" in page.locator(".rk-sh-error").inner_text()
    add_run(page, "Blue", "9995")
    assert "more than 10000 km" in page.locator(".rk-sh-error").inner_text()
    saved = json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))
    assert saved == {"version": 1, "pairs": [{"name": "Blue", "km": 10}]}
    # Remove, then undo.
    card(page, "Blue").get_by_role("button", name="Remove Blue").click()
    assert page.locator("li.rk-sh-pair").count() == 0
    page.get_by_role("button", name="Undo").click()
    assert card(page, "Blue").count() == 1
    assert json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))["pairs"] == [{"name": "Blue", "km": 10}]
    watched_page.assert_clean()


def test_bad_import_keeps_the_saved_list_and_a_good_one_replaces_it(watched_page, site_url, tmp_path):
    page = watched_page.page
    page.goto(f"{site_url}/{PAGE}.html")
    add_pair(page, "Blue", 10)
    before = page.evaluate(f"localStorage.getItem('{KEY}')")
    bad = tmp_path / "bad.csv"
    bad.write_text("name,distance_km\nGreen,far\n", encoding="utf-8")
    page.locator("input.rk-sh-import").set_input_files(str(bad))
    error = page.locator(".rk-sh-error")
    error.wait_for()
    assert "Could not import bad.csv: Line 2: the distance “far”" in error.inner_text()
    assert "Your list is unchanged." in error.inner_text()
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == before
    assert page.locator("li.rk-sh-pair").evaluate_all("els => els.map(e => e.dataset.name)") == ["Blue"]
    good = tmp_path / "good.csv"
    good.write_bytes(("\ufeff" + shoes_csv([Pair("Green", 612.5), Pair("Old, grey", 801)])).encode("utf-8"))
    page.locator("input.rk-sh-import").set_input_files(str(good))
    page.locator("li[data-name='Green']").wait_for()
    assert card(page, "Green").get_attribute("data-status") == "warn"
    assert card(page, "Old, grey").get_attribute("data-status") == "replace"
    assert json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))["pairs"] == [
        {"name": "Green", "km": 612.5}, {"name": "Old, grey", "km": 801}]
    watched_page.assert_clean()


@pytest.mark.parametrize("stored", ["{not json", '{"version": 1, "pairs": [{"name": "", "km": 5}]}',
                                    '{"version": 1, "pairs": [{"name": "A", "km": -5}]}', '[1, 2]'])
def test_unreadable_storage_is_reported_and_kept(watched_page, site_url, stored):
    page = watched_page.page
    page.goto(f"{site_url}/{PAGE}.html")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, stored])
    page.reload()
    error = page.locator(".rk-sh-error")
    assert "could not be read, so it has been left as it was" in error.inner_text()
    add_pair(page, "New pair", 1)  # shown on the page, but not saved over the old data
    assert card(page, "New pair").count() == 1
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == stored
    page.reload()
    page.get_by_role("button", name="Start a new list").click()
    assert page.evaluate(f"localStorage.getItem('{KEY}-corrupt')") == stored
    add_pair(page, "Fresh", 2)
    assert json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))["pairs"] == [{"name": "Fresh", "km": 2}]
    watched_page.assert_clean()


def test_privacy_is_stated(watched_page, site_url):
    page = watched_page.page
    page.goto(f"{site_url}/{PAGE}.html")
    text = " ".join(page.locator(".rk-sh-privacy").inner_text().split())
    assert "kept in this browser's storage, on this device only" in text and "nothing is sent anywhere" in text
    assert page.locator(".rk-sh-nojs").is_hidden()
    watched_page.assert_clean()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_state_is_accessible(watched_page, site_url, theme):
    page = watched_page.page
    watched_page.goto_in_theme(f"{site_url}/{PAGE}.html", theme)
    add_pair(page, "Fine pair", 10)
    add_pair(page, "Due pair", 600)
    add_pair(page, "Worn pair", 900)
    add_run(page, "Fine pair", "x")  # an error message on show
    assert page.locator(".rk-sh-error").is_visible()
    watched_page.assert_clean()
    violations = axe_violations(page)  # (axe itself asks for a stylesheet that is not there: a 404)
    assert not violations, violations
    assert not watched_page.foreign_requests
