"""The failure matrix (issue 9): every failure gets a kind message, and the next good frame reads.

Engine level: frames go through CameraStream.on_frame, the path the WebRTC callback uses, and the
message is what panels.status() shows for the snapshot. App level: the real app in AppTest, with
only the WebRTC component replaced (it cannot render there). The browser level is in
test_browser_failures.py; docs/failures.md lists every failure and the test that proves it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from fractions import Fraction
from types import SimpleNamespace

import av
import cv2
import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import demos.engine.camera_stream as live_module
from demos.engine.camera_stream import CameraStream
from demos.ui import panels
from demos.ui.content import t
from support.faces import astronaut_bgr, astronaut_face_bgr, grace_hopper_bgr, letterbox

from .apptest import APP, readings, texts, verdict
from .conftest import ROOT

pytestmark = pytest.mark.model


class Clock:
    """A clock the test moves by hand (seconds, like time.monotonic)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def good() -> np.ndarray:
    return letterbox(astronaut_face_bgr())


def messages(live: CameraStream) -> list[str]:
    """The sentences panels.status() shows for the latest frame."""
    snap = live.snapshot()
    n = snap.analysis.faces if snap.analysis else 0
    return [t(f"status.{k}", n=n) for k in panels.status_messages(snap.analysis, snap.engine_error)]


def five_faces() -> np.ndarray:
    """Five real faces in a 640x480 camera frame: the astronaut three times, Grace Hopper twice."""
    crops = [astronaut_bgr()[30:250, 140:350], grace_hopper_bgr()[90:390, 130:400]]
    scene = np.full((480, 640, 3), 40, np.uint8)
    tile = 213
    for i, (row, col) in enumerate([(0, 0), (0, 1), (0, 2), (1, 0), (1, 1)]):
        crop = crops[i % 2] if i < 4 else crops[0][:, ::-1]
        y = row * tile + (480 - 2 * tile) // 2
        x = col * tile + (640 - 3 * tile) // 2 + (tile // 2 if row else 0)
        scene[y : y + tile, x : x + tile] = letterbox(np.ascontiguousarray(crop), tile, tile)
    return scene


def tiny_face() -> np.ndarray:
    """The astronaut's face about 5% of the frame wide: too small for MediaPipe to find."""
    face = cv2.resize(astronaut_bgr()[30:250, 140:350], (40, 42), interpolation=cv2.INTER_AREA)
    frame = np.full((480, 640, 3), 40, np.uint8)
    frame[219:261, 300:340] = face
    return frame


@pytest.fixture
def live(model_path):
    mirror = CameraStream(model_path, panels.overlay_lines)
    yield mirror
    mirror.stop()


def assert_reads_again(live: CameraStream) -> None:
    """A good frame after a bad one: a verdict, and no message left on screen."""
    live.on_frame(good())
    snap = live.snapshot()
    assert snap.analysis.status == "face" and snap.analysis.verdict.label == "happy"
    assert messages(live) == []


# --- engine level: bad frames through CameraStream.on_frame -------------------------------------

NOISE = np.random.default_rng(7).integers(0, 256, (480, 640, 3), dtype=np.uint8)


@pytest.mark.parametrize(
    "frame, status",
    [
        (np.zeros((480, 640, 3), np.uint8), "no_face"),
        (np.full((480, 640, 3), 255, np.uint8), "no_face"),
        (NOISE, "no_face"),
        (np.zeros((1, 1, 3), np.uint8), "bad_frame"),
        (np.full((480, 640, 3), np.nan, np.float32), "bad_frame"),
        (tiny_face(), "no_face"),  # its message says how small a face is too small
    ],
    ids=["black", "white", "noise", "1x1", "nan", "face-too-small"],
)
def test_a_frame_with_nothing_to_read_gets_a_message_and_the_next_good_frame_reads(
    live, frame, status
):
    live.on_frame(good())
    out = live.on_frame(frame)
    assert out is not None
    snap = live.snapshot()
    assert snap.analysis.status == status and snap.analysis.verdict is None
    assert t(f"status.{status}") in messages(live), messages(live)
    assert_reads_again(live)


@pytest.mark.parametrize(
    "make",
    [
        lambda f: letterbox(f, 3840, 2160),
        lambda f: cv2.cvtColor(f, cv2.COLOR_BGR2GRAY),
        lambda f: cv2.cvtColor(f, cv2.COLOR_BGR2BGRA),
        lambda f: np.repeat(f, 2, axis=1)[:, ::2],  # the same picture, every other column
    ],
    ids=["4k", "gray", "bgra", "non-contiguous"],
)
def test_an_odd_but_usable_frame_of_a_face_is_read(live, make):
    frame = make(good())
    live.on_frame(frame)
    analysis = live.snapshot().analysis
    assert analysis.faces == 1 and analysis.verdict is not None, analysis
    assert messages(live) == []
    assert_reads_again(live)


def test_a_face_far_away_is_read_with_a_come_closer_message(live):
    live.on_frame(letterbox(astronaut_bgr()))  # the whole portrait: the face is an eighth wide
    snap = live.snapshot()
    assert snap.analysis.status == "small_face" and snap.analysis.verdict is not None
    assert t("status.small_face") in messages(live)
    assert_reads_again(live)


def test_five_faces_read_the_largest_and_say_so(live):
    live.on_frame(five_faces())
    snap = live.snapshot()
    assert snap.analysis.faces == 5 and snap.analysis.verdict is not None
    assert t("status.several_faces", n=5) in messages(live)
    assert_reads_again(live)


def test_a_clock_going_backwards_does_not_stop_the_reading(live, monkeypatch):
    # MediaPipe's VIDEO mode refuses a timestamp that is not larger than the last one. Make
    # the clock the tracker reads run backwards, one second a frame: every frame still reads.
    import demos.engine.tracking as tracking

    ticks = iter(range(10_000, 0, -1_000))
    fake = SimpleNamespace(monotonic_ns=lambda: next(ticks) * 1_000_000)
    monkeypatch.setattr(tracking, "time", fake)
    for _ in range(5):
        live.on_frame(good())
        analysis = live.snapshot().analysis
        assert analysis.status == "face" and analysis.verdict.label == "happy", analysis


def test_a_camera_that_stops_sending_is_noticed_and_the_next_frame_clears_it(model_path):
    clock = Clock()
    live = CameraStream(model_path, panels.overlay_lines, clock=clock)
    try:
        assert not live.snapshot().stalled  # nothing came yet: starting, not lost
        live.on_frame(good())
        clock.now += live_module.STALL_AFTER / 2
        assert not live.snapshot().stalled
        clock.now += live_module.STALL_AFTER
        assert live.snapshot().stalled
        live.on_frame(good())
        snap = live.snapshot()
        assert not snap.stalled and snap.analysis.verdict.label == "happy"
        live.stop()
        clock.now += 10 * live_module.STALL_AFTER
        assert not live.snapshot().stalled  # STOP: nothing is expected any more
    finally:
        live.stop()


def test_a_frame_still_queued_after_stop_builds_no_engine_until_start(model_path):
    live = CameraStream(model_path, panels.overlay_lines)
    try:
        live.on_frame(good())
        live.stop()  # STOP or a kiosk reset; one more frame was already on its way
        frame = good()
        assert live.on_frame(frame) is frame  # passed on unread
        assert live._engine is None  # nothing left running that nobody would close
        assert live.snapshot().frames == 0
        live.resume()  # the page sees the camera playing again
        assert_reads_again(live)
    finally:
        live.stop()


def test_a_bug_on_one_frame_is_said_and_the_next_frame_reads(model_path):
    calls = []

    def caption_failing_once(analysis):
        calls.append(1)
        if len(calls) == 1:
            raise ValueError("a bug in the overlay")
        return panels.overlay_lines(analysis)

    live = CameraStream(model_path, caption_failing_once)
    try:
        frame = good()
        assert live.on_frame(frame) is frame  # the video goes on, unchanged
        assert t("status.bad_frame") in messages(live)
        assert_reads_again(live)
    finally:
        live.stop()


def test_a_corrupt_model_file_behind_the_check_gets_the_engine_message(tmp_path):
    # The page checks the file first (test_app); if a bad file still reached the engine,
    # the video keeps flowing unchanged and the page says the engine could not start.
    bad = tmp_path / "face_landmarker.task"
    bad.write_bytes(b"PK\x03\x04 not a model at all")
    live = CameraStream(bad, panels.overlay_lines)
    frame = good()
    out = live.on_frame(frame)
    assert out is frame
    assert live.snapshot().engine_error
    assert messages(live) == [t("status.engine_failed")]
    live.stop()


def test_mediapipe_that_cannot_start_is_said_kindly_and_starts_after_a_restart(live, monkeypatch):
    import demos.engine.tracking as tracking

    monkeypatch.setattr(tracking, "_IMPORT_ERROR", OSError("libEGL.so.1: cannot open"))
    frame = good()
    assert live.on_frame(frame) is frame  # the video keeps flowing, unchanged
    assert messages(live) == [t("status.engine_failed")]
    monkeypatch.setattr(tracking, "_IMPORT_ERROR", None)  # the libraries are installed
    live.stop()  # STOP, then START: the engine is tried again
    live.resume()
    assert_reads_again(live)


# Run in a child process: the loader reads LD_LIBRARY_PATH only when a process starts.
_BROKEN_GL_CHILD = """
import json, sys
import numpy as np
sys.path.insert(0, sys.argv[2])
from demos.engine.camera_stream import CameraStream
from demos.ui import panels
from support.faces import astronaut_face_bgr, letterbox
live = CameraStream(sys.argv[1], lambda a: [])
frame = letterbox(astronaut_face_bgr())
out = live.on_frame(frame)
snap = live.snapshot()
print(json.dumps({
    "unchanged": bool(np.array_equal(out, frame)),
    "engine_error": snap.engine_error,
    "messages": panels.status_messages(snap.analysis, snap.engine_error),
}))
"""


def test_mediapipe_with_a_broken_gl_library_gets_the_engine_message(model_path, tmp_path):
    # A real failure, not a stand-in: an empty libEGL.so.1 found first by the loader, as on
    # a machine whose GL libraries are missing or broken. MediaPipe cannot start.
    (tmp_path / "libEGL.so.1").write_bytes(b"")
    env = {**os.environ, "LD_LIBRARY_PATH": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", _BROKEN_GL_CHILD, str(model_path), str(ROOT)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"unchanged": True, "engine_error": True, "messages": ["engine_failed"]}


# --- app level: the real app in AppTest --------------------------------------------------------


def mirror(prepare=None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    if prepare:
        prepare(at)
    at.switch_page("demos/mirror.py").run()
    # The word waits for the learner's guess; these tests are about what comes after it.
    if any(r.key == "mirror.guess" for r in at.radio):  # not when the model is missing
        at.radio(key="mirror.guess").set_value("happy").run()
    return at


@pytest.mark.parametrize(
    "error, kind",
    [
        ("NotAllowedError", "denied"),
        ("NotFoundError", "not_found"),
        ("NotReadableError", "busy"),
        ("TypeError", "other"),
    ],
    ids=["permission-denied", "no-camera", "camera-busy", "anything-else"],
)
def test_a_camera_the_browser_refuses_gets_kind_words_and_start_works_after(
    webrtc, with_model, error, kind
):
    words = t(f"camera_errors.{kind}")
    # The browser reports its error inside the camera component; the page's watcher hands its
    # name over (the browser test proves that part in real Chromium).
    webrtc.playing = False
    at = mirror()
    at.session_state["mirror.check"] = {"error": error}
    at.run()
    assert not at.exception
    assert words in texts(at)
    assert error not in texts(at)  # the browser's own name for it is not repeated
    assert at.toggle(key="mirror.photo").label == t("mirror.photo_title")
    # The learner allows the camera (or plugs one in) and presses START: the error goes.
    at.session_state["mirror.check"] = {"error": None}
    webrtc.playing = True
    at.run()
    webrtc.feed(astronaut_face_bgr())
    at.run()
    assert words not in texts(at)
    assert any(r in verdict(at) for r in readings("happy")), verdict(at)


def test_a_camera_lost_mid_session_is_said_and_the_next_frame_reads(webrtc, with_model):
    from demos.ui.panels import overlay_lines

    clock = Clock()

    def plant(at: AppTest) -> None:  # the page's own CameraStream, with a clock the test moves
        at.session_state["mirror.live"] = CameraStream(with_model, overlay_lines, clock=clock)

    at = mirror(plant)
    lost = t("camera_errors.lost")
    webrtc.feed(astronaut_face_bgr())
    at.run()
    assert t("labels.happy") in verdict(at)
    assert lost not in texts(at)
    clock.now += live_module.STALL_AFTER + 1  # ...and no frame comes
    at.run()
    assert not at.exception
    assert lost in texts(at)
    webrtc.feed(astronaut_face_bgr())  # it comes back
    at.run()
    assert lost not in texts(at)
    assert t("labels.happy") in verdict(at)


def test_a_camera_that_connects_but_never_sends_a_picture_is_said(webrtc, with_model, fake_clock):
    from demos.ui import camera_check

    no_picture = t("camera_errors.no_picture")
    at = mirror()  # START pressed: the component plays, but no frame ever arrives
    assert no_picture not in texts(at)
    fake_clock.now += camera_check.NO_PICTURE_AFTER + 1
    at.run()
    assert not at.exception
    assert no_picture in texts(at)
    webrtc.feed(astronaut_face_bgr())  # the picture comes after all
    at.run()
    assert no_picture not in texts(at)
    assert t("labels.happy") in verdict(at)
    webrtc.playing = False  # STOP, then START: the wait starts again
    at.run()
    webrtc.playing = True
    at.run()
    assert no_picture not in texts(at)


def test_camera_timestamps_going_backwards_still_read_and_keep_their_own_times(webrtc, with_model):
    at = mirror()
    callback = webrtc.calls[-1]["video_frame_callback"]
    sent, back = [9_000, 6_000, 3_000, 3_000, 0], []
    for pts in sent:
        frame = av.VideoFrame.from_ndarray(good(), format="bgr24")
        frame.pts = pts
        frame.time_base = Fraction(1, 90_000)
        back.append(callback(frame).pts)
    at.run()
    assert not at.exception
    assert back == sent  # the video goes back out with the camera's own times
    assert any(r in verdict(at) for r in readings("happy")), verdict(at)
    assert t("status.bad_frame") not in texts(at)
    # ...where a frame that really cannot be used would be said:
    at.session_state["mirror.live"].on_frame(np.full((480, 640, 3), np.nan, np.float32))
    at.run()
    assert t("status.bad_frame") in texts(at)


def test_five_faces_on_camera_read_the_three_largest_and_say_so(webrtc, with_model):
    at = mirror()
    live: CameraStream = at.session_state["mirror.live"]
    live.on_frame(five_faces())
    at.run()
    assert t("status.more_faces", n=5) in texts(at)
    shown = " ".join(h.value for h in at.get("html") if 'data-testid="fv-readings"' in h.value)
    assert shown.count("<li>") == 3 and t("panel.people", n=3) in shown
    webrtc.feed(astronaut_face_bgr())
    at.run()
    assert t("labels.happy") in verdict(at)
    said = [t(f"status.{k}", n=n) for k in ("several_faces", "more_faces") for n in range(2, 6)]
    assert not any(s in texts(at) for s in said)


def test_a_wrong_model_file_is_refused_and_check_again_finds_the_good_one(
    monkeypatch, tmp_path, webrtc, model_path
):
    dest = tmp_path / "face_landmarker.task"
    _, jpeg = cv2.imencode(".jpg", good())
    dest.write_bytes(jpeg.tobytes())  # a photo saved under the model's name
    monkeypatch.setenv("FACE_VALUE_MODEL", str(dest))
    at = mirror()
    assert not at.exception
    assert t("model.wrong_title") in texts(at)
    assert webrtc.calls == []  # no camera with a wrong model
    dest.write_bytes(model_path.read_bytes())  # someone copies the right file over it
    at.button(key="model.retry").click().run()
    assert not at.exception
    assert t("model.wrong_title") not in texts(at)
    assert webrtc.calls  # the camera is offered
    at.radio(key="mirror.guess").set_value("happy").run()  # and the guess before the word
    webrtc.feed(astronaut_face_bgr())
    at.run()
    assert any(r in verdict(at) for r in readings("happy")), verdict(at)


def test_a_model_path_that_cannot_be_read_says_so(monkeypatch, tmp_path, webrtc):
    folder = tmp_path / "face_landmarker.task"
    folder.mkdir()  # a folder where the file should be
    monkeypatch.setenv("FACE_VALUE_MODEL", str(folder))
    at = mirror()
    assert not at.exception
    assert t("model.unreadable_body") in texts(at)
    assert webrtc.calls == []


def test_a_bug_in_the_pulse_sampler_on_one_frame_is_said_and_the_next_frame_reads(model_path):
    from demos.engine.pulse import PulseMeter

    meter = PulseMeter()
    calls = []

    def sampler_failing_once(bgr, reading, t):
        calls.append(1)
        if len(calls) == 1:
            raise ValueError("a bug in the pulse sampler")
        meter(bgr, reading, t)

    live = CameraStream(model_path, panels.overlay_lines)
    live.set_sampler(sampler_failing_once)
    try:
        frame = good()
        assert live.on_frame(frame) is frame  # the video goes on, unchanged
        assert t("status.bad_frame") in messages(live)
        assert_reads_again(live)
        assert len(meter.samples()) == 1 and meter.samples()[0].rgb is not None
    finally:
        live.stop()
