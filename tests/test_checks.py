"""One rule for what a number is (widgets/checks.py), used by every public model function:
numpy numbers and arrays are accepted, bool and text are not, and the message names the
argument."""

from __future__ import annotations

import fractions
import math
import subprocess
import sys

import numpy as np
import pytest

from widgets import cadence, q_angle, return_to_run, shoes, training_load
from widgets.checks import items, real_number, whole_number


@pytest.mark.parametrize("value", [3, 3.5, np.int64(3), np.float32(3.5), np.float64(3.5), np.uint8(3),
                                   fractions.Fraction(7, 2)])
def test_any_real_number_type_is_a_number(value):
    assert real_number(value, "x", 0, 10) == float(value)


@pytest.mark.parametrize("value", [True, np.bool_(True), "3", None, math.nan, math.inf, 1e400, [3], np.array(3.0),
                                   complex(3, 0)])
def test_anything_else_is_refused_naming_the_argument(value):
    with pytest.raises(ValueError, match=r"^pain must be a number from 0 to 10, got "):
        real_number(value, "pain", 0, 10)


def test_whole_numbers_and_lists():
    assert whole_number(np.int64(4), "week", 1, 8) == 4 and type(whole_number(np.int64(4), "week", 1, 8)) is int
    for bad in (4.0, True, np.bool_(True), 9, "4"):
        with pytest.raises(ValueError, match="week must be a whole number from 1 to 8"):
            whole_number(bad, "week", 1, 8)
    assert items(np.array([1, 2]), "xs", "a list") == [1, 2] and items((1,), "xs", "a list") == [1]
    for bad in ("12", b"12", {1: 2}, 5, np.array(5)):
        with pytest.raises(ValueError, match="xs must be a list"):
            items(bad, "xs", "a list")


def test_the_public_functions_take_numpy_numbers():
    weeks = np.array([20, 22, 26])
    assert training_load.check_weeks(weeks) == training_load.check_weeks([20, 22, 26])
    assert cadence.target_cadence(np.int64(165), np.int64(5)) == cadence.target_cadence(165, 5)
    assert shoes.shoe_status(np.int64(500)).status == "warn"
    assert return_to_run.decide(np.float32(2.5), False) == return_to_run.decide(2.5, False)
    assert return_to_run.plan_sessions(__import__("datetime").date(2027, 1, 4), np.int64(3))[0].week == 3
    assert q_angle.lateral_force(np.int64(1000), np.float64(30)) == pytest.approx(500)
    assert q_angle.leg_landmarks(np.int64(12)) == q_angle.leg_landmarks(12)


def test_the_models_import_without_icalendar():
    # icalendar is needed only to write a .ics file; blocked here, the models still import.
    code = ("import sys; sys.modules['icalendar'] = None\n"
            "import widgets.shoes, widgets.return_to_run, widgets.programme, widgets.training_load\n"
            "from widgets.calendar_export import all_day_calendar\n"
            "try:\n    all_day_calendar('x', 'p', 'd', [])\nexcept ImportError:\n    print('needs icalendar')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "needs icalendar"
