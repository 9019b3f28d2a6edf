"""Exercise diagrams: the skeleton takes the article's angles, rests where the exercise puts it
and moves the way the exercise moves; the SVG is well formed and has a text alternative."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pytest
import yaml

from widgets import rehab
from widgets.clinical import DataFileError
from widgets.figures import exercise_diagrams as ed

SVG = "{http://www.w3.org/2000/svg}"


def positions(exercise_id):
    return next(r for r in rehab.load_yaml(rehab.EXERCISES_FILE)["exercises"] if r["id"] == exercise_id)["position"]


def between(u, v):
    return math.degrees(math.acos(ed._dot(u, v) / math.sqrt(ed._dot(u, u) * ed._dot(v, v))))


def bends(pose, leg="working"):
    """Hip and knee bend as a clinician measures them: 0 = the thigh in line with the trunk, the
    shin in line with the thigh."""
    down_the_trunk = ed._sub(pose["pelvis"], pose["shoulder"])
    thigh = ed._sub(pose[f"{leg}_knee"], pose[f"{leg}_hip"])
    shin = ed._sub(pose[f"{leg}_ankle"], pose[f"{leg}_knee"])
    return between(down_the_trunk, thigh), between(thigh, shin)


POSES = ed.load_poses()


def test_every_exercise_has_a_pose():
    assert set(POSES) == {e.id for e in rehab.EXERCISES}


def test_the_article_angles_are_drawn():
    hip, knee = bends(ed.placed(POSES["clamshell"])[0])
    assert hip == pytest.approx(positions("clamshell")["hip_flexion"]["value"], abs=0.01)  # 45°
    assert knee == pytest.approx(positions("clamshell")["knee_flexion"]["value"], abs=0.01)  # 90°
    _, knee = bends(ed.placed(POSES["terminal_knee_extension"])[0])
    assert knee == pytest.approx(positions("terminal_knee_extension")["range"]["value"], abs=0.01)  # the last 30°
    _, knee = bends(ed.placed(POSES["short_arc_quads"])[0])
    assert knee == pytest.approx(positions("short_arc_quads")["knee_flexion"]["range"][1], abs=0.01)  # 40°
    e = ed.placed(POSES["side_lying_hip_abduction"])[1]
    lift = between(ed._sub(e["working_ankle"], e["working_hip"]), ed._sub(e["other_ankle"], e["other_hip"]))
    assert lift == pytest.approx(positions("side_lying_hip_abduction")["lift"]["range"][1], abs=0.01)  # 45°
    assert POSES["step_up"].step_cm == positions("step_up")["step_height"]["range"][1]  # a 15 cm step


def near(value, target, tolerance=2.0):
    return abs(value - target) <= tolerance


def test_bodies_rest_where_the_exercise_puts_them():
    # Glute bridge: shoulders and the planted foot on the floor, hips lifted at the end.
    s, e = ed.placed(POSES["single_leg_glute_bridge"])
    for pose in (s, e):
        assert near(pose["shoulder"][1], 0) and near(pose["working_ankle"][1], 0)
    assert e["pelvis"][1] > s["pelvis"][1] + 15
    # Short-arc quads: the heel on the floor, then lifted with the knee still on the towel.
    s, e = ed.placed(POSES["short_arc_quads"])
    assert near(s["working_ankle"][1], 0) and e["working_ankle"][1] > 20
    assert s["working_knee"] == pytest.approx(e["working_knee"])
    # Terminal knee extension: both feet on the floor.
    s, e = ed.placed(POSES["terminal_knee_extension"])
    assert all(near(p[f"{leg}_ankle"][1], 0) for p in (s, e) for leg in ("working", "other"))
    # Step-up: one foot on the step and one on the floor, then standing on the step.
    step = POSES["step_up"].step_cm
    s, e = ed.placed(POSES["step_up"])
    assert near(s["working_ankle"][1], step) and near(s["other_ankle"][1], 0)
    assert near(e["working_ankle"][1], step) and e["other_ankle"][1] > step
    # Hip hike: the free foot below the step's level, then above it.
    step = POSES["hip_hike"].step_cm
    s, e = ed.placed(POSES["hip_hike"])
    assert s["other_ankle"][1] < step - 2 and e["other_ankle"][1] > step + 2
    # Clamshell: the feet stay together while the top knee rises.
    s, e = ed.placed(POSES["clamshell"])
    assert s["working_ankle"] == pytest.approx(e["working_ankle"])
    assert e["working_knee"][1] > s["working_knee"][1] + 10


def test_the_anchor_joint_stays_put():
    for poses in POSES.values():
        s, e = ed.placed(poses)
        assert s[poses.anchor] == pytest.approx(e[poses.anchor]), poses.id


@pytest.mark.parametrize("exercise_id", sorted(POSES))
def test_svg_is_well_formed_and_has_a_text_alternative(exercise_id):
    svg = ed.exercise_svg(exercise_id)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title, desc = root[0], root[1]
    assert title.tag == f"{SVG}title" and title.text == f"{POSES[exercise_id].name}: start and end position"
    assert desc.tag == f"{SVG}desc" and desc.text.startswith("Start: ") and " End: " in desc.text
    assert root.findall(f".//{SVG}g[@class='rk-pose-start']") and root.findall(f".//{SVG}g[@class='rk-pose-end']")
    assert len(root.findall(f".//{SVG}polyline[@class='rk-pose-working']")) == 2
    _, _, w, h = (float(v) for v in root.get("viewBox").split())
    assert 0.5 < w / h < 2.5  # close to square: side by side when tall, stacked when long
    assert ed.exercise_svg(exercise_id) == svg  # no random ids: notebook outputs stay stable


def test_unknown_exercise():
    with pytest.raises(ValueError, match="no diagram for 'plank'"):
        ed.exercise_svg("plank")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("clamshell", "start", {"hip": "hip_bend"}), "clamshell.start.hip: 'hip_bend' is not a position"),
        (("clamshell", "start", {"wrist": 10}), "unknown angle"),
        (("short_arc_quads", "start", {"knee": "knee_flexion"}), "ranges need .low or .high"),
        (("step_up", "orientation", "upside_down"), "orientation must be one of"),
        (("hip_hike", "props", {}), "props.step_cm is needed exactly when"),
        (("clamshell", None, None), "clamshell: missing"),
    ],
)
def test_bad_pose_file_names_the_exercise(tmp_path, change, message):
    data = ed.load_yaml(ed.POSES_FILE)
    exercise_id, key, value = change
    if key is None:
        del data["exercises"][exercise_id]
    else:
        data["exercises"][exercise_id][key] = value
    path = tmp_path / "exercise_poses.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(DataFileError, match=message):
        ed.load_poses.__wrapped__(path)
