"""Layering of the widgets package: models ← figures ← static / live.

Every module under widgets/ is parsed (ast, so imports inside functions count too) and its
imports are checked: the JupyterLab tools (live/) and the static site's tools (static/) never
import each other, and neither the models (widgets/*.py, display.py included) nor the figures
import either of them. What both need lives below them, in a model or in widgets/display.py.
Optional packages (icalendar) are imported only inside the function that needs them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

WIDGETS = REPO / "widgets"
MODULES = sorted(WIDGETS.rglob("*.py"))
OPTIONAL = {"icalendar"}


def module_name(path: Path, root: Path = REPO) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(name: str) -> str:
    """live, static, figures or model (the top level: models, display, wording, …)."""
    parts = name.split(".")
    return parts[1] if len(parts) > 2 and parts[1] in ("live", "static", "figures") else "model"


def imports(path: Path, root: Path = REPO) -> list[tuple[int, str, bool]]:
    """(line, imported module, at module level?) for every import in the file. ``from widgets
    import static`` counts as importing widgets.static; relative imports are resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module_name(path, root).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    top_level = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, id(node) in top_level) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package[: len(package) - node.level + 1], *([base] if base else [])])
            found.append((node.lineno, base, id(node) in top_level))
            found += [(node.lineno, f"{base}.{alias.name}", id(node) in top_level) for alias in node.names]
    return found


FORBIDDEN = {
    "live": {"static"},
    "static": {"live"},
    "figures": {"live", "static"},
    "model": {"live", "static"},
}


def crossings(path: Path, root: Path = REPO) -> list[str]:
    mine = layer(module_name(path, root))
    bad = []
    for line, name, _ in imports(path, root):
        if not name.startswith("widgets."):
            continue
        parts = name.split(".")
        theirs = parts[1] if parts[1] in ("live", "static", "figures") else "model"
        if theirs in FORBIDDEN[mine]:
            bad.append(f"{path.relative_to(root)}:{line} ({mine}) imports {name} ({theirs})")
    return bad


def test_the_modules_are_found():
    names = {module_name(p) for p in MODULES}
    assert {"widgets.live.return_to_run", "widgets.static.return_to_run", "widgets.figures.pf_load",
            "widgets.return_to_run", "widgets.display"} <= names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(WIDGETS)))
def test_no_import_crosses_the_layers(path):
    assert crossings(path) == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(WIDGETS)))
def test_optional_packages_are_imported_only_where_used(path):
    at_top = [f"{path.relative_to(REPO)}:{line} imports {name} at module level"
              for line, name, top in imports(path) if top and name.split(".")[0] in OPTIONAL]
    assert at_top == []


def test_the_checker_sees_every_kind_of_crossing(tmp_path):
    """The checker itself: a live module importing static in each spelling, and a model and a
    figure importing live, are all caught (so a passing run means something)."""
    cases = {
        "live/a.py": "from widgets.static.return_to_run import NAME\n",
        "live/b.py": "def f():\n    from widgets import static\n",
        "live/c.py": "from ..static import shoes\n",
        "static/d.py": "import widgets.live.shoes\n",
        "figures/e.py": "from widgets.live import pf_load\n",
        "f.py": "from widgets.static import shoes\n",
        "live/ok.py": "from widgets import return_to_run\nfrom widgets.figures.palette import BLUE\n",
    }
    for rel, source in cases.items():
        path = tmp_path / "widgets" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)
    caught = {rel: crossings(tmp_path / "widgets" / rel, tmp_path) for rel in cases}
    assert all(caught[rel] for rel in cases if rel != "live/ok.py"), caught
    assert caught["live/ok.py"] == []
