"""Load the "Same face, different story" scenes' words from content/<locale>/scenes.toml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .content import load_toml, locale


@dataclass(frozen=True)
class SceneText:
    key: str
    title: str
    choices: tuple[str, ...]
    stories: tuple[str, ...]
    finding: str


@cache
def _load(loc: str) -> dict[str, SceneText]:
    raw = load_toml(loc, "scenes.toml")
    return {
        key: SceneText(key, v["title"], tuple(v["choices"]), tuple(v["stories"]), v["finding"])
        for key, v in raw.items()
    }


def scene_text(key: str, loc: str | None = None) -> SceneText:
    """The words of one scene, in the current language."""
    return _load(loc or locale())[key]


def scene_keys(loc: str | None = None) -> list[str]:
    return list(_load(loc or locale()))
