"""Turn whatever a camera or a bug hands us into a frame the tracker can use, or say why not."""

from __future__ import annotations

import base64
import io
import warnings
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

MIN_SIDE = 32  # smaller than this, there is no face to find
MAX_WIDTH = 1280  # larger frames are scaled down: faces stay findable, time stays flat
# A photo's header is read before any pixel is decoded: a 629-byte JPEG may claim 30000 ×
# 30000 pixels, which decoded would take 2.7 GB. A camera gives far less than this.
MAX_PHOTO_SIDE = 4096
MAX_PHOTO_BYTES = 5 * 1024 * 1024  # as server.maxUploadSize in .streamlit/config.toml


@dataclass(frozen=True)
class FrameProblem:
    """Why a frame cannot be used; `reason` is a stable key the UI turns into words."""

    # "none", "not_an_image", "empty", "too_small", "bad_values", "bad_shape", "too_large"
    reason: str


def photo_size(data: bytes) -> tuple[int, int] | FrameProblem:
    """(width, height) from an encoded photo's header, without decoding a pixel, or the problem."""
    if not data:
        return FrameProblem("empty")
    if len(data) > MAX_PHOTO_BYTES:
        return FrameProblem("too_large")
    try:
        # PIL reads only the header here. Its own bomb check raises (or warns) for huge
        # claims; either way the answer is ours to give.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as header:
                return header.size
    except Image.DecompressionBombError:
        return FrameProblem("too_large")
    except Exception:  # PIL raises many kinds for bytes that are not an image
        return FrameProblem("not_an_image")


def decode_photo(data: bytes) -> np.ndarray | FrameProblem:
    """A BGR photo, at most MAX_WIDTH wide, from JPEG/PNG bytes; refused from its header if huge."""
    size = photo_size(data)
    if isinstance(size, FrameProblem):
        return size
    if max(size) > MAX_PHOTO_SIDE:
        return FrameProblem("too_large")
    if min(size) < MIN_SIDE:  # a photo has no next frame to wait for: say so now
        return FrameProblem("too_small")
    try:
        bgr = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    except cv2.error:  # OpenCV's own pixel limit (demos.serve sets it) or a broken stream
        return FrameProblem("not_an_image")
    if bgr is None or bgr.size == 0:
        return FrameProblem("not_an_image")
    if bgr.shape[1] > MAX_WIDTH:
        # Drawn and shown at this size too: the full photo is never copied again.
        scale = MAX_WIDTH / bgr.shape[1]
        size = (MAX_WIDTH, max(1, round(bgr.shape[0] * scale)))
        bgr = cv2.resize(bgr, size, interpolation=cv2.INTER_AREA)
    return bgr


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


def png_data_url(rgb: np.ndarray) -> str:
    """An RGB picture as a `data:` URL, so a page can show it without any file or request."""
    ok, png = cv2.imencode(".png", cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
    if not ok:
        raise ValueError("the picture could not be encoded as PNG")
    return "data:image/png;base64," + base64.b64encode(png.tobytes()).decode("ascii")


def to_i420(bgr: np.ndarray) -> np.ndarray | None:
    """The frame in the video encoder's own layout (YUV 4:2:0, BT.601), or None if it has none.

    The encoder would convert a BGR frame itself, more slowly (0.9 ms against 0.2 ms for
    640x480, measured); brightness comes out within 2 levels of 255, colour within 1 on average.
    A frame with an odd side has no 4:2:0 layout of the same size.
    """
    if not isinstance(bgr, np.ndarray) or bgr.ndim != 3 or bgr.shape[2] != 3:
        return None
    h, w = bgr.shape[:2]
    if h % 2 or w % 2 or bgr.dtype != np.uint8:
        return None
    return cv2.cvtColor(bgr, cv2.COLOR_BGR2YUV_I420)
