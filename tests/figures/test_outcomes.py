"""The outcome-measures figure draws each measure in its panel, with the meaningful-improvement
line at the first value plus (or, for pain, minus) the MID."""

from widgets.figures.outcomes import example_results, example_view, history_figure


def test_example_history_and_mid_lines():
    fig = history_figure(example_results())
    by_name = {t.name: t for t in fig.data}
    assert list(by_name["AKPS"].y) == [58, 61, 64, 69, 72]
    assert list(by_name["worst pain"].y) == [6, 5, 5, 4, 3]
    assert list(by_name["AKPS: meaningfully better"].y) == [68, 68]  # 58 + 10
    assert list(by_name["worst pain: meaningfully better"].y) == [4, 4]  # 6 - 2
    assert by_name["worst pain"].yaxis == "y2"
    view = example_view()
    assert view.name == "outcome-measures-example" and "not study data" in view.caption
