"""Wink or blink? (/wink-or-blink): the machine sees which eye closed, never why."""

from __future__ import annotations

import streamlit as st

from demos.engine.eyes import closed_eyes
from demos.engine.measure import Movements
from demos.ui import clock, face_source, guess, guided_path, panels, prose
from demos.ui.content import number, section, t
from demos.ui.winks import choices, situations

URL_PATH = "wink-or-blink"
ORDER = 25  # the wink stories come right after Same face
CAMERA = True
KEY = "wink_or_blink."

# Every situation shows the very same face: one eye closed, nothing else. The page says the
# movement is the same each time, so the pictures must not differ (the lesson is the story).
ONE_EYE_CLOSED = Movements.of(eye_closed_left=1.0)
FACES: dict[str, Movements] = {
    key: ONE_EYE_CLOSED for key in ("joke", "dust", "sun", "poker", "tired")
}


def _live_eyes(live, playing: bool) -> None:
    @st.fragment(run_every=clock.REFRESH_SECONDS if playing else None)
    def eyes() -> None:
        snap = live.snapshot()
        analysis = snap.analysis
        if not playing or analysis is None or analysis.movements is None:
            st.markdown(t("wink_or_blink.eye_waiting"))
            panels.verdict_line(None)
            panels.status(analysis, snap.engine_error)
            return
        state = closed_eyes(analysis.movements)
        seen = t(f"wink_or_blink.eye_{state or 'none'}")
        st.html(f'<p class="fv-verdict">{seen}</p>')
        moves = analysis.movements
        st.caption(
            t(
                "wink_or_blink.eye_values",
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
    answered = 0
    for n, (key, situation) in enumerate(situations().items(), start=1):
        with st.container(border=True):
            face_col, story_col = st.columns([1, 3])
            with face_col:
                alt = t("wink_or_blink.story_face", moves=panels.face_moves(FACES[key]))
                panels.face_image(FACES[key], 200, alt)
            with story_col:
                st.markdown(f"**{n}.** {situation.scene}")
                # The giveaway line waits for the guess, so the guess is the learner's own.
                pick = guess.ask(f"{KEY}{key}", t("wink_or_blink.question"), options)
                if pick is not None:
                    answered += 1
                    st.markdown(f"**{t('wink_or_blink.rest')}** {situation.giveaway}")
                    guess.beside(pick, options[situation.answer])
                    st.markdown(situation.why)
                    st.caption(t("wink_or_blink.machine"))
    if answered == len(situations()):
        guided_path.mark_done("wink_or_blink")
    return texts


def render() -> None:
    texts = [prose.markdown("wink_or_blink", "intro")]
    left, right = st.columns([5, 4], gap="large")
    with left:
        source = face_source.start_camera("wink_or_blink")
    if source is not None:
        live, playing, notice = source.stream, source.playing, source.notice
        texts.append(notice)
        with right:
            _live_eyes(live, playing)
    texts += _situations()
    # The conclusion would answer the guesses: it waits until every story has been guessed.
    if guided_path.is_done("wink_or_blink"):
        texts.append(prose.markdown("wink_or_blink", "end"))
    else:
        texts.append(section("wink_or_blink", "end"))  # cited in Sources all the same
    prose.sources(*texts)


if __name__ == "__main__":
    render()
