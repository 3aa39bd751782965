"""A personal resting face: average a few seconds of movements, then read new faces against it."""

from __future__ import annotations

from collections.abc import Sequence

from .measure import KEYS, Movements


def average(samples: Sequence[Movements]) -> Movements:
    """The mean of each movement over the samples."""
    if not samples:
        raise ValueError("no samples to average")
    return Movements(
        tuple(sum(s.values[i] for s in samples) / len(samples) for i in range(len(KEYS)))
    )


def relative(moves: Movements, rest: Movements) -> Movements:
    """How far each movement has gone beyond the person's resting value, on the remaining range.

    A movement at or below its resting value reads 0; one at 1 reads 1. A movement that is
    already at 1 at rest has no range left and reads 0.
    """
    out = []
    for value, base in zip(moves.values, rest.values, strict=True):
        room = 1.0 - base
        out.append(0.0 if room <= 1e-9 else min(1.0, max(0.0, (value - base) / room)))
    return Movements(tuple(out))
