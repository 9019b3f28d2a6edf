"""The static-site walkthrough player: the tree as embedded JSON, run by _static/rk/walkthrough.js.

No kernel and no network: the page carries the whole tree, generated at build time from the
same YAML file, red-flag catalogue and clinical numbers that the live JupyterLab version uses.
"""

from __future__ import annotations

import html

from widgets import red_flags
from widgets.display import StaticWidget
from widgets.figures.icons import level_icons
from widgets.walkthrough import load


def walkthrough_view(tree_id: str) -> StaticWidget:
    """The walkthrough ``tree_id`` (a file stem under data/walkthroughs) for the static site."""
    tree = load(tree_id)
    data = {**tree.to_data(), "disclaimer": red_flags.disclaimer_text(), "icons": level_icons()}
    cat = red_flags.load()
    screen = "".join(f"<li>{html.escape(s.label)}</li>" for s in cat.screen_signs())
    fallback = (
        f"<p><strong>{html.escape(tree.title)}</strong> — this step-by-step walkthrough needs "
        "JavaScript in your browser. Without it, first check these signs: if any applies, get "
        f"care today (call the emergency number if the knee is deformed or you are short of breath).</p>"
        f"<ul>{screen}</ul><p>Then read the pages on symptoms and on when to see a professional.</p>"
    )
    return StaticWidget("walkthrough", data=data, fallback_html=fallback, label=f"Walkthrough: {tree.title}")
