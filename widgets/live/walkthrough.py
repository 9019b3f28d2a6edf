"""The walkthroughs in JupyterLab, driven by ipywidgets over the same trees and Session model."""

from __future__ import annotations

import html

import ipywidgets as ipw

from widgets import red_flags
from widgets.figures.icons import icon_svg
from widgets.walkthrough import URGENT_KINDS, Session, kind_label, load


def _items(items: tuple[str, ...]) -> str:
    return "<ul>" + "".join(f"<li>{html.escape(t)}</li>" for t in items) + "</ul>" if items else ""


class LiveWalkthrough:
    """One question at a time with answer buttons, Back and Start again."""

    def __init__(self, tree_id: str):
        self.session = Session(load(tree_id))
        self.text = ipw.HTML()
        self.answers = ipw.VBox()
        self.back_button = ipw.Button(description="← Back")
        self.restart_button = ipw.Button(description="Start again")
        self.back_button.on_click(lambda _: self._go(self.session.back))
        self.restart_button.on_click(lambda _: self._go(self.session.restart))
        self.widget = ipw.VBox([self.text, self.answers, ipw.HBox([self.back_button, self.restart_button])])
        self.render()

    def _go(self, action, *args):
        action(*args)
        self.render()

    def choose(self, index: int) -> None:
        self._go(self.session.answer, index)

    def render(self) -> None:
        node = self.session.node
        if node.is_outcome:
            answers = "".join(f"<li>{html.escape(q)} — <b>{html.escape(a)}</b></li>" for q, a in self.session.summary())
            level = red_flags.load().levels[node.outcome] if node.outcome in URGENT_KINDS else None
            # Urgent outcomes lead with the catalogue's icon, level and what to do, as on the site.
            head = (f"<p>{icon_svg(level.icon)} <b>{html.escape(level.title)}</b></p>"
                    f"<p><b>{html.escape(level.action)}</b></p>" if level else
                    f"<p><b>{html.escape(kind_label(node.outcome))}</b></p>")
            # A sign's own next step ("go now if…"), visible next to the action, never folded.
            head += ("<ul class=\"rk-wt-escalations\">"
                     + "".join(f"<li><b>{html.escape(lead)}</b>{html.escape(rest)}</li>"
                               for lead, rest in map(red_flags.escalation_parts, node.escalations)) + "</ul>"
                     if node.escalations else "")
            self.text.value = (
                f"{head}<h3>{html.escape(node.title)}</h3><p>{html.escape(node.text)}</p>"
                + (f"<details><summary>What each of these signs can mean</summary>{_items(node.items)}</details>"
                   if node.items else "")
                + f"<p><i>{html.escape(red_flags.disclaimer_text())}</i></p>"
                f"<details><summary>Your answers</summary><ul>{answers}</ul></details>"
            )
            self.answers.children = ()
        else:
            help_text = f"<p>{html.escape(node.help)}</p>" if node.help else ""
            self.text.value = f"<h3>{html.escape(node.question)}</h3>{_items(node.items)}{help_text}"
            buttons = []
            for i, answer in enumerate(node.answers):
                button = ipw.Button(description=answer.label, tooltip=answer.label,
                                    layout=ipw.Layout(width="100%", height="auto"))
                button.on_click(lambda _, i=i: self.choose(i))
                buttons.append(button)
            self.answers.children = tuple(buttons)
        self.back_button.disabled = self.restart_button.disabled = not self.session.history


def live_walkthrough(tree_id: str) -> ipw.VBox:
    return LiveWalkthrough(tree_id).widget
