"""The promises hold against a curious student with DevTools and against other web pages:
a photo that is a decompression bomb, a foreign Origin or Host, a crafted `?lang=` or `?mode=`,
and a model file that changes while it is installed. docs/failures.md lists each case."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from demos import kiosk, serve
from demos.engine import model_file
from demos.engine.classify import classify
from demos.engine.frames import MAX_WIDTH, FrameProblem, decode_photo, photo_size
from demos.ui import content, panels
from demos.ui.content import t
from support.faces import big_png, bomb_jpeg
from support.live_app import streamlit_server, ws_handshake

from .apptest import APP, open_app, start_visit, texts, verdict
from .conftest import ROOT


def run_python(code: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run code in a fresh interpreter in the project folder, where Streamlit finds its config."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


# -- 1. photos: the header is read before a pixel is decoded ------------------------------------


def test_a_629_byte_photo_claiming_30000_by_30000_pixels_is_refused_from_its_header():
    bomb = bomb_jpeg()
    assert len(bomb) < 1000
    assert photo_size(bomb) == FrameProblem("too_large")  # PIL's own bomb check, answered by us
    assert decode_photo(bomb) == FrameProblem("too_large")


def test_a_real_png_over_the_limit_is_refused_before_decoding():
    png = big_png(5000)
    assert photo_size(png) == (5000, 5000)
    assert decode_photo(png) == FrameProblem("too_large")


def test_an_allowed_large_photo_is_shrunk_before_it_is_drawn_or_shown():
    photo = decode_photo(big_png(3000))
    assert isinstance(photo, np.ndarray)
    assert photo.shape == (MAX_WIDTH, MAX_WIDTH, 3)


def test_bytes_that_are_no_photo_are_refused():
    assert decode_photo(b"") == FrameProblem("empty")
    assert decode_photo(b"\xff\xd8 not really a jpeg") == FrameProblem("not_an_image")
    assert decode_photo(b"x" * (6 * 1024 * 1024)) == FrameProblem("too_large")


def test_a_tiny_photo_gets_the_photo_message_not_the_cameras(webrtc, with_model):
    import cv2

    assert decode_photo(big_png(20)) == FrameProblem("too_small")
    _, tiny = cv2.imencode(".jpg", np.full((1, 1, 3), 99, np.uint8))
    webrtc.playing = False
    at = open_app("demos/mirror.py")
    at.toggle(key="mirror.photo").set_value(True).run()
    at.get("camera_input")[0].set_value(("me.jpg", tiny.tobytes(), "image/jpeg")).run()
    assert not at.exception
    shown = texts(at)
    assert t("mirror.photo_unreadable") in shown
    assert t("status.bad_frame") not in shown  # "waiting for the next one" fits a camera only


def test_under_the_launcher_opencv_refuses_huge_images_itself():
    # The backstop behind the header check: OpenCV's own limit, read once when cv2 loads.
    code = """
        import os, sys
        from demos import serve
        serve.limit_decoder()
        import cv2, numpy as np
        from support.faces import big_png
        try:
            cv2.imdecode(np.frombuffer(big_png(5000), np.uint8), cv2.IMREAD_COLOR)
        except cv2.error:
            sys.exit(0)
        sys.exit(3)
    """
    run = run_python(code)
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_bomb_in_take_a_photo_gets_the_kind_message(webrtc, with_model):
    webrtc.playing = False
    at = open_app("demos/mirror.py")
    at.toggle(key="mirror.photo").set_value(True).run()
    at.get("camera_input")[0].set_value(("me.jpg", bomb_jpeg(), "image/jpeg")).run()
    assert not at.exception
    assert t("mirror.photo_unreadable") in texts(at)
    assert len(at.get("imgs")) == 0  # nothing was drawn from it


# -- 2. a foreign Origin makes the server reach nobody ------------------------------------------

# Records every outside address a socket call names, and blocks it, so the test never needs
# (or uses) a network. Loopback and this machine's own names stay allowed.
_ORIGIN_CHECK = """
    import json, sys
    outside = []
    def guard(event, args):
        if event in ("socket.connect", "socket.sendto", "socket.getaddrinfo"):
            where = args[1] if event != "socket.getaddrinfo" else args[0]
            host = str(where[0] if isinstance(where, tuple) else where)
            if host not in ("127.0.0.1", "::1", "localhost"):
                outside.append(f"{event} {host}")
                raise OSError("blocked by the test")
    sys.addaudithook(guard)
    if KEEP_LOCAL:
        from demos import serve
        serve.keep_local()
    from streamlit import config
    from streamlit.web.server import server_util
    config.get_config_options(force_reparse=True)
    allowed = server_util.is_url_from_allowed_origins("http://evil.example")
    print(json.dumps({"allowed": allowed, "outside": outside}))
"""


def _origin_check(keep_local: bool) -> dict:
    run = run_python(_ORIGIN_CHECK.replace("KEEP_LOCAL", str(keep_local)))
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_streamlit_alone_asks_outside_servers_about_a_foreign_origin():
    # Why the launcher exists; if a Streamlit release stops doing this, this test says so.
    found = _origin_check(keep_local=False)
    assert found["allowed"] is False
    assert any("8.8.8.8" in a or "checkip" in a for a in found["outside"]), found


def test_under_the_launcher_a_foreign_origin_is_refused_without_any_lookup():
    found = _origin_check(keep_local=True)
    assert found == {"allowed": False, "outside": []}


# -- 3. the live configuration ------------------------------------------------------------------


def test_the_running_configuration_refuses_other_hosts_error_links_and_the_agent_api():
    # Streamlit's own parser, from the project folder, as the server reads it (not the file).
    code = """
        import json
        from streamlit import config
        from streamlit.runtime import app_session
        config.get_config_options(force_reparse=True)
        print(json.dumps({
            "hosts": config.get_option("server.allowedHosts"),
            "agent": config.get_option("server.enableAgentApi"),
            "cors": config.get_option("server.enableCORS"),
            "upload_mb": config.get_option("server.maxUploadSize"),
            "links": int(app_session._get_show_error_links()),
            "links_off": int(app_session.Config.ShowErrorLinks.SHOW_ERROR_LINKS_FALSE),
        }))
    """
    run = run_python(code)
    assert run.returncode == 0, run.stderr
    live = json.loads(run.stdout.strip().splitlines()[-1])
    assert sorted(live["hosts"]) == ["127.0.0.1", "localhost"]
    assert live["agent"] is False
    assert live["cors"] is True  # CORS stays on: the origin check is what refuses other pages
    assert live["links"] == live["links_off"]
    assert 1 <= live["upload_mb"] <= 5


def test_the_server_refuses_a_foreign_host_and_a_foreign_origin(tmp_path):
    with streamlit_server({}, tmp_path / "server.log") as server:
        port = server.url.rsplit(":", 1)[1]
        assert ws_handshake(server.url) == 101
        assert ws_handshake(server.url, host=f"localhost:{port}") == 101
        # DNS rebinding: a page whose name now points at 127.0.0.1 sends its own name.
        evil = f"evil.example:{port}"
        assert ws_handshake(server.url, host=evil, origin=f"http://{evil}") == 403
        assert ws_handshake(server.url, origin="http://evil.example") == 403
        import urllib.request

        with urllib.request.urlopen(f"{server.url}/_stcore/agent/openapi.json") as r:
            assert "switched off" in r.read().decode()


# -- 4. languages: only the installed names, never a path ---------------------------------------


@pytest.mark.parametrize(
    "asked",
    ["./es", "../content/es", str(ROOT / "content" / "es"), "es/", "e" * 300, "es\0", "</script>"],
)
def test_a_crafted_language_is_not_a_language(asked):
    assert content.supported_locale(asked) is None


def test_the_installed_languages_are_known_by_their_exact_names():
    assert content.supported_locale("es") == "es"
    assert content.supported_locale(" ES ") == "es"
    assert set(content.locales()) >= {"en", "es"}


@pytest.mark.parametrize("asked", ["../content/es", "x" * 300])
def test_a_crafted_lang_in_the_address_falls_back_to_the_default_quietly(asked):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = asked
    at.run()
    assert not at.exception
    assert at.session_state[content.LANG_KEY] == content.DEFAULT_LOCALE


def test_a_long_installation_language_falls_back_on_every_page(monkeypatch):
    monkeypatch.setenv("FACE_VALUE_LANG", "x" * 300)
    assert content.installation_locale() == content.DEFAULT_LOCALE
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception


def test_many_spellings_of_a_language_add_nothing_to_any_cache():
    # As the shell does it: whatever was asked, only a known name is ever loaded.
    for n in range(500):
        for spelling in (f"./{'./' * n}es", f"{'../content/' * (n % 3)}es", "eS" if n else "Es"):
            content.strings(content.supported_locale(spelling) or content.DEFAULT_LOCALE)
    assert content.strings.cache_info().currsize <= len(content.locales())


# -- 5. installing the model --------------------------------------------------------------------


@pytest.mark.model
def test_a_source_that_changes_after_its_check_is_not_installed(model_path, tmp_path, monkeypatch):
    source = tmp_path / "usb" / model_file.MODEL_FILENAME
    source.parent.mkdir()
    source.write_bytes(model_path.read_bytes())
    dest = tmp_path / "cache" / model_file.MODEL_FILENAME
    model_file.install_from(source, dest)
    good = dest.read_bytes()
    real_check = model_file.check

    def check_then_swap(path=None):
        status = real_check(path)
        swapped = bytearray(source.read_bytes())
        swapped[1000] ^= 0xFF  # same size, other content: changed between check and copy
        source.write_bytes(bytes(swapped))
        return status

    monkeypatch.setattr(model_file, "check", check_then_swap)
    with pytest.raises(model_file.DownloadError) as err:
        model_file.install_from(source, dest)
    assert err.value.reason == "checksum"
    assert dest.read_bytes() == good  # the good model stays
    assert sorted(p.name for p in dest.parent.iterdir()) == [model_file.MODEL_FILENAME]


@pytest.mark.model
def test_an_installed_model_is_readable_by_everyone(model_path, tmp_path):
    dest = model_file.install_from(model_path, tmp_path / model_file.MODEL_FILENAME)
    assert stat.S_IMODE(dest.stat().st_mode) == 0o644


@pytest.mark.model
def test_an_unwritable_cache_gives_a_plain_message_and_status_1(model_path, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    run = subprocess.run(
        [sys.executable, "-m", "demos.engine.model_file", "install", str(model_path)],
        cwd=ROOT,
        env={**os.environ, "XDG_CACHE_HOME": str(blocker)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 1
    assert run.stdout.startswith("failed: write")
    assert "Traceback" not in run.stdout + run.stderr


def test_the_download_into_an_unwritable_folder_says_so_in_the_app(monkeypatch, tmp_path, webrtc):
    # Root may write anywhere but in /proc: a folder there cannot be made, even by root.
    monkeypatch.setenv("FACE_VALUE_MODEL", f"/proc/face-value-test/{model_file.MODEL_FILENAME}")
    at = open_app("demos/mirror.py")
    [download] = [b for b in at.button if b.label == t("model.download")]
    download.click().run()
    assert not at.exception
    shown = [e.value for e in at.error]
    assert any(s.startswith(t("model.error_write", detail="")[:30]) for s in shown), shown


# -- 6. the kiosk stays a kiosk -----------------------------------------------------------------


def test_a_kiosk_installation_ignores_mode_in_the_address(monkeypatch):
    monkeypatch.setenv("FACE_VALUE_MODE", "kiosk")
    for asked in ("self", "classroom"):
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params["mode"] = asked
        at.run()
        assert not at.exception
        assert at.session_state["shell.mode"] == "kiosk"
        assert at.session_state["shell.page"] == "kiosk"
        assert t("privacy.link") not in [p.proto.label for p in at.get("page_link")]


def test_the_kiosk_drawn_face_and_its_choice_agree_from_the_first_frame(fake_clock):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["mode"] = "kiosk"
    at.run()
    start_visit(at)
    [drawn] = [b for b in at.button if b.label == t("kiosk.without_camera")]
    drawn.click().run()
    [choice] = [r for r in at.radio if r.label == t("kiosk.drawn_pick")]
    # The verdict on screen is the one for the face the choice names (before any touch).
    expected = panels.verdict_text(classify(kiosk._ATTRACT[choice.value]))
    assert expected in verdict(at)


def test_the_launcher_runs_the_app_from_its_own_folder():
    assert (serve.ROOT / "app.py").is_file()
    assert (serve.ROOT / ".streamlit" / "config.toml").is_file()


# -- 1 again, on the real server: a bomb swapped into the photo upload, as DevTools would ------


def _server_mb(pid: int) -> tuple[int, int]:
    """The server's resident memory now and at its peak, in MB (from /proc)."""
    with open(f"/proc/{pid}/status") as status:
        fields = dict(line.split(":", 1) for line in status.read().splitlines())
    return int(fields["VmRSS"].split()[0]) // 1024, int(fields["VmHWM"].split()[0]) // 1024


def _swap_photo_for(bomb: bytes, swapped: list[int]):
    """A route handler that replaces the camera's JPEG inside the multipart upload."""

    def swap(route) -> None:
        body = route.request.post_data_buffer
        start, end = body.find(b"\xff\xd8\xff"), body.rfind(b"\xff\xd9") + 2
        swapped.append(end - start)
        route.continue_(post_data=body[:start] + bomb + body[end:])

    return swap


@pytest.mark.browser
@pytest.mark.model
def test_a_bomb_swapped_into_the_real_upload_is_refused_and_memory_stays_low(
    model_path, chromium, tmp_path
):
    import re

    from playwright.sync_api import sync_playwright

    from support.faces import astronaut_face_bgr, write_y4m
    from support.live_app import chromium_args, open_chromium

    clip = write_y4m(tmp_path / "camera.y4m", astronaut_face_bgr(), frames=10)
    bombs = {"629-byte JPEG": bomb_jpeg(), "10000 x 10000 PNG": big_png(10_000)}
    env = {"FACE_VALUE_MODEL": str(model_path)}
    with streamlit_server(env, tmp_path / "server.log") as server, sync_playwright() as p:
        ctx = open_chromium(p, tmp_path / "profile", chromium, chromium_args(clip))
        page = ctx.new_page()
        before = None
        for name, bomb in bombs.items():
            page.goto(f"{server.url}/mirror")  # a new visitor each time
            toggle = page.get_by_text(t("mirror.photo_title")).first
            toggle.wait_for(timeout=30_000)
            before = before or _server_mb(server.pid)[0]
            toggle.click()
            swapped: list[int] = []
            page.route("**/_stcore/upload_file/**", _swap_photo_for(bomb, swapped))
            # "Take Photo" pressed before the camera shows a picture uploads nothing: wait for it.
            page.wait_for_function(
                "[...document.querySelectorAll('video')].some(v => v.readyState >= 2)",
                timeout=30_000,
            )
            with page.expect_request("**/_stcore/upload_file/**", timeout=30_000):
                page.get_by_role("button", name=re.compile("Take Photo", re.I)).click()
            page.get_by_text(t("mirror.photo_unreadable")).first.wait_for(timeout=60_000)
            page.unroute("**/_stcore/upload_file/**")
            assert swapped, f"{name}: the upload was not intercepted"
            now, peak = _server_mb(server.pid)
            print(f"{name}: server RSS {before} MB before, {now} MB after, peak {peak} MB")
            assert peak < 600, name
            assert page.get_by_text("Traceback").count() == 0
        ctx.close()
