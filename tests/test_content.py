"""Every word on screen comes from content/, and every key the code asks for exists."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from demos import catalog
from demos.engine.classify import LABELS
from demos.engine.measure import KEYS
from demos.ui import content, lesson
from demos.ui.scenes import scene_keys, scene_text

ROOT = Path(__file__).resolve().parents[1]
CODE = [ROOT / "app.py", *sorted((ROOT / "demos").rglob("*.py"))]
# Streamlit calls that put text on the page; their text must come from content/.
TEXT_CALLS = {
    "markdown",
    "write",
    "title",
    "header",
    "subheader",
    "caption",
    "text",
    "info",
    "warning",
    "error",
    "success",
    "button",
    "expander",
    "camera_input",
    "progress",
    "toast",
}


def has_words(node: ast.expr) -> bool:
    """A literal with letters in it (f-strings count only their literal parts)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and any(c.isalpha() for c in node.value)
    if isinstance(node, ast.JoinedStr):
        return any(has_words(v) for v in node.values if isinstance(v, ast.Constant))
    return False


def literal_keys() -> set[str]:
    keys = set()
    for path in CODE:
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "t"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                keys.add(node.args[0].value)
    return keys


def test_every_literal_key_in_the_code_exists():
    keys = literal_keys()
    assert len(keys) > 20
    for key in keys:
        assert content.t(key), key


def test_every_movement_and_label_has_words():
    for key in KEYS:
        assert content.t(f"moves.{key}") and content.t(f"moves_short.{key}").isascii()
    for label in LABELS:
        assert content.t(f"labels.{label}").isupper()


@pytest.mark.parametrize("reason", ["unreachable", "http", "checksum", "size", "write"])
def test_every_download_failure_has_a_kind_message(reason):
    assert content.t(f"model.error_{reason}", detail="x")


def test_overlay_templates_are_ascii_for_the_video_font():
    for key in ("mirror.verdict_overlay", "mirror.moved_overlay", "mirror.nothing_moved_overlay"):
        assert content.t(key).isascii(), key


def test_no_learner_facing_string_literal_in_python():
    offenders = []
    for path in CODE:
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in TEXT_CALLS
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "st"
                and node.args
                and has_words(node.args[0])
            ):
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []


def test_every_page_has_a_nav_title_and_a_content_page():
    pages = catalog.pages()
    assert [p.url_path for p in pages][:2] == ["", "mirror"]
    for p in pages:
        assert content.t(f"nav.{p.name}")
        assert content.page(p.name, "en"), p.name


def test_sections_are_split_by_their_markers():
    sections = content.page("mirror", "en")
    assert {"intro", "notice", "cannot_know"} <= set(sections)
    assert "<!--" not in sections["cannot_know"]


def test_every_citation_names_a_known_reference():
    refs = content.references("en")
    for md in (ROOT / "content" / "en" / "pages").glob("*.md"):
        for key in content.cited(md.read_text()):
            assert key in refs, f"{md.name} cites unknown [@{key}]"


def test_citations_render_as_short_references():
    text = content.render_citations("Faces vary [@barrett2019].")
    assert text == "Faces vary (Barrett et al., 2019)."


def test_a_missing_key_says_which_file_to_edit():
    with pytest.raises(KeyError, match=r"strings\.toml"):
        content.t("mirror.no_such_key")


def test_an_unknown_locale_falls_back_to_english(monkeypatch):
    monkeypatch.setenv("FACE_VALUE_LANG", "xx")
    assert content.locale() == "en"


# The content format marks a claim this way: a paragraph or list item that reports a finding
# (a study, research, a report, a percentage or a year) carries a [@key] citation.
CLAIM = re.compile(
    r"\b(stud(y|ies)|research\w*|report\w*|found|review|survey|experiment\w*|"
    r"meta-analys\w*|claimed|estimated)\b|\d+(\.\d+)?\s?%|\b(19|20)\d\d\b",
    re.IGNORECASE,
)


def claim_units(markdown: str) -> list[str]:
    """Paragraphs and list items of a Markdown text (headings and HTML markers left out)."""
    units = []
    for block in re.split(r"\n\s*\n", markdown):
        current: list[str] = []
        for line in block.splitlines():
            if line.startswith(("#", "<!--")):
                continue
            if re.match(r"\s*([-*]|\d+\.)\s", line) and current:
                units.append(" ".join(current))
                current = []
            current.append(line.strip())
        if current:
            units.append(" ".join(current))
    return units


def all_cited_texts() -> dict[str, str]:
    texts = {md.name: md.read_text() for md in (ROOT / "content" / "en" / "pages").glob("*.md")}
    for key in scene_keys("en"):
        texts[f"scenes.toml:{key}"] = scene_text(key, "en").finding
    guide = lesson.guide("en")
    for key in ("intro", "big_idea", "no_camera"):
        texts[f"classroom.toml:{key}"] = guide[key]
    for plan in lesson.lessons("en").values():
        for step in plan.steps:
            for n, text in enumerate((step.goal, step.activity, *step.questions)):
                texts[f"classroom.toml:{step.key}.{n}"] = text
    return texts


def test_every_claim_carries_a_citation():
    missing = []
    for name, text in all_cited_texts().items():
        for unit in claim_units(text):
            if CLAIM.search(unit) and not content.CITATION.search(unit):
                missing.append(f"{name}: {unit[:90]}")
    assert missing == []


def test_every_reference_is_cited_somewhere():
    cited = set()
    for text in all_cited_texts().values():
        cited |= set(content.cited(text))
    assert set(content.references("en")) - cited == set()


def test_the_claim_rule_catches_an_uncited_finding():
    units = claim_units("A study found that 70% of faces lie.\n\n- Faces move [@ekman1978].")
    flagged = [u for u in units if CLAIM.search(u) and not content.CITATION.search(u)]
    assert flagged == ["A study found that 70% of faces lie."]
