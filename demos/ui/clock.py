"""The time, in one place, so tests can move it instead of sleeping."""

from __future__ import annotations

import time


def now() -> float:
    """Seconds on a clock that never goes backwards (time.monotonic)."""
    return time.monotonic()
