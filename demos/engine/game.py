"""The "Fake it" challenge: show as many labels as you can, each held for a moment, in time.

Pure: every function takes the time as an argument, so tests need no clock and no sleeping.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .classify import LABELS, NEUTRAL

TARGETS: tuple[str, ...] = tuple(label for label in LABELS if label != NEUTRAL)
HOLD_SECONDS = 1.0  # a label counts once the machine has said it this long without a break
GOAL = 4


@dataclass(frozen=True)
class FakeIt:
    """One round: when it started, how long it lasts, what is ticked, what is being held."""

    started: float
    duration: float
    done: tuple[str, ...] = ()
    holding: str | None = None
    since: float = 0.0

    def remaining(self, now: float) -> float:
        return max(0.0, self.started + self.duration - now)

    def finished(self, now: float) -> bool:
        return self.remaining(now) == 0.0 or len(self.done) == len(TARGETS)

    @property
    def won(self) -> bool:
        return len(self.done) >= GOAL


def start(now: float, duration: float = 75.0) -> FakeIt:
    if duration <= 0:
        raise ValueError("duration must be positive")
    return FakeIt(started=now, duration=duration)


def step(game: FakeIt, label: str | None, now: float) -> FakeIt:
    """Feed the machine's current label; a label held for HOLD_SECONDS is ticked off."""
    if game.finished(now):
        return game
    if label is None or label not in TARGETS:
        return replace(game, holding=None)
    if label != game.holding:
        return replace(game, holding=label, since=now)
    if label not in game.done and now - game.since >= HOLD_SECONDS:
        return replace(game, done=(*game.done, label))
    return game
