"""The fear-and-worry reflection for the static site: the statements, answers, bands, tips and
help words from widgets.worry_reflection (data/worry_reflection.yaml, with the help levels of the
red-flag catalogue); the rule in _static/rk/worry-reflection.js, tested against
widgets.worry_reflection under Node (tests/static/test_worry_reflection.py). The script stores
nothing and sends nothing."""

from __future__ import annotations

import html

from widgets import worry_reflection
from widgets.display import StaticWidget


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def form_html(data: dict) -> str:
    """The form, written from the data: one radio group a statement, one a check-in question."""
    parts = ['<form class="rk-wr-form" novalidate>',
             f'<p class="rk-wr-note">{_e(data["messages"]["not_a_score"])}</p>',
             '<p class="rk-wr-lead">How much is each statement like you lately?</p>']
    for s in data["statements"]:
        parts.append(f'<fieldset class="rk-wr-item" data-key="{s["key"]}"><legend>{_e(s["text"])}</legend>'
                     '<div class="rk-wr-choices">')
        for opt in data["scale"]:
            rid = f'rk-wr-{s["key"]}-{opt["value"]}'
            parts.append(f'<label for="{rid}"><input type="radio" id="{rid}" name="s-{s["key"]}" '
                         f'value="{opt["value"]}"> {_e(opt["label"])}</label>')
        parts.append("</div></fieldset>")
    parts.append('<p class="rk-wr-lead">Two questions about how you have been:</p>')
    for c in data["check_in"]:
        parts.append(f'<fieldset class="rk-wr-item rk-wr-check" data-key="{c["key"]}"><legend>{_e(c["question"])}'
                     '</legend><div class="rk-wr-choices">')
        for a in data["answers"]:
            rid = f'rk-wr-{c["key"]}-{a["key"]}'
            parts.append(f'<label for="{rid}"><input type="radio" id="{rid}" name="c-{c["key"]}" '
                         f'value="{a["key"]}"> {_e(a["label"])}</label>')
        parts.append("</div></fieldset>")
    parts.append('<div class="rk-wr-buttons"><button type="submit">Show my reflection</button>'
                 '<button type="reset" class="rk-wr-clear">Clear my answers</button></div></form>')
    parts.append('<div class="rk-wr-result" aria-live="polite" tabindex="-1"></div>')
    parts.append(f'<aside class="rk-wr-always" role="note"><p>{_e(data["messages"]["always"])}</p></aside>')
    parts.append(f'<p class="rk-wr-privacy">{_e(data["messages"]["privacy"])}</p>')
    parts.append('<noscript><p class="rk-wr-noscript">This reflection needs JavaScript to show its feedback. '
                 'Reading the statements on your own is a reflection too; the help box above applies '
                 'whatever your answers.</p></noscript>')
    return "".join(parts)


def widget_data() -> dict:
    """What the script needs: everything in the model's data (words, thresholds, help levels)."""
    return worry_reflection.load()


def worry_reflection_view() -> StaticWidget:
    data = widget_data()
    return StaticWidget("worry-reflection", data=data, fallback_html=form_html(data),
                        label="Fear and worry: a reflection")
