"""Fake it (/fake-it): show the machine as many "emotions" as you can in a minute, feel none."""

from __future__ import annotations

import streamlit as st

from demos.engine.classify import classify
from demos.engine.game import GOAL, TARGETS, FakeIt, start, step
from demos.ui import clock, face_sliders, face_source, guided_path, links, panels, prose
from demos.ui.content import section, t

URL_PATH = "fake-it"
ORDER = 15
CAMERA = True
KEY = "fake_it."
_GAME = KEY + "game"  # a FakeIt: times and label names only, kept only in this session


def _verdict(drawn: bool, live):
    """The machine's current reading: of the sliders, or of the camera's latest frame."""
    if drawn:
        return classify(face_sliders.current(KEY))
    analysis = live.snapshot().analysis if live else None
    return analysis.verdict if analysis else None


def _board(game: FakeIt | None, now: float) -> None:
    if game is None:
        st.markdown(t("fake_it.ready"))
        return
    st.markdown(f"**{t('fake_it.left', seconds=round(game.remaining(now)))}**")
    st.progress(
        min(len(game.done) / GOAL, 1.0), text=t("fake_it.progress", n=len(game.done), goal=GOAL)
    )
    lines = [
        t("fake_it.ticked" if label in game.done else "fake_it.open", label=t(f"labels.{label}"))
        for label in TARGETS
    ]
    st.markdown("\n".join(f"- {line}" for line in lines))
    if game.holding and game.holding not in game.done and not game.finished(now):
        st.caption(t("fake_it.holding", label=t(f"labels.{game.holding}")))


def _end(game: FakeIt, now: float) -> str:
    used = round(min(now, game.started + game.duration) - game.started)
    st.success(t("fake_it.score", n=len(game.done), total=len(TARGETS), seconds=used))
    st.markdown(t("fake_it.won" if game.won else "fake_it.not_won", goal=GOAL))
    return prose.markdown("fake_it", "end")


def render() -> None:
    texts = [prose.markdown("fake_it", "intro"), prose.markdown("fake_it", "how")]
    # Build a face is this step's other no-camera mode: the same sliders, with challenges.
    links.page_link("build_a_face", t("fake_it.build"), ":material/draw:")
    drawn = st.toggle(t("fake_it.use_drawn"), key=KEY + "drawn")
    live, playing = None, False
    left, right = st.columns([5, 4], gap="large")
    with left:
        if drawn:
            # The face and its word stay in view while the sliders (on the right) scroll.
            board_place = face_source.sticky("fake_face")
            with board_place:
                face_source.face_image(KEY)
        else:
            source = face_source.start_camera("fake_it")
            if source is None:
                return
            live, playing, notice = source.stream, source.playing, source.notice
            texts.append(notice)
            board_place = right
    with right:
        duration = st.slider(t("fake_it.duration"), 30, 120, 75, 15, key=KEY + "duration")
        game: FakeIt | None = st.session_state.get(_GAME)
        label = t("fake_it.again") if game else t("fake_it.start")
        if st.button(label, type="primary", key=KEY + "start"):
            game = start(clock.now(), float(duration))
            st.session_state[_GAME] = game
        active = game is not None and not game.finished(clock.now())
        if drawn:
            moves = face_sliders.sliders(KEY)
            # What the sliders set, as numbers: the face beside stays in view while they scroll.
            panels.measured(moves)

    with board_place:

        @st.fragment(run_every=clock.REFRESH_SECONDS if (playing or (drawn and active)) else None)
        def board() -> None:
            now = clock.now()
            verdict = _verdict(drawn, live)
            game = st.session_state.get(_GAME)
            if game is not None:
                game = step(game, verdict.label if verdict else None, now)
                st.session_state[_GAME] = game
            panels.verdict_line(verdict)
            if not drawn:
                panels.live_status(live)
            _board(game, now)
            if game is not None and game.finished(now):
                _end(game, now)
                if not guided_path.is_done("fake_it"):
                    guided_path.mark_done("fake_it")  # the challenge ended
                    st.rerun(scope="app")  # the page's takeaway is outside this fragment

        board()
    texts.append(section("fake_it", "end"))  # shown at the end of a round; cited below always
    prose.sources(*texts)


if __name__ == "__main__":
    render()
