"""Plotly figures for the return-to-running protocol (no model logic here)."""

from __future__ import annotations

import plotly.graph_objects as go

from widgets.figures.palette import BLUE, GREY, ORANGE, base_layout
from widgets.return_to_run import PROTOCOL, Stage


def protocol_figure(stages: tuple[Stage, ...] = PROTOCOL) -> go.Figure:
    """Running and walking minutes per session for each week, with a week slider that
    highlights one week and spells out its session."""
    weeks = [f"Week {s.week}" for s in stages]
    run = [s.total_run_min for s in stages]
    walk = [s.walk_min * s.reps for s in stages]
    first = steps_colours(stages, 0)
    fig = go.Figure(
        [
            go.Bar(name="Running (min)", x=weeks, y=run, marker_color=first[0],
                   hovertemplate="%{x}: %{y} min running<extra></extra>"),
            go.Bar(name="Walking (min)", x=weeks, y=walk, marker_color=first[1],
                   hovertemplate="%{x}: %{y} min walking<extra></extra>"),
        ]
    )
    steps = []
    for i, s in enumerate(stages):
        steps.append(
            dict(
                label=str(s.week),
                method="update",
                args=[
                    {"marker.color": steps_colours(stages, i)},
                    {"title.text": f"Week {s.week}: {s.describe()}"},
                ],
            )
        )
    fig.update_layout(
        **base_layout(
            barmode="stack",
            title=dict(text=f"Week 1: {stages[0].describe()}", font=dict(size=15)),
            yaxis=dict(title="Minutes per session", rangemode="tozero"),
            xaxis=dict(title=None),
            sliders=[dict(active=0, currentvalue=dict(prefix="Week "), pad=dict(t=40), steps=steps)],
            margin=dict(l=56, r=16, t=80, b=40),
            height=460,
        )
    )
    return fig


def steps_colours(stages: tuple[Stage, ...], selected: int) -> list[list[str]]:
    """Bar colours [running, walking] with the selected week in colour, the rest muted."""
    run = [BLUE if j == selected else GREY for j in range(len(stages))]
    walk = [ORANGE if j == selected else "#c8c8c8" for j in range(len(stages))]
    return [run, walk]


def protocol_view():
    """The protocol figure as shown on the site and in JupyterLab."""
    from widgets.display import SiteFigure

    return SiteFigure(
        protocol_figure(),
        name="return-to-run-protocol",
        alt=(
            "Stacked bar chart of the 8-week return-to-running protocol: running minutes per "
            "session rise from 10 in week 1 to 25–30 in week 8, while walking minutes fall "
            "from 20 to none from week 6, when running becomes continuous."
        ),
        caption=(
            "Move the week slider to see each stage. Running time per session rises week by "
            "week while walk breaks disappear; you only move on when a stage felt fine."
        ),
    )
