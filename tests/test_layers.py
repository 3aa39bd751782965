"""The house layering, held by reading the imports: a page never imports another page, and
the shared pieces (demos/ui, demos/engine) never import a page."""

from __future__ import annotations

import ast
from pathlib import Path

from demos import _catalog as catalog

ROOT = Path(__file__).resolve().parents[1]
PAGES = {p.name for p in catalog.pages()}


def imported_pages(path: Path) -> set[str]:
    """The page modules a file imports (import demos.x, from demos import x, from demos.x ...)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        else:
            continue
        found |= {n.split(".")[1] for n in names if n.startswith("demos.") and n.count(".") >= 1}
    return found & PAGES


def test_no_page_imports_another_page():
    for name in PAGES:
        assert imported_pages(ROOT / "demos" / f"{name}.py") - {name} == set(), name


def test_shared_pieces_never_import_a_page():
    for folder in ("ui", "engine"):
        for path in sorted((ROOT / "demos" / folder).glob("*.py")):
            assert imported_pages(path) == set(), path.name


def test_the_rule_sees_both_ways_of_importing_a_page(tmp_path):
    one = tmp_path / "one.py"
    one.write_text("from demos.same_face import FACES\nfrom demos import mirror\n")
    assert imported_pages(one) == {"same_face", "mirror"}
