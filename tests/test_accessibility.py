"""Accessibility in the real app: axe-core on every page in every language and through the
kiosk loop, and keyboard-only walks of the Mirror, Build a face and the Checkpoint."""

from __future__ import annotations

import json
import re

import pytest

from demos import _catalog as catalog
from demos.engine.base_rates import THRESHOLDS, icon_counts, screen_at
from demos.ui import content, drivers
from demos.ui.content import t
from support import faces
from support.live_app import chromium_args, streamlit_server, verdict_text

from .axe import SCRIPT as AXE
from .conftest import ROOT, need

pytestmark = [pytest.mark.browser, pytest.mark.model]
COUNTS = ROOT / "artifacts" / "axe-counts.jsonl"
BLOCKING = {"serious", "critical"}
ALSO_BLOCKING = {"heading-order"}  # moderate in axe, but a skipped level loses screen readers


@pytest.fixture(scope="module")
def axe_script() -> str:
    need(AXE.is_file(), "axe-core (run: python -m tests.axe)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def server(model_path, tmp_path_factory):
    log = tmp_path_factory.mktemp("a11y") / "streamlit.log"
    with streamlit_server({"FACE_VALUE_MODEL": str(model_path)}, log) as s:
        yield s


@pytest.fixture(scope="module")
def chrome(chromium, tmp_path_factory):
    from playwright.sync_api import sync_playwright

    clip = faces.write_y4m(
        tmp_path_factory.mktemp("cam") / "astronaut.y4m", faces.astronaut_face_bgr()
    )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=chromium_args(clip))
        yield browser
        browser.close()


def settle(page) -> None:
    """Wait until Streamlit has drawn the page and nothing is greyed out as stale."""
    page.locator('[data-testid="stMain"]').wait_for()
    page.wait_for_function(
        "document.querySelectorAll('[data-stale=\"true\"]').length === 0 && "
        '!document.querySelector(\'[data-testid="stStatusWidget"] [data-testid="stSpinner"]\')',
        timeout=20_000,
    )
    page.wait_for_timeout(800)


def audit(page, axe_script: str, name: str) -> list[dict]:
    """Run axe-core on the page; record every violation's count; return the blocking ones."""
    page.add_script_tag(content=axe_script)
    found = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
             .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,
                         html: v.nodes[0].html.slice(0, 200)}))"""
    )
    COUNTS.parent.mkdir(parents=True, exist_ok=True)
    with COUNTS.open("a", encoding="utf-8") as out:
        out.write(json.dumps({"page": name, "violations": found}) + "\n")
    return [v for v in found if v["impact"] in BLOCKING or v["id"] in ALSO_BLOCKING]


PAGES = [p for p in catalog.pages()]


@pytest.mark.parametrize("lang", content.locales())
@pytest.mark.parametrize("info", PAGES, ids=[p.url_path or "welcome" for p in PAGES])
def test_axe_finds_nothing_serious_on_the_page(chrome, server, axe_script, info, lang):
    page = chrome.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server.url}/{info.url_path}?lang={lang}")
    settle(page)
    # A screen reader picks its voice from the page's language.
    page.wait_for_function("l => document.documentElement.lang === l", arg=lang, timeout=5_000)
    assert audit(page, axe_script, f"{lang} /{info.url_path}") == []
    page.close()


@pytest.mark.parametrize("lang", content.locales())
def test_axe_finds_nothing_serious_through_the_kiosk_loop(chrome, server, axe_script, lang):
    page = chrome.new_page(viewport={"width": 1280, "height": 1024})
    page.goto(f"{server.url}/kiosk?mode=kiosk&lang={lang}")
    steps = [
        ("attract", t("kiosk.touch_to_start", lang)),
        ("statement", t("beliefs.answer.not_sure", lang)),  # the one before/after statement
        ("notice", t("kiosk.without_camera", lang)),
        ("mirror", t("kiosk.next", lang, title=t("kiosk.title_story", lang))),
        ("story", t("kiosk.next", lang, title=t("kiosk.title_checkpoint", lang))),
        ("checkpoint", t("kiosk.next", lang, title=t("kiosk.title_learned", lang))),
        ("learned", None),
    ]
    for name, button in steps:
        settle(page)
        assert audit(page, axe_script, f"{lang} kiosk {name}") == [], name
        if button:
            page.get_by_role("button", name=button, exact=True).click()
    page.close()


def focus_ring(page) -> str:
    return page.evaluate(
        "(() => { const e = document.activeElement; const s = getComputedStyle(e);"
        " return s.outlineStyle + ' ' + s.outlineWidth; })()"
    )


def tab_to(page, target, limit: int = 80) -> None:
    """Press Tab until the target (a locator) has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"never reached by Tab: {target}")


def test_the_mirror_works_from_the_keyboard_alone(chrome, server):
    page = chrome.new_page(viewport={"width": 1400, "height": 1400})
    page.goto(f"{server.url}/mirror")
    settle(page)
    # The guess first, by keyboard: Tab into the choices, Space picks one.
    choices = page.get_by_role("radiogroup", name=t("mirror.guess"))
    tab_to(page, choices.get_by_role("radio").first)
    assert "none" not in focus_ring(page)
    page.keyboard.press("Space")
    page.get_by_text(t("guess.again")).wait_for(timeout=10_000)
    settle(page)
    # START lives in the camera component's frame: Tab reaches it like any other button.
    tab_to(page, page.locator('iframe[title*="webrtc"]'))
    frame = page.frame_locator('iframe[title*="webrtc"]')
    for _ in range(10):
        if frame.locator(":focus").count() and re.search(
            "START", frame.locator(":focus").inner_text() or ""
        ):
            break
        page.keyboard.press("Tab")
    assert "START" in frame.locator(":focus").inner_text()
    page.keyboard.press("Enter")
    assert "HAPPY" in verdict_text(page, 20_000)
    live = page.locator('[data-testid="fv-live"]').first
    live.wait_for(state="attached")
    assert live.get_attribute("aria-live") == "polite"
    page.close()


def test_build_a_face_works_from_the_keyboard_alone_with_a_visible_focus(chrome, server):
    page = chrome.new_page(viewport={"width": 1400, "height": 1400})
    page.goto(f"{server.url}/build-a-face")
    settle(page)
    tab_to(page, page.get_by_role("slider", name=t("moves.lip_corner_pull")))
    assert "none" not in focus_ring(page), focus_ring(page)
    for _ in range(18):
        page.keyboard.press("ArrowRight")
    page.locator('[data-testid="fv-verdict"]', has_text="HAPPY").wait_for(timeout=10_000)
    page.close()


def test_the_checkpoint_works_from_the_keyboard_alone(chrome, server):
    page = chrome.new_page(viewport={"width": 1400, "height": 1400})
    page.goto(f"{server.url}/checkpoint")
    settle(page)
    # The guess first, by keyboard: Tab into the choices, Space picks one.
    choices = page.get_by_role("radiogroup", name=t("checkpoint.guess_question"))
    tab_to(page, choices.get_by_role("radio").first)
    assert "none" not in focus_ring(page)
    page.keyboard.press("Space")
    headline = page.locator('[data-testid="fv-headline"]')
    headline.wait_for(timeout=10_000)
    settle(page)
    before = headline.inner_text()
    tab_to(page, page.get_by_role("slider", name=t("checkpoint.threshold")))
    assert "none" not in focus_ring(page)
    page.keyboard.press("End")  # the dial at its top: few innocent searches, many missed
    page.wait_for_function(
        "b => document.querySelector('[data-testid=\"fv-headline\"]').innerText !== b", arg=before
    )
    s = screen_at(1_000_000, 10_000, THRESHOLDS[-1])
    assert headline.inner_text() == drivers.headline(icon_counts(s, s.drivers))
    page.close()


def test_the_attract_face_holds_still_for_reduced_motion(chrome, server):
    for motion, moving in (("reduce", False), ("no-preference", True)):
        page = chrome.new_page(reduced_motion=motion)
        page.goto(f"{server.url}/kiosk?mode=kiosk")
        page.locator(".fv-attract-face img").first.wait_for(state="attached")
        names = page.evaluate(
            "[...document.querySelectorAll('.fv-attract-face img')]"
            ".map(i => getComputedStyle(i).animationName)"
        )
        assert (set(names) != {"none"}) is moving, (motion, names)
        page.close()
