"""The drawn face: every movement shows, the same numbers always give the same picture."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from demos.engine.drawn_face import PALETTES, draw_face
from demos.engine.measure import KEYS, Movements

from .conftest import ROOT

SIZE = 240


def changed_pixels(a: np.ndarray, b: np.ndarray) -> int:
    return int((np.abs(a.astype(int) - b.astype(int)).sum(axis=2) > 30).sum())


@pytest.mark.parametrize("key", KEYS)
def test_every_movement_visibly_changes_the_drawing(key):
    still = draw_face(Movements.still(), SIZE)
    moved = draw_face(Movements.of({key: 1.0}), SIZE)
    assert changed_pixels(still, moved) > 60, key


@pytest.mark.parametrize("key", KEYS)
def test_a_bigger_movement_changes_the_drawing_more(key):
    still = draw_face(Movements.still(), SIZE)
    half = draw_face(Movements.of({key: 0.5}), SIZE)
    full = draw_face(Movements.of({key: 1.0}), SIZE)
    assert changed_pixels(still, half) < changed_pixels(still, full) or key.startswith("eye_closed")


def test_the_drawing_is_deterministic_and_sized():
    moves = Movements.of(lip_corner_pull=0.7, brow_lower=0.3)
    a, b = draw_face(moves, 300), draw_face(moves, 300)
    assert a.shape == (300, 300, 3) and a.dtype == np.uint8
    assert np.array_equal(a, b)


def test_the_left_eye_is_the_persons_own_left_drawn_on_our_right():
    wink = draw_face(Movements.of(eye_closed_left=1.0), SIZE)
    still = draw_face(Movements.still(), SIZE)
    diff = np.abs(wink.astype(int) - still.astype(int)).sum(axis=2) > 30
    left_half, right_half = diff[:, : SIZE // 2].sum(), diff[:, SIZE // 2 :].sum()
    assert right_half > 5 * max(left_half, 1)


@pytest.mark.parametrize("palette", list(PALETTES))
def test_palettes_are_not_skin_tones(palette):
    r, g, b = PALETTES[palette].face
    # Skin tones run from pale to dark along red > green > blue; these faces never do.
    assert not (r > g > b), palette


def test_five_settings_sheet_for_the_readme_and_the_note():
    """Writes artifacts/drawn-faces.png: the drawn face at five slider settings."""
    settings = [
        {},
        {"lip_corner_pull": 0.9, "cheek_raise": 0.6},
        {"brow_lower": 1.0, "lid_tighten": 0.8, "lip_press": 0.9},
        {"inner_brow_raise": 1.0, "outer_brow_raise": 1.0, "upper_lid_raise": 1.0, "jaw_drop": 1.0},
        {"eye_closed_left": 1.0, "lip_corner_pull": 0.4, "nose_wrinkle": 0.6},
    ]
    tiles = [draw_face(Movements.of(s), SIZE) for s in settings]
    assert len({t.tobytes() for t in tiles}) == 5
    out = ROOT / "artifacts" / "drawn-faces.png"
    out.parent.mkdir(exist_ok=True)
    cv2.imwrite(str(out), cv2.cvtColor(np.hstack(tiles), cv2.COLOR_RGB2BGR))
