"""The page's cadence script (assets/rk/cadence.js) under Node gives the same targets and words
as widgets.cadence: on every input the form allows, and on generated ones."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.static.node import call_script
from widgets import cadence
from widgets.static.cadence import cadence_view

WIDGET = cadence_view()
SPM_LOW, SPM_HIGH = WIDGET.data["spm_range"]


def js(calls):
    return call_script("cadence", WIDGET, calls)


def compare(inputs):
    calls = []
    for spm, pct in inputs:
        calls += [("rkCadence.target", [spm, pct]), ("rkCadence.targetText", [spm, pct, WIDGET.data])]
    answers = js(calls)
    for i, (spm, pct) in enumerate(inputs):
        assert answers[2 * i] == {"ok": cadence.target_cadence(spm, pct)}, (spm, pct)
        assert answers[2 * i + 1] == {"ok": cadence.target_text(spm, pct)}, (spm, pct)


def test_every_input_the_form_allows():
    # Whole steps per minute in the form's range, and the article's two increases: 302 inputs.
    inputs = [(spm, pct) for spm in range(SPM_LOW, SPM_HIGH + 1) for pct in WIDGET.data["article_pct"]]
    assert len(inputs) == 302
    compare(inputs)
    # 165 + 5% is 173.25: the site said 173.3 and JupyterLab 173.2; halves go up in both.
    assert cadence.target_cadence(165, 5) == 173.3


@settings(max_examples=5, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.integers(SPM_LOW, SPM_HIGH), st.floats(SPM_LOW, SPM_HIGH)),
                          st.one_of(st.integers(*cadence.INCREASE_RANGE), st.floats(*cadence.INCREASE_RANGE))),
                min_size=20, max_size=60))
def test_generated_inputs(inputs):
    compare(inputs)
