"""The kiosk and the self-guided path in the real app, in Debian's Chromium with a fake camera."""

from __future__ import annotations

import re

import numpy as np
import pytest

from demos.ui import guided_path
from demos.ui.content import t
from support import faces
from support.live_app import (
    TRACK_SPY,
    chromium_args,
    hosts,
    live_tracks,
    open_chromium,
    shoot,
    streamlit_server,
    verdict_text,
)

pytestmark = [pytest.mark.browser, pytest.mark.model]
LOOPBACK = {"127.0.0.1", "localhost"}
IDLE, WARN = 10, 6  # seconds, short for the test (a museum uses 60 and 20)


@pytest.fixture(scope="module")
def kiosk_url(model_path, tmp_path_factory):
    log = tmp_path_factory.mktemp("kiosk") / "streamlit.log"
    env = {
        "FACE_VALUE_MODEL": str(model_path),
        "FACE_VALUE_MODE": "kiosk",
        "FACE_VALUE_IDLE_SECONDS": str(IDLE),
        "FACE_VALUE_WARNING_SECONDS": str(WARN),
    }
    with streamlit_server(env, log) as server:
        yield server.url


@pytest.fixture
def kiosk(chromium, tmp_path):
    """Chromium as a museum runs it (--kiosk), with a chosen fake camera clip."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        opened = []

        def launch(y4m, **options):
            ctx = open_chromium(
                p,
                tmp_path / f"profile{len(opened)}",
                chromium,
                [*chromium_args(y4m), "--kiosk"],
                (1280, 1024),
                **options,
            )
            ctx.add_init_script(TRACK_SPY)
            ctx.requests = []
            ctx.on("request", lambda r: ctx.requests.append(r.url))
            opened.append(ctx)
            return ctx

        yield launch
        for ctx in opened:
            ctx.close()


def touch(page, label: str) -> None:
    page.get_by_role("button", name=label, exact=True).click()


def attract(page, timeout_ms: int = 15_000) -> None:
    page.get_by_role("button", name=t("kiosk.touch_to_start")).wait_for(timeout=timeout_ms)


def test_a_face_reads_on_the_kiosk_and_start_over_ends_the_camera(kiosk, kiosk_url, tmp_path):
    clip = faces.write_y4m(tmp_path / "astronaut.y4m", faces.astronaut_face_bgr())
    ctx = kiosk(clip)
    page = ctx.new_page()
    page.goto(kiosk_url)
    attract(page)
    assert page.get_by_role("heading", name=t("kiosk.question")).is_visible()
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    assert not page.locator('[data-testid="stToolbar"]').is_visible()
    shoot(page, "kiosk-attract")
    touch(page, t("kiosk.touch_to_start"))
    touch(page, t("beliefs.answer.not_sure"))  # the one statement before the loop
    shoot(page, "kiosk-notice")
    assert live_tracks(page) == 0  # no camera before the visitor asks for it
    touch(page, t("kiosk.with_camera"))  # one touch: the camera starts, no START to press
    assert "HAPPY" in verdict_text(page, 20_000)
    assert live_tracks(page) >= 1
    page.wait_for_timeout(1000)
    shoot(page, "kiosk-mirror")
    touch(page, t("kiosk.start_over"))
    attract(page)
    page.wait_for_function(
        "(window.__fvTracks || []).length > 0 && "
        "window.__fvTracks.every(t => t.readyState === 'ended')",
        timeout=10_000,
    )
    assert hosts(ctx.requests) <= LOOPBACK, hosts(ctx.requests)


def test_two_visitors_with_an_idle_reset_between_them(kiosk, kiosk_url, tmp_path):
    wall = faces.write_y4m(tmp_path / "wall.y4m", np.full((480, 640, 3), 180, np.uint8), frames=5)
    ctx = kiosk(wall)
    page = ctx.new_page()
    page.goto(kiosk_url)
    # Visitor one: camera on, on to the story, an answer, then walks away.
    attract(page)
    touch(page, t("kiosk.touch_to_start"))
    touch(page, t("beliefs.answer.not_sure"))  # the one statement before the loop
    touch(page, t("kiosk.with_camera"))
    page.get_by_text(t("status.no_face")).first.wait_for(timeout=20_000)
    touch(page, t("kiosk.next", title=t("kiosk.title_story")))
    page.get_by_role("button", name=re.compile("^joy$")).click()
    page.get_by_text(t("kiosk.you_said", pick="joy").replace("**", "")).wait_for()
    page.get_by_text(t("kiosk.still_there")).wait_for(timeout=(IDLE + 5) * 1000)
    shoot(page, "kiosk-still-there")
    attract(page, (WARN + 5) * 1000)
    assert live_tracks(page) == 0
    # Visitor two finds a fresh start: nothing of visitor one's answer or camera.
    touch(page, t("kiosk.touch_to_start"))
    touch(page, t("beliefs.answer.not_sure"))  # the one statement before the loop
    touch(page, t("kiosk.without_camera"))
    touch(page, t("kiosk.next", title=t("kiosk.title_story")))
    page.get_by_role("button", name=re.compile("^joy$")).wait_for()
    assert "You said" not in page.inner_text("body")
    assert live_tracks(page) == 0
    assert hosts(ctx.requests) <= LOOPBACK


def test_still_there_continue_keeps_the_visitor(kiosk, kiosk_url):
    ctx = kiosk(None)
    page = ctx.new_page()
    page.goto(kiosk_url)
    attract(page)
    touch(page, t("kiosk.touch_to_start"))
    touch(page, t("beliefs.answer.not_sure"))  # the one statement before the loop
    touch(page, t("kiosk.without_camera"))
    page.get_by_text(t("kiosk.still_there")).wait_for(timeout=(IDLE + 5) * 1000)
    touch(page, t("kiosk.continue"))
    page.get_by_text(t("kiosk.still_there")).wait_for(state="detached", timeout=5_000)
    assert page.get_by_text(t("kiosk.title_mirror")).first.is_visible()


def test_next_links_walk_the_self_guided_path_in_the_browser(chromium, model_path, tmp_path):
    from playwright.sync_api import sync_playwright

    log = tmp_path / "streamlit.log"
    env = {"FACE_VALUE_MODEL": str(tmp_path / "none.task")}  # no camera pages' engine needed
    with streamlit_server(env, log) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=chromium_args(None))
        page = browser.new_page(viewport={"width": 1400, "height": 1400})
        page.goto(server.url)
        page.get_by_role("link", name=re.compile(t("welcome.start"))).click()
        for n in range(1, len(guided_path.NAMES) + 1):
            page.get_by_text(f"Step {n} of {len(guided_path.NAMES)}").first.wait_for(timeout=15_000)
            if n < len(guided_path.NAMES):
                following = t("path.next", title=t(f"nav.{guided_path.NAMES[n]}"))
                page.get_by_role("link", name=re.compile(re.escape(following))).click()
        page.get_by_role("link", name=re.compile(t("path.home"))).click()
        page.get_by_text(
            t("path.overview", n=len(guided_path.NAMES), minutes=guided_path.total_minutes())
        ).wait_for()
        browser.close()


@pytest.mark.parametrize("loc", ["en", "es"])
def test_the_printable_kit_renders_and_prints_as_pages(chromium, tmp_path, loc):
    from playwright.sync_api import sync_playwright

    from demos.ui import handout, lesson

    kit = lesson.kit(loc)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=chromium_args(None))
        page = browser.new_page()
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        page.set_content(handout.build(loc))
        page.emulate_media(media="print")
        text = page.inner_text("body")
        for plan in lesson.lessons(loc).values():
            assert plan.title in text
            for step in plan.steps:
                assert step.title in text
        for title in (
            kit["handout"]["title"],
            kit["exit_ticket"]["title"],
            kit["exit_ticket"]["key_title"],
            kit["unplugged"]["title"],
            kit["safeguarding"]["title"],
        ):
            assert title in text, title
        grid = page.locator("table.grid td")
        assert grid.count() == handout.PAPER_GROUP
        assert grid.first.bounding_box()["width"] > 30  # a square a pupil can draw in
        pdf = tmp_path / "guide.pdf"
        page.pdf(path=str(pdf), format="A4")
        browser.close()
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    pages = re.findall(rb"/Type\s*/Page(?!s)", data)
    # The guide, each lesson, the notes, the unplugged cards, the handout, the exit ticket and
    # its answer key each start a page of their own.
    assert len(pages) >= 8, len(pages)
    assert [u for u in requests if not u.startswith(("about:", "data:"))] == []
