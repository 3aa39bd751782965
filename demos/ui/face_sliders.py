"""Sliders for every facial movement, grouped the way a face is read, for the drawn face."""

from __future__ import annotations

import streamlit as st

from demos.engine.measure import Movements

from .content import t

GROUPS = {
    "group_brows": ("inner_brow_raise", "outer_brow_raise", "brow_lower"),
    "group_eyes": ("upper_lid_raise", "lid_tighten", "eye_closed_left", "eye_closed_right"),
    "group_middle": ("cheek_raise", "nose_wrinkle", "upper_lip_raise"),
    "group_mouth": (
        "lip_corner_pull",
        "lip_corner_depress",
        "chin_raise",
        "lip_stretch",
        "lip_press",
        "jaw_drop",
    ),
}


def slider_key(prefix: str, movement: str) -> str:
    return f"{prefix}move.{movement}"


def sliders(prefix: str) -> Movements:
    """One slider per movement (keys start with prefix); returns the movements they set."""
    values = {}
    for group, keys in GROUPS.items():
        st.markdown(f"**{t(f'build_a_face.{group}')}**")
        for k in keys:
            values[k] = st.slider(t(f"moves.{k}"), 0.0, 1.0, 0.0, 0.05, key=slider_key(prefix, k))
    return Movements.of(values)


def current(prefix: str) -> Movements:
    """The movements the sliders are set to now, read from session state (for fragments)."""
    return Movements.of(
        {
            k: float(st.session_state.get(slider_key(prefix, k), 0.0))
            for keys in GROUPS.values()
            for k in keys
        }
    )


def relax(prefix: str) -> None:
    """Set every slider with this prefix back to 0 (use as a button's on_click)."""
    for keys in GROUPS.values():
        for k in keys:
            st.session_state[slider_key(prefix, k)] = 0.0
