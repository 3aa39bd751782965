"""Load the "Wink or blink" situations' words from content/<locale>/winks.toml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .content import load_toml, locale


@dataclass(frozen=True)
class Situation:
    key: str
    scene: str  # what anyone could see: told before the guess
    giveaway: str  # the line that tells why: shown only after the guess
    answer: int
    why: str


@cache
def _load(loc: str) -> tuple[tuple[str, ...], dict[str, Situation]]:
    raw = load_toml(loc, "winks.toml")
    choices = tuple(raw.pop("choices"))
    return choices, {
        k: Situation(k, v["scene"], v["giveaway"], int(v["answer"]), v["why"])
        for k, v in raw.items()
    }


def choices(loc: str | None = None) -> tuple[str, ...]:
    return _load(loc or locale())[0]


def situations(loc: str | None = None) -> dict[str, Situation]:
    return _load(loc or locale())[1]
