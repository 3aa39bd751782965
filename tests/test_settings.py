"""Every FACE_VALUE_* setting is declared once, read through the table, and listed in the README."""

from __future__ import annotations

import re
from pathlib import Path

from demos.engine import idle, settings

ROOT = Path(__file__).resolve().parents[1]
README_TABLE = re.compile(r"<!-- settings:start -->\n(.*?)\n<!-- settings:end -->", re.S)


def test_the_readme_lists_exactly_the_declared_settings():
    [table] = README_TABLE.findall((ROOT / "README.md").read_text())
    assert table == settings.markdown_table()


def test_code_reads_face_value_variables_only_through_the_table():
    readers = [
        path.relative_to(ROOT)
        for path in sorted((ROOT / "demos").rglob("*.py"))
        if path.name != "settings.py" and re.search(r"environ[^\n]*FACE_VALUE_", path.read_text())
    ]
    assert readers == []


def test_every_setting_named_in_the_code_is_declared():
    named = set()
    for path in (ROOT / "demos").rglob("*.py"):
        named |= set(re.findall(r"\bFACE_VALUE_[A-Z_]+\b", path.read_text()))
    assert named <= set(settings.BY_NAME)


def test_an_unset_or_blank_setting_gives_its_default(monkeypatch):
    monkeypatch.setenv("FACE_VALUE_MODE", "   ")
    assert settings.get("FACE_VALUE_MODE") == "self"
    monkeypatch.setenv("FACE_VALUE_MODE", " Kiosk ")
    assert settings.get("FACE_VALUE_MODE") == "Kiosk"


def test_a_time_that_is_not_a_positive_number_falls_back_to_its_default(monkeypatch):
    monkeypatch.setenv("FACE_VALUE_IDLE_SECONDS", "soon")
    monkeypatch.setenv("FACE_VALUE_WARNING_SECONDS", "-5")
    assert idle.from_environment() == idle.IdleTimer(60.0, 20.0)
    monkeypatch.setenv("FACE_VALUE_IDLE_SECONDS", "90")
    assert idle.from_environment().idle_after == 90.0


def test_a_setting_never_declared_cannot_be_read():
    try:
        settings.get("FACE_VALUE_NOT_A_SETTING")
    except KeyError:
        return
    raise AssertionError("an undeclared setting was read")
