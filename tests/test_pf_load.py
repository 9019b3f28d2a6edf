"""The patellofemoral load model against hand-computed values and its published inputs."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets import pf_load

# Hand-computed from the equations in widgets/pf_load.py (see data/pf_load.yaml):
#   k(30) = (0.462 + 0.0441 - 0.03456) / (1 - 0.486 + 0.1395 - 0.018846) = 0.47154 / 0.634654
#   k(60) = (0.462 + 0.0882 - 0.13824) / (1 - 0.972 + 0.558 - 0.150768) = 0.41196 / 0.435232
K_BY_HAND = {0: 0.462, 30: 0.47154 / 0.634654, 60: 0.41196 / 0.435232}
#   L(θ) mm = 46 + 0.28θ - 0.013θ² + 8e-5θ³
LEVER_MM_BY_HAND = {0: 46.0, 30: 46 + 8.4 - 11.7 + 2.16, 60: 46 + 16.8 - 46.8 + 17.28, 90: 46 + 25.2 - 105.3 + 58.32}
#   A(θ) = mean(men, women unloaded) × 1.24 (Besier et al. 2005), linear between 0/30/60°
AREA_BY_HAND = {
    0: 210 * 1.24,
    30: (414 + 269) / 2 * 1.24,
    60: (520 + 396) / 2 * 1.24,
    45: ((414 + 269) / 2 + (520 + 396) / 2) / 2 * 1.24,
}


@pytest.mark.parametrize("angle", sorted(K_BY_HAND))
def test_k_ratio_by_hand(angle):
    assert pf_load.k_ratio(angle) == pytest.approx(K_BY_HAND[angle], rel=1e-9)


@pytest.mark.parametrize("angle", sorted(LEVER_MM_BY_HAND))
def test_lever_arm_by_hand(angle):
    assert pf_load.lever_arm_m(angle) * 1000 == pytest.approx(LEVER_MM_BY_HAND[angle], rel=1e-9)


@pytest.mark.parametrize("angle", sorted(AREA_BY_HAND))
def test_contact_area_by_hand(angle):
    assert pf_load.contact_area_mm2(angle) == pytest.approx(AREA_BY_HAND[angle], rel=1e-9)


def test_walking_force_by_hand():
    # Level walking from the adult reference curves (Bovi et al. 2011): 70 kg × 0.42 N·m/kg =
    # 29.4 N·m at 19°: k = (0.462 + 0.02793 − 0.0138624) / (1 − 0.3078 + 0.055955 − 0.0047876),
    # L = 46 + 5.32 − 4.693 + 0.54872 mm.
    k = 0.4760676 / 0.7433674
    force = k * 29.4 / (47.17572 / 1000)
    load = pf_load.peak_load("walking", 70)
    assert load.force_n == pytest.approx(force, rel=1e-6)
    assert load.force_bw == pytest.approx(force / (70 * 9.81), rel=1e-6)
    assert load.stress_mpa == pytest.approx(force / np.interp(19, [0, 30], [260.4, 423.46]), rel=1e-6)
    assert round(load.force_bw, 2) == 0.58
    # Representative: inside the pooled healthy spread of Hart et al. 2022 (0.9 ± 0.4 × BW).
    assert 0.5 <= load.force_bw <= 1.3


def test_kuster_level_walking_by_hand_and_the_downhill_ratio_within_one_study():
    # 70 kg × 1.2 N·m/kg = 84 N·m at 20°: k = 0.47604 / 0.732416, L = 47.04 mm.
    k = 0.47604 / 0.732416
    force = k * 84 / 0.04704
    kuster = pf_load.kuster_level_walking(70)
    assert kuster.force_n == pytest.approx(force, rel=1e-9)
    assert round(kuster.force_bw, 2) == 1.69
    # Steep downhill walking over level walking, both from Kuster et al. 1993 (not mixed with the
    # reference curves' walking): the article's "doubles or triples" holds for steep descents.
    down = pf_load.peak_load("downhill_walking", 70)
    assert pf_load.downhill_walking_ratio() == pytest.approx(down.force_bw / kuster.force_bw)
    assert 2 <= pf_load.downhill_walking_ratio() <= 3.5


# Open-chain knee extension, by hand for a 70 kg, 1.75 m reader with 5 kg at the ankle:
#   shin-and-foot 0.061 × 70 = 4.27 kg, ℓ = 0.246 × 1.75 = 0.4305 m, r = 0.606 ℓ = 0.260883 m
#   M(0°) = 9.81 × (4.27 × 0.260883 + 5 × 0.4305) = 9.81 × 3.2664704 = 32.04407 N·m
KNEE_EXTENSION_M0_BY_HAND = 9.81 * (4.27 * 0.606 * 0.4305 + 5 * 0.4305)


def test_knee_extension_moment_by_hand():
    assert pf_load.knee_extension_moment_nm(0, 70, 1.75, 5) == pytest.approx(KNEE_EXTENSION_M0_BY_HAND, rel=1e-9)
    assert abs(KNEE_EXTENSION_M0_BY_HAND - 32.044) < 1e-3
    # cos θ: half at 60°, nothing with the shin hanging straight down.
    assert pf_load.knee_extension_moment_nm(60, 70, 1.75, 5) == pytest.approx(KNEE_EXTENSION_M0_BY_HAND / 2)
    assert pf_load.knee_extension_moment_nm(90, 70, 1.75, 5) == pytest.approx(0, abs=1e-9)


def test_knee_extension_force_by_hand_at_30_degrees():
    moment = KNEE_EXTENSION_M0_BY_HAND * math.cos(math.radians(30))
    force = K_BY_HAND[30] * moment / (LEVER_MM_BY_HAND[30] / 1000)
    load = pf_load.knee_extension_load(30, 70, 1.75, 5)
    assert load.force_n == pytest.approx(force, rel=1e-9)
    assert load.stress_mpa == pytest.approx(force / AREA_BY_HAND[30], rel=1e-9)


@pytest.mark.parametrize("ankle_load_kg", [0, 2.5, 5, 10])
def test_knee_extension_stress_is_highest_near_straight_as_published(ankle_load_kg):
    # Steinkamp et al. 1993 (leg extension) and Powers et al. 2014 (knee extension): PF stress
    # greatest at 0° and falling with knee bend — the reverse of the closed-chain activities,
    # whose moment (and stress) grows with knee bend.
    stress = [pf_load.knee_extension_load(a, 70, 1.75, ankle_load_kg).stress_mpa for a in (0, 15, 30, 45, 60)]
    assert all(a > b for a, b in itertools.pairwise(stress)), stress
    closed = [pf_load.peak_load(n).stress_mpa for n in ("walking", "stair_ascent")]
    assert closed[0] < closed[1]  # walking (19°) < stairs (55°): more bend, more stress with the foot down


def test_knee_extension_rejects_bad_input():
    for kwargs, message in (
        ({"height_m": 3}, "height_m must be from 1 to 2.3 m"),
        ({"ankle_load_kg": -1}, "ankle_load_kg must be from 0 to 20 kg"),
        ({"body_mass_kg": "70"}, "body_mass_kg must be a number"),
    ):
        with pytest.raises(ValueError, match=message):
            pf_load.knee_extension_load(30, **kwargs)
    with pytest.raises(ValueError, match="knee_flexion_deg must be from 0 to 90"):
        pf_load.knee_extension_moment_nm(95)


def test_k_stays_a_force_ratio_over_the_whole_range():
    # Other printed versions of k (Nunes et al. 2018, Table 2) fall with knee bend or pass 10 by
    # 60°; the course's version must stay a ratio that rises with knee bend.
    k = pf_load.k_ratio(np.arange(0, 91))
    assert np.all(k > 0.45) and np.all(k < 1.0)
    # Rises with knee bend to a plateau near 1 (van Eijden's measured ratio levels off past ~75°).
    assert np.all(np.diff(k[:76]) > 0) and k[90] > 0.97


def test_public_activities_and_inputs_come_from_the_data_file():
    for name in ("walking", "stair_ascent", "stair_descent", "sit_to_stand", "running", "downhill_running"):
        assert name in pf_load.ACTIVITIES
    running = pf_load.ACTIVITIES["running"]
    assert (running.knee_flexion_deg, running.extensor_moment_nm_per_kg) == (46.3, 2.5)  # Heiderscheit 2011 Table 3
    walking = pf_load.ACTIVITIES["walking"]  # Bovi et al. 2011, adult 'Natural' speed mean curve
    assert (walking.knee_flexion_deg, walking.extensor_moment_nm_per_kg) == (19, 0.42)
    assert walking.source == "bovi2011reference"
    for act in pf_load.ACTIVITIES.values():
        assert act.checked in {"abstract", "table", "derived"}, f"{act.name}: inputs must be checked against the source"
    # Stairs: angle and moment read together off Bovi et al. 2011's adult mean curves (55.3°,
    # 1.156 N·m/kg going up; 57.0°, 1.165 N·m/kg going down), no longer assumed.
    for name, angle, moment in (("stair_ascent", 55, 1.16), ("stair_descent", 57, 1.17)):
        act = pf_load.ACTIVITIES[name]
        assert (act.knee_flexion_deg, act.extensor_moment_nm_per_kg) == (angle, moment)
        assert (act.source, act.checked, act.angle_checked) == ("bovi2011reference", "derived", "derived")
    # No activity's angle is an assumption any more.
    assert not [a.name for a in pf_load.ACTIVITIES.values() if a.angle_checked == "assumed"]


def test_coefficients_are_the_printed_fits_of_nunes_2018():
    # Nunes et al. 2018, Table 2, formula 1: k = (−3.84E−05x² + 1.47E−03x + 0.462) /
    # (−6.98E−07x³ + 1.55E−04x² − 0.0162x + 1); Table 1: Leff = 8.0E−05x³ − 0.013x² + 0.28x + 0.046,
    # whose constant is in metres and whose other terms are in mm (0.046 m = 46 mm).
    assert pf_load.k_ratio(45) == pytest.approx(
        (-3.84e-05 * 45**2 + 1.47e-03 * 45 + 0.462) / (-6.98e-07 * 45**3 + 1.55e-04 * 45**2 - 0.0162 * 45 + 1)
    )
    theta = np.arange(0, 91)
    # The same table's all-metre version (8×10⁻⁸x³ − 1.29×10⁻⁵x² + 2.8×10⁻⁴x + 0.0462) is the same
    # curve within about 1 mm over the whole range (46.2 vs 46.0 mm at 0°, 0.0129 vs 0.013 for θ²):
    # the course's mm reading is the consistent one.
    metres = 8e-8 * theta**3 - 1.29e-5 * theta**2 + 2.8e-4 * theta + 0.0462
    # Largest gap at 90°: 24.22 mm (course) vs 46.2 + 25.2 − 104.49 + 58.32 = 25.23 mm.
    assert np.max(np.abs(pf_load.lever_arm_m(theta) - metres)) == pytest.approx(0.00101, abs=1e-5)


def test_results_against_the_articles_ranges_are_what_the_page_says():
    # Stairs land inside the article's 3–4× BW; running below 7–12×; walking close to 0.5×.
    assert 3 <= pf_load.peak_load("stair_ascent").force_bw <= 4
    assert 3 <= pf_load.peak_load("stair_descent").force_bw <= 4
    assert pf_load.peak_load("running").force_bw < 7
    assert 0.5 < pf_load.peak_load("walking").force_bw < 0.7


def test_sit_to_stand_by_hand_at_88_degrees():
    # Turcot 2012 healthy controls: 0.72 N·m/kg; knee angle 88° read off Roebroeck 1994's mean
    # curves as digitised by a third party (the peak where the thigh is about horizontal).
    act = pf_load.ACTIVITIES["sit_to_stand"]
    assert (act.knee_flexion_deg, act.extensor_moment_nm_per_kg) == (88, 0.72)
    assert act.angle_checked == "digitised" and act.angle_source == "roebroeck1994sts"
    # θ = 88: θ² = 7744, θ³ = 681472
    # k(88) = (0.462 + 0.12936 − 0.2973696) / (1 − 1.4256 + 1.20032 − 0.475667456) = 0.2939904 / 0.299052544
    # L(88) = 46 + 24.64 − 100.672 + 54.51776 = 24.48576 mm
    k88, lever88 = 0.2939904 / 0.299052544, 0.02448576
    load = pf_load.peak_load("sit_to_stand", 70)
    assert load.force_n == pytest.approx(k88 * 0.72 * 70 / lever88, rel=1e-6)  # ≈ 2023 N
    assert load.force_bw == pytest.approx(2023.5 / (70 * 9.81), rel=1e-3)  # ≈ 2.95 × BW
    # No contact area was measured beyond 60°, so no stress rather than an extrapolation.
    assert load.stress_mpa is None and load.contact_area_mm2 is None
    # A small moment at a deep bend loads the joint like stairs at a larger moment.
    assert load.force_bw == pytest.approx(pf_load.peak_load("stair_ascent").force_bw, abs=0.15)
    with pytest.raises(ValueError, match="running only"):
        pf_load.peak_load("sit_to_stand", cadence_change_pct=5)


def test_cadence_uses_heiderscheit_table_and_lowers_load():
    assert pf_load.cadence_inputs(10) == (42.8, 2.2)
    assert pf_load.cadence_inputs(-5) == (48.0, 2.7)
    assert pf_load.cadence_inputs(2.5) == pytest.approx(((46.3 + 44.1) / 2, (2.5 + 2.4) / 2))
    five, ten = pf_load.cadence_effect(5), pf_load.cadence_effect(10)
    assert ten["per_step_pct"] < five["per_step_pct"] < 0
    # Per km: more steps, each lighter. (1 + c) × force ratio − 1, by hand for +10%:
    base, quick = pf_load.peak_load("running"), pf_load.peak_load("running", cadence_change_pct=10)
    assert ten["per_km_pct"] == pytest.approx((1.10 * quick.force_n / base.force_n - 1) * 100)
    assert ten["per_step_pct"] < ten["per_km_pct"] < 0


def test_load_per_km_counts_one_knees_steps():
    # 10 km/h and 165 spm: 165 / (10000/60) × 1000 / 2 = 495 contacts of one foot per km.
    assert pf_load.steps_per_km_one_knee(10, 165) == pytest.approx(495)
    run = pf_load.peak_load("running", 70, speed_kmh=10, preferred_cadence_spm=165)
    assert run.load_per_km_bw == pytest.approx(run.force_bw * 495)
    assert pf_load.peak_load("walking").load_per_km_bw is None


def test_stress_is_not_extrapolated_past_measured_contact_area():
    load = pf_load.load_at(75, 1.0)
    assert load.stress_mpa is None and load.contact_area_mm2 is None and load.force_n > 0
    theta, _, stress = pf_load.force_curve(1.0)
    assert theta[0] == 0 and theta[-1] == 90
    assert np.all(np.isnan(stress[theta > 60])) and not np.any(np.isnan(stress[theta <= 60]))


@given(st.floats(0, 90), st.floats(0.1, 4.9), st.floats(20, 250))
def test_force_scales_linearly_with_mass_and_rises_with_moment(angle, moment, mass):
    one = pf_load.load_at(angle, moment, mass)
    assert pf_load.load_at(angle, moment, min(mass * 2, 250)).force_n == pytest.approx(
        one.force_n * min(mass * 2, 250) / mass
    )
    assert pf_load.load_at(angle, min(moment * 1.1, 5), mass).force_n > one.force_n
    assert one.force_bw == pytest.approx(pf_load.load_at(angle, moment, 70).force_bw)  # BW does not depend on mass


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: pf_load.peak_load("cycling"), "activity must be one of"),
        (lambda: pf_load.peak_load("running", 0), "body_mass_kg must be from 20 to 250 kg"),
        (lambda: pf_load.peak_load("running", math.nan), "body_mass_kg"),
        (lambda: pf_load.peak_load("running", "70"), "body_mass_kg must be a number"),
        (lambda: pf_load.peak_load("running", 70, 15), "cadence_change_pct must be from -10 to 10"),
        (lambda: pf_load.peak_load("walking", 70, 5), "applies to running only"),
        (lambda: pf_load.load_at(120, 1.0), "knee_flexion_deg must be from 0 to 90"),
        (lambda: pf_load.load_at(30, -1), "extensor_moment_nm_per_kg"),
        (lambda: pf_load.k_ratio(95), "knee flexion must be from 0° to 90°"),
        (lambda: pf_load.contact_area_mm2(70), "knee flexion must be from 0° to 60° for contact area"),
    ],
)
def test_bad_input_gets_a_clear_message(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_generated_text_tables_match_the_model():
    table = pf_load.inputs_table_markdown()
    assert f"{pf_load.peak_load('running').force_bw:.1f}× BW" in table
    assert "{cite:t}`heiderscheit2011steprate`" in table
    checks = pf_load.model_check_markdown()
    assert "| 30° | 0.743 | 44.9 mm | 423 mm² |" in checks
    assert f"{pf_load.cadence_effect(10)['per_step_pct']:+.1f}%" in pf_load.cadence_markdown()


def test_model_values_stand_beside_the_pooled_measurements():
    """The meta-analysis' pooled peak forces (Hart et al. 2022 abstract) are printed exactly, beside
    the model's value for the same activity."""
    table = pf_load.pooled_markdown()
    for activity, healthy, pain in [("walking", "0.9 ± 0.4", "0.8 ± 0.2"), ("stair_ascent", "3.2 ± 0.7", "2.5 ± 0.5"),
                                    ("stair_descent", "2.8 ± 0.5", "2.6 ± 0.5"), ("running", "5.2 ± 1.2", "4.1 ± 0.9")]:
        row = next(line for line in table.splitlines() if line.startswith(f"| {pf_load.ACTIVITIES[activity].label} |"))
        assert f"| {pf_load.peak_load(activity).force_bw:.1f}× BW | {healthy}× BW | {pain}× BW |" in row
    assert "{cite:t}`hart2022force`" in table
