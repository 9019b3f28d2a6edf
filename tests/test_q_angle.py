"""Q-angle geometry against hand-computed triangles, invariances, and clear errors."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from widgets import q_angle


def test_collinear_points_give_zero():
    assert q_angle.q_angle_deg((10, 0), (5, -40), (4.375, -45)) == pytest.approx(0, abs=1e-12)


def test_known_triangles_by_hand():
    # Quadriceps line straight down; tendon line 3 lateral over 4 down: atan(3/4) = 36.87°.
    assert q_angle.q_angle_deg((0, 10), (0, 0), (3, -4)) == pytest.approx(math.degrees(math.atan2(3, 4)))
    # ASIS 6 lateral and 40 above, tuberosity 1 lateral and 7 below the patella:
    # atan(6/40) + atan(1/7) = 8.531° + 8.130°.
    expected = math.degrees(math.atan(6 / 40) + math.atan(1 / 7))
    assert q_angle.q_angle_deg((16, 40), (10, 0), (11, -7)) == pytest.approx(expected)
    # Tuberosity medial of the extended line (varus): the angle is negative.
    assert q_angle.q_angle_deg((0, 10), (0, 0), (-1, -4)) == pytest.approx(-math.degrees(math.atan2(1, 4)))


points = st.tuples(st.floats(-50, 50), st.floats(-50, 50))


@given(points, points, points, st.floats(-100, 100), st.floats(-100, 100), st.floats(0.1, 10))
def test_invariant_under_translation_and_uniform_scaling(a, p, t, dx, dy, scale):
    a, p, t = (np.array(v) for v in (a, p, t))
    assume(np.linalg.norm(p - a) > 1 and np.linalg.norm(t - p) > 1)
    q = q_angle.q_angle_deg(a, p, t)
    assume(abs(q) < 170)  # ±180° (the tendon folding straight back) has no meaningful sign
    shift = np.array([dx, dy])
    assert q_angle.q_angle_deg(a + shift, p + shift, t + shift) == pytest.approx(q, abs=1e-6)
    assert q_angle.q_angle_deg(a * scale, p * scale, t * scale) == pytest.approx(q, abs=1e-6)


def test_left_and_right_legs_mirror():
    right = q_angle.leg_landmarks(13, 5, 10)
    # A left leg in a viewer's frame is the right leg reflected (x → −x) …
    left_viewer = [(-x, y) for x, y in (right.asis, right.patella, right.tuberosity)]
    assert q_angle.q_angle_deg(*left_viewer) == pytest.approx(-right.q_deg)
    # … and the same angle once x is made lateral for that leg again, as the API asks.
    left_lateral = [(-x, y) for x, y in left_viewer]
    assert q_angle.q_angle_deg(*left_lateral) == pytest.approx(right.q_deg)


def test_lateral_force_is_f_sin_q():
    assert q_angle.lateral_force(1000, 30) == pytest.approx(500)
    assert q_angle.lateral_force(2000, 15) == pytest.approx(2000 * math.sin(math.radians(15)))
    assert q_angle.lateral_force(1000, 0) == 0


def test_landmarks_respond_to_controls_in_the_taught_direction():
    base = q_angle.leg_landmarks()
    assert q_angle.leg_landmarks(pelvis_half_width_cm=16).q_deg > base.q_deg  # wider pelvis
    assert q_angle.leg_landmarks(femoral_adduction_deg=10).q_deg > base.q_deg  # knee drops in
    assert q_angle.leg_landmarks(femoral_internal_rotation_deg=15).q_deg > base.q_deg  # thigh turns in
    assert q_angle.leg_landmarks(tibial_internal_rotation_deg=10).q_deg < base.q_deg  # shin turns in
    # Knee drops inward: the knee centre moves medially (smaller x).
    assert q_angle.leg_landmarks(femoral_adduction_deg=10).knee[0] < base.knee[0]


def test_typical_ranges_are_the_cited_means_and_sds():
    ranges = q_angle.typical_ranges()
    assert ranges["men"] == pytest.approx((12.3 - 2.2, 12.3 + 2.2))
    assert ranges["women"] == pytest.approx((22.8 - 4.7, 22.8 + 4.7))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (((0, 0), (0, 0), (1, -1)), "three different points"),
        (((0, 1), (0, 0), (0, 0)), "three different points"),
        (((0, math.nan), (0, 0), (1, -1)), "asis must be finite"),
        (((0, 1, 2), (0, 0), (1, -1)), "asis must be an \\(x, y\\) pair"),
        (((0, 1), "knee", (1, -1)), "patella must be an \\(x, y\\) pair"),
        (((0, 1), (0, 0), None), "tibial_tuberosity must be"),
    ],
)
def test_bad_points_get_a_clear_message(args, message):
    with pytest.raises(ValueError, match=message):
        q_angle.q_angle_deg(*args)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: q_angle.leg_landmarks(pelvis_half_width_cm=30), "pelvis_half_width_cm must be a number from 11 to 17"),
        (lambda: q_angle.leg_landmarks(femoral_adduction_deg=-1), "femoral_adduction_deg"),
        (lambda: q_angle.leg_landmarks(tibial_internal_rotation_deg="x"), "must be a number"),
        (lambda: q_angle.lateral_force(-5, 10), "non-negative"),
        (lambda: q_angle.lateral_force(100, 95), "between -90° and 90°"),
    ],
)
def test_bad_controls_get_a_clear_message(call, message):
    with pytest.raises(ValueError, match=message):
        call()
