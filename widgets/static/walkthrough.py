"""The static-site walkthrough player: the tree as embedded JSON, run by _static/rk/walkthrough.js.

No kernel and no network: the page carries the whole tree, generated at build time from the
same YAML file (and the same clinical numbers) that the live JupyterLab version uses.
"""

from __future__ import annotations

import html

from widgets import clinical
from widgets.display import StaticWidget
from widgets.walkthrough import load


def disclaimer_text() -> str:
    weeks = clinical.get("red_flags.no_response_weeks").display()
    return (
        "This is educational information, not a diagnosis. A self-check cannot examine your knee. "
        "If you have swelling, locking, giving way, pain after an injury, night pain, a suspected "
        f"stress fracture, or no improvement after {weeks}, see a health professional."
    )


def walkthrough_view(tree_id: str) -> StaticWidget:
    """The walkthrough ``tree_id`` (a file stem under data/walkthroughs) for the static site."""
    tree = load(tree_id)
    data = {**tree.to_data(), "disclaimer": disclaimer_text()}
    fallback = (
        f"<p><strong>{html.escape(tree.title)}</strong> — this step-by-step walkthrough needs "
        "JavaScript in your browser. Without it, read the pages on symptoms and on when to see a "
        "professional.</p>"
    )
    return StaticWidget("walkthrough", data=data, fallback_html=fallback, label=f"Walkthrough: {tree.title}")
