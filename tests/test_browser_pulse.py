"""The pulse lab in Debian's Chromium: a fake camera clip with a known pulse goes through real
WebRTC (so through the browser's VP8 compression) and the page reads it."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from demos.engine import pulse_clip
from demos.engine.pulse_clip import PulseClip
from demos.ui.content import t, using
from support.live_app import chromium_args, hosts, open_chromium, shoot, start_camera

pytestmark = [pytest.mark.browser, pytest.mark.model]
# The clip loops in Chromium: 10 s hold exactly 12 beats at 72 a minute, and the beat does not
# drift, so the loop has no seam. Its pulse is 0.3 of one grey level, as a real face's.
CLIP = PulseClip(
    bpm=72.0,
    amplitude=0.3,
    seconds=10.0,
    width=320,
    height=240,
    size=200,
    jitter=0.0,
    drop=0.0,
    variability=0.0,
    seed=3,
)


def write_clip(path: Path, clip: PulseClip) -> Path:
    """The clip as YUV4MPEG2 4:2:0, the format Chromium's fake camera plays (and loops)."""
    import cv2

    w, h = clip.frame_size
    with open(path, "wb") as out:
        out.write(f"YUV4MPEG2 W{w} H{h} F{round(clip.fps)}:1 Ip A1:1 C420jpeg\n".encode())
        for _, bgr in pulse_clip.frames(clip):
            out.write(b"FRAME\n")
            out.write(cv2.cvtColor(bgr, cv2.COLOR_BGR2YUV_I420).tobytes())
    return path


@pytest.fixture(scope="module")
def beating(tmp_path_factory) -> Path:
    return write_clip(tmp_path_factory.mktemp("pulse") / "pulse.y4m", CLIP)


@pytest.fixture
def chromium_with(chromium, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        opened = []

        def launch(y4m: Path | None):
            ctx = open_chromium(p, tmp_path / f"p{len(opened)}", chromium, chromium_args(y4m))
            ctx.requests = []
            ctx.on("request", lambda r: ctx.requests.append(r.url))
            opened.append(ctx)
            return ctx

        yield launch
        for ctx in opened:
            ctx.close()


def test_a_known_pulse_through_webrtc_is_read_within_5_bpm_within_30_s(
    chromium_with, app_url, beating
):
    ctx = chromium_with(beating)
    page = ctx.new_page()
    page.goto(f"{app_url}/pulse")
    start_camera(page)
    started = time.monotonic()
    reading = page.locator('[data-testid="fv-pulse"]')
    seen: list[str] = []
    found = None
    while time.monotonic() - started < 30.0:
        page.wait_for_timeout(500)
        if reading.count():
            text = reading.first.inner_text()
            seen.append(f"{time.monotonic() - started:4.1f}s {text}")
            number = re.search(r"(\d+) beats a minute", text)
            if number and abs(float(number.group(1)) - CLIP.bpm) <= 5.0:
                found = float(number.group(1))
                break
    shoot(page, "pulse-camera-en")
    assert found is not None, "\n".join(seen[-12:])
    print(f"\nread {found:.0f} bpm (clip {CLIP.bpm:.0f}) {seen[-1].split('s ')[0]} s after START")
    assert hosts(ctx.requests) <= {"127.0.0.1", "localhost"}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_page_with_the_built_in_clip_in_both_languages(chromium_with, app_url, lang):
    ctx = chromium_with(None)
    page = ctx.new_page()
    page.goto(f"{app_url}/pulse?lang={lang}")
    with using(lang):
        clip_label = t("pulse.source_clip")
        pulse_label = t("pulse.reading_number", bpm="")
    page.get_by_text(clip_label).click()
    reading = page.locator('[data-testid="fv-pulse"]', has_text=pulse_label.strip())
    reading.first.wait_for(timeout=30_000)
    page.wait_for_timeout(1000)
    shoot(page, f"pulse-clip-{lang}")
