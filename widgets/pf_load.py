"""Patellofemoral (PF) joint load: the standard sagittal-plane model of the running literature.

Pure model (numpy only, no plotting). For a knee flexion angle θ (degrees) and an internal knee
extensor moment M (N·m):

* quadriceps force          F_q = M / L(θ)            L: effective quadriceps lever arm (m)
* PF joint reaction force   F_pf = k(θ) · F_q         k: PF force / quadriceps force ratio
* PF joint stress           σ = F_pf / A(θ)           A: PF contact area (mm², so σ in MPa)

k(θ) and L(θ) are the curve fits to van Eijden et al. (1986) that the running literature uses,
checked against their reprint in the systematic review of Nunes et al. (2018, Tables 1 and 2);
A(θ) is Besier et al. (2005)'s MRI-measured weight-bearing contact area. Activity inputs (knee
flexion at the peak extensor moment, and that moment per kg) are published values. All numbers
live in ``data/pf_load.yaml`` with their source and how the course checked them.

Body weight (BW) uses g = 9.81 m/s². "Load per km" is the sum of the per-step peak PF forces on
one knee over one kilometre (BW·steps), the cumulative measure of Willson et al. (2014).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import numpy as np

from widgets.clinical import DATA_DIR, DataFileError, load_yaml

PF_LOAD_FILE = DATA_DIR / "pf_load.yaml"
GRAVITY = 9.81  # m/s²
MASS_RANGE_KG = (20.0, 250.0)
MOMENT_RANGE_NM_PER_KG = (0.0, 5.0)  # beyond any published peak in walking, stairs or running
RUNNING_ACTIVITIES = ("running", "downhill_running")


@dataclass(frozen=True)
class Activity:
    name: str
    label: str
    short_label: str
    knee_flexion_deg: float
    extensor_moment_nm_per_kg: float
    source: str
    checked: str
    where: str
    angle_checked: str
    angle_note: str | None
    angle_source: str | None  # a reference for the angle when it is not from `source`

    @property
    def angle_basis(self) -> str:
        """How the knee angle was found, in a reader's words (figures say it beside the peak)."""
        return _ANGLE_BASIS[self.angle_checked]


_ANGLE_BASIS = {
    "abstract": "measured angle",
    "table": "measured angle",
    "derived": "angle from published curves",
    "digitised": "angle from published curves",
    "assumed": "assumed angle",
}


@dataclass(frozen=True)
class PeakLoad:
    """The model's output for one activity or one (angle, moment) pair."""

    activity: str | None
    body_mass_kg: float
    knee_flexion_deg: float
    extensor_moment_nm: float
    cadence_change_pct: float
    k_ratio: float
    lever_arm_m: float
    quadriceps_force_n: float
    force_n: float
    force_bw: float
    contact_area_mm2: float | None  # None above the measured contact-area range
    stress_mpa: float | None
    load_per_km_bw: float | None  # running only: Σ per-step peak force on one knee over 1 km


def _positive_number(value, name: str, low: float, high: float, unit: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.floating, np.integer)):
        raise ValueError(f"{name} must be a number from {low:g} to {high:g} {unit}, got {value!r}")
    value = float(value)
    if not math.isfinite(value) or not low <= value <= high:
        raise ValueError(f"{name} must be from {low:g} to {high:g} {unit}, got {value!r}")
    return value


@cache
def _data() -> dict:
    data = load_yaml(PF_LOAD_FILE)
    try:
        model = data["model"]
        for key in ("k_ratio", "lever_arm_mm", "contact_area", "force_angle_range_deg", "stress_angle_range_deg"):
            model[key]
        data["activities"]["running"]
        data["cadence"]["change_pct"]
    except (KeyError, TypeError) as exc:
        raise DataFileError(f"{PF_LOAD_FILE}: missing section {exc}") from None
    return data


def _model() -> dict:
    return _data()["model"]


def force_angle_range() -> tuple[float, float]:
    low, high = _model()["force_angle_range_deg"]
    return float(low), float(high)


def stress_angle_range() -> tuple[float, float]:
    low, high = _model()["stress_angle_range_deg"]
    return float(low), float(high)


def _angles(knee_flexion_deg, low: float, high: float, what: str) -> np.ndarray:
    theta = np.asarray(knee_flexion_deg, dtype=float)
    if not np.all(np.isfinite(theta)) or np.any(theta < low) or np.any(theta > high):
        raise ValueError(
            f"knee flexion must be from {low:g}° to {high:g}° for {what} (the range of the published fits), "
            f"got {knee_flexion_deg!r}"
        )
    return theta


def k_ratio(knee_flexion_deg):
    """PF joint reaction force / quadriceps force, k(θ), dimensionless, θ in degrees.

    Curve fit to van Eijden et al. (1986), as printed in Nunes et al. (2018), Table 2, formula 1.
    """
    theta = _angles(knee_flexion_deg, *force_angle_range(), "k(θ)")
    a0, a1, a2 = _model()["k_ratio"]["numerator"]
    b0, b1, b2, b3 = _model()["k_ratio"]["denominator"]
    return (a0 + a1 * theta + a2 * theta**2) / (b0 + b1 * theta + b2 * theta**2 + b3 * theta**3)


def lever_arm_m(knee_flexion_deg):
    """Effective quadriceps lever arm L(θ) in metres, θ in degrees.

    Curve fit to van Eijden et al. (1986) in mm, as printed in Nunes et al. (2018), Table 1; / 1000.
    """
    theta = _angles(knee_flexion_deg, *force_angle_range(), "the lever arm")
    c0, c1, c2, c3 = _model()["lever_arm_mm"]["coefficients"]
    return (c0 + c1 * theta + c2 * theta**2 + c3 * theta**3) / 1000.0


def contact_area_mm2(knee_flexion_deg):
    """Weight-bearing PF contact area in mm² (Besier et al. 2005), linear between 0°, 30°, 60°."""
    theta = _angles(knee_flexion_deg, *stress_angle_range(), "contact area")
    area = _model()["contact_area"]
    mean_unloaded = (np.asarray(area["men_unloaded_mm2"], float) + np.asarray(area["women_unloaded_mm2"], float)) / 2
    loaded = mean_unloaded * (1 + float(area["weight_bearing_increase"]))
    return np.interp(theta, np.asarray(area["angles_deg"], float), loaded)


def pf_force_n(knee_flexion_deg, extensor_moment_nm):
    """PF joint reaction force in newtons: k(θ) · M / L(θ)."""
    moment = np.asarray(extensor_moment_nm, dtype=float)
    return k_ratio(knee_flexion_deg) * moment / lever_arm_m(knee_flexion_deg)


def _activities() -> dict[str, Activity]:
    rows = {}
    for name, row in _data()["activities"].items():
        try:
            rows[name] = Activity(
                name=name,
                label=str(row["label"]),
                short_label=str(row.get("short_label", row["label"])),
                knee_flexion_deg=float(row["knee_flexion_deg"]),
                extensor_moment_nm_per_kg=float(row["extensor_moment_nm_per_kg"]),
                source=str(row["source"]),
                checked=str(row["checked"]),
                where=str(row["where"]),
                angle_checked=str(row.get("angle_checked", row["checked"])),
                angle_note=row.get("angle_note"),
                angle_source=row.get("angle_source"),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise DataFileError(
                f"{PF_LOAD_FILE}: activity {name!r} needs label, angle, moment, source ({exc})"
            ) from None
    return rows


ACTIVITIES: dict[str, Activity] = _activities()


def cadence_inputs(cadence_change_pct) -> tuple[float, float]:
    """Running knee flexion (°) and extensor moment (N·m/kg) at a step-rate change (%).

    Linear interpolation of Heiderscheit et al. (2011) Table 3 between −10% and +10%.
    """
    table = _data()["cadence"]
    pct = np.asarray(table["change_pct"], float)
    change = _positive_number(cadence_change_pct, "cadence_change_pct", pct[0], pct[-1], "% (the measured range)")
    angle = float(np.interp(change, pct, np.asarray(table["knee_flexion_deg"], float)))
    moment = float(np.interp(change, pct, np.asarray(table["extensor_moment_nm_per_kg"], float)))
    return angle, moment


def steps_per_km_one_knee(speed_kmh, cadence_spm) -> float:
    """Foot contacts of one leg in 1 km: half of all steps (steps per minute / metres per minute)."""
    speed = _positive_number(speed_kmh, "speed_kmh", 3, 30, "km/h")
    cadence = _positive_number(cadence_spm, "cadence_spm", 100, 250, "steps per minute")
    return cadence / (speed * 1000 / 60) * 1000 / 2


def load_at(knee_flexion_deg, extensor_moment_nm_per_kg, body_mass_kg=70) -> PeakLoad:
    """The model at one knee angle (°) and extensor moment (N·m/kg) for a body mass (kg)."""
    mass = _positive_number(body_mass_kg, "body_mass_kg", *MASS_RANGE_KG, "kg")
    moment_per_kg = _positive_number(
        extensor_moment_nm_per_kg, "extensor_moment_nm_per_kg", *MOMENT_RANGE_NM_PER_KG, "N·m/kg"
    )
    low, high = force_angle_range()
    angle = _positive_number(knee_flexion_deg, "knee_flexion_deg", low, high, "° (the range of the published fits)")
    return _evaluate(None, mass, angle, moment_per_kg, 0.0, None)


def _evaluate(activity, mass, angle, moment_per_kg, cadence_change, per_km_steps) -> PeakLoad:
    moment = moment_per_kg * mass
    k = float(k_ratio(angle))
    lever = float(lever_arm_m(angle))
    quad = moment / lever
    force = k * quad
    in_area_range = stress_angle_range()[0] <= angle <= stress_angle_range()[1]
    area = float(contact_area_mm2(angle)) if in_area_range else None
    return PeakLoad(
        activity=activity,
        body_mass_kg=mass,
        knee_flexion_deg=angle,
        extensor_moment_nm=moment,
        cadence_change_pct=cadence_change,
        k_ratio=k,
        lever_arm_m=lever,
        quadriceps_force_n=quad,
        force_n=force,
        force_bw=force / (mass * GRAVITY),
        contact_area_mm2=area,
        stress_mpa=force / area if area else None,
        load_per_km_bw=force / (mass * GRAVITY) * per_km_steps if per_km_steps else None,
    )


def peak_load(activity, body_mass_kg=70, cadence_change_pct=0, speed_kmh=None, preferred_cadence_spm=None) -> PeakLoad:
    """Peak PF joint load for a named activity (see ``ACTIVITIES``).

    ``cadence_change_pct`` (−10 to +10) applies to running activities only: the knee angle and
    moment come from Heiderscheit et al. (2011) at that step rate. For running, ``load_per_km_bw``
    uses the example runner's speed and preferred cadence from the data file unless given.
    """
    if not isinstance(activity, str) or activity not in ACTIVITIES:
        raise ValueError(f"activity must be one of {', '.join(sorted(ACTIVITIES))}; got {activity!r}")
    mass = _positive_number(body_mass_kg, "body_mass_kg", *MASS_RANGE_KG, "kg")
    row = ACTIVITIES[activity]
    change = _positive_number(cadence_change_pct, "cadence_change_pct", -10, 10, "% (the measured range)")
    if activity not in RUNNING_ACTIVITIES:
        if change != 0:
            raise ValueError(
                f"cadence_change_pct applies to running only ({', '.join(RUNNING_ACTIVITIES)}), not {activity!r}"
            )
        return _evaluate(activity, mass, row.knee_flexion_deg, row.extensor_moment_nm_per_kg, 0.0, None)
    angle, moment = cadence_inputs(change)
    # Downhill running at 4° has the level-running inputs (Telhan et al. 2010); the cadence
    # table scales both the same way.
    angle += row.knee_flexion_deg - ACTIVITIES["running"].knee_flexion_deg
    moment += row.extensor_moment_nm_per_kg - ACTIVITIES["running"].extensor_moment_nm_per_kg
    example = _data()["cadence"]
    speed = example["example_speed_kmh"] if speed_kmh is None else speed_kmh
    preferred = example["example_preferred_spm"] if preferred_cadence_spm is None else preferred_cadence_spm
    steps = steps_per_km_one_knee(
        speed, _positive_number(preferred, "preferred_cadence_spm", 100, 250, "steps per minute") * (1 + change / 100)
    )
    return _evaluate(activity, mass, angle, moment, change, steps)


def cadence_effect(change_pct, body_mass_kg=70) -> dict[str, float]:
    """Percent change of peak PF force per step and of load per km for a step-rate change."""
    base = peak_load("running", body_mass_kg)
    new = peak_load("running", body_mass_kg, change_pct)
    return {
        "per_step_pct": (new.force_n / base.force_n - 1) * 100,
        "per_km_pct": (new.load_per_km_bw / base.load_per_km_bw - 1) * 100,
    }


def kuster_level_walking(body_mass_kg=70) -> PeakLoad:
    """Level walking with Kuster et al. (1993)'s inputs: the baseline their downhill walking was
    measured against (the course's walking activity uses reference curves instead)."""
    kuster = _data()["comparisons"]["walking_kuster"]
    return load_at(kuster["knee_flexion_deg"], kuster["extensor_moment_nm_per_kg"], body_mass_kg)


def downhill_walking_ratio() -> float:
    """Steep (19%) downhill walking ÷ level walking, both from the same study (Kuster et al. 1993):
    comparing with another study's level walking would mix two groups of people."""
    return peak_load("downhill_walking").force_bw / kuster_level_walking().force_bw


def force_curve(extensor_moment_nm_per_kg, body_mass_kg=70, step_deg=1.0):
    """Force (BW) and stress (MPa, NaN beyond the contact-area range) over 0–90° for one moment."""
    mass = _positive_number(body_mass_kg, "body_mass_kg", *MASS_RANGE_KG, "kg")
    moment = (
        _positive_number(extensor_moment_nm_per_kg, "extensor_moment_nm_per_kg", *MOMENT_RANGE_NM_PER_KG, "N·m/kg")
        * mass
    )
    low, high = force_angle_range()
    theta = np.arange(low, high + step_deg / 2, step_deg)
    force = pf_force_n(theta, moment)
    s_low, s_high = stress_angle_range()
    stress = np.full_like(theta, np.nan)
    inside = (theta >= s_low) & (theta <= s_high)
    stress[inside] = force[inside] / contact_area_mm2(theta[inside])
    return theta, force / (mass * GRAVITY), stress


HEIGHT_RANGE_M = (1.0, 2.3)
ANKLE_LOAD_RANGE_KG = (0.0, 20.0)  # ankle weights and knee-extension machines used in rehabilitation


def _knee_extension() -> dict:
    try:
        return _data()["knee_extension"]
    except KeyError:
        raise DataFileError(f"{PF_LOAD_FILE}: missing section 'knee_extension'") from None


def knee_extension_moment_nm(knee_flexion_deg, body_mass_kg=70, height_m=1.75, ankle_load_kg=0.0) -> float:
    """Internal knee extensor moment (N·m) of a slow, seated, open-chain knee extension.

    M(θ) = g · cos θ · (m_leg · r_com + m_load · ℓ), θ = knee flexion (0° = straight, shin
    horizontal), m_leg = 0.061 × body mass, r_com = 0.606 ℓ, ℓ = 0.246 × height (shin and foot
    segment of Winter 2009, Table 4.1 and Fig. 4.1, from Dempster's data). Static: the slow lift
    of a strengthening exercise, no acceleration term.
    """
    low, high = force_angle_range()
    angle = _positive_number(knee_flexion_deg, "knee_flexion_deg", low, high, "° (the range of the published fits)")
    mass = _positive_number(body_mass_kg, "body_mass_kg", *MASS_RANGE_KG, "kg")
    height = _positive_number(height_m, "height_m", *HEIGHT_RANGE_M, "m")
    load = _positive_number(ankle_load_kg, "ankle_load_kg", *ANKLE_LOAD_RANGE_KG, "kg")
    segment = _knee_extension()["segment"]
    length = float(segment["length_fraction_of_height"]) * height
    leg_mass = float(segment["mass_fraction"]) * mass
    r_com = float(segment["com_fraction_from_knee"]) * length
    return GRAVITY * math.cos(math.radians(angle)) * (leg_mass * r_com + load * length)


def knee_extension_load(knee_flexion_deg, body_mass_kg=70, height_m=1.75, ankle_load_kg=0.0) -> PeakLoad:
    """The PF model for an open-chain knee extension held at one knee angle (see
    ``knee_extension_moment_nm``): force, and stress where contact area was measured (≤ 60°)."""
    moment = knee_extension_moment_nm(knee_flexion_deg, body_mass_kg, height_m, ankle_load_kg)
    mass = float(body_mass_kg)
    return _evaluate(None, mass, float(knee_flexion_deg), moment / mass, 0.0, None)


# ---- Text for the book page (through the {generated} directive), so no number is typed twice.

_CHECKED_WORDS = {
    "abstract": "read in the paper's abstract",
    "table": "read in a published table",
    "derived": "read off the mean curves in the paper's supplementary data",
    "digitised": "read off the paper's mean curves as digitised by a third party",
    "secondary": "taken from a reprint, not checked against the original paper",
    "assumed": "assumed by the course (not reported)",
}


def inputs_table_markdown() -> str:
    """The activities' inputs and the model's results, with sources."""
    lines = [
        "| Activity | Knee bend at peak | Extensor moment | Model: peak force | Stress | Source (how checked) |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, act in ACTIVITIES.items():
        load = peak_load(name)
        stress = f"{load.stress_mpa:.1f} MPa" if load.stress_mpa is not None else "—"
        angle_note = ""  # said only where the angle's source or check differs from the moment's
        if act.angle_source or act.angle_checked != act.checked:
            angle_from = f" from {{cite:t}}`{act.angle_source}`," if act.angle_source else ""
            angle_note = f"; angle{angle_from} {_CHECKED_WORDS[act.angle_checked]}"
        lines.append(
            f"| {act.label} | {act.knee_flexion_deg:g}° | {act.extensor_moment_nm_per_kg:g} N·m/kg | "
            f"{load.force_bw:.1f}× BW ({load.force_n:,.0f} N at 70 kg) | {stress} | "
            f"{{cite:t}}`{act.source}` ({_CHECKED_WORDS[act.checked]}{angle_note}) |"
        )
    return "\n".join(lines)


def pooled_markdown() -> str:
    """Each activity's model value beside the pooled measured peak force of a meta-analysis, for
    healthy people and people with patellofemoral pain (mean ± SD, in body weights), so a reader
    sees where one study's inputs sit in the spread of published values."""
    pooled = _data()["pooled_measured"]
    lines = [
        "| Activity | Model, with this page's inputs | Measured, healthy people | Measured, with runner's knee |",
        "|---|---:|---:|---:|",
    ]
    for name, measured in pooled["activities"].items():
        (h_mean, h_sd), (p_mean, p_sd) = measured["healthy"], measured["pain"]
        lines.append(f"| {ACTIVITIES[name].label} | {peak_load(name).force_bw:.1f}× BW | "
                     f"{h_mean:g} ± {h_sd:g}× BW | {p_mean:g} ± {p_sd:g}× BW |")
    lines += ["", f"Measured values: pooled means (± standard deviation) of the studies in the systematic review "
                  f"and meta-analysis of {{cite:t}}`{pooled['source']}` ({_CHECKED_WORDS[pooled['checked']]})."]
    return "\n".join(lines)


def model_check_markdown() -> str:
    """Hand-checkable values of k(θ), L(θ) and A(θ) at 0°, 30° and 60°."""
    angles = [0, 30, 60]
    k = k_ratio(angles)
    lever = lever_arm_m(angles) * 1000
    area = contact_area_mm2(angles)
    lines = ["| Knee bend | k(θ) | Lever arm L(θ) | Contact area A(θ) |", "|---:|---:|---:|---:|"]
    for i, a in enumerate(angles):
        lines.append(f"| {a}° | {k[i]:.3f} | {lever[i]:.1f} mm | {area[i]:.0f} mm² |")
    return "\n".join(lines)


def cadence_markdown() -> str:
    """The model's per-step and per-km changes at +5% and +10% step rate, beside published ones."""
    comparisons = _data()["comparisons"]
    five, ten = cadence_effect(5), cadence_effect(10)
    lenhart = comparisons["step_rate_plus10_force_change_pct"]
    willson = comparisons["short_step_stress_per_mile_pct"]
    return (
        f"| Step rate | Peak force per step | Load per km |\n|---|---:|---:|\n"
        f"| +5% | {five['per_step_pct']:+.1f}% | {five['per_km_pct']:+.1f}% |\n"
        f"| +10% | {ten['per_step_pct']:+.1f}% | {ten['per_km_pct']:+.1f}% |\n\n"
        f"For comparison, a full musculoskeletal simulation found {lenhart['value']:g}% peak force at +10% step rate "
        f"{{cite:p}}`{lenhart['source']}`, and shortening steps by about 10% changed stress per mile by "
        f"{willson['value']:g}% {{cite:p}}`{willson['source']}`."
    )


def evidence_markdown() -> str:
    """Where the model with published inputs lands against the article's figures."""
    comparisons = _data()["comparisons"]
    walk, stairs_up, stairs_down = peak_load("walking"), peak_load("stair_ascent"), peak_load("stair_descent")
    up, down = ACTIVITIES["stair_ascent"], ACTIVITIES["stair_descent"]
    kuster = comparisons["walking_kuster"]
    kuster_walk = kuster_level_walking()
    walk_act = ACTIVITIES["walking"]
    sit, sit_act = peak_load("sit_to_stand"), ACTIVITIES["sit_to_stand"]
    run, downhill_run, downhill_walk = (
        peak_load("running"),
        peak_load("downhill_running"),
        peak_load("downhill_walking"),
    )
    return (
        f"- **Walking**: with the adult reference curves of {{cite:t}}`{walk_act.source}` "
        f"({walk_act.extensor_moment_nm_per_kg:g} N·m/kg with the knee bent {walk_act.knee_flexion_deg:g}°) "
        f"the model gives {walk.force_bw:.1f}× body weight, close to the article's {{clin}}`joint_force.walking` "
        f"and inside the spread of measured values below. Published walking moments differ a lot between "
        f"studies: with the walking inputs of {{cite:t}}`{kuster['source']}` "
        f"({kuster['extensor_moment_nm_per_kg']:g} N·m/kg at {kuster['knee_flexion_deg']:g}°) the model gives "
        f"{kuster_walk.force_bw:.1f}×, and their own model gave 14–18 N per kg of body mass "
        f"(about 1.4–1.8× body weight).\n"
        f"- **Stairs**: {stairs_up.force_bw:.1f}× up and {stairs_down.force_bw:.1f}× down, inside the article's "
        f"{{clin}}`joint_force.stairs`. Knee angle and moment are read together off the mean curves of "
        f"{_data()['activities']['stair_ascent']['cohort']} in {{cite:t}}`{up.source}`: "
        f"{up.extensor_moment_nm_per_kg:g} N·m/kg at {up.knee_flexion_deg:g}° going up, "
        f"{down.extensor_moment_nm_per_kg:g} N·m/kg at {down.knee_flexion_deg:g}° going down. Other studies report "
        f"a moment of {comparisons['stair_ascent_moment']['value']:g} N·m/kg going up "
        f"{{cite:p}}`{comparisons['stair_ascent_moment']['source']}` and "
        f"{comparisons['stair_descent_moment']['value']:g} N·m/kg going down "
        f"{{cite:p}}`{comparisons['stair_descent_moment']['source']}`.\n"
        f"- **Running**: {run.force_bw:.1f}× body weight, below the article's {{clin}}`joint_force.running`. "
        f"Another study using the same kind of model reports {comparisons['running_bw']['value']:g}× "
        f"{{cite:p}}`{comparisons['running_bw']['source']}`. The course found no published inputs that reach the "
        f"article's range with this model, and says so rather than tuning the coefficients.\n"
        f"- **Downhill**: the article says downhill running {{clinnum}}`joint_force.downhill_multiplier` the load. "
        f"On a gentle 4° slope, measured knee moments hardly changed {{cite:p}}`telhan2010slope`, so the model gives "
        f"the same {downhill_run.force_bw:.1f}× as on the flat. On a steep (19%) slope, walking downhill raised the "
        f"moment and knee bend enough for the model to give {downhill_walking_ratio():.1f}× "
        f"the level-walking force measured in the same people "
        f"({downhill_walk.force_bw:.1f}× vs {kuster_walk.force_bw:.1f}× body weight) — "
        f"the article's 'doubles or triples' "
        f"fits steep descents better than gentle ones.\n"
        f"- **Deep knee bends**: standing up from a chair gives {sit.force_bw:.1f}× body weight with the knee "
        f"bent about {sit.knee_flexion_deg:g}° (read off the mean curves of {{cite:t}}`{sit_act.angle_source}`, "
        f"where the thigh is about horizontal, as {{cite:t}}`yoshioka2014seat` found) — a modest muscle moment "
        f"({sit_act.extensor_moment_nm_per_kg:g} N·m/kg, "
        f"measured in healthy older adults {{cite:p}}`{sit_act.source}`) but a short lever arm and a high k(θ). "
        f"A full musculoskeletal model of lowering into and rising from a deep squat found "
        f"{comparisons['squat_bw']['value']:g}× body weight {{cite:p}}`{comparisons['squat_bw']['source']}`. "
        f"The course found no published squat moment and angle pair to put into this model, so squats are "
        f"compared, not modelled. Contact area was measured only up to 60°, so the tool gives no stress at "
        f"{sit.knee_flexion_deg:g}°.\n"
    )


def knee_extension_markdown() -> str:
    """Open-chain knee extension (foot free) against the closed-chain activities: where in the
    range the kneecap joint is loaded most, for the example reader of the data file."""
    ext = _knee_extension()
    example = ext["example"]
    mass, height, weight = example["body_mass_kg"], example["height_m"], example["ankle_load_kg"]
    lines = ["| Knee bend | Kneecap-joint force | Stress |", "|---:|---:|---:|"]
    for angle in example["angles_deg"]:
        load = knee_extension_load(angle, mass, height, weight)
        stress = f"{load.stress_mpa:.1f} MPa" if load.stress_mpa is not None else "—"
        lines.append(f"| {angle:g}° | {load.force_bw:.2f}× BW | {stress} |")
    s_high = stress_angle_range()[1]
    straight, bent = knee_extension_load(0, mass, height, weight), knee_extension_load(s_high, mass, height, weight)
    sources = ext["published_pattern"]["sources"]
    return "\n".join(lines) + (
        f"\n\nExample: {weight:g} kg at the ankle, for a reader of {mass:g} kg and {height:g} m (an assumption; the "
        f"shin-and-foot's mass and length are the textbook proportions of {{cite:t}}`{ext['segment']['source']}`). "
        f"Stress is given up to {s_high:g}°, as far as contact area was measured. It is "
        f"{straight.stress_mpa:.1f} MPa with the knee straight and {bent.stress_mpa:.1f} MPa at {s_high:g}° — "
        f"highest near straight, the opposite of the activities above, where the foot is on the ground and the "
        f"load grows with knee bend. A lighter or heavier weight changes the numbers, not the pattern. Studies that "
        f"measured both kinds of exercise found the same pattern {{cite:p}}`{sources[0]},{sources[1]}`."
    )


def loads_summary_markdown() -> str:
    """The anatomy page's summary: pooled measured peak force per activity (mean ± SD, healthy
    people) beside the course's model and the source article's figure, so the page leads with the
    evidence and no number is typed on it."""
    pooled = _data()["pooled_measured"]
    article = {"walking": "joint_force.walking", "stair_ascent": "joint_force.stairs",
               "running": "joint_force.running"}
    lines = ["| Activity | Measured, pooled across studies | The course's model | The source article says |",
             "|---|---:|---:|---:|"]
    for name, measured in pooled["activities"].items():
        mean, sd = measured["healthy"]
        said = f"{{clin}}`{article[name]}`" if name in article else "—"
        lines.append(f"| {ACTIVITIES[name].label} | {mean:g} ± {sd:g} × body weight | "
                     f"{peak_load(name).force_bw:.1f} × | {said} |")
    lines += ["", f"Measured: pooled means (± standard deviation) in healthy people from the systematic review "
                  f"and meta-analysis of {{cite:t}}`{pooled['source']}`; model: the {{doc}}`joint-load` page's "
                  f"published inputs."]
    return "\n".join(lines)
