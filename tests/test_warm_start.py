"""The server loads MediaPipe and the face model, and runs its first page once, as it starts."""

from __future__ import annotations

import time
import urllib.error
import urllib.request

import pytest

from demos import serve
from support.live_app import engine_events, engine_log_env, free_port, streamlit_server

# Streamlit serves a component's files only once a script run has declared it.
CAMERA_COMPONENT = "/component/streamlit_webrtc.component.webrtc_streamer/index.html"

pytestmark = pytest.mark.model


def test_the_server_makes_and_closes_a_face_engine_before_any_visitor(model_path, tmp_path):
    env, log = engine_log_env(tmp_path / "site")
    env["FACE_VALUE_MODEL"] = str(model_path)
    with streamlit_server(env, tmp_path / "streamlit.log"):
        deadline = time.monotonic() + 60
        while [e for _, e in engine_events(log)] != ["open", "closed"]:
            assert time.monotonic() < deadline, engine_events(log)
            time.sleep(0.2)
    assert "warming up" not in (tmp_path / "streamlit.log").read_text()


def test_a_missing_model_does_not_stop_the_server_starting(tmp_path):
    env, log = engine_log_env(tmp_path / "site")
    env["FACE_VALUE_MODEL"] = str(tmp_path / "no-such-model.task")
    with streamlit_server(env, tmp_path / "streamlit.log") as server:
        time.sleep(3)
        assert server.url
    assert engine_events(log) == []


def served(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def test_the_camera_component_is_served_before_any_visitor(model_path, tmp_path):
    env = {"FACE_VALUE_MODEL": str(model_path)}
    with streamlit_server(env, tmp_path / "streamlit.log") as server:
        deadline = time.monotonic() + 60
        while (status := served(server.url + CAMERA_COMPONENT)) != 200:
            assert status == 404 and time.monotonic() < deadline, status
            time.sleep(0.2)
    assert "warm-up visit" not in (tmp_path / "streamlit.log").read_text()


def test_a_warm_up_visit_with_no_server_gives_up_without_raising():
    assert serve.first_visit(free_port(), "mirror", timeout=1.0) is False
