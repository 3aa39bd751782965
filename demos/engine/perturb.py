"""Change the picture, not the face: light, blur, tilt, distance and a band across the face.

Each change is deterministic (same frame, same settings, same pixels), so a drift in the
machine's reading can only come from the picture.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np


@dataclass(frozen=True)
class Perturbation:
    brightness: float = 1.0  # light: 0.15 is a dark road at night, 1 as filmed
    blur: float = 0.0  # out of focus or moving: Gaussian sigma, as a share of the width (0..0.02)
    rotation: float = 0.0  # head or camera tilt, in degrees
    distance: float = 1.0  # 1 as filmed; 3 = three times farther away (the face a third as wide)
    band: float = 0.0  # a dark band across the picture, as a share of its height (0 = none)
    band_at: float = 0.4  # where the band's middle is, from the top (0.4: about eye height)

    @property
    def is_identity(self) -> bool:
        return self == Perturbation()


def perturb(bgr: np.ndarray, p: Perturbation) -> np.ndarray:
    """A changed copy of a BGR frame (the original is never modified)."""
    out = np.ascontiguousarray(bgr).copy()
    h, w = out.shape[:2]
    if p.distance > 1.0:
        small = cv2.resize(
            out,
            (max(1, round(w / p.distance)), max(1, round(h / p.distance))),
            interpolation=cv2.INTER_AREA,
        )
        out = np.full_like(out, int(out.mean()))
        y, x = (h - small.shape[0]) // 2, (w - small.shape[1]) // 2
        out[y : y + small.shape[0], x : x + small.shape[1]] = small
    if p.rotation:
        matrix = cv2.getRotationMatrix2D((w / 2, h / 2), p.rotation, 1.0)
        out = cv2.warpAffine(out, matrix, (w, h), borderMode=cv2.BORDER_REPLICATE)
    if p.blur > 0:
        out = cv2.GaussianBlur(out, (0, 0), sigmaX=max(0.1, p.blur * w))
    if p.brightness != 1.0:
        out = cv2.convertScaleAbs(out, alpha=p.brightness, beta=0)
    if p.band > 0:
        half = p.band * h / 2
        top, bottom = int(max(0, p.band_at * h - half)), int(min(h, p.band_at * h + half))
        out[top:bottom] = 20
    return out


def sample_portrait() -> np.ndarray | None:
    """Grace Hopper's public-domain portrait, shipped with matplotlib (a mediapipe dependency).

    Lets the robustness lab run with no camera at all; None if the file is not there.
    """
    try:
        import matplotlib

        path = Path(matplotlib.get_data_path()) / "sample_data" / "grace_hopper.jpg"
    except ImportError:
        return None
    img = cv2.imread(str(path), cv2.IMREAD_COLOR)
    return img
