"""Mirror (/mirror): the live face, the machine's verdict, and what it measured and cannot know."""

import streamlit as st

from demos.engine import model_file
from demos.engine.camera_stream import CameraStream
from demos.engine.classify import LABELS
from demos.engine.face_engine import MAX_READ
from demos.ui import clock, guess, guided_path, links, panels, photo, prose
from demos.ui.camera import live_camera, stream
from demos.ui.content import t
from demos.ui.model_gate import require_model

URL_PATH = "mirror"
ORDER = 10
CAMERA = True
_LIVE = "mirror.live"
GUESS = "mirror.guess"  # a label name, session only
_HIDE = "mirror.hide_word"  # [bool], read by the video thread: no word on the video before a guess


def _guess_line(verdict) -> None:
    """The learner's guess beside the machine's word, once both exist."""
    chosen = st.session_state.get(GUESS)
    if chosen is not None and verdict is not None:
        guess.beside(t(f"labels.{chosen}"), panels.verdict_text(verdict))


def _second_machine(analysis) -> None:
    """One short line under the verdict: what the second machine (the learned CNN) says."""
    learned = analysis.learned if analysis else None
    if learned is not None:
        label = t(f"labels.{learned.label}")
        st.markdown(t("two_machines.mirror_line", label=label, percent=learned.percent))
    elif not model_file.check(spec=model_file.EXPRESSION).ready:
        st.caption(t("two_machines.mirror_missing"))
    links.page_link("two_machines", t("two_machines.mirror_link"), ":material/compare:")


def _caption(hidden: list[bool]):
    # The video thread has no session: it reads this holder, which every run keeps up to date.
    def caption(analysis):
        lines = panels.overlay_lines(analysis)
        return lines[1:] if hidden[0] else lines  # the first line is the word

    return caption


def _readings(live: CameraStream, playing: bool) -> None:
    @st.fragment(run_every=clock.REFRESH_SECONDS if playing else None)
    def show() -> None:
        snap = live.snapshot()
        if not playing:
            st.markdown(t("mirror.waiting"))
        analysis = snap.analysis
        verdict = analysis.verdict if analysis else None
        guessed = st.session_state.get(GUESS) is not None
        if guessed:
            # Several people: one line each, numbered as on the video, instead of one verdict.
            if not panels.readings(analysis):
                panels.reading(analysis)
            _guess_line(verdict)
            _second_machine(analysis)
        else:
            st.markdown(f"**{t('mirror.hidden')}**")
        panels.status(analysis, snap.engine_error, read=MAX_READ)
        if playing and snap.fps:
            st.caption(t("mirror.fps", fps=round(snap.fps)))
        panels.claims(verdict if guessed else None)
        panels.measured(analysis.movements if analysis else None)

    show()


def _photo(model_path) -> None:
    with st.container(border=True):
        analysis = photo.reading("mirror", model_path, intro=True)
        if analysis is None:
            return
        if st.session_state.get(GUESS) is None:
            st.markdown(f"**{t('mirror.hidden')}**")
        else:
            panels.verdict_line(analysis.verdict, analysis.movements)
            _guess_line(analysis.verdict)
            _second_machine(analysis)
            panels.claims(analysis.verdict)
        panels.status(analysis)
        panels.measured(analysis.movements)


def render() -> None:
    texts = [prose.markdown("mirror", "intro")]
    # Offered before anything can fail: no camera, no model, or simply no wish to be filmed.
    links.page_link("build_a_face", t("mirror.drawn_face"), ":material/draw:")
    model_path = require_model()
    if model_path is None:
        return
    hidden = st.session_state.setdefault(_HIDE, [True])
    live = stream(_LIVE, model_path, _caption(hidden), learned=True)
    left, right = st.columns([5, 4], gap="large")
    with left:
        chosen = guess.ask(GUESS, t("mirror.guess"), LABELS, format_func=lambda k: t(f"labels.{k}"))
        hidden[0] = chosen is None
        if chosen is not None:
            guess.again(GUESS)
            guided_path.mark_done("mirror")  # the word is in view from now on
        texts.append(prose.markdown("mirror", "notice"))
        links.privacy_link()
        playing = live_camera("mirror", live)
        _photo(model_path)
        texts.append(panels.cannot_know("mirror"))
    with right:
        _readings(live, playing)
        texts.append(prose.markdown("mirror", "weak"))
    prose.sources(*texts)


if __name__ == "__main__":
    render()
