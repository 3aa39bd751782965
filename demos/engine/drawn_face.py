"""A friendly drawn face, made from the same movement values the camera measures.

Not a photograph and not a person: a flat cartoon in a few neutral palettes (no skin tone, no
gender). Every movement in MOVEMENTS changes the drawing. Pure: same movements, same pixels.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from .measure import Movements

_SS = 3  # drawn at 3x and scaled down: smooth edges at kiosk size


@dataclass(frozen=True)
class Palette:
    """Colours in RGB; none of them a skin tone."""

    background: tuple[int, int, int]
    face: tuple[int, int, int]
    shade: tuple[int, int, int]
    ink: tuple[int, int, int]
    mouth: tuple[int, int, int]


PALETTES: dict[str, Palette] = {
    "lilac": Palette((245, 243, 250), (196, 186, 232), (160, 146, 214), (46, 38, 84), (90, 40, 70)),
    "mint": Palette((242, 249, 246), (170, 222, 200), (120, 190, 160), (26, 70, 56), (70, 40, 60)),
    "sky": Palette((242, 246, 252), (172, 204, 240), (122, 162, 220), (24, 46, 90), (80, 40, 70)),
}


def _bezier(p0, p1, p2, n: int = 24) -> np.ndarray:
    t = np.linspace(0.0, 1.0, n)[:, None]
    p0, p1, p2 = (np.asarray(p, float) for p in (p0, p1, p2))
    return (1 - t) ** 2 * p0 + 2 * (1 - t) * t * p1 + t**2 * p2


def draw_face(moves: Movements, size: int = 480, palette: str = "lilac") -> np.ndarray:
    """The face as an RGB image, size x size pixels."""
    pal = PALETTES[palette]
    big = size * _SS
    img = np.full((big, big, 3), pal.background, np.uint8)
    m = moves

    def px(x: float, y: float) -> tuple[int, int]:
        return int(x * big + 0.5), int(y * big + 0.5)

    def poly(points: np.ndarray) -> np.ndarray:
        return np.round(points * big).astype(np.int32)

    ink_w = max(2, big // 110)
    jaw = 0.07 * m["jaw_drop"]  # the chin drops with the jaw

    # Head: the lower half stretches down as the jaw drops.
    cv2.ellipse(
        img,
        px(0.5, 0.5),
        (int(0.34 * big), int((0.40 + jaw / 2) * big)),
        0,
        0,
        360,
        pal.face,
        -1,
        cv2.LINE_AA,
    )
    cv2.ellipse(
        img,
        px(0.5, 0.5),
        (int(0.34 * big), int((0.40 + jaw / 2) * big)),
        0,
        0,
        360,
        pal.shade,
        ink_w,
        cv2.LINE_AA,
    )

    # Cheeks: rounder and higher when raised.
    cheek = m["cheek_raise"]
    for side in (-1, 1):
        centre = px(0.5 + side * 0.19, 0.60 - 0.05 * cheek)
        radius = int((0.055 + 0.035 * cheek) * big)
        cv2.ellipse(
            img,
            centre,
            (radius, int(radius * (0.7 + 0.3 * cheek))),
            0,
            0,
            360,
            pal.shade,
            -1,
            cv2.LINE_AA,
        )

    # Eyes. Left/right are the person's own, as in MediaPipe: their left is our right.
    for side, closed_key in ((1, "eye_closed_left"), (-1, "eye_closed_right")):
        cx, cy = 0.5 + side * 0.13, 0.42
        open_ = (1.0 + 0.7 * m["upper_lid_raise"]) * (1.0 - 0.45 * m["lid_tighten"])
        open_ *= 1.0 - 0.35 * cheek  # raised cheeks push the lower lid up
        open_ *= 1.0 - m[closed_key]
        w, h = 0.065, 0.042 * open_
        if h > 0.006:
            cv2.ellipse(
                img,
                px(cx, cy),
                (int(w * big), int(h * big)),
                0,
                0,
                360,
                (255, 255, 255),
                -1,
                cv2.LINE_AA,
            )
            r = min(h, 0.03)
            cv2.circle(img, px(cx, cy), int(r * big), pal.ink, -1, cv2.LINE_AA)
            cv2.ellipse(
                img,
                px(cx, cy),
                (int(w * big), int(h * big)),
                0,
                0,
                360,
                pal.ink,
                ink_w,
                cv2.LINE_AA,
            )
        else:  # a closed eye: one curved lid line
            lid = _bezier((cx - w, cy), (cx, cy + 0.02), (cx + w, cy))
            cv2.polylines(img, [poly(lid)], False, pal.ink, ink_w + 1, cv2.LINE_AA)
        if m["lid_tighten"] > 0.05:  # a tense lower lid
            lower = _bezier((cx - w, cy + h * 0.6), (cx, cy + h + 0.012), (cx + w, cy + h * 0.6))
            thick = max(1, int(ink_w * m["lid_tighten"]))
            cv2.polylines(img, [poly(lower)], False, pal.shade, thick, cv2.LINE_AA)

    # Brows: inner and outer ends move on their own; lowering pulls them down and together.
    lower = m["brow_lower"]
    for side in (-1, 1):
        inner = (
            0.5 + side * (0.06 - 0.02 * lower),
            0.33 - 0.05 * m["inner_brow_raise"] + 0.04 * lower,
        )
        outer = (0.5 + side * 0.20, 0.33 - 0.05 * m["outer_brow_raise"] + 0.012 * lower)
        mid = ((inner[0] + outer[0]) / 2, min(inner[1], outer[1]) - 0.02)
        cv2.polylines(
            img, [poly(_bezier(inner, mid, outer))], False, pal.ink, ink_w * 2, cv2.LINE_AA
        )
    if lower > 0.3:  # the vertical crease between lowered brows
        for dx in (-0.012, 0.012):
            top, bottom = (0.5 + dx, 0.34), (0.5 + dx, 0.34 + 0.04 * lower)
            cv2.line(img, px(*top), px(*bottom), pal.shade, ink_w, cv2.LINE_AA)
    if m["inner_brow_raise"] > 0.3:  # forehead lines above raised brows
        for k in range(2):
            y = 0.25 - 0.025 * k
            line = _bezier((0.42, y), (0.5, y - 0.012 * m["inner_brow_raise"]), (0.58, y))
            cv2.polylines(img, [poly(line)], False, pal.shade, ink_w, cv2.LINE_AA)

    # Nose, with wrinkles across the bridge and nostrils pulled up.
    wrinkle = m["nose_wrinkle"]
    lift = 0.02 * wrinkle + 0.01 * m["upper_lip_raise"]
    nose = np.array([(0.5, 0.45), (0.465, 0.58 - lift), (0.5, 0.60 - lift), (0.535, 0.58 - lift)])
    cv2.polylines(img, [poly(nose)], False, pal.shade, ink_w, cv2.LINE_AA)
    for k in range(int(3 * wrinkle + 0.5)):
        y = 0.49 + 0.02 * k
        line = _bezier((0.47, y), (0.5, y - 0.01), (0.53, y))
        cv2.polylines(img, [poly(line)], False, pal.ink, ink_w, cv2.LINE_AA)

    # Mouth: corners, an upper and a lower lip, and the opening between them.
    pull, down = m["lip_corner_pull"], m["lip_corner_depress"]
    stretch, press = m["lip_stretch"], m["lip_press"]
    half = 0.11 + 0.03 * pull + 0.05 * stretch - 0.025 * press
    corner_y = 0.73 - 0.05 * pull + 0.05 * down + jaw * 0.4
    top_y = 0.71 - 0.035 * m["upper_lip_raise"]
    open_gap = 0.16 * m["jaw_drop"] + 0.03 * m["upper_lip_raise"]
    chin = m["chin_raise"]  # the chin boss pushes the lower lip up
    bottom_y = 0.73 + open_gap + jaw * 0.3 - 0.02 * chin
    thick = 0.022 * (1.0 - 0.75 * press) * (1.0 - 0.4 * stretch)
    left, right = (0.5 - half, corner_y), (0.5 + half, corner_y)
    # A smile bends the lips' middle down relative to the corners; a frown bends it up.
    bend = 0.05 * pull - 0.04 * down
    upper = _bezier(left, (0.5, top_y + bend), right)
    lower = _bezier(right, (0.5, bottom_y + bend + 0.02 * pull), left)
    if open_gap > 0.01 or pull > 0.4:
        cv2.fillPoly(img, [poly(np.vstack([upper, lower]))], pal.mouth, cv2.LINE_AA)
        if m["upper_lip_raise"] > 0.2 or pull > 0.5:  # teeth show under a raised lip
            teeth = _bezier(left, (0.5, top_y + bend + 0.03), right)
            band = np.vstack([upper, teeth[::-1]])
            cv2.fillPoly(img, [poly(band)], (250, 250, 250), cv2.LINE_AA)
    lip_w = max(ink_w, int(thick * big))
    cv2.polylines(img, [poly(upper)], False, pal.ink, lip_w, cv2.LINE_AA)
    cv2.polylines(img, [poly(lower)], False, pal.ink, lip_w, cv2.LINE_AA)
    if chin > 0.05:  # the raised chin bulges, with a crease under the lower lip
        y = 0.835 + jaw * 1.2
        boss = _bezier((0.45, y), (0.5, y - 0.03 * chin), (0.55, y))
        crease = _bezier((0.47, y - 0.05), (0.5, y - 0.05 + 0.01 * chin), (0.53, y - 0.05))
        thick = max(1, int(ink_w * (0.5 + chin)))
        cv2.polylines(img, [poly(boss)], False, pal.shade, thick, cv2.LINE_AA)
        cv2.polylines(img, [poly(crease)], False, pal.shade, thick, cv2.LINE_AA)

    return cv2.resize(img, (size, size), interpolation=cv2.INTER_AREA)
