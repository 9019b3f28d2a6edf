"""Checking the arguments of the public model functions: one rule for what counts as a number.

Every public function that takes a number or a list of numbers checks it here, so that all of
them accept the same things and refuse the same things with a ``ValueError`` naming the
argument:

- a number is any real number type: ``int``, ``float``, ``fractions.Fraction``, numpy scalars
  (``numpy.int64``, ``numpy.float32``, …); never ``bool`` (``True`` is an answer, not a
  distance) and never text ("3" from a form is converted by the caller, on purpose);
- a list of numbers is any iterable of such numbers (a list, a tuple, a numpy array), never a
  string, bytes or a dict.

Pure: no numpy import (numpy's scalar types register with :mod:`numbers`).
"""

from __future__ import annotations

import math
import numbers


def short_repr(value: object) -> str:
    """A short repr for error messages (junk input can be a huge string or list)."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _is_bool(value: object) -> bool:
    # numpy.bool_ is not a bool subclass, and is not registered as a number either; checked by
    # name so that this module does not import numpy.
    return isinstance(value, bool) or type(value).__name__ in ("bool_", "bool")


def range_text(low: float | None, high: float | None, unit: str = "") -> str:
    """"a number from 100 to 250 steps per minute", "a number of 0 km or more"."""
    space = " " if unit and unit[0].isalnum() else ""
    if low is not None and high is not None:
        return f"a number from {low:g} to {high:g}{space}{unit}"
    if low is not None:
        return f"a number of {low:g}{space}{unit} or more"
    return "a number"


def real_number(value: object, name: str, low: float | None = None, high: float | None = None,
                unit: str = "", *, allowed: str | None = None) -> float:
    """``value`` as a float if it is a real, finite number in [low, high]; otherwise a
    ValueError "{name} must be {allowed}, got {value}" (``allowed`` defaults to the range in
    words, with ``unit``)."""
    allowed = allowed or range_text(low, high, unit)
    if _is_bool(value) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be {allowed}, got {short_repr(value)}")
    try:
        number = float(value)
    except (OverflowError, ValueError, TypeError):
        raise ValueError(f"{name} must be {allowed}, got {short_repr(value)}") from None
    if not math.isfinite(number) or (low is not None and number < low) or (high is not None and number > high):
        raise ValueError(f"{name} must be {allowed}, got {short_repr(value)}")
    return number


def whole_number(value: object, name: str, low: int, high: int, *, allowed: str | None = None) -> int:
    """``value`` as an int if it is a whole number type (int, numpy.int64, …) in [low, high]."""
    allowed = allowed or f"a whole number from {low} to {high}"
    if _is_bool(value) or not isinstance(value, numbers.Integral) or not low <= value <= high:
        raise ValueError(f"{name} must be {allowed}, got {short_repr(value)}")
    return int(value)


def items(values: object, name: str, allowed: str) -> list:
    """The items of a list-like argument (list, tuple, numpy array, any iterable but text, bytes
    or a dict); ValueError "{name} must be {allowed}, got …" otherwise."""
    if isinstance(values, (str, bytes, dict)) or not hasattr(values, "__iter__"):
        raise ValueError(f"{name} must be {allowed}, got {short_repr(values)}")
    try:
        return list(values)
    except TypeError:  # e.g. a 0-d numpy array: it has __iter__ but cannot be iterated
        raise ValueError(f"{name} must be {allowed}, got {short_repr(values)}") from None
