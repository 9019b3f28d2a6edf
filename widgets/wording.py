"""Numbers as the course writes them, the same in Python and in the page scripts (assets/rk/).

The site's scripts fill the message templates of the models with numbers; so that a runner
reads the same advice on the site and in JupyterLab, both round and write numbers with the same
operations on the same IEEE doubles:

- :func:`round_half_up`: ``Math.floor(x * 10 ** d + 0.5) / 10 ** d`` in JavaScript (Python's
  ``round()`` rounds the binary value half to even, ``Math.round`` halves up: 12.5 became "12"
  in one and "13" in the other);
- :func:`number_text`: what JavaScript's ``String(x)`` writes ("45", "22.02", "173.3").
"""

from __future__ import annotations

import math


def round_half_up(value: float, decimals: int) -> float:
    """``value`` to ``decimals`` places, halves up, as ``Math.floor(v * 10**d + 0.5) / 10**d``."""
    scale = 10**decimals
    return math.floor(value * scale + 0.5) / scale


def number_text(value: float) -> str:
    """A number as JavaScript's ``String()`` writes it: no ".0" on whole numbers.

    For the course's numbers (rounded distances, percentages and step rates, far from 1e-4
    and 1e16 where repr() and String() choose exponents differently) both write the shortest
    digits that read back as the same double.
    """
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text
