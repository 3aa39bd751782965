"""The kiosk on a real screen: every step fits 1280x800, 1920x1080 and 1080x1920 in both
languages, one touch starts the camera, and three people get three readings."""

from __future__ import annotations

import re

import pytest

from demos import kiosk
from demos.engine.face_engine import MAX_READ
from demos.ui.content import t, using
from demos.ui.scenes import scene_text
from support import faces
from support.live_app import TRACK_SPY, chromium_args, live_tracks, open_chromium, streamlit_server

pytestmark = [pytest.mark.browser, pytest.mark.model]
SIZES = ((1280, 800), (1920, 1080), (1080, 1920))  # two landscape screens, one portrait
TOUCH = 64  # px: the README's promise for every touch target

# Every visible button's box; how far the content reaches (Next, pinned to the bottom right,
# aside); and whether the page itself scrolls.
MEASURE = """() => {
  const boxes = [...document.querySelectorAll('button')]
    .map(b => [b.innerText.trim(), b.getBoundingClientRect()])
    .filter(([, r]) => r.width > 0 && r.height > 0)
    .map(([text, r]) => ({text, x0: r.left, y0: r.top, x1: r.right, y1: r.bottom}));
  const next = document.querySelector('.st-key-fv_kiosk_next');
  const all = '[data-testid="stMain"] [data-testid="stElementContainer"]';
  const bottoms = [...document.querySelectorAll(all)]
    .filter(e => !e.closest('.st-key-fv_kiosk_next'))
    .map(e => e.getBoundingClientRect())
    .filter(r => r.width > 0 && r.height > 0)
    .map(r => r.bottom);
  return {width: innerWidth, height: innerHeight, boxes,
          content_bottom: Math.max(...bottoms),
          room: next ? next.getBoundingClientRect().top : innerHeight,
          page_overflow: document.documentElement.scrollHeight - innerHeight};
}"""


@pytest.fixture(scope="module")
def kiosk_url(model_path, tmp_path_factory):
    log = tmp_path_factory.mktemp("kiosk-fit") / "streamlit.log"
    env = {"FACE_VALUE_MODEL": str(model_path), "FACE_VALUE_MODE": "kiosk"}
    with streamlit_server(env, log) as server:
        yield server.url


@pytest.fixture(scope="module")
def screen(chromium, tmp_path_factory):
    """One Chromium for the module, its fake camera filmed three people side by side."""
    from playwright.sync_api import sync_playwright

    folder = tmp_path_factory.mktemp("kiosk-screen")
    clip = faces.write_y4m(folder / "three.y4m", faces.three_faces_bgr())
    with sync_playwright() as p:
        ctx = open_chromium(
            p,
            folder / "profile",
            chromium,
            [*chromium_args(clip), "--kiosk"],
            (1280, 800),
            has_touch=True,
        )
        ctx.add_init_script(TRACK_SPY)
        yield ctx.new_page()
        ctx.close()


def touch(page, label: str) -> None:
    page.get_by_role("button", name=label, exact=True).click()


def fits(page, where: str) -> dict:
    """Every button inside the screen and at least 64 px tall; nothing to scroll."""
    page.wait_for_timeout(300)  # the last rerun's layout
    m = page.evaluate(MEASURE)
    assert m["boxes"], where
    for b in m["boxes"]:
        inside = b["x0"] >= 0 and b["y0"] >= 0 and b["x1"] <= m["width"] and b["y1"] <= m["height"]
        assert inside, f"{where}: {b['text']!r} at {b} is outside {m['width']}x{m['height']}"
        assert b["y1"] - b["y0"] >= TOUCH - 0.5, f"{where}: {b['text']!r} is {b['y1'] - b['y0']} px"
    # All of the content above Next (or the screen's bottom): nothing to scroll down to.
    assert m["content_bottom"] <= m["room"], f"{where}: content reaches {m}"
    assert m["page_overflow"] <= 0, f"{where}: the page scrolls {m}"
    return {b["text"].split("\n")[-1]: b for b in m["boxes"]}  # without the icon's name


def readings(page, count: int = MAX_READ, timeout_ms: int = 20_000) -> list[str]:
    """The per-face reading lines, once `count` of them show (the trackers find the faces of a
    clip one after another, so two lines may show for a moment before the third)."""
    box = page.locator('[data-testid="fv-readings"]').filter(has=page.locator("li"))
    box.first.locator("li").nth(count - 1).wait_for(timeout=timeout_ms)
    return box.first.locator("li").all_inner_texts()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_kiosk_step_fits_the_screen_at_three_sizes(screen, kiosk_url, lang):
    page = screen
    with using(lang):
        nxt = {step: t("kiosk.next", title=t(f"kiosk.title_{step}")) for step in kiosk.LOOP}
        for width, height in SIZES:
            size = f"{width}x{height}-{lang}"
            page.set_viewport_size({"width": width, "height": height})
            url = kiosk_url + ("/?lang=es" if lang == "es" else "/")
            page.goto(url)
            page.get_by_role("button", name=t("kiosk.touch_to_start")).wait_for(timeout=20_000)
            fits(page, f"attract {size}")
            touch(page, t("kiosk.touch_to_start"))
            page.get_by_role("button", name=t("beliefs.answer.not_sure")).wait_for()
            fits(page, f"statement {size}")
            touch(page, t("beliefs.answer.not_sure"))
            page.get_by_role("button", name=t("kiosk.with_camera")).wait_for()
            fits(page, f"notice {size}")
            touch(page, t("kiosk.with_camera"))
            assert len(readings(page)) == MAX_READ  # the camera's busiest screen: three people
            page.wait_for_timeout(1000)
            boxes = fits(page, f"mirror {size}")
            over, ahead = boxes[t("kiosk.start_over")], boxes[nxt["story"]]
            # Start over at the top left, Next at the bottom right: not one beside the other.
            assert over["y1"] < ahead["y0"] and over["x1"] < ahead["x0"], (over, ahead)
            touch(page, nxt["story"])
            page.get_by_role("heading", name=t("kiosk.story_question")).wait_for()
            fits(page, f"story {size}")
            touch(page, scene_text(kiosk.SCENE).choices[0])
            page.get_by_text(t("kiosk.you_said", pick="").split(":")[0]).first.wait_for()
            fits(page, f"story answer {size}")
            touch(page, nxt["checkpoint"])
            page.get_by_role("button", name="50", exact=True).wait_for()
            fits(page, f"checkpoint {size}")
            touch(page, "50")
            chart = page.locator('[data-testid="stVegaLiteChart"]').first
            chart.wait_for()
            chart.hover()  # a mouse or a finger over the chart shows no toolbar of actions
            page.wait_for_timeout(300)
            assert not page.locator('[data-testid="stElementToolbar"]').first.is_visible()
            assert not page.locator(".vega-embed details").first.is_visible()
            fits(page, f"checkpoint answer {size}")
            touch(page, nxt["learned"])
            page.get_by_role("button", name=t("kiosk.finish")).wait_for()
            fits(page, f"learned {size}")
            touch(page, t("beliefs.answer.disagree"))
            page.get_by_text(t("beliefs.evidence_title")).wait_for()
            fits(page, f"learned answer {size}")
            touch(page, t("kiosk.finish"))
            page.get_by_role("button", name=t("kiosk.touch_to_start", "en")).wait_for()
            # The drawn face's Mirror step, to its task's success (the reset forgot the language).
            page.goto(url)
            touch(page, t("kiosk.touch_to_start"))
            touch(page, t("beliefs.answer.agree"))
            touch(page, t("kiosk.without_camera"))
            page.get_by_text(t("kiosk.drawn_2"), exact=True).click()
            done = t("kiosk.task_done_drawn", label=t(f"labels.{kiosk.TASK}"))
            page.get_by_text(done).wait_for()
            fits(page, f"drawn mirror {size}")
            touch(page, t("kiosk.start_over"))


def test_one_touch_starts_the_camera_and_three_people_get_three_readings(screen, kiosk_url):
    page = screen
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(kiosk_url)
    touch(page, t("kiosk.touch_to_start"))
    touch(page, t("beliefs.answer.agree"))  # the one statement before the loop
    page.get_by_role("button", name=t("kiosk.with_camera")).wait_for()
    assert live_tracks(page) == 0  # no camera on the notice
    touch(page, t("kiosk.with_camera"))  # the one touch
    lines = readings(page)
    assert live_tracks(page) >= 1
    # No START of the component's own: the visitor touched once.
    frame = page.frame_locator('iframe[title*="webrtc"]')
    assert frame.get_by_role("button", name=re.compile("START")).count() == 0
    assert page.get_by_text(t("panel.people", n=3)).is_visible()
    happy = t("labels.happy")
    for n, line in enumerate(lines, start=1):
        assert line.startswith(t("panel.person", n=n, verdict="")), lines
    # Smiling, resting, smiling, left to right: each face has its own reading.
    assert [happy in line for line in lines] == [True, False, True], lines
    touch(page, t("kiosk.start_over"))
    page.wait_for_function("window.__fvTracks.every(t => t.readyState === 'ended')", timeout=10_000)
