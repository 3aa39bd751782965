"""Every way of leaving gives the face engine back: closing the tab, reloading, leaving the page.

The real server logs each live face engine it makes and closes (support/live_app.py,
engine_log_env: times and counts only). A visitor who closes the tab runs no page again, so
the server can only notice that the browser stopped answering the WebRTC connection (two
missed checks, about 10 s here; demos/ui/camera.py) and close the engine then.
"""

from __future__ import annotations

import time

import pytest

from support import faces
from support.live_app import (
    MEDIAPIPE_THREAD,
    chromium_args,
    engine_log_env,
    guess_first,
    open_chromium,
    open_engines,
    server_threads,
    start_camera,
    streamlit_server,
    verdict_text,
)

pytestmark = [pytest.mark.browser, pytest.mark.model]
# aioice checks every 4-6 s; two misses, then the connection and the engine close.
RELEASED_WITHIN = 40.0


@pytest.fixture(scope="module")
def server(model_path, tmp_path_factory):
    folder = tmp_path_factory.mktemp("server")
    env, log = engine_log_env(folder / "site")
    env["FACE_VALUE_MODEL"] = str(model_path)
    with streamlit_server(env, folder / "streamlit.log") as running:
        yield running, log


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    return faces.write_y4m(tmp_path_factory.mktemp("camera") / "a.y4m", faces.astronaut_face_bgr())


def wait_for(condition, seconds: float) -> float:
    """Seconds until condition() held; fails after `seconds`."""
    t0 = time.monotonic()
    while not condition():
        assert time.monotonic() - t0 < seconds, "not within the time"
        time.sleep(0.5)
    return time.monotonic() - t0


def visitor_with_a_verdict(playwright, chromium, profile, clip, url):
    ctx = open_chromium(playwright, profile, chromium, chromium_args(clip))
    page = ctx.new_page()
    page.goto(f"{url}/mirror")
    guess_first(page, "HAPPY", among="SURPRISED")
    start_camera(page)
    verdict_text(page, timeout_ms=30_000)
    return ctx, page


def test_closing_the_tab_with_the_camera_on_closes_the_engine_and_its_threads(
    server, clip, chromium, tmp_path
):
    from playwright.sync_api import sync_playwright

    running, log = server
    wait_for(lambda: open_engines(log) == 0, RELEASED_WITHIN)  # an earlier test's visitor
    before = server_threads(running.pid)  # printed, for the record
    graph_before = server_threads(running.pid, named=MEDIAPIPE_THREAD)
    with sync_playwright() as p:
        ctx, _ = visitor_with_a_verdict(p, chromium, tmp_path / "profile", clip, running.url)
        assert open_engines(log) == 1
        during = server_threads(running.pid)
        graph = server_threads(running.pid, named=MEDIAPIPE_THREAD) - graph_before
        assert graph >= 1  # this visitor's engine runs MediaPipe's graph threads
        ctx.close()  # no STOP: the tab (and the browser) just go
    wait_for(lambda: open_engines(log) == 0, RELEASED_WITHIN)

    # This visitor's own threads go too: MediaPipe's graph threads (named by MediaPipe), and at
    # least three Python ones (the frame reader, WebRTC's video decoder, streamlit-webrtc's
    # shutdown poll). The server's pools (Streamlit's, AnyIO's) grow and shrink with requests, so
    # the total is only held to those (measured: 6 to 10 fewer; 12 once, with more pool threads).
    def released() -> bool:
        graph_now = server_threads(running.pid, named=MEDIAPIPE_THREAD)
        return graph_now == graph_before and server_threads(running.pid) <= during - graph - 3

    try:
        wait_for(released, 15)
    finally:
        print(
            f"threads: {before} before, {during} during ({graph} MediaPipe's), "
            f"{server_threads(running.pid)} after"
        )


def test_reloading_the_page_with_the_camera_on_closes_the_old_engine(
    server, clip, chromium, tmp_path
):
    from playwright.sync_api import sync_playwright

    running, log = server
    wait_for(lambda: open_engines(log) == 0, RELEASED_WITHIN)
    with sync_playwright() as p:
        ctx, page = visitor_with_a_verdict(p, chromium, tmp_path / "profile", clip, running.url)
        assert open_engines(log) == 1
        page.reload()  # a new session; the old one never runs again
        page.get_by_role("radiogroup").first.wait_for()
        wait_for(lambda: open_engines(log) == 0, RELEASED_WITHIN)
        ctx.close()


def test_leaving_for_another_page_closes_the_engine_at_once(server, clip, chromium, tmp_path):
    from playwright.sync_api import sync_playwright

    running, log = server
    wait_for(lambda: open_engines(log) == 0, RELEASED_WITHIN)
    with sync_playwright() as p:
        ctx, page = visitor_with_a_verdict(p, chromium, tmp_path / "profile", clip, running.url)
        page.get_by_role("link", name="Fake it").first.click()
        seconds = wait_for(lambda: open_engines(log) == 0, RELEASED_WITHIN)
        ctx.close()
    assert seconds < 10  # the page run sees it: no WebRTC time-out needed
