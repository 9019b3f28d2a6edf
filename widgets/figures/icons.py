"""Small line icons (inline SVG) that go with each urgency level, so an outcome's urgency is
shown by a drawing and words, not by colour alone. Drawn by hand on a 24 × 24 grid; decorative
(``aria-hidden``), since the level's title beside it says the same in words."""

from __future__ import annotations

_PATHS = {
    # A telephone handset: call the emergency number.
    "phone": "M6.6 3.5 9 3l1.8 4.3-2 1.6a11 11 0 0 0 6.3 6.3l1.6-2L21 15l-.5 2.4A2.5 2.5 0 0 1 18 "
             "19.5 15.5 15.5 0 0 1 4.5 6a2.5 2.5 0 0 1 2.1-2.5Z",
    # A clock: today.
    "clock": "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18Zm0 4v5l3.5 2",
    # A calendar page: this week.
    "calendar": "M4 6h16v14H4Zm0 5h16M8 3v5m8-5v5",
    # A clipboard with a tick: review the plan.
    "clipboard": "M8 4h8v3H8Zm-2 1H5v16h14V5h-1M9 14l2 2 4-4",
    # A note: something to act on yourself.
    "note": "M5 4h14v16H5Zm3 5h8m-8 4h8m-8 4h5",
}


def icon_svg(name: str, size: int = 28) -> str:
    """The icon ``name`` as inline SVG, stroked in the text colour (so it follows dark mode)."""
    if name not in _PATHS:
        raise ValueError(f"icon must be one of {', '.join(_PATHS)}, got {name!r}")
    return (f'<svg class="rk-icon rk-icon-{name}" width="{size}" height="{size}" viewBox="0 0 24 24" '
            'fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" '
            f'stroke-linejoin="round" aria-hidden="true" focusable="false"><path d="{_PATHS[name]}"/></svg>')


def level_icons() -> dict[str, str]:
    """Every icon by name (for a page script that draws outcomes)."""
    return {name: icon_svg(name) for name in _PATHS}
