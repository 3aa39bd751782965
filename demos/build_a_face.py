"""Build a face (/build-a-face): sliders move a drawn face; the same classifier reads it."""

import streamlit as st

from demos.engine.classify import LABELS, NEUTRAL, RECIPE_BY_LABEL, classify
from demos.engine.drawn_face import PALETTES, draw_face
from demos.engine.measure import Movements
from demos.ui import panels, prose
from demos.ui.content import t

URL_PATH = "build-a-face"
ORDER = 20
KEY = "build."  # every widget key on this page starts with it, so a reset can find them all

GROUPS = {
    "group_brows": ("inner_brow_raise", "outer_brow_raise", "brow_lower"),
    "group_eyes": ("upper_lid_raise", "lid_tighten", "eye_closed_left", "eye_closed_right"),
    "group_middle": ("cheek_raise", "nose_wrinkle", "upper_lip_raise"),
    "group_mouth": (
        "lip_corner_pull",
        "lip_corner_depress",
        "lip_stretch",
        "lip_press",
        "jaw_drop",
    ),
}


def _relax() -> None:
    for key in [k for k in st.session_state if str(k).startswith(KEY + "move.")]:
        st.session_state[key] = 0.0


def _sliders() -> Movements:
    values = {}
    st.button(t("build.reset"), on_click=_relax, key=KEY + "reset")
    for group, keys in GROUPS.items():
        st.markdown(f"**{t(f'build.{group}')}**")
        for k in keys:
            values[k] = st.slider(t(f"moves.{k}"), 0.0, 1.0, 0.0, 0.05, key=f"{KEY}move.{k}")
    return Movements.of(values)


def _challenge(verdict) -> None:
    st.subheader(t("build.challenge"))
    goals = [g for g in LABELS if g != NEUTRAL]
    goal = st.selectbox(
        t("build.challenge"),
        [None, *goals],
        format_func=lambda g: t("build.challenge_none") if g is None else t(f"labels.{g}"),
        key=KEY + "goal",
        label_visibility="collapsed",
    )
    if goal is None:
        return
    said = t(f"labels.{verdict.label}")
    if verdict.label == goal:
        st.success(t("build.challenge_done", label=said))
    else:
        st.info(t("build.challenge_todo", label=said))
    with st.expander(t("build.reveal"), expanded=verdict.label == goal):
        recipe = RECIPE_BY_LABEL[goal]
        parts = " + ".join(t(f"moves.{k}") for k in recipe.needs)
        st.markdown(t("panel.recipe", label=t(f"labels.{goal}"), parts=parts))
        if recipe.against:
            st.markdown(
                t("build.recipe_against", parts=", ".join(t(f"moves.{k}") for k in recipe.against))
            )
        prose.markdown("build_a_face", "reveal")


def render() -> None:
    texts = [prose.markdown("build_a_face", "intro")]
    face_col, control_col = st.columns([5, 4], gap="large")
    with control_col:
        moves = _sliders()
        palette = st.radio(
            t("build.palette"),
            list(PALETTES),
            format_func=lambda p: t(f"build.palette_{p}"),
            horizontal=True,
            key=KEY + "palette",
        )
    verdict = classify(moves)
    with face_col:
        label = t(f"labels.{verdict.label}")
        st.image(
            draw_face(moves, 480, palette),
            width="stretch",
            output_format="PNG",
            alt=t("build.face_alt", label=label),
        )
        panels.verdict_line(verdict)
        _challenge(verdict)
        panels.claims(verdict)
        panels.measured(moves)
        st.subheader(t("panel.cannot_know"))
        texts.append(prose.markdown("build_a_face", "cannot_know"))
    prose.sources(*texts)


if __name__ == "__main__":
    render()
