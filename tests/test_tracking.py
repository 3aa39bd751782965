"""The real model on real photos and on every kind of bad frame."""

import numpy as np
import pytest

from demos.engine.face_engine import FaceEngine, analyse_photo
from demos.engine.tracking import Tracker, TrackerError
from support.faces import astronaut_face_bgr, letterbox

pytestmark = pytest.mark.model


def test_the_astronaut_reads_happy(model_path, astronaut):
    analysis, reading = analyse_photo(model_path, astronaut)
    assert analysis.status in ("face", "small_face")
    assert analysis.verdict.label == "happy"
    assert analysis.movements["lip_corner_pull"] > 0.7
    assert reading.faces[0].landmarks.shape == (478, 2)


def test_grace_hopper_does_not_read_happy(model_path, grace):
    analysis, _ = analyse_photo(model_path, grace)
    assert analysis.faces == 1
    assert analysis.verdict.label != "happy"
    assert analysis.movements["lip_corner_pull"] < 0.3


@pytest.mark.parametrize(
    "frame",
    [
        np.zeros((480, 640, 3), np.uint8),
        np.full((480, 640, 3), 255, np.uint8),
        np.random.default_rng(7).integers(0, 256, (480, 640, 3), dtype=np.uint8),
    ],
    ids=["black", "white", "noise"],
)
def test_blank_and_noise_frames_find_no_face(model_path, frame):
    analysis, _ = analyse_photo(model_path, frame)
    assert analysis.status == "no_face" and analysis.verdict is None


def test_every_bad_frame_gets_a_defined_outcome_and_the_stream_goes_on(model_path, grace):
    bad = [
        None,
        np.zeros((1, 1, 3), np.uint8),
        np.full((480, 640, 3), np.nan, np.float32),
        "not a frame",
        np.zeros((480, 640, 2), np.uint8),
    ]
    odd_but_fine = [
        np.zeros((2160, 3840, 3), np.uint8),  # 4K
        grace[:, :, 1],  # gray
        np.dstack([grace, np.full(grace.shape[:2], 255, np.uint8)]),  # BGRA
        np.ascontiguousarray(np.hstack([grace, grace]))[:, ::2],  # non-contiguous
        grace.astype(np.float64) / 255.0,  # wrong dtype
    ]
    engine = FaceEngine(model_path)
    try:
        for frame in bad:
            assert engine.process(frame)[0].status == "bad_frame"
        for frame in odd_but_fine:
            assert engine.process(frame)[0].status in ("face", "small_face", "no_face")
        # ...and a good frame afterwards is read as usual.
        assert engine.process(grace)[0].faces == 1
    finally:
        engine.close()


def test_the_largest_face_comes_first(model_path, astronaut, grace):
    scene = np.full((480, 960, 3), 40, np.uint8)
    scene[:, :480] = letterbox(grace, 480, 480)
    scene[120:480, 600:960] = letterbox(astronaut_face_bgr(), 360, 360)
    analysis, reading = analyse_photo(model_path, scene)
    assert analysis.faces == 2
    widths = [f.width for f in reading.faces]
    assert widths == sorted(widths, reverse=True)
    assert analysis.verdict.label != "happy"  # the nearest face is Grace Hopper's


def test_video_mode_keeps_its_own_strictly_increasing_clock(model_path, grace):
    with Tracker(model_path) as tracker:
        # Far more frames than milliseconds pass: the tracker must still accept every one.
        for _ in range(5):
            assert len(tracker.process(grace).faces) == 1


def test_a_closed_tracker_answers_instead_of_crashing(model_path, grace):
    tracker = Tracker(model_path)
    tracker.close()
    tracker.close()
    assert tracker.process(grace).problem.reason == "closed"


def test_a_broken_model_file_raises_a_tracker_error(tmp_path):
    broken = tmp_path / "face_landmarker.task"
    broken.write_bytes(b"not a model")
    with pytest.raises(TrackerError):
        Tracker(broken)


def test_a_tracker_nobody_closed_is_closed_off_thread_when_collected(model_path):
    import gc
    import threading
    import time

    tracker = Tracker(model_path)
    landmarker = tracker._landmarker
    del tracker
    gc.collect()
    deadline = time.monotonic() + 10
    while landmarker._handle is not None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert landmarker._handle is None
    closers = [t for t in threading.enumerate() if t.name == "close-landmarker"]
    for t in closers:
        t.join(timeout=10)
    assert not any(t.is_alive() for t in closers)  # closing finished, nothing hangs
