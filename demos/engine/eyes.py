"""Which eye looks closed: the one thing about a wink or a blink a face reader can measure."""

from __future__ import annotations

from .measure import Movements

# MediaPipe's eyeBlink reaches only about 0.3 on a still photo with one eye painted shut,
# while the open eye stays under 0.1; a closed eye is read as clearly more closed than the other.
CLOSED = 0.25
CLEARER = 2.0


def closed_eyes(moves: Movements) -> str | None:
    """'left', 'right' (the person's own), 'both', or None when both look open."""
    left, right = moves["eye_closed_left"], moves["eye_closed_right"]
    left_shut = left >= CLOSED and left >= CLEARER * right
    right_shut = right >= CLOSED and right >= CLEARER * left
    if left >= CLOSED and right >= CLOSED and not (left_shut or right_shut):
        return "both"
    if left_shut:
        return "left"
    if right_shut:
        return "right"
    return None
