"""Finding, checking and downloading the model file, against a real server on 127.0.0.1."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from demos.engine import model_file


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
