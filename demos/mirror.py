"""Mirror (/mirror): the live face, the machine's verdict, and what it measured and cannot know."""

import gc

import streamlit as st

from demos.engine.analyse import analyse_photo
from demos.engine.draw import draw
from demos.engine.frames import FrameProblem, decode_photo
from demos.engine.live import LiveMirror
from demos.engine.tracking import TrackerError
from demos.ui import panels, prose
from demos.ui.camera import live_camera, live_mirror, release_upload
from demos.ui.content import t
from demos.ui.model_gate import require_model

URL_PATH = "mirror"
ORDER = 10
CAMERA = True
_LIVE = "mirror.live"
_PHOTO = "mirror.photo"
_PHOTO_COUNT = "mirror.photo_count"


def _readings(live: LiveMirror, playing: bool) -> None:
    @st.fragment(run_every=0.5 if playing else None)
    def show() -> None:
        snap = live.snapshot()
        if not playing:
            st.markdown(t("mirror.waiting"))
        analysis = snap.analysis
        panels.verdict_line(
            analysis.verdict if analysis else None, analysis.movements if analysis else None
        )
        panels.status(analysis, snap.engine_error)
        if playing and snap.fps:
            st.caption(t("mirror.fps", fps=round(snap.fps)))
        panels.claims(analysis.verdict if analysis else None)
        panels.measured(analysis.movements if analysis else None)

    show()


def _forget_photo() -> None:
    # A new key is a new, empty widget: the old one (and its photo) is dropped. Switching the
    # option off too means the camera does not open again until the learner asks.
    st.session_state[_PHOTO_COUNT] = st.session_state.get(_PHOTO_COUNT, 0) + 1
    st.session_state[_PHOTO] = False
    # Streamlit's collection after every run is off (config.toml): a photo caught in a
    # reference cycle would wait for Python's own. Forgetting is rare; collect now.
    gc.collect()


def _photo_switched() -> None:
    if not st.session_state.get(_PHOTO):
        _forget_photo()


def _photo(model_path) -> None:
    # st.camera_input opens the camera as soon as it is drawn (even in a closed expander),
    # so it is drawn only after the learner switches the photo option on.
    with st.container(border=True):
        if not st.toggle(t("mirror.photo_title"), key=_PHOTO, on_change=_photo_switched):
            return
        st.markdown(t("mirror.photo_intro"))
        shots = st.session_state.get(_PHOTO_COUNT, 0)
        shot = st.camera_input(t("mirror.photo_label"), key=f"mirror.shot.{shots}")
        if shot is None:
            return
        data = shot.getvalue()
        release_upload(shot)
        st.button(t("mirror.photo_forget"), key="mirror.photo_forget", on_click=_forget_photo)
        bgr = decode_photo(data)
        del data
        if isinstance(bgr, FrameProblem):  # not a photo, or one whose header claims too much
            st.warning(t("mirror.photo_unreadable"))
            return
        try:
            analysis, reading = analyse_photo(model_path, bgr)
        except TrackerError:
            st.error(t("status.engine_failed"))
            return
        st.image(
            draw(bgr, reading, panels.overlay_lines(analysis)),
            channels="BGR",
            caption=t("mirror.photo_result"),
        )
        panels.verdict_line(
            analysis.verdict if analysis else None, analysis.movements if analysis else None
        )
        panels.status(analysis)
        panels.claims(analysis.verdict)
        panels.measured(analysis.movements)


def render() -> None:
    texts = [prose.markdown("mirror", "intro")]
    # Offered before anything can fail: no camera, no model, or simply no wish to be filmed.
    st.page_link("demos/build_a_face.py", label=t("mirror.drawn_face"), icon=":material/draw:")
    model_path = require_model()
    if model_path is None:
        return
    live = live_mirror(_LIVE, model_path, panels.overlay_lines)
    left, right = st.columns([5, 4], gap="large")
    with left:
        texts.append(prose.markdown("mirror", "notice"))
        st.page_link("demos/privacy.py", label=t("privacy.link"), icon=":material/lock:")
        playing = live_camera("mirror", live)
        _photo(model_path)
        texts.append(panels.cannot_know("mirror"))
    with right:
        _readings(live, playing)
        texts.append(prose.markdown("mirror", "weak"))
    prose.sources(*texts)


if __name__ == "__main__":
    render()
