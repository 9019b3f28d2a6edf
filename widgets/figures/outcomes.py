"""Plotly figures for the outcome measures (no model logic here): a history over time, with the
level that would be a meaningful improvement on the first entry drawn as a dashed line."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from widgets import outcomes
from widgets.figures.palette import BLUE, GREEN, VERMILLION, base_layout

COLOURS = {"akps": BLUE, "koos_pf": GREEN, "pain": VERMILLION}
PANELS = {"akps": 1, "koos_pf": 1, "pain": 2}

# A made-up runner for the page's worked example (not data from a study): AKPS and worst pain
# every two weeks over 8 weeks of the programme. AKPS 58 → 72 (+14, at least the MID of 10);
# worst pain 6 → 3 (−3, at least the MID of 2).
EXAMPLE = (
    (0, 58, 6), (14, 61, 5), (28, 64, 5), (42, 69, 4), (56, 72, 3),
)


def example_results() -> list[outcomes.Result]:
    start = dt.date(2027, 1, 4)
    return [outcomes.Result(start + dt.timedelta(days=d), akps=a, pain=p) for d, a, p in EXAMPLE]


def history_figure(results: list[outcomes.Result]) -> go.Figure:
    """Questionnaires (0–100) above, worst pain (0–10) below, against the date."""
    items = outcomes.check_results(results)
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.14,
                        subplot_titles=("Questionnaires (0–100, higher is better)",
                                        "Worst pain (0–10, lower is better)"))
    for key, m in outcomes.measures().items():
        points = [(r.date, r.score(key)) for r in items if r.score(key) is not None]
        if not points:
            continue
        row = PANELS[key]
        fig.add_trace(go.Scatter(x=[d for d, _ in points], y=[v for _, v in points], mode="lines+markers", name=m.short,
                                 line=dict(color=COLOURS[key], width=3), marker=dict(size=9),
                                 hovertemplate=f"{m.short}: %{{y}}<br>%{{x|%d %b %Y}}<extra></extra>"), row=row, col=1)
        first = points[0][1]
        target = first + m.mid if m.better == "higher" else first - m.mid
        if m.low <= target <= m.high:
            fig.add_trace(go.Scatter(x=[points[0][0], items[-1].date], y=[target, target], mode="lines",
                                     name=f"{m.short}: meaningfully better", showlegend=True,
                                     line=dict(color=COLOURS[key], width=1.5, dash="dash"),
                                     hovertemplate=f"Meaningfully better than the first {m.short}: "
                                                   f"{outcomes.number_text(target)}<extra></extra>"),
                          row=row, col=1)
    fig.update_yaxes(range=[0, 100], row=1, col=1, title_text="Score")
    fig.update_yaxes(range=[0, 10], row=2, col=1, title_text="Pain")
    fig.update_xaxes(tickformat="%d %b")
    fig.update_layout(**base_layout(height=520, margin=dict(l=56, r=16, t=96, b=40),
                                    legend=dict(orientation="h", yanchor="bottom", y=1.08, xanchor="left", x=0)))
    return fig


def example_view():
    """The worked example as shown on the site and in JupyterLab."""
    from widgets.display import SiteFigure

    results = example_results()
    p = outcomes.progress(results)
    return SiteFigure(
        history_figure(results),
        name="outcome-measures-example",
        alt=(
            "Two line charts over 8 weeks for an example runner. Top: the Anterior Knee Pain Scale rises "
            "from 58 to 72, crossing the dashed line at 68 that marks a meaningful improvement on the "
            "first entry. Bottom: worst pain falls from 6 to 3, below the dashed line at 4."
        ),
        caption=f"An example runner, not study data. {p.message}",
    )
