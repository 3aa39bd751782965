"""The real app, run by `streamlit run`, in Debian's Chromium with a fake camera."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from demos import _catalog as catalog
from demos.engine.base_rates import DEFAULT_THRESHOLD, icon_counts, screen_at
from demos.same_face import SCENES
from demos.ui import drivers
from demos.ui.content import t
from demos.ui.scenes import scene_text
from support import faces
from support.live_app import (
    TRACK_SPY,
    chromium_args,
    guess_first,
    hosts,
    live_tracks,
    open_chromium,
    shoot,
    start_camera,
    streamlit_server,
    verdict_text,
)

pytestmark = [pytest.mark.browser, pytest.mark.model]
LOOPBACK = {"127.0.0.1", "localhost"}


@pytest.fixture(scope="module")
def clips(tmp_path_factory):
    folder = tmp_path_factory.mktemp("camera")
    return {
        "astronaut": faces.write_y4m(folder / "astronaut.y4m", faces.astronaut_face_bgr()),
        "grace": faces.write_y4m(folder / "grace.y4m", faces.grace_hopper_bgr()),
    }


@pytest.fixture
def browser(chromium, tmp_path):
    """Open Chromium with a chosen fake camera clip; collects every request it makes."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        contexts = []

        def launch(y4m: Path | None = None, **options):
            ctx = open_chromium(
                p,
                tmp_path / f"profile{len(contexts)}",
                chromium,
                chromium_args(y4m),
                (1400, 2000),
                **options,
            )
            ctx.requests = []
            ctx.on("request", lambda r: ctx.requests.append(r.url))
            contexts.append(ctx)
            return ctx

        yield launch
        for ctx in contexts:
            ctx.close()


def test_the_astronaut_on_camera_reads_happy_within_15s(browser, app_url, clips):
    ctx = browser(clips["astronaut"])
    page = ctx.new_page()
    page.goto(f"{app_url}/mirror")
    guess_first(page, "HAPPY", among="SURPRISED")
    start_camera(page)
    assert "HAPPY" in verdict_text(page)
    page.wait_for_timeout(1500)
    shoot(page, "mirror-astronaut")
    assert hosts(ctx.requests) <= LOOPBACK, hosts(ctx.requests)
    assert len(ctx.requests) > 10


def test_grace_hopper_on_camera_does_not_read_happy(browser, app_url, clips):
    ctx = browser(clips["grace"])
    page = ctx.new_page()
    page.goto(f"{app_url}/mirror")
    guess_first(page, "NEUTRAL", among="SURPRISED")
    start_camera(page)
    text = verdict_text(page)
    page.wait_for_timeout(2000)  # let smoothing settle, then read again
    text = verdict_text(page)
    assert "HAPPY" not in text, text
    shoot(page, "mirror-grace")
    assert hosts(ctx.requests) <= LOOPBACK


def test_a_camera_showing_no_face_says_so(browser, app_url, tmp_path):
    import numpy as np

    blank = faces.write_y4m(tmp_path / "wall.y4m", np.full((480, 640, 3), 180, np.uint8), frames=5)
    ctx = browser(blank)
    page = ctx.new_page()
    page.goto(f"{app_url}/mirror")
    start_camera(page)
    page.get_by_text("No face found yet").first.wait_for(timeout=15_000)
    shoot(page, "mirror-no-face")


@pytest.mark.parametrize("path", [p.url_path for p in catalog.pages()])
def test_every_page_opens_directly_at_its_own_path(browser, app_url, path):
    ctx = browser(None)
    page = ctx.new_page()
    page.goto(f"{app_url}/{path}")
    page.get_by_role("heading").first.wait_for(timeout=15_000)
    assert "Traceback" not in page.inner_text("body")
    shoot(page, f"page-{path or 'welcome'}")
    assert hosts(ctx.requests) <= LOOPBACK


def test_a_missing_model_shows_the_panel_in_the_browser(browser, tmp_path):
    env = {"FACE_VALUE_MODEL": str(tmp_path / "absent" / "face_landmarker.task")}
    with streamlit_server(env, tmp_path / "streamlit.log") as server:
        ctx = browser(None)
        page = ctx.new_page()
        page.goto(f"{server.url}/mirror")
        page.get_by_text("One file is missing").first.wait_for(timeout=15_000)
        shoot(page, "mirror-model-missing")
        assert hosts(ctx.requests) <= LOOPBACK


def test_stop_and_leaving_the_page_really_end_the_camera_track(browser, app_url, clips):
    ctx = browser(clips["astronaut"])
    ctx.add_init_script(TRACK_SPY)
    page = ctx.new_page()
    page.goto(f"{app_url}/mirror")
    page.get_by_role("heading", name="Mirror").wait_for()
    page.wait_for_timeout(2000)  # time for anything that would open the camera on its own
    assert page.evaluate("(window.__fvTracks || []).length") == 0  # no camera before START
    guess_first(page, "HAPPY", among="SURPRISED")
    start_camera(page)
    verdict_text(page)
    assert live_tracks(page) >= 1
    frame = page.frame_locator('iframe[title*="webrtc"]')
    frame.get_by_role("button", name=re.compile("STOP")).click()
    page.wait_for_function("(window.__fvTracks || []).every(t => t.readyState === 'ended')")
    start_camera(page)
    verdict_text(page)
    assert live_tracks(page) >= 1
    page.get_by_role("link", name="Welcome").click()
    page.wait_for_function("(window.__fvTracks || []).every(t => t.readyState === 'ended')")
    assert live_tracks(page) == 0


def test_same_face_works_by_touch(browser, app_url):
    from playwright.sync_api import expect

    ctx = browser(None, has_touch=True)
    page = ctx.new_page()
    page.goto(f"{app_url}/same-face")
    page.get_by_role("heading", name="Same face, different story").wait_for(timeout=15_000)
    groups = page.get_by_role("radiogroup").filter(
        has_text="I can't tell"
    )  # not the language switch
    stories = len(scene_text(SCENES[0], "en").stories)
    expect(groups).to_have_count(1)  # the face alone first: no story before that guess
    first = groups.nth(0).locator("label").filter(has_text="I can't tell")
    first.tap()
    expect(groups).to_have_count(1 + stories)  # then every story, each with its question
    for i in range(1, 1 + stories):
        choice = groups.nth(i).locator("label").filter(has_text="I can't tell")
        choice.tap()
        expect(choice.locator("input")).to_be_checked()
    page.wait_for_timeout(500)  # let the last answer's rerun finish
    page.get_by_role("button", name="What does the machine say?").tap()
    page.get_by_text("For every story, the machine says").wait_for(timeout=10_000)
    shoot(page, "same-face-touch")
    page.get_by_role("button", name="Next scene").tap()
    page.get_by_text("Scene 2 of").wait_for(timeout=10_000)


def test_the_checkpoint_icon_array_renders_locally(browser, app_url):
    ctx = browser(None)
    page = ctx.new_page()
    page.goto(f"{app_url}/checkpoint")
    # Guess first: the answer and the icon array wait for it.
    page.get_by_text(t("checkpoint.guess_question")).wait_for(timeout=15_000)
    assert page.locator('[data-testid="fv-headline"]').count() == 0
    page.get_by_role("radiogroup").get_by_text("500", exact=True).click()
    s = screen_at(1_000_000, 10_000, DEFAULT_THRESHOLD)
    page.get_by_text(drivers.headline(icon_counts(s, s.drivers))).wait_for(timeout=15_000)
    page.locator(".vega-embed canvas, .vega-embed svg").first.wait_for(timeout=15_000)
    box = page.locator(".vega-embed").first.bounding_box()
    assert box and box["height"] > 300
    shoot(page, "checkpoint")
    assert hosts(ctx.requests) <= LOOPBACK, hosts(ctx.requests)


def test_fake_it_played_with_the_fake_camera_ticks_happy(browser, app_url, clips):
    ctx = browser(clips["astronaut"])
    page = ctx.new_page()
    page.goto(f"{app_url}/fake-it")
    start_camera(page)
    assert "HAPPY" in verdict_text(page)
    page.get_by_role("button", name="Start the clock").click()
    page.get_by_text("✓ HAPPY: done").wait_for(timeout=15_000)
    shoot(page, "fake-it")
    assert hosts(ctx.requests) <= LOOPBACK


def _contrast_on_white(css_colour: str) -> float:
    """WCAG contrast ratio of a computed CSS colour (rgb or rgba) drawn on the white page."""
    r, g, b, *alpha = (float(x) for x in re.findall(r"[\d.]+", css_colour))
    a = alpha[0] if alpha else 1.0
    channels = [(c * a + 255 * (1 - a)) / 255 for c in (r, g, b)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return 1.05 / (luminance + 0.05)


def test_a_locked_guess_stays_readable_and_shows_the_choice_beyond_colour(browser, app_url):
    page = browser().new_page()
    page.goto(f"{app_url}/mirror")
    guess_first(page, "HAPPY", among="SURPRISED")
    group = page.get_by_role("radiogroup").filter(has_text="SURPRISED").first
    group.locator("input:disabled").nth(6).wait_for(state="attached")  # locked: all seven
    options = group.locator("label").evaluate_all(
        """labels => labels.map(l => { const s = getComputedStyle(l.querySelector('p'));
             return {text: l.innerText.trim(), colour: s.color, weight: s.fontWeight,
                     line: getComputedStyle(l).textDecorationLine,
                     checked: l.querySelector('input').checked}; })"""
    )
    assert len(options) == 7
    for option in options:  # Streamlit's own disabled look is 40% ink: about 2.3:1
        assert _contrast_on_white(option["colour"]) >= 4.5, option
    (chosen,) = [o for o in options if o["checked"]]
    assert chosen["text"] == "HAPPY"
    assert int(chosen["weight"]) >= 700 and "underline" in chosen["line"]
    assert all("underline" not in o["line"] for o in options if not o["checked"])
    question = page.get_by_text(t("mirror.guess")).first
    assert _contrast_on_white(question.evaluate("e => getComputedStyle(e).color")) >= 4.5
    shoot(page, "mirror-guess-locked")
