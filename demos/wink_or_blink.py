"""Wink or blink? (/wink-or-blink): the machine sees which eye closed, never why."""

from __future__ import annotations

import streamlit as st

from demos.engine.drawn_face import draw_face
from demos.engine.eyes import closed_eyes
from demos.engine.measure import Movements
from demos.ui import face_source, panels, prose
from demos.ui.content import number, t
from demos.ui.winks import choices, situations

URL_PATH = "wink-or-blink"
ORDER = 16
CAMERA = True
KEY = "wink."

# One face per situation: one eye closed, a little of the rest of the face changed.
FACES: dict[str, Movements] = {
    "joke": Movements.of(eye_closed_left=1.0, lip_corner_pull=0.5),
    "dust": Movements.of(eye_closed_right=1.0, lid_tighten=0.6, brow_lower=0.3),
    "sun": Movements.of(eye_closed_left=1.0, lid_tighten=0.8, cheek_raise=0.4),
    "poker": Movements.of(eye_closed_right=1.0),
    "tired": Movements.of(eye_closed_left=0.9, eye_closed_right=0.3),
}


def _live_eyes(live, playing: bool) -> None:
    @st.fragment(run_every=0.5 if playing else None)
    def eyes() -> None:
        snap = live.snapshot()
        analysis = snap.analysis
        if not playing or analysis is None or analysis.movements is None:
            st.markdown(t("wink.eye_waiting"))
            panels.verdict_line(None)
            panels.status(analysis, snap.engine_error)
            return
        state = closed_eyes(analysis.movements)
        seen = t(f"wink.eye_{state or 'none'}")
        st.html(f'<p class="fv-verdict">{seen}</p>')
        moves = analysis.movements
        st.caption(
            t(
                "wink.eye_values",
                left=number(moves["eye_closed_left"], 2),
                right=number(moves["eye_closed_right"], 2),
            )
        )
        panels.verdict_line(analysis.verdict)
        panels.status(analysis)

    eyes()


def _situations() -> list[str]:
    texts = [prose.markdown("wink_or_blink", "stories")]
    options = choices()
    for n, (key, situation) in enumerate(situations().items(), start=1):
        with st.container(border=True):
            face_col, story_col = st.columns([1, 3])
            face_col.image(
                draw_face(FACES[key], 200),
                width="stretch",
                output_format="PNG",
                alt=t("wink.story_face", moves=panels.face_moves(FACES[key])),
            )
            with story_col:
                st.markdown(f"**{n}.** {situation.story}")
                pick = st.radio(
                    t("wink.question"), options, index=None, horizontal=True, key=f"{KEY}{key}"
                )
                if pick is not None:
                    st.markdown(f"**{options[situation.answer]}.** {situation.why}")
                    st.caption(t("wink.machine"))
    return texts


def render() -> None:
    texts = [prose.markdown("wink_or_blink", "intro")]
    left, right = st.columns([5, 4], gap="large")
    with left:
        source = face_source.camera("wink_or_blink", "wink")
    if source is not None:
        live, playing, notice = source
        texts.append(notice)
        with right:
            _live_eyes(live, playing)
    texts += _situations()
    texts.append(prose.markdown("wink_or_blink", "end"))
    prose.sources(*texts)


if __name__ == "__main__":
    render()
