"""The bridge between the video thread and the page: it runs the engine, keeps numbers only."""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import heap
from .face_engine import Analysis, FaceEngine
from .measure import Movements
from .overlay import draw_overlay
from .tracking import Reading, TrackerError

log = logging.getLogger(__name__)

# A camera that sent pictures and then none for this long has gone (unplugged, its track
# ended, the browser stopped it): the page says so. Frames normally come 30 times a second.
STALL_AFTER = 3.0


@dataclass(frozen=True)
class Snapshot:
    """What the page may read: the latest analysis, a frame count and a rate. Numbers only."""

    analysis: Analysis | None
    frames: int
    fps: float
    engine_error: bool = False
    stalled: bool = False  # frames came, then stopped for STALL_AFTER seconds


class CameraStream:
    """Holds one FaceEngine per stream; on_frame() runs in the video thread, snapshot() anywhere."""

    def __init__(
        self,
        model_path: Path | str,
        caption: Callable[[Analysis], Sequence[str]],
        clock: Callable[[], float] = time.monotonic,
        learned: bool = True,
    ) -> None:
        self._model_path = model_path
        # The second machine costs about 1 ms a frame: only pages that show its words run it.
        self._learned = learned
        self._clock = clock
        self._caption = caption
        self._lock = threading.Lock()
        self._engine: FaceEngine | None = None
        self._latest: Analysis | None = None
        self._frames = 0
        self._fps = 0.0
        self._last_t = 0.0
        self._engine_error = False
        self._prepare: Callable[[np.ndarray], np.ndarray] | None = None
        # Told about every frame read (the pulse lab's skin colour): it must keep numbers only.
        self._sampler: Callable[[np.ndarray, Reading, float], None] | None = None
        # Bumped by stop(): a frame that was being read when STOP came is not published.
        self._generation = 0
        # Closed by stop() until resume(): a frame still queued after STOP (or a kiosk reset)
        # must not build a new engine that nobody will close.
        self._open = True
        # The last ~10 s of movements (numbers only), for a personal resting face.
        self._recent: deque[tuple[float, Movements]] = deque(maxlen=300)
        # The last ~10 s of both machines' words (label names only), to count how often they agree.
        self._pairs: deque[tuple[float, str, str]] = deque(maxlen=600)

    def set_prepare(self, prepare: Callable[[np.ndarray], np.ndarray] | None) -> None:
        """Change every frame before the engine sees it (the robustness lab); None for none."""
        with self._lock:
            self._prepare = prepare

    def set_sampler(self, sampler: Callable[[np.ndarray, Reading, float], None] | None) -> None:
        """Call sampler(frame, reading, time) for every frame read; None for none."""
        with self._lock:
            self._sampler = sampler

    def on_frame(self, bgr: np.ndarray) -> np.ndarray:
        """Analyse one frame, remember the numbers, return the frame with the overlay."""
        engine = self._ensure_engine()
        if engine is None:
            return bgr
        with self._lock:
            prepare, generation = self._prepare, self._generation
            sampler = self._sampler
        seen = self._clock()  # when the frame arrived, before the engine's own time
        try:
            if prepare is not None:
                bgr = prepare(bgr)
            analysis, reading = engine.process(bgr)
            if sampler is not None:
                sampler(bgr, reading, seen)
            out = (
                draw_overlay(bgr, reading, self._caption(analysis))
                if analysis.status != "bad_frame"
                else bgr
            )
        except Exception:  # a bug must not kill the stream: show the frame, say so once
            log.exception("frame analysis failed")
            analysis, out = Analysis("bad_frame", problem="internal"), bgr
        now = self._clock()
        with self._lock:
            if generation != self._generation:
                return out
            self._latest = analysis
            if analysis.movements is not None:
                self._recent.append((now, analysis.movements))
            if analysis.verdict is not None and analysis.learned is not None:
                self._pairs.append((now, analysis.verdict.label, analysis.learned.label))
            self._frames += 1
            if self._last_t:
                dt = max(now - self._last_t, 1e-6)
                self._fps = 0.9 * self._fps + 0.1 * (1.0 / dt) if self._fps else 1.0 / dt
            self._last_t = now
        return out

    def _ensure_engine(self) -> FaceEngine | None:
        with self._lock:
            if not self._open:
                return None
            if self._engine is None and not self._engine_error:
                try:
                    self._engine = FaceEngine(self._model_path, learned=self._learned)
                except TrackerError:
                    # With the cause (a missing libEGL, say): what a kiosk technician needs.
                    log.exception("the face engine could not start")
                    self._engine_error = True
            return self._engine

    def recent(self, since: float) -> list[Movements]:
        """Movements of the frames read at or after `since` (on the clock, time.monotonic())."""
        with self._lock:
            return [moves for t, moves in self._recent if t >= since]

    def pairs(self, since: float) -> list[tuple[str, str]]:
        """(recipes' label, second machine's label) of the frames read at or after `since`."""
        with self._lock:
            return [(a, b) for t, a, b in self._pairs if t >= since]

    def snapshot(self) -> Snapshot:
        with self._lock:
            stalled = self._frames > 0 and self._clock() - self._last_t > STALL_AFTER
            return Snapshot(
                self._latest, self._frames, round(self._fps, 1), self._engine_error, stalled
            )

    def resume(self) -> None:
        """Read frames again after stop(): the page sees the camera playing."""
        with self._lock:
            self._open = True

    def stop(self, shut: bool = True) -> None:
        """Close the engine and forget everything it saw; frames pass unread until resume().

        shut=False (the connection ended by itself: the tab closed) leaves the gate as it is, so
        a newer connection's next frame starts a new engine instead of passing unread.
        """
        with self._lock:
            self._open = self._open and not shut
            engine, self._engine = self._engine, None
            self._generation += 1
            self._latest = None
            self._recent.clear()
            self._pairs.clear()
            self._frames = 0
            self._fps = 0.0
            self._last_t = 0.0
            self._engine_error = False
        if engine is not None:
            engine.close()
            heap.give_back()  # the engine's memory is free now: hand it back, a day is long
