"""One frame in, numbers out: track -> measure -> smooth -> classify, with a status for the UI."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from .classify import Verdict, classify
from .measure import Movements, Smoother, measure
from .tracking import Face, Reading, Tracker

# MediaPipe stops finding faces below ~10% of the frame width; below this we warn first.
SMALL_FACE = 0.16


@dataclass(frozen=True)
class Analysis:
    """Numbers only, safe to share across threads and to show: never pixels or landmarks.

    status: "face", "small_face", "no_face" or "bad_frame" (then `problem` says why).
    """

    status: str
    faces: int = 0
    face_width: float = 0.0
    movements: Movements | None = None
    verdict: Verdict | None = None
    problem: str | None = None

    @property
    def has_verdict(self) -> bool:
        return self.verdict is not None


def analyse_reading(reading: Reading, smoother: Smoother | None = None) -> Analysis:
    """Turn a tracker reading into movements and a verdict for the largest (nearest) face."""
    if reading.problem is not None:
        return Analysis("bad_frame", problem=reading.problem.reason)
    if not reading.faces:
        if smoother:
            smoother.reset()
        return Analysis("no_face")
    face: Face = reading.faces[0]
    moves = measure(face.blendshapes)
    if smoother:
        moves = smoother.update(moves)
    status = "small_face" if face.width < SMALL_FACE else "face"
    return Analysis(status, len(reading.faces), face.width, moves, classify(moves))


class FaceEngine:
    """A tracker and a smoother for one stream; process() never raises for a bad frame."""

    def __init__(self, model_path: Path | str, video: bool = True, smoothing: float = 0.5) -> None:
        self._tracker = Tracker(model_path, video=video)
        self._smoother = Smoother(smoothing) if video else None
        self._lock = threading.Lock()

    def process(self, bgr: object) -> tuple[Analysis, Reading]:
        """Analyse one BGR frame; the Reading (with landmarks) is for drawing, then dropped."""
        with self._lock:
            reading = self._tracker.process(bgr)
            return analyse_reading(reading, self._smoother), reading

    def reset(self) -> None:
        """Forget smoothing history (a new visitor)."""
        with self._lock:
            if self._smoother:
                self._smoother.reset()

    def close(self) -> None:
        self._tracker.close()


def analyse_photo(model_path: Path | str, bgr: object) -> tuple[Analysis, Reading]:
    """One still photo through the same path, with an IMAGE-mode tracker made and closed here."""
    engine = FaceEngine(model_path, video=False)
    try:
        return engine.process(bgr)
    finally:
        engine.close()
