"""Blendshape scores -> named facial movements (FACS-like action units), each 0..1, smoothed."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Movement:
    """One facial movement: a stable key, its FACS action unit, and how it is read."""

    key: str
    au: str
    sources: tuple[str, ...]  # MediaPipe blendshapes averaged for this movement
    gain: float = 1.0  # own scale for blendshapes that barely move (see DESIGN.md)


# Gains above 1 are for blendshapes this model under-reports: on broad smiles
# cheekSquint stays near 0.02, on fear photos eyeWide near 0.05, on disgust photos
# noseSneer near 0; on human-labelled sad photos mouthFrown stays under 0.15 and
# mouthShrugLower under 0.65. Without a scale those movements could never reach a recipe.
MOVEMENTS: tuple[Movement, ...] = (
    Movement("inner_brow_raise", "AU1", ("browInnerUp",)),
    Movement("outer_brow_raise", "AU2", ("browOuterUpLeft", "browOuterUpRight")),
    Movement("brow_lower", "AU4", ("browDownLeft", "browDownRight")),
    Movement("upper_lid_raise", "AU5", ("eyeWideLeft", "eyeWideRight"), gain=4.0),
    Movement("cheek_raise", "AU6", ("cheekSquintLeft", "cheekSquintRight"), gain=4.0),
    Movement("lid_tighten", "AU7", ("eyeSquintLeft", "eyeSquintRight")),
    Movement("nose_wrinkle", "AU9", ("noseSneerLeft", "noseSneerRight"), gain=4.0),
    Movement("upper_lip_raise", "AU10", ("mouthUpperUpLeft", "mouthUpperUpRight")),
    Movement("lip_corner_pull", "AU12", ("mouthSmileLeft", "mouthSmileRight")),
    Movement("lip_corner_depress", "AU15", ("mouthFrownLeft", "mouthFrownRight"), gain=3.0),
    Movement("chin_raise", "AU17", ("mouthShrugLower",), gain=3.0),
    Movement("lip_stretch", "AU20", ("mouthStretchLeft", "mouthStretchRight"), gain=2.0),
    Movement("lip_press", "AU24", ("mouthPressLeft", "mouthPressRight")),
    Movement("jaw_drop", "AU26", ("jawOpen",)),
    # MediaPipe names blendshapes from the person's own point of view.
    Movement("eye_closed_left", "AU45", ("eyeBlinkLeft",)),
    Movement("eye_closed_right", "AU45", ("eyeBlinkRight",)),
)
KEYS: tuple[str, ...] = tuple(m.key for m in MOVEMENTS)
BY_KEY: Mapping[str, Movement] = {m.key: m for m in MOVEMENTS}


@dataclass(frozen=True)
class Movements(Mapping[str, float]):
    """The value (0..1) of every movement in MOVEMENTS, read like a dict."""

    values: tuple[float, ...]

    def __post_init__(self) -> None:
        if len(self.values) != len(KEYS):
            raise ValueError(f"expected {len(KEYS)} values, got {len(self.values)}")

    @classmethod
    def of(cls, values: Mapping[str, float] | None = None, **kw: float) -> Movements:
        """Build from a partial mapping; movements not named are 0 (still)."""
        given = {**(values or {}), **kw}
        unknown = set(given) - set(KEYS)
        if unknown:
            raise KeyError(f"unknown movements: {sorted(unknown)}")
        return cls(tuple(_clip(given.get(k, 0.0)) for k in KEYS))

    @classmethod
    def still(cls) -> Movements:
        return cls((0.0,) * len(KEYS))

    def __getitem__(self, key: str) -> float:
        return self.values[KEYS.index(key)]

    def __iter__(self) -> Iterator[str]:
        return iter(KEYS)

    def __len__(self) -> int:
        return len(KEYS)


def measure(blendshapes: Mapping[str, float]) -> Movements:
    """Average each movement's blendshapes, apply its scale, clip to 0..1."""
    out = []
    for m in MOVEMENTS:
        raw = sum(float(blendshapes.get(s, 0.0)) for s in m.sources) / len(m.sources)
        out.append(_clip(raw * m.gain))
    return Movements(tuple(out))


class Smoother:
    """Exponential moving average over frames, as production systems smooth landmark jitter."""

    def __init__(self, alpha: float = 0.5) -> None:
        if not 0.0 < alpha <= 1.0:
            raise ValueError("alpha must be in (0, 1]")
        self.alpha = alpha
        self._state: tuple[float, ...] | None = None

    def update(self, moves: Movements) -> Movements:
        """Blend a new reading into the running average and return the smoothed movements."""
        if self._state is None:
            self._state = moves.values
        else:
            a = self.alpha
            self._state = tuple(
                a * new + (1 - a) * old for new, old in zip(moves.values, self._state, strict=True)
            )
        return Movements(self._state)

    def reset(self) -> None:
        """Forget the history (a new face, a new visitor)."""
        self._state = None


def strongest(
    moves: Movements, n: int = 3, at_least: float = 0.15
) -> tuple[tuple[str, float], ...]:
    """The n strongest movements above a floor, strongest first."""
    ranked = sorted(moves.items(), key=lambda kv: kv[1], reverse=True)
    return tuple((k, v) for k, v in ranked[:n] if v >= at_least)


def _clip(x: float) -> float:
    x = float(x)
    if x != x:  # NaN from a broken upstream value reads as still
        return 0.0
    return min(1.0, max(0.0, x))
