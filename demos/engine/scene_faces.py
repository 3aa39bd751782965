"""The fixed drawn face of each "Same face, different story" scene, as movements.

Shared by the Same face page, the kiosk and the printed face cards of the teacher's kit; the
words of each scene are in content/<locale>/scenes.toml.
"""

from __future__ import annotations

from .measure import Movements

FACES: dict[str, Movements] = {
    "tennis": Movements.of(
        brow_lower=0.9,
        lid_tighten=0.9,
        upper_lip_raise=0.6,
        lip_stretch=0.7,
        jaw_drop=0.8,
        nose_wrinkle=0.4,
    ),
    "scowl": Movements.of(brow_lower=0.9, lid_tighten=0.7, lip_press=0.7),
    "gasp": Movements.of(
        inner_brow_raise=0.9, outer_brow_raise=0.9, upper_lid_raise=0.9, jaw_drop=0.7
    ),
    "tears": Movements.of(
        inner_brow_raise=0.9,
        brow_lower=0.5,
        lid_tighten=0.5,
        cheek_raise=0.4,
        lip_corner_depress=0.8,
        eye_closed_left=0.4,
        eye_closed_right=0.4,
    ),
    "smile": Movements.of(lip_corner_pull=0.7),
}
