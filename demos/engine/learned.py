"""The second machine: a small CNN learned from FER2013 (mini-Xception, Arriaga et al. 2017).

It reads the face MediaPipe found, cropped square from its landmarks, gray, 64x64. The crop is
pixels: it exists only inside `LearnedReader.read`, never leaves it; only the verdict does.
Runs with LiteRT (ai-edge-litert), never TensorFlow.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import cv2
import numpy as np

from .classify import NEUTRAL

log = logging.getLogger(__name__)

SIDE = 64  # the network's input: 64x64 gray
# The model's seven outputs, in its own order (fer's labels) -> this app's label names.
MODEL_LABELS: tuple[str, ...] = ("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral")
TO_APP: Mapping[str, str] = MappingProxyType(
    {
        "angry": "angry",
        "disgust": "disgusted",
        "fear": "afraid",
        "happy": "happy",
        "sad": "sad",
        "surprise": "surprised",
        "neutral": NEUTRAL,
    }
)
LABELS: tuple[str, ...] = tuple(TO_APP[k] for k in MODEL_LABELS)
# Landmarks run from the brow line to the chin; FER2013's crops show a little more (forehead,
# a margin round the cheeks). Widen the landmarks' square by this share of its side.
MARGIN = 0.25


@dataclass(frozen=True)
class LearnedVerdict:
    """The CNN's claim: its top label (this app's name), its share, and every label's share."""

    label: str
    confidence: float
    probabilities: Mapping[str, float]

    @property
    def percent(self) -> int:
        return round(100 * self.confidence)


def crop_box(
    landmarks: np.ndarray, width: int, height: int, margin: float = MARGIN
) -> tuple[int, int, int]:
    """A square (x0, y0, side) in pixels around normalised landmarks, widened by `margin`.

    It may reach past the frame's edge; `crop` fills that part from the nearest edge pixels.
    """
    xs = landmarks[:, 0] * width
    ys = landmarks[:, 1] * height
    cx, cy = float(xs.min() + xs.max()) / 2, float(ys.min() + ys.max()) / 2
    side = max(round(float(max(xs.max() - xs.min(), ys.max() - ys.min())) * (1 + margin)), 2)
    return round(cx - side / 2), round(cy - side / 2), side


def to_gray(frame: np.ndarray) -> np.ndarray:
    """A BGR, BGRA or gray frame as one gray channel (uint8)."""
    if frame.ndim == 2:
        return frame
    if frame.shape[2] == 4:
        return cv2.cvtColor(frame, cv2.COLOR_BGRA2GRAY)
    return cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)


def crop(image: np.ndarray, box: tuple[int, int, int]) -> np.ndarray:
    """The square box out of an image, SIDE x SIDE; outside the image, the edge repeats.

    Only the box is copied and scaled (not the frame): this runs on every camera frame.
    """
    x0, y0, side = box
    h, w = image.shape[:2]
    # The part of the box inside the image (at least one pixel, even for a box outside it).
    xa, ya = min(max(x0, 0), w - 1), min(max(y0, 0), h - 1)
    xb, yb = max(min(x0 + side, w), xa + 1), max(min(y0 + side, h), ya + 1)
    part = image[ya:yb, xa:xb]
    top, left = max(ya - y0, 0), max(xa - x0, 0)
    bottom, right = max(side - top - (yb - ya), 0), max(side - left - (xb - xa), 0)
    if top or left or bottom or right:
        part = cv2.copyMakeBorder(part, top, bottom, left, right, cv2.BORDER_REPLICATE)
    interpolation = cv2.INTER_AREA if side > SIDE else cv2.INTER_LINEAR
    return cv2.resize(part, (SIDE, SIDE), interpolation=interpolation)


def preprocess(face: np.ndarray) -> np.ndarray:
    """A SIDE x SIDE gray crop as the network's input: pixel/255, then (x - 0.5) * 2."""
    x = face.astype(np.float32) / 255.0
    return ((x - 0.5) * 2.0).reshape(1, SIDE, SIDE, 1)


def verdict(scores: Sequence[float]) -> LearnedVerdict:
    """Seven shares in the model's order -> a verdict in this app's label names."""
    shares = np.asarray(scores, dtype=np.float64)
    shares = shares / max(float(shares.sum()), 1e-9)
    probabilities = MappingProxyType(
        {TO_APP[k]: float(v) for k, v in zip(MODEL_LABELS, shares, strict=True)}
    )
    # Ties go to the earlier label in the model's order, never to dict order.
    best = int(np.argmax(shares))
    return LearnedVerdict(TO_APP[MODEL_LABELS[best]], float(shares[best]), probabilities)


def agreement(pairs: Sequence[tuple[str, str]]) -> tuple[int, int]:
    """Of (recipes' label, CNN's label) pairs: how many agree, out of how many."""
    return sum(a == b for a, b in pairs), len(pairs)


class LearnedError(RuntimeError):
    """The runtime or the model file could not be loaded."""


class LearnedReader:
    """One LiteRT interpreter (one thread: MediaPipe has the others); read() per frame.

    In video mode the shares are smoothed over frames as the recipes' movements are, so
    the two machines are compared on equal terms.
    """

    def __init__(self, model_path: Path | str, smoothing: float | None = 0.5) -> None:
        try:
            from ai_edge_litert.interpreter import Interpreter

            self._interpreter = Interpreter(model_path=str(model_path), num_threads=1)
            self._interpreter.allocate_tensors()
        except Exception as exc:  # a damaged file, a missing runtime: the recipes go on alone
            raise LearnedError(str(exc)) from exc
        self._input = self._interpreter.get_input_details()[0]["index"]
        self._output = self._interpreter.get_output_details()[0]["index"]
        self._alpha = smoothing
        # Seven floats, never an array: nothing held between frames looks like a picture.
        self._smoothed: tuple[float, ...] | None = None
        self._lock = threading.Lock()  # one interpreter, one frame at a time

    def scores(self, face: np.ndarray) -> np.ndarray:
        """The seven raw shares for one SIDE x SIDE gray crop."""
        with self._lock:
            self._interpreter.set_tensor(self._input, preprocess(face))
            self._interpreter.invoke()
            out = np.array(self._interpreter.get_tensor(self._output)[0], dtype=np.float64)
            # The input tensor would keep the crop until the next frame: blank it now.
            self._interpreter.set_tensor(self._input, np.zeros((1, SIDE, SIDE, 1), np.float32))
            return out

    def _smooth(self, raw: np.ndarray) -> np.ndarray:
        if self._alpha is None:
            return raw
        prev = self._smoothed
        now = raw if prev is None else self._alpha * raw + (1 - self._alpha) * np.array(prev)
        self._smoothed = tuple(float(x) for x in now)
        return now

    def read(self, frame: np.ndarray, landmarks: np.ndarray) -> LearnedVerdict:
        """The verdict on the face at these landmarks; the crop is dropped on return."""
        h, w = frame.shape[:2]
        face = to_gray(crop(frame, crop_box(landmarks, w, h)))  # crop first: 64x64 to convert
        return verdict(self._smooth(self.scores(face)))

    def read_whole(self, image: np.ndarray) -> LearnedVerdict:
        """The verdict on a BGR picture that is all face (the drawn face), unsmoothed."""
        side = min(image.shape[:2])
        return verdict(self.scores(to_gray(crop(image, (0, 0, side)))))

    def reset(self) -> None:
        """Forget the smoothing history (no face, or a new visitor)."""
        self._smoothed = None
