"""The server loads MediaPipe and the face model as it starts, before any page is opened."""

from __future__ import annotations

import time

import pytest

from support.live_app import engine_events, engine_log_env, streamlit_server

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
