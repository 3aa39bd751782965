"""When a connection's video ends by itself (a closed tab, a reload, a computer asleep), the
engine closes; a newer connection of the same visitor still reads."""

from __future__ import annotations

import threading

import pytest

from demos.engine.camera_stream import CameraStream
from demos.ui import camera
from support.faces import astronaut_face_bgr, letterbox

pytestmark = pytest.mark.model


def caption(analysis):
    return []


def wait_closed() -> None:
    for t in threading.enumerate():
        if t.name == "fv-camera-ended":
            t.join(10)


def test_the_ended_video_closes_the_engine_and_forgets_the_reading(model_path):
    live = CameraStream(model_path, caption)
    face = letterbox(astronaut_face_bgr())
    live.on_frame(face)
    assert live._engine is not None and live.snapshot().analysis is not None
    camera._release_when_ended(live)()  # what streamlit-webrtc calls when the video ends
    wait_closed()
    assert live._engine is None
    assert live.snapshot().analysis is None and live.snapshot().frames == 0


def test_a_newer_connection_still_reads_after_an_older_one_ended(model_path):
    live = CameraStream(model_path, caption)
    face = letterbox(astronaut_face_bgr())
    live.on_frame(face)
    camera._release_when_ended(live)()  # the old connection's end arrives late
    wait_closed()
    live.on_frame(face)  # the new connection's frames: a new engine reads them
    assert live.snapshot().analysis is not None and live.snapshot().analysis.has_verdict
    live.stop()


def test_after_stop_an_ended_video_does_not_open_the_stream_again(model_path):
    live = CameraStream(model_path, caption)
    live.on_frame(letterbox(astronaut_face_bgr()))
    live.stop()  # the page saw STOP
    camera._release_when_ended(live)()
    wait_closed()
    live.on_frame(letterbox(astronaut_face_bgr()))  # a frame still queued: passes unread
    assert live._engine is None and live.snapshot().frames == 0


def test_a_browser_that_stops_answering_is_given_up_after_two_missed_checks():
    import aioice.ice

    camera._notice_a_closed_tab_sooner()
    assert aioice.ice.CONSENT_FAILURES == camera.CONSENT_FAILURES == 2
