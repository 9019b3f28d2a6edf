"""Q-angle geometry in the frontal plane (pure numpy, no plotting).

Conventions: points are (x, y) in one frontal plane, x pointing *lateral* (away from the body's
midline, for whichever leg), y pointing up, any consistent unit. The Q-angle is the angle
between the line ASIS → patella centre and the line patella centre → tibial tuberosity:
0° when the three points are collinear, positive when the tuberosity lies lateral to the
extension of the ASIS–patella line (the usual valgus alignment), negative when it lies medial
(varus). Because x is lateral for either leg, a left leg described this way gives the same
angle as the mirror-image right leg; reflecting a leg's x values flips the sign.

The lateral pull of the quadriceps on the patella is F · sin(Q) for a quadriceps force F along
the ASIS–patella line (the patellar tendon pulls along patella → tuberosity).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from widgets.checks import real_number
from widgets.clinical import DATA_DIR, DataFileError, load_yaml

Q_ANGLE_FILE = DATA_DIR / "q_angle.yaml"


def _point(value, name: str) -> np.ndarray:
    try:
        point = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be an (x, y) pair of numbers, got {value!r}") from None
    if point.shape != (2,):
        raise ValueError(f"{name} must be an (x, y) pair of numbers, got shape {point.shape}")
    if not np.all(np.isfinite(point)):
        raise ValueError(f"{name} must be finite numbers, got {value!r}")
    return point


def q_angle_deg(asis, patella, tibial_tuberosity) -> float:
    """Signed Q-angle in degrees from three frontal-plane points (see module docstring)."""
    a, p, t = _point(asis, "asis"), _point(patella, "patella"), _point(tibial_tuberosity, "tibial_tuberosity")
    thigh = p - a  # ASIS → patella
    shin = t - p  # patella → tuberosity
    scale = max(np.linalg.norm(thigh), np.linalg.norm(shin))
    if np.linalg.norm(thigh) <= 1e-9 * max(scale, 1) or np.linalg.norm(shin) <= 1e-9 * max(scale, 1):
        raise ValueError("asis, patella and tibial_tuberosity must be three different points")
    # With x lateral and y up, the ASIS lies above and lateral to the patella, so "thigh" points
    # down and medially; a tuberosity further lateral turns "shin" anticlockwise: cross > 0.
    cross = thigh[0] * shin[1] - thigh[1] * shin[0]
    dot = float(np.dot(thigh, shin))
    return math.degrees(math.atan2(cross, dot))


def lateral_force(quadriceps_force_n, q_deg) -> float:
    """Lateral component of the quadriceps pull on the patella, F · sin(Q), in newtons."""
    force = real_number(quadriceps_force_n, "quadriceps_force_n", 0, allowed="a finite, non-negative force in N")
    q = real_number(q_deg, "q_deg", allowed="an angle between -90° and 90°")
    if abs(q) >= 90:
        raise ValueError(f"q_deg must be an angle between -90° and 90°, got {q_deg!r}")
    return force * math.sin(math.radians(q))


@dataclass(frozen=True)
class Leg:
    """Landmarks of a right leg seen from the front (x lateral from the midline, y up, cm)."""

    asis: tuple[float, float]
    hip: tuple[float, float]
    knee: tuple[float, float]
    patella: tuple[float, float]
    tuberosity: tuple[float, float]
    ankle: tuple[float, float]

    @property
    def q_deg(self) -> float:
        return q_angle_deg(self.asis, self.patella, self.tuberosity)


def _data() -> dict:
    data = load_yaml(Q_ANGLE_FILE)
    try:
        data["leg_geometry_cm"]["femur_length"]
        data["controls"]["pelvis_half_width_cm"]
        data["typical_standing_deg"]["men"]["right"]
    except (KeyError, TypeError) as exc:
        raise DataFileError(f"{Q_ANGLE_FILE}: missing entry {exc}") from None
    return data


DATA = _data()
GEOMETRY = DATA["leg_geometry_cm"]
CONTROLS = {name: tuple(float(v) for v in bounds) for name, bounds in DATA["controls"].items()}
DEFAULTS = {
    "pelvis_half_width_cm": 12.0,
    "femoral_adduction_deg": 0.0,
    "femoral_internal_rotation_deg": 0.0,
    "tibial_internal_rotation_deg": 0.0,
    "tuberosity_lateral_cm": float(GEOMETRY["tuberosity_lateral"]),
}


def _control(name: str, value) -> float:
    low, high = CONTROLS[name]
    return real_number(value, name, low, high)


def leg_landmarks(
    pelvis_half_width_cm=DEFAULTS["pelvis_half_width_cm"],
    femoral_adduction_deg=0.0,
    femoral_internal_rotation_deg=0.0,
    tibial_internal_rotation_deg=0.0,
    tuberosity_lateral_cm=DEFAULTS["tuberosity_lateral_cm"],
) -> Leg:
    """Landmarks of the drawn leg for the visualizer's controls.

    A wider pelvis moves the ASIS (and hip) outward while the knees stay where they are;
    femoral adduction swings the femur about the hip so the knee drops inward; internal
    rotation of the femur swings the patella (in front of the knee) medially; internal
    rotation of the tibia swings the tuberosity (in front of the tibia) medially.
    """
    half_width = _control("pelvis_half_width_cm", pelvis_half_width_cm)
    adduction = math.radians(_control("femoral_adduction_deg", femoral_adduction_deg))
    femur_ir = math.radians(_control("femoral_internal_rotation_deg", femoral_internal_rotation_deg))
    tibia_ir = math.radians(_control("tibial_internal_rotation_deg", tibial_internal_rotation_deg))
    tt_lateral = _control("tuberosity_lateral_cm", tuberosity_lateral_cm)
    g = GEOMETRY
    asis = np.array([half_width, 0.0])
    hip = asis + np.array([-g["hip_centre_medial_to_asis"], -g["hip_centre_below_asis"]])
    # Standing: the femur runs from the hip to a knee at knee_half_distance from the midline.
    standing = math.asin((hip[0] - g["knee_half_distance"]) / g["femur_length"])
    angle = standing + adduction
    knee = hip + g["femur_length"] * np.array([-math.sin(angle), -math.cos(angle)])
    patella = knee + np.array([-g["patella_in_front_of_knee"] * math.sin(femur_ir), 0.0])
    tuberosity = knee + np.array(
        [tt_lateral - g["tuberosity_in_front_of_knee"] * math.sin(tibia_ir), -g["tuberosity_below_knee"]]
    )
    ankle = knee + np.array([0.0, -g["tibia_length"]])
    return Leg(*(tuple(float(v) for v in p) for p in (asis, hip, knee, patella, tuberosity, ankle)))


def typical_ranges() -> dict[str, tuple[float, float]]:
    """Mean ± 1 SD of standing Q-angles (right leg) for men and women, in degrees."""
    typical = DATA["typical_standing_deg"]
    out = {}
    for group in ("men", "women"):
        mean, sd = typical[group]["right"]
        out[group] = (mean - sd, mean + sd)
    return out
