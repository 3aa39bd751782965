"""Build a face (/build-a-face): sliders move a drawn face; the same classifier reads it."""

import streamlit as st

from demos.engine.classify import LABELS, NEUTRAL, RECIPE_BY_LABEL, classify
from demos.engine.drawn_face import PALETTES
from demos.engine.measure import Movements
from demos.ui import face_sliders, face_source, guided_path, panels, prose
from demos.ui.content import t

URL_PATH = "build-a-face"
ORDER = 16  # Fake it's no-camera mode: right after it
KEY = "build_a_face."  # every widget key on this page starts with it, so a reset can find them all


def _sliders() -> Movements:
    st.button(t("build_a_face.reset"), on_click=face_sliders.relax, args=(KEY,), key=KEY + "reset")
    return face_sliders.sliders(KEY)


def _challenge(verdict) -> None:
    st.header(t("build_a_face.challenge"))
    goals = [g for g in LABELS if g != NEUTRAL]
    goal = st.selectbox(
        t("build_a_face.challenge"),
        [None, *goals],
        format_func=lambda g: t("build_a_face.challenge_none") if g is None else t(f"labels.{g}"),
        key=KEY + "goal",
        label_visibility="collapsed",
    )
    if goal is None:
        return
    said = t(f"labels.{verdict.label}")
    if verdict.label == goal:
        guided_path.mark_done("build_a_face")  # a recipe reached: the takeaway may show
        st.success(t("build_a_face.challenge_done", label=said))
    else:
        st.info(t("build_a_face.challenge_todo", label=said))
    with st.expander(t("build_a_face.reveal"), expanded=verdict.label == goal):
        recipe = RECIPE_BY_LABEL[goal]
        parts = " + ".join(t(f"moves.{k}") for k in recipe.needs)
        st.markdown(t("panel.recipe", label=t(f"labels.{goal}"), parts=parts))
        if recipe.against:
            st.markdown(
                t(
                    "build_a_face.recipe_against",
                    parts=", ".join(t(f"moves.{k}") for k in recipe.against),
                )
            )
        prose.markdown("build_a_face", "reveal")


def render() -> None:
    texts = [prose.markdown("build_a_face", "intro")]
    face_col, control_col = st.columns([5, 4], gap="large")
    with control_col:
        moves = _sliders()
        palette = st.radio(
            t("build_a_face.palette"),
            list(PALETTES),
            format_func=lambda p: t(f"build_a_face.palette_{p}"),
            horizontal=True,
            key=KEY + "palette",
        )
    verdict = classify(moves)
    # The face, its word and the challenge stay in view while the column beside them scrolls.
    with face_col, face_source.sticky("build_face"):
        label = t(f"labels.{verdict.label}")
        alt = t("build_a_face.face_alt", moves=panels.face_moves(moves), label=label)
        panels.face_image(moves, 480, alt, palette)
        panels.verdict_line(verdict, moves, every=0)
        _challenge(verdict)
    # Below the sliders, in their column: the face beside stays in view while all this scrolls.
    with control_col:
        panels.claims(verdict)
        panels.measured(moves)
    st.header(t("panel.cannot_know"))
    texts.append(prose.markdown("build_a_face", "cannot_know"))
    prose.sources(*texts)


if __name__ == "__main__":
    render()
