"""Before and after in real Chromium: the kiosk's one statement at the start and the end of the
loop, answered with the keyboard alone, and the welcome page's radio groups from the keyboard."""

from __future__ import annotations

import pytest

from demos.ui import beliefs
from demos.ui.content import t
from support.live_app import open_chromium, streamlit_server

pytestmark = [pytest.mark.browser]
# The focused control's words (a button's icon name, on a line of its own before them, left out;
# a focused region such as <main> is no control).
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || !['BUTTON', 'A', 'INPUT'].includes(e.tagName)) return '';
  return (e.innerText || '').trim().split('\\n').pop().trim();
}"""
CHECKED = """(label) => {
  const group = [...document.querySelectorAll('[role="radiogroup"]')]
    .find(g => g.getAttribute('aria-label') === label);
  const input = group && group.querySelector('input[type="radio"]:checked');
  return input ? input.closest('label').innerText.trim() : null;
}"""


@pytest.fixture(scope="module")
def browser(chromium, tmp_path_factory):
    from playwright.sync_api import sync_playwright

    folder = tmp_path_factory.mktemp("beliefs-browser")
    with sync_playwright() as p:
        ctx = open_chromium(p, folder / "profile", chromium, [], (1280, 900))
        yield ctx.new_page()
        ctx.close()


@pytest.fixture(scope="module")
def kiosk_url(tmp_path_factory):
    log = tmp_path_factory.mktemp("beliefs-kiosk") / "streamlit.log"
    with streamlit_server({"FACE_VALUE_MODE": "kiosk"}, log) as server:
        yield server.url


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    log = tmp_path_factory.mktemp("beliefs-app") / "streamlit.log"
    with streamlit_server({}, log) as server:
        yield server.url


def tab_to(page, text: str, presses: int = 40) -> None:
    """Press Tab until the focused element reads `text` (as a keyboard user would)."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED) == text:
            return
    raise AssertionError(f"Tab never reached {text!r}")


def test_the_kiosk_loop_asks_the_statement_first_and_last_answered_by_keyboard_alone(
    browser, kiosk_url
):
    page = browser
    page.goto(kiosk_url)
    start = page.get_by_role("button", name=t("kiosk.touch_to_start"))
    start.wait_for(timeout=20_000)
    tab_to(page, t("kiosk.touch_to_start"))
    page.keyboard.press("Enter")
    said = beliefs.statement(beliefs.KIOSK_STATEMENT)
    page.get_by_role("heading", name=said).wait_for()
    tab_to(page, t("beliefs.answer.agree"))
    page.keyboard.press("Enter")  # one key press answers and moves on
    page.get_by_role("heading", name=t("kiosk.notice_title")).wait_for()
    tab_to(page, t("kiosk.without_camera"))
    page.keyboard.press("Space")
    for step in ("story", "checkpoint", "learned"):
        nxt = t("kiosk.next", title=t(f"kiosk.title_{step}"))
        page.get_by_role("button", name=nxt).wait_for()
        tab_to(page, nxt)
        page.keyboard.press("Enter")
    page.get_by_role("heading", name=said).wait_for()  # the same statement at the end
    assert page.get_by_text(t("beliefs.evidence_title")).count() == 0
    tab_to(page, t("beliefs.answer.disagree"))
    page.keyboard.press("Space")
    compare = page.get_by_text(t("beliefs.compare", before="", now="").split(":")[0] + ":")
    compare.first.wait_for()
    shown = page.locator('[data-testid="stMain"]').inner_text()
    assert t("beliefs.answer.agree") in shown and t("beliefs.answer.disagree") in shown
    assert t("beliefs.change.changed") in shown
    assert t("beliefs.evidence_title") in shown
    # Finish: the next visitor starts with no answer from this one.
    tab_to(page, t("kiosk.finish"))
    page.keyboard.press("Enter")
    start.wait_for()
    start.click()
    page.get_by_role("heading", name=said).wait_for()
    page.get_by_role("button", name=t("beliefs.answer.not_sure")).click()
    page.get_by_role("heading", name=t("kiosk.notice_title")).wait_for()
    assert page.get_by_text(t("beliefs.change.changed")).count() == 0


def test_the_welcome_statements_are_radio_groups_a_keyboard_can_answer(browser, app_url):
    page = browser
    page.goto(app_url)
    first = f"1. {beliefs.statement('smile')}"
    group = page.get_by_role("radiogroup", name=first)
    group.wait_for(timeout=20_000)
    assert group.get_by_role("radio").count() == len(beliefs.ANSWERS)
    assert page.evaluate(CHECKED, first) is None
    # Tab into the group, Space picks the focused answer, an arrow key moves to the next one.
    for _ in range(60):
        page.keyboard.press("Tab")
        if (
            page.evaluate(
                "() => document.activeElement.type === 'radio' && "
                "document.activeElement.closest('[role=radiogroup]').getAttribute('aria-label')"
            )
            == first
        ):
            break
    else:
        raise AssertionError("Tab never reached the first statement")
    page.keyboard.press("Space")
    page.wait_for_function(f"() => ({CHECKED})({first!r}) !== null")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"() => ({CHECKED})({first!r}) === {t('beliefs.answer.not_sure')!r}")
    # The skip button is a button: Enter on it hides the questions.
    tab_to(page, t("beliefs.skip"))
    page.keyboard.press("Enter")
    page.get_by_text(t("beliefs.skipped")).wait_for()
    assert page.get_by_role("radiogroup", name=first).count() == 0
