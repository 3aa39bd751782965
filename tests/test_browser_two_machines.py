"""Two machines, one face in the real app and Debian's Chromium with a fake camera: both
verdicts and the agreement count as page text, the drawn face, the Mirror's line, both languages."""

from __future__ import annotations

import re

import pytest

from demos.ui import content
from support import faces
from support.live_app import (
    chromium_args,
    guess_first,
    hosts,
    open_chromium,
    shoot,
)

pytestmark = [pytest.mark.browser, pytest.mark.model]
LOOPBACK = {"127.0.0.1", "localhost"}


@pytest.fixture(scope="module")
def smile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("camera")
    return faces.write_y4m(folder / "astronaut.y4m", faces.astronaut_face_bgr())


@pytest.fixture
def tab(chromium, tmp_path, smile):
    """A Chromium tab whose fake camera plays the astronaut; every request it makes is kept."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        ctx = open_chromium(p, tmp_path / "profile", chromium, chromium_args(smile), (1400, 2200))
        ctx.requests = []
        ctx.on("request", lambda r: ctx.requests.append(r.url))
        page = ctx.new_page()
        yield page
        assert hosts(ctx.requests) <= LOOPBACK, hosts(ctx.requests)
        ctx.close()


def start_camera(page, loc: str) -> None:
    """Press the camera component's START, whose words are in the page's language."""
    with content.using(loc):
        start = content.t("mirror.start")
    frame = page.frame_locator('iframe[title*="webrtc"]')
    frame.get_by_role("button", name=re.compile(re.escape(start))).click()


def machine(page, name: str, has_text: str, timeout_ms: int = 20_000) -> str:
    """Wait until one machine's verdict shows `has_text` as page text, and return it."""
    locator = page.locator(f'[data-testid="fv-verdict-{name}"]', has_text=has_text).first
    locator.wait_for(timeout=timeout_ms)
    return locator.inner_text()


@pytest.mark.parametrize("loc", ["en", "es"])
def test_both_machines_read_the_astronaut_on_camera_and_count_their_agreement(tab, app_url, loc):
    with content.using(loc):
        happy = content.t("labels.happy")
        agree = content.t("two_machines.agree", seconds=10, agreed="X", total="Y", share="Z")
        recipes_name = content.t("two_machines.name_recipes")
    tab.goto(f"{app_url}/two-machines?lang={loc}")
    tab.get_by_text(recipes_name).first.wait_for(timeout=30_000)
    start_camera(tab, loc)
    assert happy in machine(tab, "recipes", happy)
    assert happy in machine(tab, "learned", happy)
    words = agree.split("X")[0].strip()  # "In the last 10 seconds they gave the same word in"
    tab.get_by_text(re.compile(re.escape(words) + r" \d+")).first.wait_for(timeout=10_000)
    tab.wait_for_timeout(1500)
    shoot(tab, f"two-machines-camera-{loc}")


@pytest.mark.parametrize("loc", ["en", "es"])
def test_the_drawn_face_is_read_by_both_machines(tab, app_url, loc):
    with content.using(loc):
        drawn = content.t("two_machines.source_drawn")
        reads = content.t("mirror.verdict", label="", percent="").split(" ")[0]
    tab.goto(f"{app_url}/two-machines?lang={loc}")
    tab.get_by_role("radiogroup").filter(has_text=drawn).locator("label").filter(
        has_text=drawn
    ).click()
    assert machine(tab, "recipes", reads)
    assert machine(tab, "learned", reads)
    tab.wait_for_timeout(1000)
    shoot(tab, f"two-machines-drawn-{loc}")


@pytest.mark.parametrize("loc", ["en", "es"])
def test_the_mirror_says_what_the_second_machine_reads(tab, app_url, loc):
    with content.using(loc):
        happy, surprised = content.t("labels.happy"), content.t("labels.surprised")
        line = content.t("two_machines.mirror_line", label=happy, percent=0).split(happy)[0]
    tab.goto(f"{app_url}/mirror?lang={loc}")
    guess_first(tab, happy, among=surprised)
    start_camera(tab, loc)
    tab.get_by_text(line + happy).first.wait_for(timeout=20_000)
    tab.wait_for_timeout(1500)
    shoot(tab, f"mirror-second-machine-{loc}")
