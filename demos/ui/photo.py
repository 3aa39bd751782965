"""The photo option a camera page offers: one photo, read once, shown with its overlay, and
forgotten when the learner clears it, switches the option off or leaves."""

from __future__ import annotations

import gc

import streamlit as st

from demos.engine.face_engine import Analysis, analyse_photo
from demos.engine.frames import FrameProblem, decode_photo
from demos.engine.overlay import draw_overlay
from demos.engine.tracking import TrackerError

from . import panels
from .camera import release_upload
from .content import t


def _keys(page: str) -> tuple[str, str]:
    return f"{page}.photo", f"{page}.photo_count"


def forget(page: str) -> None:
    """Drop the page's photo: a new widget key is a new, empty widget, and the option goes off
    so the camera does not open again until the learner asks."""
    switch, count = _keys(page)
    st.session_state[count] = st.session_state.get(count, 0) + 1
    st.session_state[switch] = False
    # Streamlit's collection after every run is off (config.toml): a photo caught in a
    # reference cycle would wait for Python's own. Forgetting is rare; collect now.
    gc.collect()


def _switched(page: str) -> None:
    if not st.session_state.get(_keys(page)[0]):
        forget(page)


def reading(page: str, model_path, intro: bool = False) -> Analysis | None:
    """The photo option, with the page's words (`<page>.photo_title`, `photo_label`,
    `photo_forget`, `photo_result`, and `photo_intro` if `intro`): the photo's analysis once
    one is taken and read, else None (after saying why, if it failed).

    st.camera_input opens the camera as soon as it is drawn, so it is drawn only after the
    learner switches the option on. Call it inside the page's own `with` block to add more.
    """
    switch, count = _keys(page)
    if not st.toggle(t(f"{page}.photo_title"), key=switch, on_change=_switched, args=(page,)):
        return None
    if intro:
        st.markdown(t(f"{page}.photo_intro"))
    shot = st.camera_input(
        t(f"{page}.photo_label"), key=f"{page}.shot.{st.session_state.get(count, 0)}"
    )
    if shot is None:
        return None
    data = shot.getvalue()
    release_upload(shot)
    st.button(t(f"{page}.photo_forget"), key=f"{page}.photo_forget", on_click=forget, args=(page,))
    bgr = decode_photo(data)
    del data
    if isinstance(bgr, FrameProblem):  # not a photo, or one whose header claims too much
        st.warning(t("mirror.photo_unreadable"))
        return None
    try:
        analysis, found = analyse_photo(model_path, bgr)
    except TrackerError:
        st.error(t("status.engine_failed"))
        return None
    st.image(
        draw_overlay(bgr, found, panels.overlay_lines(analysis)),
        channels="BGR",
        caption=t(f"{page}.photo_result"),
    )
    return analysis
