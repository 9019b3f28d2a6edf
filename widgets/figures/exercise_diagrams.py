"""Exercise diagrams drawn by code: a stick figure in the start and the end position of each
exercise, as a small inline SVG with a <title> and <desc> for screen readers.

The poses are joint angles in ``data/exercise_poses.yaml``; where the article gives a position
(exercises.yaml ``position``) the pose refers to it rather than retyping it. The figure is a
small 3-D skeleton (pelvis, trunk, head, arms, two legs of adult proportions in cm) posed by
those angles, placed lying or standing, and projected for a side or front view. Used by the
programme builder's page and its printable sheet only.

Not plotly (unlike the other modules here): the diagrams are tiny, static, must print crisply
and work without JavaScript, so they are plain SVG.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from functools import cache

from widgets import rehab
from widgets.clinical import DataFileError, load_yaml
from widgets.figures.palette import BLUE, GREY, VERMILLION
from widgets.programme import POSES_FILE

# Segment lengths of an adult of about 1.75 m, in cm (illustrative proportions).
TRUNK, NECK, HEAD_R = 52.0, 7.0, 11.0
THIGH, SHANK, FOOT = 43.0, 43.0, 20.0
ARM, PELVIS_W, SHOULDER_W = 58.0, 18.0, 34.0

ORIENTATIONS = ("standing", "step", "lying_on_back", "lying_on_side")
VIEWS = ("side", "front")
ANCHORS = ("shoulder", "pelvis", "other_hip", "working_ankle")
ANGLES = ("trunk", "pelvis", "hip", "knee", "abd", "open", "other_hip", "other_knee", "other_abd", "arm", "other_arm")
DEFAULT_ARM = {"standing": 0.0, "step": 0.0, "lying_on_back": 0.0, "lying_on_side": 0.0}

INK = "#2b2b2b"  # trunk, head, arms
OTHER = "#7a7a7a"  # the other leg: 4.3:1 on white
PROP = GREY

Vec = tuple[float, float, float]


# --- small vector helpers ------------------------------------------------------------------------


def _add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def _sub(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def _mul(a: Vec, k: float) -> Vec:
    return (a[0] * k, a[1] * k, a[2] * k)


def _dot(a: Vec, b: Vec) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def _cross(a: Vec, b: Vec) -> Vec:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def _unit(a: Vec) -> Vec:
    n = math.sqrt(_dot(a, a))
    return _mul(a, 1 / n)


def _rotate(v: Vec, axis: Vec, degrees: float) -> Vec:
    """Rodrigues: ``v`` turned by ``degrees`` about the unit ``axis`` (right-hand rule)."""
    t = math.radians(degrees)
    k = _unit(axis)
    return _add(_add(_mul(v, math.cos(t)), _mul(_cross(k, v), math.sin(t))), _mul(k, _dot(k, v) * (1 - math.cos(t))))


# --- the data --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pose:
    angles: dict[str, float]


@dataclass(frozen=True)
class ExercisePoses:
    id: str
    name: str
    orientation: str
    view: str
    tilt: float
    anchor: str
    step_cm: float | None
    towel: bool
    band_anchor_cm: tuple[float, float] | None
    start: Pose
    end: Pose
    start_text: str
    end_text: str


def _raw_positions() -> dict[str, dict]:
    rows = load_yaml(rehab.EXERCISES_FILE)["exercises"]
    return {row["id"]: row.get("position") or {} for row in rows}


def _resolve(value: object, positions: dict, where: str) -> float:
    """A number, or the name of an exercises.yaml position ("hip_flexion", "lift.high")."""
    if isinstance(value, bool):
        raise DataFileError(f"{where}: expected a number or a position name, got {value!r}")
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        name, _, end = value.partition(".")
        spec = positions.get(name)
        if isinstance(spec, dict):
            if end in ("low", "high") and isinstance(spec.get("range"), list):
                return float(spec["range"][0 if end == "low" else 1])
            if not end and isinstance(spec.get("value"), (int, float)):
                return float(spec["value"])
        raise DataFileError(f"{where}: {value!r} is not a position of this exercise in exercises.yaml "
                            f"(known: {', '.join(sorted(positions)) or 'none'}; ranges need .low or .high)")
    raise DataFileError(f"{where}: expected a number or a position name, got {value!r}")


def _pose(raw: object, positions: dict, where: str) -> Pose:
    if not isinstance(raw, dict):
        raise DataFileError(f"{where}: expected a mapping of angles")
    unknown = sorted(set(raw) - set(ANGLES))
    if unknown:
        raise DataFileError(f"{where}: unknown angle(s) {', '.join(unknown)}; allowed: {', '.join(ANGLES)}")
    return Pose({name: _resolve(raw[name], positions, f"{where}.{name}") for name in raw})


@cache
def load_poses(path=POSES_FILE) -> dict[str, ExercisePoses]:
    data = load_yaml(path)
    rows = data.get("exercises") if isinstance(data, dict) else None
    if not isinstance(rows, dict):
        raise DataFileError(f"{path}: expected a mapping of exercise ids under 'exercises'")
    all_positions = _raw_positions()
    poses = {}
    for exercise in rehab.EXERCISES:
        positions = all_positions.get(exercise.id, {})
        row = rows.get(exercise.id)
        where = f"{path}: {exercise.id}"
        if not isinstance(row, dict):
            raise DataFileError(f"{where}: missing (every exercise of exercises.yaml needs a pose)")
        orientation = row.get("orientation")
        if orientation not in ORIENTATIONS:
            raise DataFileError(f"{where}: orientation must be one of {', '.join(ORIENTATIONS)}, got {orientation!r}")
        view = "front" if orientation == "lying_on_side" else row.get("view", "side")
        if view not in VIEWS:
            raise DataFileError(f"{where}: view must be one of {', '.join(VIEWS)}, got {view!r}")
        anchor = row.get("anchor")
        if anchor not in ANCHORS:
            raise DataFileError(f"{where}: anchor must be one of {', '.join(ANCHORS)}, got {anchor!r}")
        props = row.get("props") or {}
        step = props.get("step_cm")
        if (step is None) == (orientation == "step"):
            raise DataFileError(f"{where}: props.step_cm is needed exactly when the orientation is 'step'")
        band = props.get("band_anchor_cm")
        texts = {key: row.get(key) for key in ("start_text", "end_text")}
        for key, text in texts.items():
            if not isinstance(text, str) or not text.strip():
                raise DataFileError(f"{where}: '{key}' must describe the position in words")
        poses[exercise.id] = ExercisePoses(
            id=exercise.id, name=exercise.name, orientation=orientation, view=view,
            tilt=_resolve(row.get("tilt", 0), positions, f"{where}.tilt"), anchor=anchor,
            step_cm=None if step is None else _resolve(step, positions, f"{where}.props.step_cm"),
            towel=bool(props.get("towel", False)),
            band_anchor_cm=None if band is None else (
                _resolve(band[0], positions, f"{where}.band"), _resolve(band[1], positions, f"{where}.band")),
            start=_pose(row.get("start"), positions, f"{where}.start"),
            end=_pose(row.get("end"), positions, f"{where}.end"),
            start_text=texts["start_text"].strip(), end_text=texts["end_text"].strip(),
        )
    return poses


# --- posing the skeleton -----------------------------------------------------------------------------


def _body_to_world(orientation: str, view: str) -> tuple[Vec, Vec, Vec, int]:
    """World directions (x right, y up, z towards the viewer) of the body's front, left and up,
    and the side (+1 left, -1 right) of the working leg: the near leg, or the top one."""
    if orientation == "lying_on_side":  # on the right side, head to the left, facing the viewer
        return (0, 0, 1), (0, 1, 0), (-1, 0, 0), 1
    if orientation == "lying_on_back":  # head to the left
        return (0, 1, 0), (0, 0, -1), (-1, 0, 0), -1
    if view == "front":  # facing the viewer: the left side is on the right of the page
        return (0, 0, 1), (1, 0, 0), (0, 1, 0), -1
    return (1, 0, 0), (0, 0, -1), (0, 1, 0), -1  # side view, facing right


def _leg(hip: Vec, front: Vec, left: Vec, up: Vec, side: int, flex: float, knee: float, abd: float,
         open_: float) -> dict[str, Vec]:
    """Knee, ankle and toe of a leg from its hip joint."""
    lateral = _mul(left, side)
    thigh = _mul(up, -1.0)
    thigh = _rotate(thigh, front, side * abd)  # sideways, away from the midline
    axis = _rotate(left, front, side * abd)  # the knee's hinge turns with the thigh
    thigh = _rotate(thigh, axis, -flex)  # forwards
    shank = _rotate(thigh, axis, knee)  # the knee bends backwards
    foot = _rotate(shank, axis, -90)  # ankle at right angles: toes forwards
    knee_p = _add(hip, _mul(thigh, THIGH))
    ankle = _add(knee_p, _mul(shank, SHANK))
    if open_:
        # Clamshell: the knee turns outwards about the hip-ankle line; the foot stays put.
        line = _unit(_sub(ankle, hip))
        direction = 1 if _dot(_cross(line, _sub(knee_p, hip)), lateral) > 0 else -1
        knee_p = _add(hip, _rotate(_sub(knee_p, hip), line, direction * open_))
        foot = _rotate(foot, line, direction * open_)
    return {"knee": knee_p, "ankle": ankle, "toe": _add(ankle, _mul(foot, FOOT))}


def skeleton(poses: ExercisePoses, which: str) -> dict[str, Vec]:
    """World positions (cm) of the joints in the ``which`` ("start" or "end") position, before
    the figure is placed on the floor."""
    a = {name: 0.0 for name in ANGLES} | {"arm": DEFAULT_ARM[poses.orientation]}
    a |= getattr(poses, which).angles
    if "other_arm" not in getattr(poses, which).angles:
        a["other_arm"] = a["arm"]
    front, left, up, side = _body_to_world(poses.orientation, poses.view)
    # The whole body tips about its left-right axis (trunk); positive turns "up" towards "front".
    front_t, up_t = _rotate(front, left, a["trunk"]), _rotate(up, left, a["trunk"])
    hip_line = _rotate(_mul(left, side), front_t, -side * a["pelvis"])  # towards the working hip
    pelvis: Vec = (0.0, 0.0, 0.0)
    neck = _mul(up_t, TRUNK)
    points = {
        "pelvis": pelvis,
        "working_hip": _mul(hip_line, PELVIS_W / 2),
        "other_hip": _mul(hip_line, -PELVIS_W / 2),
        "shoulder": neck,
        "head": _add(neck, _mul(up_t, NECK + HEAD_R)),
    }
    for prefix, leg_side, keys in (("working", side, ("hip", "knee", "abd", "open")),
                                   ("other", -side, ("other_hip", "other_knee", "other_abd", None))):
        leg = _leg(points[f"{prefix}_hip"], front_t, left, up_t, leg_side, a[keys[0]], a[keys[1]], a[keys[2]],
                   a[keys[3]] if keys[3] else 0.0)
        points |= {f"{prefix}_{k}": v for k, v in leg.items()}
    for name, arm_side, flex in (("working", side, a["arm"]), ("other", -side, a["other_arm"])):
        shoulder = _add(neck, _mul(left, arm_side * SHOULDER_W / 2))
        arm = _rotate(_mul(up_t, -1.0), left, -flex)
        arm = _rotate(arm, front_t, arm_side * 8.0)  # hangs a little away from the body
        points[f"{name}_shoulder"] = shoulder
        points[f"{name}_hand"] = _add(shoulder, _mul(arm, ARM))
    return points


def _shift(points: dict[str, Vec], by: Vec) -> dict[str, Vec]:
    return {k: _add(v, by) for k, v in points.items()}


def placed(poses: ExercisePoses) -> tuple[dict[str, Vec], dict[str, Vec]]:
    """Start and end skeletons on the floor (y = 0): the start's lowest point (lying) or the
    working foot (on a step, at the step's height) rests on its surface, and the anchor joint
    stays at the same place in the end position."""
    start, end = skeleton(poses, "start"), skeleton(poses, "end")
    if poses.orientation == "step":
        foot = start["working_ankle"]
        start = _shift(start, (-foot[0], poses.step_cm - foot[1], -foot[2]))
    else:
        joints = [v for k, v in start.items() if k != "head" and not k.endswith("hand")]
        if poses.orientation == "standing":
            joints = [start["working_ankle"], start["other_ankle"]]
        low = min(v[1] for v in joints)
        anchor = start[poses.anchor]
        start = _shift(start, (-anchor[0], -low, -anchor[2]))
    end = _shift(end, _sub(start[poses.anchor], end[poses.anchor]))
    for pose in (start, end):
        if poses.orientation.startswith("lying"):  # the head rests on the floor
            head = pose["head"]
            pose["head"] = (head[0], max(head[1], HEAD_R), head[2])
        for prefix in ("working", "other"):  # a foot on a surface stands flat, toes forwards
            ankle = pose[f"{prefix}_ankle"]
            if poses.orientation in ("standing", "step") and _on_surface(poses, ankle):
                forward = _body_to_world(poses.orientation, poses.view)[0]
                pose[f"{prefix}_toe"] = _add(ankle, _mul(forward, FOOT))
    return start, end


def _on_surface(poses: ExercisePoses, point: Vec, tolerance: float = 2.5) -> bool:
    heights = [0.0] + ([poses.step_cm] if poses.step_cm else [])
    return any(abs(point[1] - h) <= tolerance for h in heights)


# --- drawing -------------------------------------------------------------------------------------------


def _project(p: Vec, tilt: float) -> tuple[float, float]:
    """Orthographic view, looking down by ``tilt`` degrees: page x right, page y down."""
    t = math.radians(tilt)
    return p[0], -(p[1] * math.cos(t) - p[2] * math.sin(t))


def _line(a, b, cls: str, colour: str, width: float, dash: str = "") -> str:
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<line class="{cls}" x1="{a[0]:.1f}" y1="{a[1]:.1f}" x2="{b[0]:.1f}" y2="{b[1]:.1f}" '
            f'stroke="{colour}" stroke-width="{width:g}" stroke-linecap="round"{dash_attr}/>')


def _polyline(points, cls: str, colour: str, width: float) -> str:
    coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    return (f'<polyline class="{cls}" points="{coords}" fill="none" stroke="{colour}" stroke-width="{width:g}" '
            'stroke-linecap="round" stroke-linejoin="round"/>')


def _figure(poses: ExercisePoses, pose: dict[str, Vec], floor_span: tuple[float, float]) -> tuple[list[str], list]:
    """SVG elements of one position, and the page points it covers (for the view box)."""
    p = {k: _project(v, poses.tilt) for k, v in pose.items()}
    elements: list[str] = []
    covered = list(p.values())
    # Props first: floor, step, towel, band.
    floor_y = _project((0, 0, 0), poses.tilt)[1]
    if poses.tilt:  # seen from above, the floor is a plane: draw its edge below the body
        floor_y = max(y for _, y in covered) + 4
    elements.append(_line((floor_span[0], floor_y), (floor_span[1], floor_y), "rk-pose-prop", PROP, 2))
    covered += [(floor_span[0], floor_y), (floor_span[1], floor_y)]
    if poses.step_cm:
        top = _project((0, poses.step_cm, 0), poses.tilt)[1]
        x0 = -16 if poses.view == "front" else -8
        x1 = 10 if poses.view == "front" else FOOT + 14
        elements.append(f'<rect class="rk-pose-prop" x="{x0}" y="{top:.1f}" width="{x1 - x0}" '
                        f'height="{floor_y - top:.1f}" fill="#e4e4e4" stroke="{PROP}" stroke-width="2"/>')
        if poses.view == "front":  # the step's level, beside it, for the foot that drops and lifts
            elements.append(_line((x1 + 3, top), (x1 + 30, top), "rk-pose-prop", PROP, 1.5, "4 3"))
    if poses.towel:
        knee = pose["working_knee"]
        cx, cy = _project((knee[0], 6.0, knee[2]), poses.tilt)
        elements.append(f'<circle class="rk-pose-prop" cx="{cx:.1f}" cy="{cy:.1f}" r="6" fill="#e4e4e4" '
                        f'stroke="{PROP}" stroke-width="2"/>')
    if poses.band_anchor_cm:
        ankle = pose["working_ankle"]
        forward, up_cm = poses.band_anchor_cm
        post = _project((forward, up_cm, ankle[2]), poses.tilt)
        base = _project((forward, 0, ankle[2]), poses.tilt)
        elements.append(_line(base, (post[0], post[1] - 6), "rk-pose-prop", PROP, 3))
        elements.append(_line(p["working_knee"], post, "rk-pose-band", VERMILLION, 2.5, "5 3"))
        covered += [post, base]
    # The other leg and the far arm, then trunk and head, then the working leg on top.
    elements.append(_polyline([p["other_hip"], p["other_knee"], p["other_ankle"], p["other_toe"]],
                              "rk-pose-other", OTHER, 4))
    elements.append(_line(p["other_shoulder"], p["other_hand"], "rk-pose-other", OTHER, 3.5))
    elements.append(_line(p["working_hip"], p["other_hip"], "rk-pose-body", INK, 4.5))
    elements.append(_line(p["pelvis"], p["shoulder"], "rk-pose-body", INK, 4.5))
    elements.append(_line(p["working_shoulder"], p["other_shoulder"], "rk-pose-body", INK, 4.5))
    elements.append(_line(p["shoulder"], p["head"], "rk-pose-body", INK, 4))
    elements.append(f'<circle class="rk-pose-head" cx="{p["head"][0]:.1f}" cy="{p["head"][1]:.1f}" '
                    f'r="{HEAD_R:g}" fill="#fff" stroke="{INK}" stroke-width="4"/>')
    elements.append(_line(p["working_shoulder"], p["working_hand"], "rk-pose-body", INK, 3.5))
    elements.append(_polyline([p["working_hip"], p["working_knee"], p["working_ankle"], p["working_toe"]],
                              "rk-pose-working", BLUE, 6))
    head = p["head"]
    covered += [(head[0] - HEAD_R, head[1] - HEAD_R), (head[0] + HEAD_R, head[1] + HEAD_R)]
    return elements, covered


def _bbox(points, pad: float = 8.0) -> tuple[float, float, float, float]:
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad


def exercise_svg(exercise_id: str, *, width: int = 220) -> str:
    """The start → end diagram of an exercise as an inline SVG element.

    Tall figures (standing) sit side by side, long ones (lying) one above the other, so that
    each diagram stays close to square. ``width`` is the default display width in px (CSS may
    override it); the height follows the drawing.
    """
    poses = load_poses()
    if exercise_id not in poses:
        raise ValueError(f"no diagram for {exercise_id!r}; exercises: {', '.join(poses)}")
    ex = poses[exercise_id]
    start, end = placed(ex)
    xs = [_project(v, ex.tilt)[0] for pose in (start, end) for v in pose.values()]
    span = (min(xs) - 12, max(xs) + 12)
    panels = [_figure(ex, pose, span) for pose in (start, end)]
    boxes = [_bbox(covered) for _, covered in panels]
    widths = [b[2] - b[0] for b in boxes]
    heights = [b[3] - b[1] for b in boxes]
    side_by_side = max(heights) >= max(widths) * 0.8
    gap = 36.0
    # Both positions share one scale and one floor level (side by side) or left edge (stacked).
    top, bottom = min(b[1] for b in boxes), max(b[3] for b in boxes)
    left, right = min(b[0] for b in boxes), max(b[2] for b in boxes)
    if side_by_side:
        offsets = [(-boxes[0][0], -top), (widths[0] + gap - boxes[1][0], -top)]
        total_w, total_h = widths[0] + gap + widths[1], bottom - top
        arrow = ((widths[0] + 8, total_h / 2), (widths[0] + gap - 8, total_h / 2))
    else:
        offsets = [(-left, -boxes[0][1]), (-left, heights[0] + gap - boxes[1][1])]
        total_w, total_h = right - left, heights[0] + gap + heights[1]
        arrow = ((total_w / 2, heights[0] + 8), (total_w / 2, heights[0] + gap - 8))
    slug = exercise_id.replace("_", "-")
    title = f"{ex.name}: start and end position"
    desc = f"Start: {ex.start_text} End: {ex.end_text}"
    height = round(width * total_h / total_w)
    (ax, ay), (bx, by) = arrow
    angle = math.atan2(by - ay, bx - ax)
    head = [(bx, by), (bx - 12 * math.cos(angle - 0.5), by - 12 * math.sin(angle - 0.5)),
            (bx - 12 * math.cos(angle + 0.5), by - 12 * math.sin(angle + 0.5))]
    parts = [
        f'<svg class="rk-pose rk-pose-{slug}" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {total_w:.0f} {total_h:.0f}" width="{width}" height="{height}">',
        f"<title>{html.escape(title)}</title>",
        f"<desc>{html.escape(desc)}</desc>",
    ]
    for (elements, _), (dx, dy), which in zip(panels, offsets, ("start", "end"), strict=True):
        parts.append(f'<g class="rk-pose-{which}" transform="translate({dx:.1f} {dy:.1f})">')
        parts.extend(elements)
        parts.append("</g>")
    parts.append(_line((ax, ay), (bx, by), "rk-pose-arrow", INK, 3))
    parts.append('<polygon class="rk-pose-arrow" fill="' + INK + '" points="'
                 + " ".join(f"{x:.1f},{y:.1f}" for x, y in head) + '"/>')
    parts.append("</svg>")
    return "".join(parts)


def all_diagrams() -> dict[str, str]:
    """Every exercise's diagram, keyed by exercise id."""
    return {exercise_id: exercise_svg(exercise_id) for exercise_id in load_poses()}
