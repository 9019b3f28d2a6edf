"""The fear-and-worry reflection in JupyterLab: ipywidgets calling widgets.worry_reflection live
(the same words, bands and help levels as the site). Nothing is stored."""

from __future__ import annotations

import html

import ipywidgets as ipw

from widgets import worry_reflection


class LiveWorryReflection:
    def __init__(self):
        data = worry_reflection.load()
        self.data = data
        self.ratings = {}
        rows = [ipw.HTML(f"<p>{html.escape(data['messages']['not_a_score'])}</p>"
                         "<p><b>How much is each statement like you lately?</b></p>")]
        scale = [(s["label"], s["value"]) for s in data["scale"]]
        for s in data["statements"]:
            self.ratings[s["key"]] = ipw.ToggleButtons(options=scale, value=None, style={"button_width": "auto"})
            rows += [ipw.HTML(f"<b>{html.escape(s['text'])}</b>"), self.ratings[s["key"]]]
        rows.append(ipw.HTML("<p><b>Two questions about how you have been:</b></p>"))
        answers = [(a["label"], a["key"]) for a in data["answers"]]
        self.check_in = {}
        for c in data["check_in"]:
            self.check_in[c["key"]] = ipw.ToggleButtons(options=answers, value=None, style={"button_width": "auto"})
            rows += [ipw.HTML(f"<b>{html.escape(c['question'])}</b>"), self.check_in[c["key"]]]
        self.button = ipw.Button(description="Show my reflection", button_style="primary")
        self.clear = ipw.Button(description="Clear my answers")
        self.result = ipw.HTML()
        self.button.on_click(lambda _: self.show())
        self.clear.on_click(lambda _: self.reset())
        box = '<p style="border:2px solid #a00018;padding:0.5em">'
        always = ipw.HTML(f'{box}{html.escape(data["messages"]["always"])}</p>'
                          f'<p>{html.escape(data["messages"]["privacy"])}</p>')
        self.widget = ipw.VBox([*rows, ipw.HBox([self.button, self.clear]), self.result, always])

    def answers(self) -> tuple[dict, dict]:
        return ({k: w.value for k, w in self.ratings.items()}, {k: w.value for k, w in self.check_in.items()})

    def reset(self) -> None:
        for w in [*self.ratings.values(), *self.check_in.values()]:
            w.value = None
        self.result.value = ""

    def show(self) -> None:
        ratings, check_in = self.answers()
        missing = worry_reflection.incomplete_message(ratings, check_in)
        if missing:
            self.result.value = f'<p style="color:#b00020"><b>{html.escape(missing)}</b></p>'
            return
        try:
            r = worry_reflection.reflect(ratings, check_in)
        except ValueError as exc:  # a clear message, never a traceback
            self.result.value = f'<p style="color:#b00020"><b>Please check:</b> {html.escape(str(exc))}</p>'
            return
        parts = [f'<div data-band="{r.band}"><h3>Your reflection</h3><p>{html.escape(r.message)}</p>']
        if r.help:
            parts.append("<ul>" + "".join(
                f'<li data-level="{h.level}"><b>{html.escape(worry_reflection.help_heading(h.title, h.when))}</b> '
                f"{html.escape(h.action)}</li>" for h in r.help) + "</ul>")
        else:
            parts.append(f"<p>{html.escape(self.data['messages']['no_help'])}</p>")
        if r.tips:
            parts.append("<ul>" + "".join(
                f'<li data-key="{t.key}"><b>{html.escape(t.theme)}:</b> {html.escape(t.text)}</li>' for t in r.tips)
                + "</ul>")
        self.result.value = "".join(parts) + "</div>"


def live_worry_reflection() -> ipw.VBox:
    return LiveWorryReflection().widget
