"""What a screen reader hears of a live reading: only changes, and not more often than every
few seconds, so a live camera does not flood the listener."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Announcement:
    text: str
    at: float  # when it was first said (the page's clock)


def next_announcement(
    previous: Announcement | None, text: str, now: float, every: float = 4.0
) -> Announcement:
    """The announcement to show now: the new text if it changed and `every` seconds have
    passed since the last one, else the last one unchanged."""
    if previous is None or (text != previous.text and now - previous.at >= every):
        return Announcement(text, now)
    return previous
