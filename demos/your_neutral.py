"""Your neutral is not mine (/your-neutral): read a face against its own resting face."""

from __future__ import annotations

import streamlit as st

from demos.engine.baseline import average, relative
from demos.engine.classify import LABELS, classify
from demos.ui import clock, face_sliders, face_source, guess, guided_path, panels, prose
from demos.ui.content import t

URL_PATH = "your-neutral"
ORDER = 30
CAMERA = True
KEY = "your_neutral."
_REST = KEY + "rest"  # Movements: numbers only, deleted by "Forget my resting face"
_SINCE = KEY + "capturing"  # clock.now() when the capture started
GUESS = KEY + "guess"  # a label name, session only
CAPTURE_SECONDS = 3.0


def _forget() -> None:
    st.session_state.pop(_REST, None)
    st.session_state.pop(_SINCE, None)


def _current(drawn: bool, live):
    if drawn:
        return face_sliders.current(KEY)
    analysis = live.snapshot().analysis
    return analysis.movements if analysis else None


def _capture_step(drawn: bool, live, now: float) -> None:
    since = st.session_state.get(_SINCE)
    if since is None:
        return
    if drawn:
        st.session_state[_REST] = face_sliders.current(KEY)
        del st.session_state[_SINCE]
        return
    if now - since < CAPTURE_SECONDS:
        st.info(t("your_neutral.capturing", seconds=round(CAPTURE_SECONDS - (now - since))))
        return
    samples = live.recent(since)
    del st.session_state[_SINCE]
    if len(samples) < 5:
        st.warning(t("your_neutral.too_few"))
        return
    st.session_state[_REST] = average(samples)


def _readings(drawn: bool, live, active: bool) -> None:
    @st.fragment(run_every=clock.REFRESH_SECONDS if active else None)
    def readings() -> None:
        now = clock.now()
        _capture_step(drawn, live, now)
        moves = _current(drawn, live)
        rest = st.session_state.get(_REST)
        chosen = st.session_state.get(GUESS)
        if chosen is None:
            # Any word on screen now would be the resting face's word: it waits for the guess.
            st.markdown(f"**{t('your_neutral.hidden')}**")
            if live is not None:
                panels.live_status(live)
            return
        if rest is not None:
            at_rest = panels.verdict_text(classify(rest))
            st.markdown(t("your_neutral.at_rest", verdict=at_rest))
            guess.beside(t(f"labels.{chosen}"), at_rest)
            if not guided_path.is_done("your_neutral"):
                guided_path.mark_done("your_neutral")
                st.rerun(scope="app")  # the page's takeaway is outside this fragment
        else:
            st.markdown(t("your_neutral.none_yet"))
        if moves is None:
            panels.verdict_line(None)
            if live is not None:
                panels.live_status(live)
            return
        usual = classify(moves)
        panels.verdict_line(usual)
        st.markdown(f"**{t('your_neutral.usual', verdict=panels.verdict_text(usual))}**")
        if rest is not None:
            mine = classify(relative(moves, rest))
            st.markdown(f"**{t('your_neutral.against', verdict=panels.verdict_text(mine))}**")
        if live is not None:
            panels.live_status(live)

    readings()


def render() -> None:
    texts = [prose.markdown("your_neutral", "intro")]
    drawn = st.toggle(t("your_neutral.use_drawn"), key=KEY + "drawn")
    live, playing = None, False
    left, right = st.columns([5, 4], gap="large")
    with left:
        if drawn:
            st.caption(t("your_neutral.drawn_hint"))
            face_source.drawn_face(KEY, 360)
        else:
            source = face_source.start_camera("your_neutral")
            if source is None:
                return
            live, playing, notice = source.stream, source.playing, source.notice
            texts.append(notice)
    with right:
        guess.ask(GUESS, t("your_neutral.guess"), LABELS, format_func=lambda k: t(f"labels.{k}"))
        prose.markdown("your_neutral", "how")
        if st.button(t("your_neutral.capture"), type="primary", key=KEY + "capture"):
            st.session_state[_SINCE] = clock.now()
        st.button(t("your_neutral.forget"), on_click=_forget, key=KEY + "forget")
        _readings(drawn, live, active=playing or (drawn and _SINCE in st.session_state))
    texts.append(prose.markdown("your_neutral", "why"))
    prose.sources(*texts)


if __name__ == "__main__":
    render()
