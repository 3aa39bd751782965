"""The self-guided path: real pages in order, each saying where it is and what is next."""

from __future__ import annotations

import pytest

from demos import _catalog as catalog
from demos.ui import guided_path
from demos.ui.content import t

from .apptest import links, open_app, texts

PAGES = {p.name: p for p in catalog.pages()}
BY_URL = {p.url_path: p for p in catalog.pages()}


def test_the_path_is_made_of_real_pages_and_takes_thirty_five_to_forty_five_minutes():
    assert set(guided_path.NAMES) <= set(PAGES)
    # The review's estimate for reading and doing was 35-45 minutes for eight steps; the pulse
    # lab (issue 18) adds a ninth of about 7.
    assert 35 <= guided_path.total_minutes() <= 52
    for name in guided_path.NAMES:
        assert guided_path.takeaway(name)  # [path.takeaway], or the page's own strings


def test_the_welcome_page_lays_out_the_whole_path():
    at = open_app()
    shown = links(at)
    for n, name in enumerate(guided_path.NAMES, start=1):
        assert any(label.startswith(f"{n}. {t(f'nav.{name}')}") for label in shown), name
    assert t(
        "path.overview", n=len(guided_path.NAMES), minutes=guided_path.total_minutes()
    ) in texts(at)


@pytest.mark.parametrize("name", guided_path.NAMES)
def test_each_step_says_where_it_is_and_what_is_next_and_keeps_its_takeaway_until_done(
    monkeypatch, tmp_path, name
):
    monkeypatch.setenv("FACE_VALUE_MODEL", str(tmp_path / "none.task"))  # fast: no engine
    at = open_app(f"demos/{PAGES[name].file.name}")
    assert not at.exception
    n = guided_path.NAMES.index(name) + 1
    bars = [p.proto.text for p in at.get("progress")]
    assert bars[0].startswith(
        t("path.where", n=n, total=len(guided_path.NAMES), minutes=guided_path.minutes(name))
    )
    takeaway = t("path.showed", takeaway=guided_path.takeaway(name))
    # Only a page with nothing to guess shows what it showed before anything is done.
    assert (takeaway in texts(at)) == (name in guided_path.READ_ONLY)
    if n < len(guided_path.NAMES):
        assert t("path.next", title=t(f"nav.{guided_path.NAMES[n]}")) in links(at)
    else:
        assert t("path.home") in links(at)


def test_following_next_from_the_welcome_page_reaches_the_end(monkeypatch, tmp_path):
    monkeypatch.setenv("FACE_VALUE_MODEL", str(tmp_path / "none.task"))
    at = open_app()
    visited = []
    target = t("welcome.start")
    while True:
        [link] = [lk for lk in at.get("page_link") if lk.proto.label == target]
        at.switch_page(f"demos/{BY_URL[link.proto.page.strip('/')].file.name}").run()
        assert not at.exception
        visited.append(at.session_state["shell.page"])
        if t("path.home") in links(at):
            break
        name = guided_path.NAMES[len(visited)]
        target = t("path.next", title=t(f"nav.{name}"))
    assert visited == [PAGES[name].url_path for name in guided_path.NAMES]
