"""The time, in one place, so tests can move it instead of sleeping."""

from __future__ import annotations

import time

# How often a live page reads the camera's newest numbers: often enough to feel live, rare
# enough that the script reruns leave the frames their core.
REFRESH_SECONDS = 0.5


def now() -> float:
    """Seconds on a clock that never goes backwards (time.monotonic)."""
    return time.monotonic()
