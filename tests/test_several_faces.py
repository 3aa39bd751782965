"""Several faces: up to three read side by side, each with its own smoothing, left to right."""

from __future__ import annotations

import re

import numpy as np
import pytest

from demos.engine.face_engine import MAX_READ, FaceEngine, Smoothers, analyse_photo, analyse_reading
from demos.engine.measure import Movements
from demos.engine.overlay import draw_overlay
from demos.engine.tracking import Face, Reading
from support import faces


def face(x0: float, width: float, smile: float) -> Face:
    """A face found at x0 (share of the frame) whose lip corners moved by `smile`."""
    shapes = {"mouthSmileLeft": smile, "mouthSmileRight": smile, "cheekSquintLeft": smile / 2}
    return Face(shapes, np.full((478, 2), x0 + width / 2, np.float32), (x0, 0.2, x0 + width, 0.6))


def test_three_faces_get_three_readings_left_to_right_and_the_largest_leads():
    # Largest first, as the tracker gives them: the big smiling face is in the middle.
    found = (face(0.4, 0.3, 0.9), face(0.05, 0.2, 0.0), face(0.75, 0.2, 0.0))
    analysis = analyse_reading(Reading(found, width=640, height=480))
    assert [round(r.centre_x, 2) for r in analysis.readings] == [0.15, 0.55, 0.85]
    assert [r.verdict.label for r in analysis.readings] == ["neutral", "happy", "neutral"]
    assert analysis.verdict.label == "happy" and analysis.face_width == pytest.approx(0.3)
    assert analysis.faces == 3


def test_only_the_three_largest_of_five_faces_are_read():
    found = tuple(face(0.02 + 0.19 * i, 0.17 - 0.01 * i, 0.0) for i in range(5))
    analysis = analyse_reading(Reading(found, width=640, height=480))
    assert analysis.faces == 5 and len(analysis.readings) == MAX_READ
    assert [round(r.width, 2) for r in analysis.readings] == [0.17, 0.16, 0.15]


def test_each_face_keeps_its_own_smoothing_and_a_new_count_starts_again():
    smoothers = Smoothers(alpha=0.5)
    two = lambda left, right: Reading((face(0.1, 0.3, left), face(0.6, 0.2, right)), width=640)  # noqa: E731
    analyse_reading(two(1.0, 0.0), smoothers)
    after = analyse_reading(two(0.0, 0.0), smoothers)
    # The left face remembers its smile (half of 1.0), the right one never smiled.
    assert after.readings[0].movements["lip_corner_pull"] > 0.3
    assert after.readings[1].movements["lip_corner_pull"] < 0.05
    one = analyse_reading(Reading((face(0.6, 0.2, 0.0),), width=640), smoothers)
    assert one.readings[0].movements["lip_corner_pull"] < 0.05  # not the left face's history


def test_one_face_reads_as_before_with_a_single_reading():
    analysis = analyse_reading(Reading((face(0.3, 0.3, 0.9),), width=640, height=480))
    assert len(analysis.readings) == 1
    assert analysis.readings[0].movements == analysis.movements
    assert isinstance(analysis.movements, Movements)


def test_the_overlay_numbers_each_read_face():
    frame = np.full((480, 640, 3), 90, np.uint8)
    found = (face(0.4, 0.3, 0.9), face(0.05, 0.2, 0.0))
    one = draw_overlay(frame, Reading(found[:1], width=640, height=480), [])
    two = draw_overlay(frame, Reading(found, width=640, height=480), [])
    # The number's filled square sits just above each box's left corner; one face has none.
    square = (slice(int(0.2 * 480) - 20, int(0.2 * 480) - 4), slice(40, 50))
    assert (two[square] != 90).all() and (one[square] == 90).all()


@pytest.mark.model
def test_three_real_people_side_by_side_give_three_readings(model_path):
    frame = faces.letterbox(faces.three_faces_bgr())
    analysis, _ = analyse_photo(model_path, frame)
    assert len(analysis.readings) == 3
    assert [r.verdict.label for r in analysis.readings] == ["happy", "neutral", "happy"]
    engine = FaceEngine(model_path)
    try:
        for _ in range(3):
            analysis, _ = engine.process(frame)
    finally:
        engine.close()
    assert [r.verdict.label for r in analysis.readings] == ["happy", "neutral", "happy"]


def _readings_html(at) -> str:
    return " ".join(h.value for h in at.get("html") if 'data-testid="fv-readings"' in h.value)


@pytest.mark.model
def test_the_mirror_page_writes_one_line_per_person_left_to_right(webrtc, with_model):
    from demos.ui.content import t

    from .apptest import open_app

    at = open_app("demos/mirror.py")
    at.session_state["mirror.guess"] = "happy"  # the verdicts show after a guess
    webrtc.feed(faces.three_faces_bgr(), times=4)
    at.run()
    shown = _readings_html(at)
    assert t("panel.people", n=3) in shown
    labels = [t(f"labels.{k}") for k in ("happy", "neutral", "happy")]
    assert [line.rsplit("·", 1)[0] for line in re.findall(r"<li>(.*?)</li>", shown)] == [
        t("panel.person", n=n, verdict=t("mirror.verdict", label=label, percent=0)).rsplit("·", 1)[
            0
        ]
        for n, label in enumerate(labels, start=1)
    ]
    assert t("status.several_faces", n=3) not in shown


@pytest.mark.model
def test_the_kiosk_mirror_reads_three_people_at_the_same_moment(webrtc, with_model, fake_clock):
    from demos.ui.content import t

    from .apptest import click, open_app, start_visit

    at = open_app(mode="kiosk")
    start_visit(at)
    click(at, t("kiosk.with_camera"))
    webrtc.feed(faces.three_faces_bgr(), times=4)
    at.run()
    shown = _readings_html(at)
    assert t("panel.people", n=3) in shown
    assert len(re.findall(r"<li>(.*?)</li>", shown)) == 3


def test_more_faces_than_are_read_are_named_and_one_face_pages_still_say_only_one_is_read():
    from demos.ui.panels import status_messages

    five = analyse_reading(
        Reading(tuple(face(0.02 + 0.19 * i, 0.17, 0.0) for i in range(5)), width=640)
    )
    assert "more_faces" in status_messages(five, read=MAX_READ)
    assert "several_faces" in status_messages(five)  # a page that reads only the largest
    three = analyse_reading(Reading(tuple(face(0.05 + 0.3 * i, 0.2, 0.0) for i in range(3))))
    assert status_messages(three, read=MAX_READ) == []
