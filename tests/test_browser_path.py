"""In Chromium: the drawn face and its word stay in view while the learner moves the last slider."""

from __future__ import annotations

import pytest

from demos.ui.content import t
from demos.ui.face_sliders import GROUPS
from support.live_app import chromium_args, open_chromium

pytestmark = [pytest.mark.browser]
LAST = GROUPS["group_mouth"][-1]  # the bottom slider of the long column


@pytest.fixture
def page(chromium, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        ctx = open_chromium(p, tmp_path / "profile", chromium, chromium_args(None), (1280, 800))
        yield ctx.new_page()
        ctx.close()


def inside_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    view = page.viewport_size
    return bool(box) and box["y"] >= 0 and box["y"] + box["height"] <= view["height"]


def use_last_slider(page, slider) -> None:
    """Scroll the page to the bottom slider and move it by keyboard, as a learner would."""
    slider.scroll_into_view_if_needed()
    slider.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(1500)  # the rerun redraws the face


@pytest.mark.parametrize("where", ["build-a-face", "fake-it"])
def test_the_drawn_face_and_its_word_stay_in_view_at_the_last_slider(page, app_url, where):
    page.goto(f"{app_url}/{where}")
    page.get_by_role("heading").first.wait_for(timeout=20_000)
    if where == "fake-it":
        page.get_by_text(t("fake_it.use_drawn")).click()
    face = page.locator('[data-testid="stImage"] img').first
    face.wait_for(timeout=15_000)
    slider = page.get_by_role("slider", name=t(f"moves.{LAST}"))
    slider.wait_for(timeout=15_000)
    assert not inside_viewport(page, slider), "the last slider was already in view: no test"
    before = face.get_attribute("src")
    use_last_slider(page, slider)
    assert face.get_attribute("src") != before  # the face was redrawn with the new movement
    word = page.locator('[data-testid="fv-verdict"]').first
    for seen in (slider, face, word):
        assert inside_viewport(page, seen), seen.bounding_box()
