"""One closed eye, measured: on numbers, and on a real photo with one eye painted shut."""

import cv2
import pytest

from demos.engine.eyes import closed_eyes
from demos.engine.face_engine import analyse_photo
from demos.engine.measure import Movements
from support.faces import astronaut_face_bgr, letterbox


@pytest.mark.parametrize(
    "left, right, expected",
    [
        (0.0, 0.0, None),
        (0.8, 0.05, "left"),
        (0.05, 0.8, "right"),
        (0.7, 0.6, "both"),
        (0.2, 0.02, None),
        (0.3, 0.2, None),
    ],
)
def test_closed_eyes_reads_the_two_eye_values(left, right, expected):
    assert closed_eyes(Movements.of(eye_closed_left=left, eye_closed_right=right)) == expected


def paint_left_eye_shut(bgr, landmarks):
    """Cover the person's left eye with skin from just below it, and draw a closed lid."""
    h, w = bgr.shape[:2]
    pts = (landmarks * (w, h)).astype(int)
    x0, x1 = min(pts[263][0], pts[362][0]) - 3, max(pts[263][0], pts[362][0]) + 3
    y0, y1 = pts[386][1] - 4, pts[374][1] + 3
    out = bgr.copy()
    out[y0:y1, x0:x1] = cv2.GaussianBlur(bgr[y1 + 4 : y1 + 4 + (y1 - y0), x0:x1], (5, 5), 0)
    mid = (y0 + y1) // 2 + 2
    cv2.line(out, (x0 + 2, mid), (x1 - 2, mid), (40, 30, 30), 2, cv2.LINE_AA)
    return out


@pytest.mark.model
def test_a_photo_with_one_eye_painted_shut_reads_as_that_eye_closed(model_path):
    # The edited photo (the astronaut, her left eye painted over), not a drawn face: on the
    # drawn face MediaPipe finds the face but reads a closed eye at only ~0.14.
    photo = letterbox(astronaut_face_bgr())
    before, reading = analyse_photo(model_path, photo)
    assert closed_eyes(before.movements) is None
    after, _ = analyse_photo(model_path, paint_left_eye_shut(photo, reading.faces[0].landmarks))
    assert after.status == "face"
    assert closed_eyes(after.movements) == "left"
