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
    # Without the script the page still screens first, one group a level, most urgent first, each
    # with its own action: a reader with an emergency sign must never read "get care today".
    groups = "".join(
        f'<div class="rk-wt-fallback-level" data-level="{level}"><p><strong>{html.escape(cat.levels[level].title)}'
        f"</strong>: {html.escape(cat.levels[level].action)}</p><p>If any of these applies:</p><ul>"
        + "".join(f"<li>{html.escape(s.label)}</li>" for s in cat.signs_at(level))
        + "</ul></div>"
        for level in red_flags.SCREEN_LEVELS
    )
    fallback = (
        f"<p><strong>{html.escape(tree.title)}</strong> — this step-by-step walkthrough needs "
        "JavaScript in your browser. Without it, check these signs first.</p>"
        f"{groups}<p>If none applies, read the pages on symptoms and on when to see a professional.</p>"
    )
    return StaticWidget("walkthrough", data=data, fallback_html=fallback, label=f"Walkthrough: {tree.title}")
