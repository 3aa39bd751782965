"""The three ways in: chosen by the installation or by ?mode=, remembered across pages."""

from __future__ import annotations

from demos.ui.content import t

from .apptest import buttons, links, open_app


def test_the_installation_default_mode_is_used_without_a_query(monkeypatch):
    monkeypatch.setenv("FACE_VALUE_MODE", "kiosk")
    at = open_app()
    assert at.session_state["shell.page"] == "kiosk"
    assert buttons(at) == [t("kiosk.touch_to_start")]


def test_a_query_chooses_the_mode_and_it_is_remembered_across_pages():
    at = open_app("demos/checkpoint.py", mode="classroom")
    assert at.session_state["shell.mode"] == "classroom"
    assert t("classroom.back") in links(at)
    assert not any(
        p.proto.text.startswith("Step ") and "suggested path" in p.proto.text
        for p in at.get("progress")
    )


def test_any_page_in_kiosk_mode_shows_the_kiosk_loop_and_no_way_out_of_it():
    at = open_app("demos/checkpoint.py", mode="kiosk")
    assert at.session_state["shell.page"] == "kiosk"
    assert t("privacy.link") not in links(at)
