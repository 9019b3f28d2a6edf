"""The static cadence calculator and metronome, used in Chromium."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser
PAGE = "book/rehabilitation/cadence"


def test_target_metronome_and_download(watched_page, site_url, tmp_path):
    page = watched_page.page
    page.goto(f"{site_url}/{PAGE}.html")
    # Targets and words for every input are compared with widgets.cadence under Node
    # (tests/static/test_cadence.py); here the page's controls.
    page.get_by_label("Your cadence now").fill("160")
    page.locator("section.rk-widget-cadence").get_by_label("+10%").check()
    page.get_by_role("button", name="Work out my target").click()
    assert "Target: 176 steps per minute (+16)" in page.locator(".rk-cad-target").inner_text()
    assert "9.09% shorter" in page.locator(".rk-cad-target").inner_text()
    page.get_by_role("button", name="Start metronome").click()
    assert page.locator("section.rk-widget-cadence").get_attribute("data-playing-spm") == "176"
    page.get_by_role("button", name="Stop metronome").click()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download 60 s of clicks (WAV)").click()
    path = tmp_path / "clicks.wav"
    download_info.value.save_as(path)
    data = path.read_bytes()
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE" and len(data) == 44 + 60 * 22050 * 2
    watched_page.assert_clean()


def test_out_of_range_cadence_is_explained(watched_page, site_url):
    page = watched_page.page
    page.goto(f"{site_url}/{PAGE}.html")
    page.get_by_label("Your cadence now").fill("40")
    page.get_by_role("button", name="Work out my target").click()
    assert "from 100 to 250 steps per minute" in page.locator(".rk-cad-error").inner_text()
    assert page.get_by_role("button", name="Start metronome").is_disabled()
    watched_page.assert_clean()
