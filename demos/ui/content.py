"""Load learner-facing words from content/<locale>/: UI strings, page sections, references."""

from __future__ import annotations

import contextlib
import contextvars
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from demos.engine import settings

CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"
DEFAULT_LOCALE = "en"
_SECTION = re.compile(r"^<!--\s*section:\s*([\w-]+)\s*-->\s*$", re.MULTILINE)
CITATION = re.compile(r"\[@([\w-]+)\]")


@dataclass(frozen=True)
class Reference:
    key: str
    short: str
    full: str
    url: str = ""
    # Why there is no public address ("print only"), so a reader knows not to look for one.
    no_url: str = ""


LANG_KEY = "shell.lang"  # the session's language, set by the shell (?lang= or the switch)
_override: contextvars.ContextVar[str | None] = contextvars.ContextVar("fv_locale", default=None)


_LOCALE_NAME = re.compile(r"[a-z]{2,3}(?:[-_][a-z0-9]{2,8})?")


@cache
def locales() -> tuple[str, ...]:
    """Every language with a content folder (a new language is a new folder), read once."""
    return tuple(
        sorted(
            p.name
            for p in CONTENT_DIR.iterdir()
            if _LOCALE_NAME.fullmatch(p.name) and (p / "strings.toml").is_file()
        )
    )


def supported_locale(loc: object) -> str | None:
    """loc, if it is exactly the name of an installed language (any case); else None.

    Only compared with the list, never turned into a path: `?lang=../x` or a 300-character
    value is simply not a language, and nothing is cached per value asked.
    """
    if not isinstance(loc, str) or len(loc) > 16:
        return None
    loc = loc.strip().lower()
    return loc if loc in locales() else None


def installation_locale() -> str:
    """The installation language (FACE_VALUE_LANG) if its folder exists, else English."""
    return supported_locale(settings.get("FACE_VALUE_LANG")) or DEFAULT_LOCALE


def _session_locale() -> str | None:
    # Read lazily: the engine and the tests use this module without a Streamlit session.
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None:
        return None
    return supported_locale(ctx.session_state[LANG_KEY]) if LANG_KEY in ctx.session_state else None


def locale() -> str:
    """The language to write in: a `using()` block, else this session's choice, else the
    installation's (FACE_VALUE_LANG), else English."""
    return _override.get() or _session_locale() or installation_locale()


@contextlib.contextmanager
def using(loc: str) -> Iterator[None]:
    """Write in loc inside this block (the video thread has no session to ask)."""
    token = _override.set(supported_locale(loc) or DEFAULT_LOCALE)
    try:
        yield
    finally:
        _override.reset(token)


@cache
def load_toml(loc: str, name: str) -> dict:
    """One of a language's data files (content/<loc>/<name>), read once."""
    with open(CONTENT_DIR / loc / name, "rb") as handle:
        return tomllib.load(handle)


def string_files(loc: str = DEFAULT_LOCALE) -> tuple[str, ...]:
    """The files that hold a language's UI strings: strings.toml for the shared words, and one
    strings/<page>.toml per page that keeps its own (its section is the page's module name)."""
    pages = sorted((CONTENT_DIR / loc / "strings").glob("*.toml"))
    return ("strings.toml", *(f"strings/{p.name}" for p in pages))


@cache
def strings(loc: str = DEFAULT_LOCALE) -> dict:
    """Every UI string of a language, from all its string files, as one table."""
    merged: dict = {}
    for name in string_files(loc):
        table = load_toml(loc, name)
        twice = merged.keys() & table.keys()
        if twice:
            raise ValueError(f"content/{loc}/{name} repeats the section(s) {sorted(twice)}")
        merged.update(table)
    return merged


def t(key: str, loc: str | None = None, **values: object) -> str:
    """The UI string at a dotted key ("mirror.start"), with {name} values filled in."""
    node: object = strings(loc or locale())
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            raise KeyError(f"content/{loc or locale()}/strings.toml has no '{key}'")
        node = node[part]
    if not isinstance(node, str):
        raise KeyError(f"'{key}' is a table, not a string")
    return node.format(**values) if values else node


@cache
def page(name: str, loc: str = DEFAULT_LOCALE) -> dict[str, str]:
    """A page's Markdown, split into its named sections."""
    text = (CONTENT_DIR / loc / "pages" / f"{name}.md").read_text(encoding="utf-8")
    parts = _SECTION.split(text)
    # parts = [before-first-marker, name1, body1, name2, body2, ...]
    return {parts[i]: parts[i + 1].strip() for i in range(1, len(parts), 2)}


def section(page_name: str, name: str, loc: str | None = None) -> str:
    """One section of a page, by name."""
    sections = page(page_name, loc or locale())
    if name not in sections:
        raise KeyError(f"content/{loc or locale()}/pages/{page_name}.md has no section '{name}'")
    return sections[name]


@cache
def references(loc: str = DEFAULT_LOCALE) -> dict[str, Reference]:
    raw = load_toml(loc, "references.toml")
    return {key: Reference(key, **fields) for key, fields in raw.items()}


def reference_line(ref: Reference) -> str:
    """One reference as a Markdown list item: short name, full entry, and its address (or why
    there is none)."""
    where = f" [{ref.url}]({ref.url})" if ref.url else (f" ({ref.no_url})" if ref.no_url else "")
    return f"- **{ref.short}.** {ref.full}{where}"


def cited(markdown: str) -> list[str]:
    """Reference keys cited in a text, in order of first use."""
    return list(dict.fromkeys(CITATION.findall(markdown)))


def render_citations(markdown: str, loc: str | None = None) -> str:
    """Replace [@key] with a readable short citation in brackets."""
    refs = references(loc or locale())

    def short(match: re.Match[str]) -> str:
        ref = refs.get(match.group(1))
        return f"({ref.short})" if ref else match.group(0)

    return CITATION.sub(short, markdown)


def number(x: float, digits: int = 0) -> str:
    """A number written the way the current language writes it (thousands, decimals)."""
    fmt = strings(locale()).get("format", {})
    text = f"{x:,.{digits}f}"
    # Swap through a placeholder so "," and "." can trade places (1.234,5 in many languages).
    return (
        text.replace(",", "\0")
        .replace(".", fmt.get("decimal", "."))
        .replace("\0", fmt.get("thousands", ","))
    )


def percent(share: float, digits: int = 0) -> str:
    """A share (0..1) as a percentage in the current language."""
    return number(100 * share, digits) + "%"
