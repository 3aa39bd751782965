"""A pulse from the colour of the skin (remote PPG): numbers per frame in, one estimate out.

Skin regions come from the face landmarks (forehead, both cheeks); each frame leaves only the
regions' mean colour, a timestamp and where the face was. The estimate is POS (Wang, den
Brinker, Stuijk & de Haan 2017, "Algorithmic principles of remote PPG", IEEE TBME 64(7)) over
a sliding window, resampled to a uniform rate, band-limited to 40-180 beats a minute, with a
spectrum, its peak and a quality figure. It refuses a number, with a reason, when it cannot
honestly give one. No pixels are ever kept.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

# MediaPipe FaceMesh indices around each patch of bare skin; the patch is their convex hull.
FOREHEAD = (67, 109, 10, 338, 297, 299, 337, 151, 108, 69)
LEFT_CHEEK = (117, 118, 101, 36, 205, 187, 123, 116)  # left in the picture
RIGHT_CHEEK = (346, 347, 330, 266, 425, 411, 352, 345)
REGIONS = (FOREHEAD, LEFT_CHEEK, RIGHT_CHEEK)

LOW_BPM, HIGH_BPM = 40.0, 180.0  # the band a resting-to-running human heart beats in
RATE = 30.0  # Hz: every window is resampled to this uniform rate before POS
POS_SECONDS = 1.6  # POS's short sub-window (the paper's l = 1.6 s)
WINDOWS = (3.5, 10.0, 30.0)  # as claimed, a compromise, a long look
KEEP_SECONDS = 35.0  # samples older than this are dropped: the longest window plus a margin
NEAR_BPM = 6.0  # "near the peak" is at least this wide: a resting heart's rate drifts a little
MIN_QUALITY = 0.25  # below this the peak does not stand out of the band: no number
MAX_MOTION = 0.06  # face centre spread (share of the face width) above which it "moved"
MIN_FACE_SHARE = 0.9  # share of the window's frames that must hold a face
MIN_FPS = 2 * HIGH_BPM / 60  # 6 a second: fewer cannot sample the fastest beat in the band
REASONS = ("no_face", "too_short", "moved", "slow", "low_quality")


@dataclass(frozen=True)
class Sample:
    """One frame, as numbers: when, the skin's mean RGB, the face centre and width (shares of the
    frame); rgb is None when no face (or no skin) was found."""

    t: float
    rgb: tuple[float, float, float] | None
    centre: tuple[float, float] = (0.0, 0.0)
    width: float = 0.0


@dataclass(frozen=True)
class Spectrum:
    """The window's pulse trace and its power spectrum, as plain numbers for a chart."""

    times: tuple[float, ...]  # seconds, from the window's start, uniform
    trace: tuple[float, ...]  # the POS pulse signal, unit spread
    bpm: tuple[float, ...]  # frequency axis in beats a minute, LOW_BPM..HIGH_BPM
    power: tuple[float, ...]  # share of the band's power at each frequency


@dataclass(frozen=True)
class PulseEstimate:
    """What the page may show. bpm is None when the estimator refuses (then reason says why)."""

    bpm: float | None
    quality: float  # 0..1: how much the peak stands out of the band (see quality())
    window: float  # seconds asked for
    seconds: float  # seconds of samples the window holds so far
    spacing: float  # the spectrum's resolution, 60 / window beats a minute
    beats: float | None  # beats the window holds at the estimated rate
    fps: float  # frames a second that reached the estimator
    motion: float  # face centre spread, share of the face width
    reason: str | None = None  # one of REASONS, or None when bpm is given
    peak: float | None = None  # the spectrum's peak even when refused (for the chart only)
    spectrum: Spectrum | None = None


def spacing(window: float) -> float:
    """Frequency spacing of a spectrum over `window` seconds, in beats a minute (60 / T)."""
    return 60.0 / window


def beats_in(window: float, bpm: float) -> float:
    """How many beats a window of `window` seconds holds at `bpm` beats a minute."""
    return window * bpm / 60.0


# --- skin regions ------------------------------------------------------------------------------


def skin_regions(landmarks: np.ndarray, width: int, height: int) -> tuple[np.ndarray, ...]:
    """The three skin patches as pixel polygons (convex hulls of their landmarks)."""
    points = np.asarray(landmarks, np.float32)[:, :2] * np.float32([width, height])
    return tuple(cv2.convexHull(points[list(idx)].astype(np.int32)) for idx in REGIONS)


def skin_mean(bgr: np.ndarray, regions: Sequence[np.ndarray]) -> tuple[float, float, float] | None:
    """Mean RGB over the patches' pixels (each patch weighted by its size); None if none."""
    h, w = bgr.shape[:2]
    total = np.zeros(3)
    count = 0
    for poly in regions:
        x, y, pw, ph = cv2.boundingRect(poly)
        x0, y0, x1, y1 = max(x, 0), max(y, 0), min(x + pw, w), min(y + ph, h)
        if x1 <= x0 or y1 <= y0:
            continue
        mask = np.zeros((y1 - y0, x1 - x0), np.uint8)
        cv2.fillConvexPoly(mask, poly - np.int32([x0, y0]), 1)
        n = int(cv2.countNonZero(mask))
        if n == 0:
            continue
        b, g, r, _ = cv2.mean(bgr[y0:y1, x0:x1], mask=mask)  # BGR order, as OpenCV reads
        total += np.array([r, g, b]) * n
        count += n
    if count == 0:
        return None
    r, g, b = total / count
    return (float(r), float(g), float(b))


def sample_frame(
    bgr: np.ndarray, regions: Sequence[np.ndarray] | None, t: float, centre=(0.0, 0.0), width=0.0
) -> Sample:
    """One frame reduced to a Sample; the frame itself is not kept."""
    rgb = skin_mean(bgr, regions) if regions else None
    return Sample(t, rgb, (float(centre[0]), float(centre[1])), float(width))


# --- the estimate ------------------------------------------------------------------------------


def resample(
    t: np.ndarray, values: np.ndarray, rate: float = RATE
) -> tuple[np.ndarray, np.ndarray]:
    """Linear interpolation of (N, k) values taken at times t onto a uniform grid."""
    grid = np.arange(t[0], t[-1], 1.0 / rate)
    return grid, np.column_stack([np.interp(grid, t, values[:, k]) for k in range(values.shape[1])])


def pos(rgb: np.ndarray, rate: float = RATE, seconds: float = POS_SECONDS) -> np.ndarray:
    """POS (Wang et al. 2017, algorithm 1): project the temporally normalised colour onto the
    plane orthogonal to the skin tone, tune the two projections, overlap-add."""
    n = len(rgb)
    size = min(max(round(seconds * rate), 2), n)
    chunks = np.lib.stride_tricks.sliding_window_view(rgb, size, axis=0)  # (k, 3, size)
    mean = chunks.mean(axis=2, keepdims=True)
    normalised = chunks / np.where(mean > 0, mean, 1.0)
    s1 = normalised[:, 1] - normalised[:, 2]  # the projection [0, 1, -1]
    s2 = -2.0 * normalised[:, 0] + normalised[:, 1] + normalised[:, 2]  # [-2, 1, 1]
    spread = s2.std(axis=1, keepdims=True)
    alpha = np.divide(
        s1.std(axis=1, keepdims=True), spread, out=np.zeros_like(spread), where=spread > 0
    )
    h = s1 + alpha * s2
    h -= h.mean(axis=1, keepdims=True)
    out = np.zeros(n)
    for start in range(len(h)):  # overlap-add, as in the paper
        out[start : start + size] += h[start]
    return out


def _detrend(x: np.ndarray) -> np.ndarray:
    n = np.arange(len(x))
    slope, intercept = np.polyfit(n, x, 1)
    return x - (slope * n + intercept)


def spectrum(signal: np.ndarray, rate: float = RATE) -> tuple[np.ndarray, np.ndarray]:
    """Power in the 40-180 bpm band (zero-padded to a fine grid for drawing and peak finding;
    the padding adds no information: the true spacing stays 60 / window)."""
    n = len(signal)
    pad = max(8192, 1 << int(np.ceil(np.log2(n))))
    power = np.abs(np.fft.rfft(_detrend(signal), pad)) ** 2
    bpm = np.fft.rfftfreq(pad, 1.0 / rate) * 60.0
    band = (bpm >= LOW_BPM) & (bpm <= HIGH_BPM)
    return bpm[band], power[band]


def bandpass(signal: np.ndarray, rate: float = RATE) -> np.ndarray:
    """The signal with every frequency outside 40-180 beats a minute removed (for the trace)."""
    spec = np.fft.rfft(_detrend(signal))
    bpm = np.fft.rfftfreq(len(signal), 1.0 / rate) * 60.0
    spec[(bpm < LOW_BPM) | (bpm > HIGH_BPM)] = 0.0
    return np.fft.irfft(spec, len(signal))


def quality(bpm: np.ndarray, power: np.ndarray, peak: float, window: float) -> float:
    """How much the peak stands out: the share of band power within one spacing (60 / window,
    at least NEAR_BPM) of the peak, rescaled so that a flat spectrum scores 0 and a lone peak 1."""
    total = float(power.sum())
    if total <= 0:
        return 0.0
    half = max(spacing(window), NEAR_BPM)
    near = np.abs(bpm - peak) <= half
    share = float(power[near].sum()) / total
    flat = float(near.mean())  # the share a flat spectrum would give
    return float(np.clip((share - flat) / (1.0 - flat), 0.0, 1.0)) if flat < 1 else 0.0


def _motion(samples: Sequence[Sample]) -> float:
    centres = np.array([s.centre for s in samples])
    width = float(np.median([s.width for s in samples])) or 1.0
    spread = float(np.max(np.ptp(centres, axis=0)))
    return spread / width


def estimate(samples: Sequence[Sample], window: float, now: float | None = None) -> PulseEstimate:
    """The pulse over the last `window` seconds of samples (ending at `now`, default the last)."""
    gap = spacing(window)
    if not samples:
        return PulseEstimate(None, 0.0, window, 0.0, gap, None, 0.0, 0.0, "no_face")
    end = samples[-1].t if now is None else now
    inside = [s for s in samples if end - window <= s.t <= end]
    faced = [s for s in inside if s.rgb is not None]
    spans = (inside[-1].t - inside[0].t) if len(inside) > 1 else 0.0
    fps = (len(inside) - 1) / spans if spans > 0 else 0.0
    # Full once the samples reach back to the window's start (one frame more, or one less, must
    # not make a full window look empty again).
    history = end - samples[0].t
    seconds = min(history, window)

    def refuse(reason: str, q: float = 0.0, motion: float = 0.0, **extra) -> PulseEstimate:
        return PulseEstimate(None, q, window, seconds, gap, None, fps, motion, reason, **extra)

    if not inside or inside[-1].rgb is None or len(faced) < MIN_FACE_SHARE * len(inside):
        return refuse("no_face")
    if history < window - max(1.0 / max(fps, 1.0), 0.05):
        return refuse("too_short")
    if fps < MIN_FPS:
        return refuse("slow")
    motion = _motion(faced)
    t = np.array([s.t for s in faced])
    rgb = np.array([s.rgb for s in faced], float)
    grid, uniform = resample(t, rgb)
    pulse = pos(uniform)
    bpm, power = spectrum(pulse)
    peak = float(bpm[int(np.argmax(power))])
    q = quality(bpm, power, peak, window)
    shown = bandpass(pulse)
    norm = shown / (shown.std() or 1.0)
    chart = Spectrum(
        tuple(float(x) for x in grid - grid[0]),
        tuple(float(x) for x in norm),
        tuple(float(x) for x in bpm[::8]),
        tuple(float(x) for x in _bins(power, 8) / max(power.sum(), 1e-12)),
    )
    if motion > MAX_MOTION:
        return refuse("moved", q, motion, peak=peak, spectrum=chart)
    if q < MIN_QUALITY:
        return refuse("low_quality", q, motion, peak=peak, spectrum=chart)
    return PulseEstimate(
        peak, q, window, seconds, gap, beats_in(window, peak), fps, motion, None, peak, chart
    )


def _bins(power: np.ndarray, k: int) -> np.ndarray:
    """Sum every k neighbouring values (a lighter spectrum for the chart)."""
    n = len(power) // k * k
    return np.add.reduceat(power, np.arange(0, len(power), k)) if n else power


# --- the live meter ----------------------------------------------------------------------------


class PulseMeter:
    """The last KEEP_SECONDS of samples from a stream; add() in the video thread, estimate() in the
    page. Thread-safe; numbers only."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._samples: deque[Sample] = deque()

    def add(self, sample: Sample) -> None:
        with self._lock:
            if self._samples and sample.t <= self._samples[-1].t:
                return  # timestamps must rise; a repeated frame adds nothing
            self._samples.append(sample)
            while self._samples and sample.t - self._samples[0].t > KEEP_SECONDS:
                self._samples.popleft()

    def __call__(self, bgr: np.ndarray, reading, t: float) -> None:
        """The camera's per-frame hook: the largest face's skin, or a no-face sample."""
        faces = getattr(reading, "faces", ())
        if getattr(reading, "problem", None) is not None or not faces:
            self.add(Sample(t, None))
            return
        face = faces[0]
        h, w = bgr.shape[:2]
        regions = skin_regions(face.landmarks, w, h)
        centre = face.landmarks.mean(axis=0)
        self.add(sample_frame(bgr, regions, t, centre, face.width))

    def samples(self) -> list[Sample]:
        with self._lock:
            return list(self._samples)

    def latest_time(self) -> float | None:
        with self._lock:
            return self._samples[-1].t if self._samples else None

    def estimate(self, window: float, now: float | None = None) -> PulseEstimate:
        return estimate(self.samples(), window, now)

    def clear(self) -> None:
        with self._lock:
            self._samples.clear()
