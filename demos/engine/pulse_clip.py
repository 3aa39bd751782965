"""A synthetic clip with a known pulse: the drawn face whose skin colour beats, far below what an
eye can see, plus camera noise, and on request a swaying head or a light switched on.

Used by the pulse page without a camera, by the tests, by the benchmark and for Chromium's fake
camera. Pure: the same clip and time give the same pixels.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache

import numpy as np

from .drawn_face import draw_face
from .measure import Movements
from .pulse import Sample, sample_frame

# How blood volume changes skin colour, relative change per channel (R, G, B): strongest in
# green. Roughly the "blood volume pulse signature" of skin under white light (de Haan & van
# Leest 2014); the exact figures matter little, only that it is not a pure brightness change.
SIGNATURE = np.array([0.33, 0.77, 0.53])
SWAY_HZ = 0.5  # a head that sways moves about once every two seconds
LIGHT_CYCLE = 4.0  # seconds: a light switched on for two seconds, off for two, again and again


@dataclass(frozen=True)
class PulseClip:
    """What the clip holds. amplitude and noise are in grey levels (0..255) of the green channel:
    amplitude 0.3 changes the skin by less than a third of one level, which no eye sees."""

    bpm: float = 72.0
    amplitude: float = 0.3  # peak change of the skin's green, grey levels
    noise: float = 2.0  # camera noise per pixel (standard deviation), grey levels
    fps: float = 30.0
    seconds: float = 40.0
    size: int = 240  # the face's side in pixels
    width: int = 0  # frame size; 0 = the face's size
    height: int = 0
    sway: float = 0.0  # head sway, share of the face size (0.1 = a tenth of the face)
    light: float = 0.0  # a warm light switched on and off, share of brightness it adds
    jitter: float = 0.004  # seconds of timing noise per frame, as real cameras have
    drop: float = 0.03  # share of frames lost on the way
    colour_noise: float = 0.1  # slow colour noise of the skin (standard deviation), grey levels
    variability: float = 0.03  # the beat's own slow drift, share of the rate
    seed: int = 0

    @property
    def frame_size(self) -> tuple[int, int]:
        return (self.width or self.size, self.height or self.size)

    def with_(self, **changes) -> PulseClip:
        return replace(self, **changes)


def times(clip: PulseClip) -> np.ndarray:
    """The frames' timestamps: a steady rate with jitter, a few frames lost."""
    rng = np.random.default_rng(clip.seed + 1)
    n = int(clip.seconds * clip.fps)
    t = np.arange(n) / clip.fps + rng.normal(0.0, clip.jitter, n)
    keep = rng.random(n) >= clip.drop
    keep[0] = True
    return np.sort(t[keep] - t[0])


def wave(clip: PulseClip, t: np.ndarray | float) -> np.ndarray:
    """The pulse itself, about -1..1: a beat with a sharper rise (two harmonics) and a rate that
    drifts slowly around clip.bpm, as a resting heart does."""
    t = np.asarray(t, float)
    f = clip.bpm / 60.0
    drift = clip.variability * f / (2 * np.pi * 0.1)  # rate wobbles once every ten seconds
    phase = 2 * np.pi * f * t - drift * np.cos(2 * np.pi * 0.1 * t) * 2 * np.pi
    return (np.sin(phase) + 0.35 * np.sin(2 * phase + 0.8)) / 1.2


def offset(clip: PulseClip, t: float) -> tuple[int, int]:
    """Where the face is moved to at time t (pixels), when it sways."""
    if not clip.sway:
        return (0, 0)
    dx = clip.sway * clip.size * np.sin(2 * np.pi * SWAY_HZ * t)
    dy = 0.3 * clip.sway * clip.size * np.sin(2 * np.pi * SWAY_HZ * 1.7 * t)
    return (round(float(dx)), round(float(dy)))


def lamp(clip: PulseClip, t: float) -> np.ndarray:
    """The light on the face (RGB gains): a warm lamp on for half of every LIGHT_CYCLE seconds;
    the camera's exposure then settles back over about a second (it chases the brightness)."""
    if not clip.light:
        return np.ones(3)
    since = t % LIGHT_CYCLE
    on = since >= LIGHT_CYCLE / 2
    settle = np.exp(-(since % (LIGHT_CYCLE / 2)) / 0.6)  # 1 right after a switch, then 0
    warm = np.array([1.0, 0.75, 0.4]) * clip.light
    return 1.0 + (warm if on else 0.0) + (1 if on else -1) * 0.5 * clip.light * settle


def _wobble_parts(clip: PulseClip) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(clip.seed + 2)
    freqs = rng.uniform(0.1, 4.0, (3, 40))
    phases = rng.uniform(0, 2 * np.pi, (3, 40))
    amps = 1.0 / np.sqrt(freqs)  # more slow drift than fast flicker, as in real rooms
    amps *= np.sqrt(2.0 / (amps**2).sum(axis=1, keepdims=True))  # unit spread per channel
    return freqs, phases, amps


def wobble(clip: PulseClip, t: float) -> np.ndarray:
    """Slow colour noise of the skin (RGB, grey levels): tiny movements, breathing, the camera's
    own white balance; it overlaps the pulse band, which pixel noise alone would not."""
    if not clip.colour_noise:
        return np.zeros(3)
    freqs, phases, amps = _wobble_parts(clip)
    return clip.colour_noise * (amps * np.sin(2 * np.pi * freqs * t + phases)).sum(axis=1)


def glint(clip: PulseClip, t: float) -> float:
    """White light reflected off the skin, in grey levels: it changes as the head moves, and a
    lamp switched on adds its own shine (a second change that POS cannot cancel with the first)."""
    shine = 20.0 * clip.light * float((t % LIGHT_CYCLE) >= LIGHT_CYCLE / 2)
    if not clip.sway:
        return shine
    dx, dy = offset(clip, t)
    return shine + 4.0 * (abs(dx) + 2 * abs(dy)) / max(clip.sway * clip.size, 1.0)


@cache
def _face(size: int) -> tuple[np.ndarray, np.ndarray]:
    """The drawn resting face (RGB float) and its skin mask; a drawing, not a person."""
    rgb = draw_face(Movements.of(), size).astype(np.float32)
    yy, xx = np.mgrid[0:size, 0:size] / size
    skin = ((xx - 0.5) / 0.33) ** 2 + ((yy - 0.5) / 0.39) ** 2 <= 1.0
    return rgb, skin.astype(np.float32)


# Skin patches of the drawn face (shares of its size): where the landmarks put the forehead and
# the cheeks on it; used when no face model runs (the page's clip without a camera).
_PATCHES = (
    ((0.36, 0.25), (0.64, 0.25), (0.64, 0.31), (0.36, 0.31)),
    ((0.22, 0.50), (0.35, 0.50), (0.35, 0.62), (0.22, 0.62)),
    ((0.65, 0.50), (0.78, 0.50), (0.78, 0.62), (0.65, 0.62)),
)


def _origin(clip: PulseClip, t: float) -> tuple[int, int]:
    w, h = clip.frame_size
    dx, dy = offset(clip, t)
    return ((w - clip.size) // 2 + dx, (h - clip.size) // 2 + dy)


def regions(clip: PulseClip, t: float) -> tuple[np.ndarray, ...]:
    """The skin patches in frame pixels at time t (they move with the face)."""
    x0, y0 = _origin(clip, t)
    return tuple(
        (np.array(p, np.float32) * clip.size + [x0, y0]).astype(np.int32).reshape(-1, 1, 2)
        for p in _PATCHES
    )


def frame(clip: PulseClip, t: float, index: int = 0) -> np.ndarray:
    """The clip's frame at time t, BGR uint8, as a camera would give it."""
    face, skin = _face(clip.size)
    w, h = clip.frame_size
    canvas = np.full((h, w, 3), 40.0, np.float32)
    beat = float(wave(clip, t))
    # Relative change per channel, scaled so that green moves by `amplitude` grey levels.
    green = float(face[skin > 0][:, 1].mean())
    change = clip.amplitude / green * SIGNATURE / SIGNATURE[1] * beat
    extra = (wobble(clip, t) + glint(clip, t)).astype(np.float32)
    lit = face + skin[..., None] * (face * change.astype(np.float32) + extra)
    x0, y0 = _origin(clip, t)
    xs, ys = max(x0, 0), max(y0, 0)
    xe, ye = min(x0 + clip.size, w), min(y0 + clip.size, h)
    canvas[ys:ye, xs:xe] = lit[ys - y0 : ye - y0, xs - x0 : xe - x0]
    canvas *= lamp(clip, t).astype(np.float32)
    rng = np.random.default_rng((clip.seed, index))
    canvas += rng.standard_normal(canvas.shape, np.float32) * np.float32(clip.noise)
    rgb = np.clip(np.rint(canvas), 0, 255).astype(np.uint8)
    return np.ascontiguousarray(rgb[..., ::-1])


def frames(clip: PulseClip, start: float = 0.0, end: float | None = None) -> Iterator[tuple]:
    """(t, bgr) for every frame from start (inclusive) to end (exclusive)."""
    stop = clip.seconds if end is None else end
    for i, t in enumerate(times(clip)):
        if start <= t < stop:
            yield float(t), frame(clip, float(t), i)


def samples(clip: PulseClip, start: float = 0.0, end: float | None = None) -> list[Sample]:
    """The clip reduced to numbers, frame by frame, through the estimator's own skin mean."""
    out = []
    for t, bgr in frames(clip, start, end):
        patches = regions(clip, t)
        centre = np.mean([p.reshape(-1, 2).mean(axis=0) for p in patches], axis=0)
        w, h = clip.frame_size
        out.append(
            sample_frame(bgr, patches, t, (centre[0] / w, centre[1] / h), clip.size * 0.68 / w)
        )
    return out
