"""The static-site walkthrough player: the tree as embedded JSON, run by _static/rk/walkthrough.js.

No kernel and no network: the page carries the whole tree, generated at build time from the
same YAML file, red-flag catalogue and clinical numbers that the live JupyterLab version uses.
Without JavaScript (or in print) the page lists every sign the tree would ask before any
self-management answer: the screen's levels and the levels of the tree's ``must_ask`` signs.
"""

from __future__ import annotations

import html

from widgets import red_flags
from widgets.display import StaticWidget
from widgets.figures.icons import level_icons
from widgets.return_to_run.pain_rules import run_pain_rules
from widgets.walkthrough import Tree, load

# The walkthrough pages are book/<section>/<page>: links from the fallback go up one folder.
PAGE_LINKS = (
    ("All the red flags, and how soon each needs care", "../red-flags.html"),
    ("When to see a professional", "../symptoms-and-diagnosis/when-to-see-a-professional.html"),
)
# What a tree's fallback adds after the lists (the self-tests: do not self-test with a sign) and
# the extra page it links to (Can I run today?: the pain rules).
TREE_NOTES = {"self_tests": "If any of these applies, skip the self-tests."}
# Trees whose answer is a pain rule: the fallback lists the course's rules for a run (from data).
TREE_RULES = {"can_i_run_today": "If none of these applies, the course's pain rules for a run decide:"}
TREE_LINKS = {"can_i_run_today": (("The pain rules for running", "../treatment/load-modification.html"),)}


def fallback_levels(tree: Tree) -> list[tuple[str, list[red_flags.Sign]]]:
    """(level, signs) for the no-JavaScript list, most urgent first: every screen sign, then each
    ``must_ask`` sign under its own level (in catalogue order)."""
    cat = red_flags.load()
    asked = {s.key for s in cat.screen_signs()} | set(tree.must_ask)
    levels = sorted({cat.signs[k].level for k in asked}, key=lambda lv: -cat.rank(lv))
    return [(lv, [s for s in cat.signs_at(lv) if s.key in asked]) for lv in levels]


def fallback_html(tree: Tree) -> str:
    """Each level as "If any of these applies: [signs] → Title (when): action", condition first,
    with each sign's escalation after the action; then the tree's note and links."""
    cat = red_flags.load()
    esc = html.escape
    groups = []
    for level_key, signs in fallback_levels(tree):
        level = cat.levels[level_key]
        when = "" if level.when.lower() in level.title.lower() else f" ({esc(level.when)})"
        escalations = [s.escalation for s in signs if s.escalation]
        groups.append(
            f'<div class="rk-wt-fallback-level" data-level="{level_key}"><p>If any of these applies:</p><ul>'
            + "".join(f"<li>{esc(s.label)}</li>" for s in signs)
            + f"</ul><p>→ <strong>{esc(level.title)}</strong>{when}: {esc(level.action)}</p>"
            + "".join(f'<p class="rk-wt-escalation"><strong>{esc(lead)}</strong>{esc(rest)}</p>'
                      for lead, rest in map(red_flags.escalation_parts, escalations))
            + "</div>"
        )
    note = f"<p><strong>{esc(TREE_NOTES[tree.id])}</strong></p>" if tree.id in TREE_NOTES else ""
    if tree.id in TREE_RULES:  # the pain rules themselves, so a reader without JavaScript has them
        items = "".join(f"<li>{esc(r.text)}</li>" for r in run_pain_rules())
        note += f"<p>{esc(TREE_RULES[tree.id])}</p><ul class=\"rk-wt-fallback-rules\">{items}</ul>"
    links = "".join(f'<li><a href="{href}">{esc(text)}</a></li>'
                    for text, href in (*PAGE_LINKS, *TREE_LINKS.get(tree.id, ())))
    return (
        f"<p><strong>{esc(tree.title)}</strong> — this step-by-step walkthrough needs "
        "JavaScript in your browser. Without it, check these signs first, most urgent first.</p>"
        f"{''.join(groups)}{note}<p>If none applies, read more here:</p>"
        f'<ul class="rk-wt-fallback-links">{links}</ul>'
    )


def walkthrough_view(tree_id: str) -> StaticWidget:
    """The walkthrough ``tree_id`` (a file stem under data/walkthroughs) for the static site."""
    tree = load(tree_id)
    data = {**tree.to_data(), "disclaimer": red_flags.disclaimer_text(), "icons": level_icons()}
    return StaticWidget("walkthrough", data=data, fallback_html=fallback_html(tree),
                        label=f"Walkthrough: {tree.title}")
