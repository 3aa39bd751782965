"""After an AppTest walk of every page, nothing image-like is left in the session's memory."""

from __future__ import annotations

import logging

import cv2
import pytest
from streamlit.testing.v1 import AppTest

from demos import _catalog as catalog
from demos.engine.camera_stream import CameraStream
from support.faces import astronaut_face_bgr, letterbox
from support.fake_webrtc import FakeWebRtc

from .apptest import APP, session_values, take_photo
from .privacy import image_like

pytestmark = pytest.mark.model


def walk_every_page(at: AppTest, webrtc: FakeWebRtc) -> list[str]:
    visited = []
    _, jpeg = cv2.imencode(".jpg", letterbox(astronaut_face_bgr()))
    for info in catalog.pages():
        at.switch_page(str(info.file.relative_to(info.file.parents[1]))).run()
        assert not at.exception, info.name
        if info.camera:
            webrtc.feed(astronaut_face_bgr())
            at.run()
        # Wherever a page offers a photo instead, take one too.
        for toggle in [t for t in at.toggle if t.key == f"{info.name}.photo"]:
            toggle.set_value(True).run()
            # The Robustness lab's photo is a built-in portrait: it has no camera to take one.
            for camera_input in at.get("camera_input"):
                camera_input.set_value(("me.jpg", jpeg.tobytes(), "image/jpeg"))
                at.run()
            assert not at.exception
        visited.append("/" + info.url_path)
    return visited


def test_an_apptest_walk_of_every_page_leaves_nothing_image_like(webrtc, model_path, monkeypatch):
    monkeypatch.setenv("FACE_VALUE_MODEL", str(model_path))
    at = AppTest.from_file(APP, default_timeout=60).run()
    visited = walk_every_page(at, webrtc)
    assert visited == ["/" + p.url_path for p in catalog.pages()]
    assert image_like(session_values(at)) == []


def test_the_object_shared_with_the_frame_callback_holds_numbers_only(
    webrtc, model_path, monkeypatch
):
    monkeypatch.setenv("FACE_VALUE_MODEL", str(model_path))
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("demos/mirror.py").run()
    webrtc.feed(astronaut_face_bgr())
    live: CameraStream = at.session_state["mirror.live"]
    snap = live.snapshot()
    assert snap.analysis.verdict.label == "happy"
    assert image_like(snap) == []
    assert image_like(live) == []


def test_the_app_logs_no_measurements_or_pictures(webrtc, model_path, monkeypatch, caplog):
    monkeypatch.setenv("FACE_VALUE_MODEL", str(model_path))
    caplog.set_level(logging.DEBUG)
    at = AppTest.from_file(APP, default_timeout=60).run()
    walk_every_page(at, webrtc)

    def broken_caption(analysis):
        raise ValueError("a bug in the overlay")

    # A failing frame is the one thing the app logs: make it happen, then read the log.
    live = CameraStream(model_path, broken_caption)
    out = live.on_frame(letterbox(astronaut_face_bgr()))
    live.stop()
    assert out.shape == (480, 640, 3)  # the stream goes on
    ours = [r for r in caplog.records if r.name.startswith("demos")]
    assert any("frame analysis failed" in r.getMessage() for r in ours)
    text = "\n".join(logging.Formatter().format(r) for r in ours)
    for word in ("reads as", "happy", "lip_corner", "array(", "0.9", "blendshape"):
        assert word not in text.lower()


def test_forget_this_photo_drops_it_from_memory(webrtc, model_path, monkeypatch):
    monkeypatch.setenv("FACE_VALUE_MODEL", str(model_path))
    webrtc.playing = False
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("demos/mirror.py").run()
    take_photo(at)
    assert image_like(session_values(at)) != []  # while it is on screen, Streamlit holds it
    at.button(key="mirror.photo_forget").click().run()
    assert not at.exception
    assert image_like(session_values(at)) == []
    assert len(at.get("camera_input")) == 0  # and the photo camera stays off
    assert at.toggle(key="mirror.photo").value is False


def test_a_photo_is_dropped_from_the_upload_store_once_read(webrtc, model_path, monkeypatch):
    from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager

    removed = []
    original = MemoryUploadedFileManager.remove_file

    def spy(self, session_id, file_id):
        removed.append(file_id)
        return original(self, session_id, file_id)

    monkeypatch.setattr(MemoryUploadedFileManager, "remove_file", spy)
    monkeypatch.setenv("FACE_VALUE_MODEL", str(model_path))
    webrtc.playing = False
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("demos/mirror.py").run()
    take_photo(at)
    assert not at.exception
    assert len(removed) == 1  # the store no longer holds it; only the page's own copy does
