"""Real, public-domain test faces installed by pip, and a .y4m writer for Chromium's fake camera."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np


def astronaut_bgr() -> np.ndarray:
    """Eileen Collins, NASA portrait (public domain): a broad, posed smile."""
    from skimage import data

    return cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR)


def astronaut_face_bgr() -> np.ndarray:
    """The astronaut framed like a webcam: head and shoulders."""
    return astronaut_bgr()[30:300, 130:380]


def grace_hopper_bgr() -> np.ndarray:
    """Grace Hopper, US Navy portrait (public domain): a resting face."""
    import matplotlib

    path = Path(matplotlib.get_data_path()) / "sample_data" / "grace_hopper.jpg"
    img = cv2.imread(str(path), cv2.IMREAD_COLOR)
    assert img is not None, f"cannot read {path}"
    return img


def letterbox(bgr: np.ndarray, width: int = 640, height: int = 480) -> np.ndarray:
    """Fit a photo into a camera-sized frame without distorting the face."""
    h, w = bgr.shape[:2]
    scale = min(width / w, height / h)
    small = cv2.resize(bgr, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA)
    out = np.full((height, width, 3), 40, np.uint8)
    y, x = (height - small.shape[0]) // 2, (width - small.shape[1]) // 2
    out[y : y + small.shape[0], x : x + small.shape[1]] = small
    return out


def write_y4m(path: Path, bgr: np.ndarray, frames: int = 30, fps: int = 30) -> Path:
    """A short looping clip of one still frame, in the YUV4MPEG2 4:2:0 format Chromium plays."""
    frame = letterbox(bgr)
    h, w = frame.shape[:2]
    yuv = cv2.cvtColor(frame, cv2.COLOR_BGR2YUV_I420)  # Y plane, then U, then V
    with open(path, "wb") as out:
        out.write(f"YUV4MPEG2 W{w} H{h} F{fps}:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            out.write(b"FRAME\n")
            out.write(yuv.tobytes())
    return path
