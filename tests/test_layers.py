"""The house layering, held by reading the imports (ast):

- demos/engine/ is pure logic: no Streamlit;
- MediaPipe is used only inside demos/engine/;
- a page never imports another page, and demos/ui/ never imports a page;
- benchmarks/ never import tests/ (both share support/ instead).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from demos import _catalog as catalog

ROOT = Path(__file__).resolve().parents[1]
PAGES = {p.name for p in catalog.pages()}
# Files allowed to break one rule, each with why.
ALLOWED = {
    "benchmarks/engine.py: MediaPipe outside the engine": "it times raw MediaPipe, the baseline",
}


def imported_modules(path: Path, text: str | None = None) -> set[str]:
    """Every module a file imports, as dotted names (`from a import b` gives a and a.b).

    Relative imports are resolved against the file's package: `from .x import y` inside
    demos/engine/ counts as demos.engine.x.
    """
    package = list(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text() if text is None else text)):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package[: len(package) - node.level + 1], *filter(None, [base])])
            found.add(base)
            found |= {f"{base}.{a.name}" for a in node.names}
    return found


def pages_in(modules: set[str]) -> set[str]:
    """The page modules among dotted module names (demos.x, demos.x.y)."""
    return {
        n.split(".")[1] for n in modules if n.startswith("demos.") and n.count(".") >= 1
    } & PAGES


def tops(modules: set[str]) -> set[str]:
    return {n.split(".")[0] for n in modules}


def layer_violations(planted: dict[str, str] | None = None) -> list[str]:
    """Every import that breaks a layer rule, as 'file: rule'. `planted` adds or replaces
    files (path relative to the root: source) without writing them, for the tests below."""
    planted = planted or {}
    files = {
        str(p.relative_to(ROOT)): None
        for d in ("demos", "benchmarks", "support")
        for p in (ROOT / d).rglob("*.py")
    }
    files.update(planted)
    found = []
    for rel, text in sorted(files.items()):
        parts = Path(rel).parts
        modules = imported_modules(ROOT / rel, text)
        if parts[:2] == ("demos", "engine") and "streamlit" in tops(modules):
            found.append(f"{rel}: the engine imports Streamlit")
        if parts[:2] != ("demos", "engine") and "mediapipe" in tops(modules):
            found.append(f"{rel}: MediaPipe outside the engine")
        own_page = {Path(rel).stem} if len(parts) == 2 and parts[0] == "demos" else set()
        if own_page & PAGES and pages_in(modules) - own_page:
            found.append(f"{rel}: a page imports another page")
        if parts[:2] in (("demos", "ui"), ("demos", "engine")) and pages_in(modules):
            found.append(f"{rel}: a shared piece imports a page")
        if parts[0] in ("benchmarks", "support") and "tests" in tops(modules):
            found.append(f"{rel}: imports from tests/")
    return [v for v in found if v not in ALLOWED]


def test_the_tree_keeps_every_layer_rule():
    assert layer_violations() == []


@pytest.mark.parametrize(
    ("where", "source", "rule"),
    [
        ("demos/engine/planted.py", "import streamlit as st\n", "the engine imports Streamlit"),
        ("demos/ui/planted.py", "from .content import t\nimport mediapipe\n", "MediaPipe outside"),
        ("benchmarks/planted.py", "from mediapipe.tasks import python\n", "MediaPipe outside"),
        ("demos/privacy.py", "from demos import mirror\n", "a page imports another page"),
        ("demos/checkpoint.py", "from demos.kiosk import KEY\n", "a page imports another page"),
        ("demos/ui/planted.py", "from demos import mirror\n", "a shared piece imports a page"),
        ("demos/engine/planted.py", "from ..same_face import x\n", "a shared piece imports a page"),
        ("benchmarks/planted.py", "from tests.conftest import ROOT\n", "imports from tests/"),
        ("support/planted.py", "import tests.walk\n", "imports from tests/"),
    ],
)
def test_a_planted_violation_is_caught(where, source, rule):
    assert f"{where}: " + next(r for r in RULES if rule in r) in layer_violations({where: source})


RULES = (
    "the engine imports Streamlit",
    "MediaPipe outside the engine",
    "a page imports another page",
    "a shared piece imports a page",
    "imports from tests/",
)


def test_relative_imports_count_as_the_module_they_name():
    engine_file = ROOT / "demos" / "engine" / "x.py"
    assert "demos.engine.face_engine" in imported_modules(
        engine_file, "from .face_engine import A\n"
    )
    assert "demos.mirror" in imported_modules(engine_file, "from .. import mirror\n")
