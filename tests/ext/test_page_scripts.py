"""_ext/course_site.py's per-page scripts: a page with a widget whose script uses the shared
module (assets/rk/rk-common.js) loads rk-common.js first; other pages do not load it."""

from __future__ import annotations

import sys

import pytest

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "_ext"))
import course_site


class FakeApp:
    def __init__(self):
        self.js: list[tuple[str, int]] = []
        self.css: list[str] = []

    def add_js_file(self, name, loading_method=None, priority=500):
        assert loading_method == "defer"
        if (name, priority) not in self.js:  # as Sphinx: a file is added once
            self.js.append((name, priority))

    def add_css_file(self, name):
        self.css.append(name)


def scripts_for(*widgets: str) -> list[str]:
    app = FakeApp()
    body = "".join(f'<section data-rk-widget="{w}"></section>' for w in widgets)
    course_site.add_page_assets(app, "page", "page.html", {"body": body}, None)
    # Deferred scripts run in document order, which Sphinx sorts by priority.
    return [name for name, _ in sorted(app.js, key=lambda item: item[1])]


@pytest.mark.parametrize("widget", ["return-to-run", "shoes", "programme"])
def test_a_widget_using_the_shared_module_loads_it_first(widget):
    assert scripts_for(widget) == ["rk/rk-common.js", f"rk/{widget}.js"]


def test_two_such_widgets_load_it_once():
    assert scripts_for("shoes", "programme") == ["rk/rk-common.js", "rk/programme.js", "rk/shoes.js"]


def test_a_page_without_them_does_not_load_it():
    assert "rk/rk-common.js" not in scripts_for("training-load", "cadence")
