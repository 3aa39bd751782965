"""Camera failures in Debian's Chromium: each gets kind words on the page, and START works after.

The WebRTC component shows the browser's own error text ("NotAllowedError: Permission
denied") inside its frame; the page must say in plain words what happened and what to do.
"""

from __future__ import annotations

import re

import pytest

from support import faces
from support.live_app import (
    TRACK_SPY,
    chromium_args,
    guess_first,
    open_chromium,
    shoot,
    start_camera,
    verdict_text,
)

pytestmark = [pytest.mark.browser, pytest.mark.model]
FAKE_UI = "--use-fake-ui-for-media-stream"  # says yes to every camera request
FAKE_DEVICE = "--use-fake-device-for-media-stream"


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    folder = tmp_path_factory.mktemp("camera")
    return faces.write_y4m(folder / "astronaut.y4m", faces.astronaut_face_bgr(), frames=10)


@pytest.fixture
def browser(chromium, tmp_path):
    """Open Chromium with chosen arguments (the fake camera's by default)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        contexts = []

        def launch(args: list[str]):
            ctx = open_chromium(
                p, tmp_path / f"profile{len(contexts)}", chromium, args, (1400, 2000)
            )
            contexts.append(ctx)
            return ctx

        yield launch
        for ctx in contexts:
            ctx.close()


def kind_words(page, text: str, timeout_ms: int = 15_000):
    """The page's own message (not inside the component's frame), once it shows."""
    message = page.get_by_text(text)
    message.first.wait_for(timeout=timeout_ms)
    assert "Traceback" not in page.inner_text("body")
    return message


def test_a_camera_lost_mid_session_is_said_and_stop_start_brings_it_back(browser, app_url, clip):
    from playwright.sync_api import expect

    ctx = browser(chromium_args(clip))
    ctx.add_init_script(TRACK_SPY)
    page = ctx.new_page()
    page.goto(f"{app_url}/mirror")
    guess_first(page, "HAPPY", among="SURPRISED")  # the word waits for a guess
    start_camera(page)
    assert "HAPPY" in verdict_text(page)
    # The camera goes away (unplugged, or another program took it): its track ends.
    page.evaluate("window.__fvTracks.forEach(t => t.stop())")
    lost = kind_words(page, "The camera stopped sending pictures. Press STOP, then START")
    shoot(page, "failure-camera-lost")
    frame = page.frame_locator('iframe[title*="webrtc"]')
    frame.get_by_role("button", name=re.compile("STOP")).click()
    expect(lost).to_have_count(0)
    start_camera(page)
    assert "HAPPY" in verdict_text(page)
    page.wait_for_timeout(1500)  # longer than the page's re-check: the message stays away
    expect(lost).to_have_count(0)


def test_a_camera_permission_denied_is_said_kindly_and_start_works_once_allowed(
    browser, app_url, clip
):
    from playwright.sync_api import expect

    # Without the "say yes" flag, headless Chromium refuses the camera: NotAllowedError.
    ctx = browser([a for a in chromium_args(clip) if a != FAKE_UI])
    page = ctx.new_page()
    page.goto(f"{app_url}/mirror")
    guess_first(page, "HAPPY", among="SURPRISED")  # the word waits for a guess
    start_camera(page)
    denied = kind_words(page, "The camera was not allowed, so nothing was filmed")
    frame = page.frame_locator('iframe[title*="webrtc"]')
    expect(frame.get_by_text("NotAllowedError")).to_be_visible()  # the component's own words
    page.get_by_text("Camera not working? Take a photo instead").wait_for()
    shoot(page, "failure-permission-denied")
    ctx.grant_permissions(["camera"], origin=app_url)  # the learner allows the camera
    start_camera(page)
    assert "HAPPY" in verdict_text(page)
    expect(denied).to_have_count(0)
    frame.get_by_role("button", name=re.compile("STOP")).click()
    page.get_by_text("Press START to turn on your camera").first.wait_for()
    expect(denied).to_have_count(0)  # forgotten, not just hidden while the camera plays


def test_no_camera_at_all_is_said_kindly(browser, app_url):
    from playwright.sync_api import expect

    # Chromium's fake capture with no devices: the same on every machine, webcam or not.
    args = [a for a in chromium_args(None) if a != FAKE_DEVICE]
    ctx = browser([*args, f"{FAKE_DEVICE}=device-count=0"])
    page = ctx.new_page()
    page.goto(f"{app_url}/mirror")
    start_camera(page)
    kind_words(page, "No camera was found on this computer")
    frame = page.frame_locator('iframe[title*="webrtc"]')
    expect(frame.get_by_text("NotFoundError")).to_be_visible()
    page.get_by_text("Camera not working? Take a photo instead").wait_for()
    shoot(page, "failure-no-camera")
