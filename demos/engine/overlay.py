"""The overlay drawn on the returned video: light landmarks, a box, the verdict, what moved."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import cv2
import numpy as np

from .face_engine import read_faces  # the faces that have a reading, numbered as the page's lines
from .frames import FrameProblem, to_rgb
from .tracking import Reading

# Dots are drawn every few landmarks: enough to show it is geometry, not a mask.
_DOT_STEP = 4
_INK = (255, 255, 255)
_ACCENT = (40, 200, 255)  # BGR amber; meaning is always in the words too


def draw_overlay(bgr: np.ndarray, reading: Reading, lines: Sequence[str]) -> np.ndarray:
    """Draw on a copy of the frame: the nearest face's landmarks and box, then the text lines.

    The text is passed in (from content/), so this module holds no learner-facing words.
    Hershey fonts are ASCII-only; callers pass plain text.
    """
    out = _bgr_copy(bgr)
    h, w = out.shape[:2]
    if reading.faces and reading.width:
        face = reading.faces[0]
        # Dots as 2x2 pixel blocks set in one go: a circle per point cost more than the model.
        pts = (face.landmarks[::_DOT_STEP] * (w, h)).astype(np.int32)
        xs = np.clip(pts[:, 0], 0, w - 2)
        ys = np.clip(pts[:, 1], 0, h - 2)
        for dy in (0, 1):
            for dx in (0, 1):
                out[ys + dy, xs + dx] = _INK
        read = read_faces(reading)
        for other in reading.faces:
            if not any(other is f for f in read):  # found but not read: a thin box
                a0, b0, a1, b1 = (np.array(other.box) * (w, h, w, h)).astype(int)
                cv2.rectangle(out, (int(a0), int(b0)), (int(a1), int(b1)), _INK, 1, cv2.LINE_AA)
        for n, one in enumerate(read, start=1):
            x0, y0, x1, y1 = (np.array(one.box) * (w, h, w, h)).astype(int)
            cv2.rectangle(out, (int(x0), int(y0)), (int(x1), int(y1)), _ACCENT, 2, cv2.LINE_AA)
            if len(read) > 1:  # numbered left to right, as the page's lines are
                _number(out, str(n), int(x0), int(y0))
    if lines:
        _caption(out, lines)
    return out


def _bgr_copy(frame: np.ndarray) -> np.ndarray:
    """A uint8 BGR copy to draw on: camera frames as they are, gray/BGRA/other types converted."""
    if frame.dtype == np.uint8 and frame.ndim == 3 and frame.shape[2] == 3:
        return np.ascontiguousarray(frame).copy()
    rgb = to_rgb(frame)
    if isinstance(rgb, FrameProblem):
        raise ValueError(f"cannot draw on this frame ({rgb.reason})")
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)


def _caption(out: np.ndarray, lines: Sequence[str]) -> None:
    # A dark band under the text keeps it readable on any background (white text alone
    # vanishes on a light wall); the band is blended, not opaque, so the face stays visible.
    h, w = out.shape[:2]
    scale = max(0.45, w / 1000)
    sizes = [scale * (1.0 if i == 0 else 0.75) for i in range(len(lines))]
    line_h = [int(30 * s) + 10 for s in sizes]
    band = sum(line_h) + 10
    region = out[: min(band, h)]
    np.right_shift(region, 2, out=region)  # a quarter of the brightness, in place
    y = 0
    for text, size, step in zip(lines, sizes, line_h, strict=True):
        y += step
        thick = max(1, round(2 * size))
        org = (int(12 * scale), y - 6)
        cv2.putText(out, plain(text), org, cv2.FONT_HERSHEY_SIMPLEX, size, _INK, thick, cv2.LINE_AA)


def plain(text: str) -> str:
    """The text without accents (ALEGRÍA -> ALEGRIA): Hershey fonts draw any other letter as ?."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _number(out: np.ndarray, text: str, x: int, y_top: int) -> None:
    # A filled square just above the box's left corner (inside it at the top edge), the number
    # in it: readable on any face, and the face itself stays uncovered.
    h, w = out.shape[:2]
    side = max(24, w // 20)
    x = min(max(x, 0), w - side)
    y = y_top - side if y_top - side >= 0 else min(max(y_top, 0), h - side)
    cv2.rectangle(out, (x, y), (x + side, y + side), _ACCENT, -1)
    scale = side / 32
    (tw, th), _ = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, scale, 2)
    org = (x + (side - tw) // 2, y + (side + th) // 2)
    cv2.putText(out, text, org, cv2.FONT_HERSHEY_SIMPLEX, scale, (0, 0, 0), 2, cv2.LINE_AA)
