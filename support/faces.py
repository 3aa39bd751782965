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


def three_faces_bgr() -> np.ndarray:
    """Three people side by side, each a third of the width: astronaut, Grace Hopper,
    astronaut (smiling, resting, smiling), so each reading can be told apart."""
    crops = [astronaut_face_bgr(), grace_hopper_bgr()[40:480, 60:460], astronaut_face_bgr()]
    height = 300
    sized = [cv2.resize(c, (round(c.shape[1] * height / c.shape[0]), height)) for c in crops]
    return np.hstack(sized)


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


def bomb_jpeg(claimed: int = 30_000) -> bytes:
    """A 16 × 16 JPEG whose header claims `claimed` × `claimed` pixels: a decompression bomb
    of about 630 bytes, as an attacker would swap into the photo upload."""
    ok, jpeg = cv2.imencode(".jpg", np.full((16, 16, 3), 128, np.uint8))
    assert ok
    data = bytearray(jpeg.tobytes())
    sof = data.index(b"\xff\xc0")  # baseline frame header: length(2) precision(1) h(2) w(2)
    data[sof + 5 : sof + 9] = claimed.to_bytes(2, "big") * 2
    return bytes(data)


def big_png(side: int) -> bytes:
    """A real grey PNG of side × side pixels (compresses to about side² / 1000 bytes)."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    # Rows are compressed one at a time, so even 30000 × 30000 never sits in memory whole.
    squash = zlib.compressobj(9)
    row = b"\0" + b"\x80" * side  # filter byte, then grey pixels
    body = b"".join(squash.compress(row) for _ in range(side)) + squash.flush()
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)  # 8-bit grey
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    )
