"""The fear-and-worry reflection in Chromium, used as a reader would: answers clicked, the
model's words and help shown (urgent help first), answers left named, Clear, a reload that keeps
nothing; and nothing written to any storage or sent over the network while it is used."""

from __future__ import annotations

import pytest

from widgets import red_flags
from widgets.worry_reflection import help_heading, incomplete_message, load, reflect

pytestmark = pytest.mark.browser
PAGE = "book/why-it-hurts/fear-and-worry"
DATA = load()
KEYS = [s["key"] for s in DATA["statements"]]

# Records every write to storage (local, session, cookies, IndexedDB, Cache API) and every
# network call the page's scripts make, from the moment `window.__rkSpy.armed` is set.
SPY = """
window.__rkSpy = { armed: false, writes: [] };
const note = (what) => { if (window.__rkSpy.armed) window.__rkSpy.writes.push(what); };
for (const name of ["setItem", "removeItem", "clear"]) {
  const original = Storage.prototype[name];
  Storage.prototype[name] = function (...args) {
    note("storage." + name + ":" + args[0]); return original.apply(this, args); };
}
const cookie = Object.getOwnPropertyDescriptor(Document.prototype, "cookie");
Object.defineProperty(Document.prototype, "cookie", { configurable: true,
  get() { return cookie.get.call(this); }, set(v) { note("cookie:" + v); return cookie.set.call(this, v); } });
const open = IDBFactory.prototype.open;
IDBFactory.prototype.open = function (...args) { note("indexedDB.open:" + args[0]); return open.apply(this, args); };
if (window.caches) { const cOpen = CacheStorage.prototype.open;
  CacheStorage.prototype.open = function (...args) {
    note("caches.open:" + args[0]); return cOpen.apply(this, args); }; }
const f = window.fetch; window.fetch = function (...args) { note("fetch:" + args[0]); return f.apply(this, args); };
const xo = XMLHttpRequest.prototype.open;
XMLHttpRequest.prototype.open = function (...args) { note("xhr:" + args[1]); return xo.apply(this, args); };
const beacon = navigator.sendBeacon && navigator.sendBeacon.bind(navigator);
if (beacon) navigator.sendBeacon = (...args) => { note("beacon:" + args[0]); return beacon(...args); };
"""


def answer(page, ratings, check_in):
    for key, value in ratings.items():
        page.check(f"#rk-wr-{key}-{value}")
    for key, value in check_in.items():
        page.check(f"#rk-wr-{key}-{value}")


def open_page(watched_page, site_url):
    page = watched_page.page
    page.add_init_script(SPY)
    page.goto(f"{site_url}/{PAGE}.html")
    page.wait_for_function("() => window.rkWorryReflection")
    page.wait_for_load_state("networkidle")
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.evaluate("() => { window.__rkSpy.armed = true; }")
    return page, requests


def shown(page) -> dict:
    result = page.locator(".rk-wr-result")
    return {
        "band": result.get_attribute("data-band"),
        "message": result.locator(".rk-wr-message").inner_text(),
        "tips": result.locator(".rk-wr-tips li").evaluate_all("els => els.map(e => e.dataset.key)"),
        "help": result.locator(".rk-wr-help li").evaluate_all("els => els.map(e => e.dataset.level)"),
    }


def test_reader_reflects_and_gets_the_model_s_words_with_nothing_stored_or_sent(watched_page, site_url):
    page, requests = open_page(watched_page, site_url)
    # The help box is there before any answer.
    assert "116 123" in page.locator(".rk-wr-always").inner_text()
    submit = page.get_by_role("button", name="Show my reflection")
    submit.click()
    assert page.locator(".rk-wr-error").inner_text() == incomplete_message({}, {})
    ratings = dict(zip(KEYS, (3, 2, 0, 1, 0, 0), strict=True))
    answer(page, ratings, {"low_mood": "no"})
    submit.click()
    assert "(1 left)" in page.locator(".rk-wr-error").inner_text()
    page.check("#rk-wr-harm-no")
    submit.click()
    expected = reflect(ratings, {"low_mood": "no", "harm": "no"})
    assert shown(page) == {"band": expected.band, "message": expected.message,
                           "tips": [t.key for t in expected.tips], "help": []}
    assert page.locator(".rk-wr-no-help").inner_text() == DATA["messages"]["no_help"]
    # Thoughts of self-harm, with every statement "not like me" and mood fine: help now, at the
    # red-flag catalogue's emergency level (its own title and time frame), nothing less urgent.
    answer(page, dict.fromkeys(KEYS, 0), {"low_mood": "no", "harm": "yes"})
    submit.click()
    emergency = red_flags.load().levels["emergency"]
    assert shown(page)["help"] == ["emergency"]
    item = page.locator(".rk-wr-help li")
    assert item.locator(".rk-wr-help-title").inner_text() == help_heading(emergency.title, emergency.when)
    action = item.locator(".rk-wr-help-action").inner_text()
    assert action.strip() == DATA["help"]["urgent"]["action"]
    assert "get help now" in action and "116 123" in action and "988" in action
    # Shown as the catalogue's most urgent level (the red border).
    assert item.evaluate("el => getComputedStyle(el).borderTopColor") == "rgb(160, 0, 24)"
    # Every statement high, low mood "yes", self-harm "not sure": urgent help first (routed up).
    answer(page, dict.fromkeys(KEYS, 3), {"low_mood": "yes", "harm": "not_sure"})
    submit.click()
    expected = reflect(dict.fromkeys(KEYS, 3), {"low_mood": "yes", "harm": "not_sure"})
    assert shown(page)["help"] == [h.level for h in expected.help] == ["emergency", "within_days", "review"]
    first = page.locator(".rk-wr-help li").first.inner_text()
    assert first.startswith(expected.help[0].title) and expected.help[0].action in first
    assert page.evaluate("document.activeElement.classList.contains('rk-wr-result')")
    page.get_by_role("button", name="Clear my answers").click()
    assert page.locator(".rk-wr-result").inner_text() == ""
    assert page.locator(".rk-wr-form input:checked").count() == 0
    # Nothing was written anywhere, and the page asked the network for nothing while in use.
    assert page.evaluate("window.__rkSpy.writes") == []
    assert requests == []
    assert page.evaluate("document.cookie") == ""
    assert page.evaluate("() => Object.keys(sessionStorage).length") == 0
    assert not [k for k in page.evaluate("() => Object.keys(localStorage)") if k not in ("mode", "theme")]
    watched_page.assert_clean()


def test_a_reload_keeps_no_answers_and_the_page_fits_a_phone(watched_page, site_url):
    page, _ = open_page(watched_page, site_url)
    answer(page, dict.fromkeys(KEYS, 1), {"low_mood": "no", "harm": "no"})
    page.get_by_role("button", name="Show my reflection").click()
    assert page.locator(".rk-wr-result").get_attribute("data-band") == "some"
    page.reload()
    page.wait_for_function("() => window.rkWorryReflection")
    assert page.locator(".rk-wr-form input:checked").count() == 0
    assert page.locator(".rk-wr-result").inner_text() == ""
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    watched_page.assert_clean()
