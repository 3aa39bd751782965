"""Shared fixtures. With CI=true nothing here may skip: a missing model or browser fails."""

from __future__ import annotations

import os
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from demos.engine import model_file
from support import faces

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that takes the face model (directly or through another fixture) is a model
    test: `-m "not model"` deselects it instead of letting it skip."""
    for item in items:
        if {"model_path", "with_model"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.model)


def need(ok: bool, what: str) -> None:
    """Skip when a real part is missing on a developer machine; fail in CI (CI=true)."""
    if ok:
        return
    if IN_CI:
        pytest.fail(f"{what} (CI=true: this test must run, not skip)")
    pytest.skip(f"{what}; see README 'Running the tests' (in CI this fails instead)")


@pytest.fixture(scope="session")
def model_path() -> Path:
    """The real face model, provisioned as the README says (env var or user cache)."""
    status = model_file.check()
    need(status.ready, f"face model not ready at {status.path} ({status.state.value})")
    return status.path


@pytest.fixture(scope="session")
def chromium() -> str:
    need(Path(CHROMIUM).exists(), "Debian's chromium is not installed")
    return CHROMIUM


@pytest.fixture(scope="session")
def astronaut():
    return faces.astronaut_bgr()


@pytest.fixture(scope="session")
def grace():
    return faces.grace_hopper_bgr()


@pytest.fixture
def model_server(model_path):
    """A local server with the real model at /good, a damaged copy at /corrupt, 404 elsewhere."""
    good = model_path.read_bytes()
    corrupt = bytearray(good)
    corrupt[len(corrupt) // 2] ^= 0xFF
    files = {"/good": good, "/corrupt": bytes(corrupt), "/short": good[:1000], "/cut": good}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = files.get(self.path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.path == "/cut":  # the connection drops half way through
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                self.connection.close()
                return
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


class Clock:
    """A clock the test moves by hand (demos.ui.clock.now), so nothing sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def fake_clock(monkeypatch):
    from demos.ui import clock

    c = Clock()
    monkeypatch.setattr(clock, "now", c)
    return c


@pytest.fixture
def webrtc(monkeypatch):
    """The WebRTC component replaced by a FakeWebRtc (it cannot render inside AppTest)."""
    import streamlit_webrtc

    from support.fake_webrtc import FakeWebRtc

    fake = FakeWebRtc()
    monkeypatch.setattr(streamlit_webrtc, "webrtc_streamer", fake)
    return fake


@pytest.fixture(scope="module")
def app_url(model_path, tmp_path_factory):
    """The real app (python -m demos.serve) on a free loopback port, one per test module."""
    from support.live_app import streamlit_server

    log = tmp_path_factory.mktemp("server") / "streamlit.log"
    with streamlit_server({"FACE_VALUE_MODEL": str(model_path)}, log) as server:
        yield server.url


@pytest.fixture
def with_model(monkeypatch, model_path):
    monkeypatch.setenv("FACE_VALUE_MODEL", str(model_path))
    return model_path
