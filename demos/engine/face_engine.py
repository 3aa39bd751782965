"""One frame in, numbers out: track -> measure -> smooth -> classify, with a status for the UI."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, replace
from pathlib import Path

from . import model_file
from .classify import Verdict, classify
from .learned import LearnedError, LearnedReader, LearnedVerdict
from .measure import Movements, Smoother, measure
from .tracking import Face, Reading, Tracker

# MediaPipe stops finding faces below ~10% of the frame width; below this we warn first.
SMALL_FACE = 0.16
# Up to this many faces get a reading each ("3 people, 3 readings, the same moment"); more
# would not fit on a screen as lines a visitor can read.
MAX_READ = 3


@dataclass(frozen=True)
class FaceReading:
    """One face's numbers: where it is (centre and width, shares of the frame width), what moved
    and the verdict."""

    centre_x: float
    width: float
    movements: Movements
    verdict: Verdict


@dataclass(frozen=True)
class Analysis:
    """Numbers only, safe to share across threads and to show: never pixels or landmarks.

    status: "face", "small_face", "no_face" or "bad_frame" (then `problem` says why).
    movements and verdict are the largest face's; readings has up to MAX_READ faces, left to right.
    """

    status: str
    faces: int = 0
    face_width: float = 0.0
    movements: Movements | None = None
    verdict: Verdict | None = None
    problem: str | None = None
    readings: tuple[FaceReading, ...] = ()
    learned: LearnedVerdict | None = None  # the second machine on the largest face, if installed

    @property
    def has_verdict(self) -> bool:
        return self.verdict is not None


def read_faces(reading: Reading) -> tuple[Face, ...]:
    """The faces that get a reading: the MAX_READ largest, then ordered left to right."""
    return tuple(sorted(reading.faces[:MAX_READ], key=lambda f: f.box[0] + f.box[2]))


class Smoothers:
    """One Smoother per face read, keyed by its place from the left; a change in the number of
    faces starts them all again (a new person must not inherit another's history)."""

    def __init__(self, alpha: float = 0.5) -> None:
        self._alpha = alpha
        self._each: list[Smoother] = []

    def update(self, moves: list[Movements]) -> list[Movements]:
        if len(moves) != len(self._each):
            self._each = [Smoother(self._alpha) for _ in moves]
        return [s.update(m) for s, m in zip(self._each, moves, strict=True)]

    def reset(self) -> None:
        self._each = []


def analyse_reading(reading: Reading, smoothers: Smoothers | None = None) -> Analysis:
    """Movements and a verdict for each of the largest faces; the largest (nearest) leads."""
    if reading.problem is not None:
        return Analysis("bad_frame", problem=reading.problem.reason)
    if not reading.faces:
        if smoothers:
            smoothers.reset()
        return Analysis("no_face")
    faces = read_faces(reading)
    moves = [measure(face.blendshapes) for face in faces]
    if smoothers:
        moves = smoothers.update(moves)
    readings = tuple(
        FaceReading((f.box[0] + f.box[2]) / 2, f.width, m, classify(m))
        for f, m in zip(faces, moves, strict=True)
    )
    largest: Face = reading.faces[0]
    # By identity: Face holds arrays, so == would compare them element by element.
    lead = readings[next(i for i, f in enumerate(faces) if f is largest)]
    status = "small_face" if largest.width < SMALL_FACE else "face"
    return Analysis(
        status, len(reading.faces), largest.width, lead.movements, lead.verdict, readings=readings
    )


def learned_reader(video: bool = True) -> LearnedReader | None:
    """The second machine if its model is installed and loads; None leaves the recipes alone."""
    status = model_file.check(spec=model_file.EXPRESSION)
    if not status.ready:
        return None
    try:
        return LearnedReader(status.path, smoothing=0.5 if video else None)
    except LearnedError:
        logging.getLogger(__name__).error("the second machine could not start")
        return None


class FaceEngine:
    """A tracker and a smoother for one stream; process() never raises for a bad frame.

    learned: also run the second machine (the CNN) on the largest face, when it is installed.
    """

    def __init__(
        self,
        model_path: Path | str,
        video: bool = True,
        smoothing: float = 0.5,
        learned: bool = True,
    ) -> None:
        self._tracker = Tracker(model_path, video=video)
        self._smoother = Smoothers(smoothing) if video else None
        self._learned = learned_reader(video) if learned else None
        self._lock = threading.Lock()

    def process(self, bgr: object) -> tuple[Analysis, Reading]:
        """Analyse one BGR frame; the Reading (with landmarks) is for drawing, then dropped."""
        with self._lock:
            reading = self._tracker.process(bgr)
            analysis = analyse_reading(reading, self._smoother)
            if self._learned is not None:
                analysis = self._read_learned(analysis, reading, bgr)
            return analysis, reading

    def _read_learned(self, analysis: Analysis, reading: Reading, bgr: object) -> Analysis:
        # The crop is made and dropped inside read(): only the verdict (numbers) comes out.
        if analysis.verdict is None:
            self._learned.reset()
            return analysis
        try:
            return replace(analysis, learned=self._learned.read(bgr, reading.faces[0].landmarks))
        except Exception:  # the second machine must never stop the first
            logging.getLogger(__name__).exception("the second machine failed on a frame")
            return analysis

    def reset(self) -> None:
        """Forget smoothing history (a new visitor)."""
        with self._lock:
            if self._smoother:
                self._smoother.reset()
            if self._learned is not None:
                self._learned.reset()

    def close(self) -> None:
        self._tracker.close()


# One IMAGE-mode engine per model file for every photo of every visitor: IMAGE mode keeps no
# state between photos, and making one took ~45 ms a photo (two per slider move in Bad light,
# bad picture). FaceEngine.process holds its own lock, so visitors take turns with it.
_PHOTO_ENGINES: dict[tuple[str, str | None], FaceEngine] = {}
_PHOTO_LOCK = threading.Lock()


def photo_engine(model_path: Path | str) -> FaceEngine:
    """This server's IMAGE-mode engine for this face model (and second machine), made once."""
    learned = model_file.check(spec=model_file.EXPRESSION)  # installed or removed meanwhile?
    key = (str(model_path), str(learned.path) if learned.ready else None)
    with _PHOTO_LOCK:
        engine = _PHOTO_ENGINES.get(key)
        if engine is None:
            engine = _PHOTO_ENGINES[key] = FaceEngine(model_path, video=False)
        return engine


def analyse_photo(model_path: Path | str, bgr: object) -> tuple[Analysis, Reading]:
    """One still photo through the same path, read by the server's one IMAGE-mode engine."""
    return photo_engine(model_path).process(bgr)
