"""Turn whatever a camera or a bug hands us into a frame the tracker can use, or say why not."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

MIN_SIDE = 32  # smaller than this, there is no face to find
MAX_WIDTH = 1280  # larger frames are scaled down: faces stay findable, time stays flat


@dataclass(frozen=True)
class FrameProblem:
    """Why a frame cannot be used; `reason` is a stable key the UI turns into words."""

    reason: str  # "none", "not_an_image", "empty", "too_small", "bad_values", "bad_shape"


def to_rgb(frame: object) -> np.ndarray | FrameProblem:
    """A C-contiguous uint8 RGB copy of a BGR/BGRA/gray frame of any dtype, or the problem."""
    if frame is None:
        return FrameProblem("none")
    if not isinstance(frame, np.ndarray):
        return FrameProblem("not_an_image")
    if frame.size == 0:
        return FrameProblem("empty")
    img = frame
    if img.ndim == 3 and img.shape[2] == 1:
        img = img[:, :, 0]
    if img.ndim not in (2, 3) or (img.ndim == 3 and img.shape[2] not in (3, 4)):
        return FrameProblem("bad_shape")
    if min(img.shape[0], img.shape[1]) < MIN_SIDE:
        return FrameProblem("too_small")
    img = _as_uint8(img)
    if img is None:
        return FrameProblem("bad_values")
    if img.ndim == 2:
        rgb = cv2.cvtColor(img, cv2.COLOR_GRAY2RGB)
    elif img.shape[2] == 4:
        rgb = cv2.cvtColor(np.ascontiguousarray(img), cv2.COLOR_BGRA2RGB)
    else:
        rgb = cv2.cvtColor(np.ascontiguousarray(img), cv2.COLOR_BGR2RGB)
    if rgb.shape[1] > MAX_WIDTH:
        scale = MAX_WIDTH / rgb.shape[1]
        size = (MAX_WIDTH, max(MIN_SIDE, round(rgb.shape[0] * scale)))
        rgb = cv2.resize(rgb, size, interpolation=cv2.INTER_AREA)
    # MediaPipe silently finds no face in a non-contiguous buffer.
    return np.ascontiguousarray(rgb)


def _as_uint8(img: np.ndarray) -> np.ndarray | None:
    if img.dtype == np.uint8:
        return img
    if img.dtype == np.bool_:
        return img.astype(np.uint8) * 255
    if np.issubdtype(img.dtype, np.floating):
        if not np.isfinite(img).all():
            return None
        # Floats in 0..1 are the usual convention; anything larger is taken as 0..255.
        scale = 255.0 if float(img.max(initial=0.0)) <= 1.0 else 1.0
        return np.clip(img * scale, 0, 255).astype(np.uint8)
    if np.issubdtype(img.dtype, np.integer):
        if img.dtype.itemsize >= 2 and int(img.max(initial=0)) > 255:
            return (np.clip(img, 0, 65535) // 257).astype(np.uint8)
        return np.clip(img, 0, 255).astype(np.uint8)
    return None
