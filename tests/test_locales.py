"""Every language is complete: the same pages, keys, placeholders and citations as English,
and no learner-facing string left in English unless it is meant to be the same."""

from __future__ import annotations

import re
import string
import tomllib

import pytest

from demos.ui import content

from .conftest import ROOT

CONTENT = ROOT / "content"
OTHERS = [loc for loc in content.locales() if loc != content.DEFAULT_LOCALE]
DATA_FILES = (
    *content.string_files(),
    "scenes.toml",
    "winks.toml",
    "classroom.toml",
    "references.toml",
)
# The same in every language on purpose: names, number formats, and identifiers that are
# data rather than words (which wink answer is right, which page a lesson step opens).
SAME_ON_PURPOSE = {
    "strings.toml": {"app.title", "path.item", "panel.value", "panel.person_overlay"},
    "references.toml": re.compile(r".*\.(short|full|url)$"),
    "winks.toml": re.compile(r".*\.answer$"),
    "classroom.toml": re.compile(r"(lessons\..*\.steps|steps\..*\.page)$"),
}
# Words that are spelled the same in a language, per language.
SAME_WORD = {"es": {"strings.toml": {"labels.neutral", "report_card.human.neutral"}}}


def flat(table: dict, prefix: str = "") -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            out.update(flat(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def load(loc: str, name: str) -> dict[str, object]:
    with open(CONTENT / loc / name, "rb") as handle:
        return flat(tomllib.load(handle))


def texts_of(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [x for v in value for x in texts_of(v)]
    if isinstance(value, dict):
        return [x for v in value.values() for x in texts_of(v)]
    return []


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def test_there_is_a_second_language():
    assert OTHERS, "content/ has only English"


@pytest.mark.parametrize("loc", OTHERS)
@pytest.mark.parametrize("name", DATA_FILES)
def test_every_key_is_there_with_the_same_placeholders_and_citations(loc, name):
    assert differences(load("en", name), load(loc, name)) == []


def differences(en: dict[str, object], other: dict[str, object]) -> list[str]:
    """Keys missing or extra, and strings whose placeholders or citations differ."""
    found = [f"only in one: {k}" for k in sorted(set(en) ^ set(other))]
    for key in set(en) & set(other):
        mine, theirs = texts_of(en[key]), texts_of(other[key])
        if len(mine) != len(theirs):
            found.append(f"{key}: {len(mine)} texts, {len(theirs)} translated")
            continue
        for a, b in zip(mine, theirs, strict=True):
            if placeholders(a) != placeholders(b) or content.cited(a) != content.cited(b):
                found.append(f"{key}: {b}")
    return found


@pytest.mark.parametrize("loc", OTHERS)
@pytest.mark.parametrize("name", DATA_FILES)
def test_no_string_is_left_in_english_unless_it_is_meant_to_be(loc, name):
    same = SAME_ON_PURPOSE.get(name, set())
    words = SAME_WORD.get(loc, {}).get(name, set())
    en, other = load("en", name), load(loc, name)
    left = []
    for key, value in en.items():
        if isinstance(same, re.Pattern) and same.fullmatch(key):
            continue
        if (not isinstance(same, re.Pattern) and key in same) or key in words:
            continue
        if not texts_of(value):
            continue
        for a, b in zip(texts_of(value), texts_of(other[key]), strict=True):
            if a == b and re.search(r"[A-Za-z]{3}", a):
                left.append(f"{key}: {a}")
    assert left == []


@pytest.mark.parametrize("loc", OTHERS)
def test_every_page_has_every_section_with_the_same_citations(loc):
    en_pages = sorted(p.name for p in (CONTENT / "en" / "pages").glob("*.md"))
    assert sorted(p.name for p in (CONTENT / loc / "pages").glob("*.md")) == en_pages
    for name in en_pages:
        en = content.page(name.removesuffix(".md"), "en")
        other = content.page(name.removesuffix(".md"), loc)
        assert list(other) == list(en), name
        for section in en:
            assert set(content.cited(other[section])) == set(content.cited(en[section])), (
                name,
                section,
            )
            assert other[section] != en[section], (name, section)


@pytest.mark.parametrize("loc", OTHERS)
def test_numbers_are_written_the_local_way(loc):
    with content.using(loc):
        written = content.number(12345.5, 1)
    fmt = load(loc, "strings.toml")
    assert written == f"12{fmt['format.thousands']}345{fmt['format.decimal']}5"


def test_the_check_catches_a_missing_key_a_lost_placeholder_and_a_lost_citation():
    en = load("en", "strings.toml")
    broken = dict(load(OTHERS[0], "strings.toml"))
    broken.pop("kiosk.question")
    broken["checkpoint.headline"] = "Sin número"
    broken["path.overview"] = broken["path.overview"] + " [@barrett2019]"
    found = differences(en, broken)
    assert "only in one: kiosk.question" in found
    assert any(f.startswith("checkpoint.headline") for f in found)
    assert any(f.startswith("path.overview") for f in found)


def test_spanish_pages_write_measurements_with_a_decimal_comma():
    from .apptest import open_app

    at = open_app("build_a_face", lang="es")
    # The movement bars end in their value (0..1); the label bars end in a percentage.
    bars = [p.proto.text for p in at.get("progress") if not p.proto.text.endswith("%")]
    values = [text for text in bars if re.search(r"\d[.,]\d\d$", text)]
    assert len(values) >= 10, bars
    assert all(re.search(r"\d,\d\d$", text) for text in values), values
