"""Colours for every figure: the Okabe–Ito palette, distinguishable with colour-blindness
(Okabe & Ito 2008, "Color Universal Design"), and with text contrast of at least 3:1 on white
for the colours used as lines and markers."""

ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
GREY = "#6E6E6E"
BLACK = "#000000"

SEQUENCE = [BLUE, VERMILLION, GREEN, ORANGE, PURPLE, SKY_BLUE, GREY]

FONT = dict(family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", size=14, color="#1f1f1f")


def base_layout(**overrides) -> dict:
    """Layout shared by all course figures: readable on a 390 px phone, no plotly branding."""
    layout = dict(
        font=FONT,
        template="plotly_white",
        margin=dict(l=56, r=16, t=56, b=56),
        colorway=SEQUENCE,
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0),
        hoverlabel=dict(font_size=14),
    )
    layout.update(overrides)
    return layout
