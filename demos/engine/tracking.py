"""MediaPipe FaceLandmarker, wrapped: one tracker per stream, its own clock, faces largest first."""

from __future__ import annotations

import os
import threading
import time
import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import numpy as np

from .frames import FrameProblem, to_rgb

# MediaPipe's C++ side logs start-up chatter to stderr; keep only its errors.
os.environ.setdefault("GLOG_minloglevel", "2")

# Imported here, not inside Tracker: an exception MediaPipe catches while importing keeps
# its traceback, and with it the frame (and Tracker) that happened to trigger the import.
try:
    import mediapipe as mp
    from mediapipe.tasks.python import BaseOptions, vision
except Exception as exc:  # missing GL libraries and the like: say so when a Tracker is made
    mp = BaseOptions = vision = None
    _IMPORT_ERROR: Exception | None = exc
else:
    _IMPORT_ERROR = None


@dataclass(frozen=True)
class Face:
    """One face found: its blendshape scores, landmarks (normalised x, y) and size."""

    blendshapes: Mapping[str, float]
    landmarks: np.ndarray  # (478, 2) float32 in 0..1, image x right, y down
    box: tuple[float, float, float, float]  # x0, y0, x1, y1, normalised

    @property
    def width(self) -> float:
        """Face width as a share of the frame width."""
        return self.box[2] - self.box[0]


@dataclass(frozen=True)
class Reading:
    """What the tracker saw in one frame: the faces (largest first) or the frame's problem."""

    faces: tuple[Face, ...]
    problem: FrameProblem | None = None
    width: int = 0
    height: int = 0


class TrackerError(RuntimeError):
    """MediaPipe could not start (a bad model file, or missing GL libraries)."""


class Tracker:
    """A FaceLandmarker in VIDEO mode (or IMAGE mode for single photos); close() when done."""

    def __init__(self, model_path: Path | str, max_faces: int = 5, video: bool = True) -> None:
        if _IMPORT_ERROR is not None:
            raise TrackerError(f"MediaPipe cannot be loaded: {_IMPORT_ERROR}")
        try:
            options = vision.FaceLandmarkerOptions(
                base_options=BaseOptions(model_asset_path=str(model_path)),
                running_mode=vision.RunningMode.VIDEO if video else vision.RunningMode.IMAGE,
                num_faces=max_faces,
                output_face_blendshapes=True,
                min_face_detection_confidence=0.5,
                min_face_presence_confidence=0.5,
                min_tracking_confidence=0.5,
            )
            self._landmarker = vision.FaceLandmarker.create_from_options(options)
        except Exception as exc:  # MediaPipe raises plain RuntimeError/ValueError/OSError
            raise TrackerError(str(exc)) from exc
        self._video = video
        # A landmarker closed by the garbage collector (MediaPipe's own __del__) can deadlock
        # the thread that happened to trigger the collection, e.g. a Streamlit worker after
        # a tab was closed. Closing on a thread of its own avoids that.
        self._finalizer = weakref.finalize(self, _close_elsewhere, self._landmarker)
        # Not at exit: the process is ending anyway, and a thread started then fails noisily
        # (the server's one photo engine lives until then).
        self._finalizer.atexit = False
        self._lock = threading.Lock()
        self._last_ms = -1
        self._tracked = 0  # faces found in the last frame (VIDEO mode)
        self._closed = False

    def _next_timestamp(self) -> int:
        # VIDEO mode refuses a timestamp that is not strictly larger than the last one,
        # whatever the camera's own clock did; so the tracker keeps its own.
        now = time.monotonic_ns() // 1_000_000
        self._last_ms = max(now, self._last_ms + 1)
        return self._last_ms

    def process(self, frame: object) -> Reading:
        """Find faces in a BGR (or gray/BGRA) frame; never raises for a bad frame."""
        rgb = to_rgb(frame)
        if isinstance(rgb, FrameProblem):
            return Reading((), rgb)
        image = mp.Image(image_format=mp.ImageFormat.SRGB, data=rgb)
        with self._lock:
            if self._closed:
                return Reading((), FrameProblem("closed"), rgb.shape[1], rgb.shape[0])
            if self._video:
                result = self._landmarker.detect_for_video(image, self._next_timestamp())
                if not result.face_landmarks and self._tracked:
                    # VIDEO mode looks for new faces only when it tracks fewer than
                    # max_faces; a scene change (five faces, then one) loses every tracked
                    # face in this frame. Once more, now tracking none, so it searches.
                    result = self._landmarker.detect_for_video(image, self._next_timestamp())
                self._tracked = len(result.face_landmarks)
            else:
                result = self._landmarker.detect(image)
        faces = [
            _face(landmarks, shapes)
            for landmarks, shapes in zip(
                result.face_landmarks, result.face_blendshapes or [], strict=False
            )
        ]
        faces.sort(key=lambda f: f.width * (f.box[3] - f.box[1]), reverse=True)
        return Reading(tuple(faces), None, rgb.shape[1], rgb.shape[0])

    def close(self) -> None:
        """Release MediaPipe's graph; later frames get a 'closed' reading."""
        with self._lock:
            if not self._closed:
                self._closed = True
                self._finalizer.detach()
                self._landmarker.close()

    def __enter__(self) -> Tracker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _close_elsewhere(landmarker: object) -> None:
    threading.Thread(target=landmarker.close, name="close-landmarker", daemon=True).start()


def _face(landmarks: list, shapes: list) -> Face:
    points = np.fromiter(
        (c for p in landmarks for c in (p.x, p.y)), dtype=np.float32, count=2 * len(landmarks)
    ).reshape(-1, 2)
    x0, y0 = points.min(axis=0)
    x1, y1 = points.max(axis=0)
    scores = MappingProxyType({c.category_name: float(c.score) for c in shapes})
    return Face(scores, points, (float(x0), float(y0), float(x1), float(y1)))
