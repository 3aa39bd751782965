"""The kiosk's two-step idle timer: active, then a warning with a countdown, then reset.

Pure: every function takes the time as an argument, so tests need no clock and no sleeping.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

from . import settings


class Phase(Enum):
    ACTIVE = "active"
    WARNING = "warning"  # "Still there?", counting down
    RESET = "reset"  # forget the visitor, back to the attract screen


@dataclass(frozen=True)
class IdleTimer:
    """idle_after: seconds with no touch and no face before the warning; warn_for: its length."""

    idle_after: float = 60.0
    warn_for: float = 20.0

    def phase(self, last_activity: float, now: float) -> Phase:
        quiet = now - last_activity
        if quiet < self.idle_after:
            return Phase.ACTIVE
        if quiet < self.idle_after + self.warn_for:
            return Phase.WARNING
        return Phase.RESET

    def seconds_left(self, last_activity: float, now: float) -> int:
        """Whole seconds until the reset (shown on the warning), never below zero."""
        left = last_activity + self.idle_after + self.warn_for - now
        return max(0, math.ceil(left))


def from_environment() -> IdleTimer:
    """The installation's timer: FACE_VALUE_IDLE_SECONDS and FACE_VALUE_WARNING_SECONDS."""
    return IdleTimer(
        settings.seconds("FACE_VALUE_IDLE_SECONDS"), settings.seconds("FACE_VALUE_WARNING_SECONDS")
    )
