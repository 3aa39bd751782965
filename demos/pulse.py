"""Seven body signals in three seconds? (/pulse): a pulse read from the colour of the skin, how
few beats a short window holds, how movement and light break it, and what a pulse cannot say."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from demos.engine import pulse, pulse_clip
from demos.engine.pulse import PulseEstimate, PulseMeter
from demos.engine.pulse_clip import PulseClip
from demos.ui import clock, face_source, guess, guided_path, panels, prose
from demos.ui.content import number, t

URL_PATH = "pulse"
ORDER = 38  # after Bad light, bad picture; before the Checkpoint
CAMERA = True
KEY = "pulse."
_SOURCE = KEY + "source"
_WINDOW = KEY + "window"
_METER = KEY + "meter"  # the camera's samples (numbers only)
_CLIP_METER = KEY + "clip_meter"  # the built-in clip's samples
_CLIP_STARTED = KEY + "clip_started"  # clock.now() when the clip started playing
_CLIP_VARIANT = KEY + "clip_variant"
_COUNT = KEY + "count"
_GUESS = KEY + "guess"
SOURCES = ("camera", "clip")
CLAIMED = pulse.WINDOWS[0]  # "three to four seconds"
RESTING = 72.0  # the resting rate the guess asks about (and the clip beats at)
GUESS_OPTIONS = (1, 4, 10, 30)
COUNT_SECONDS = 15
# The built-in clip: the drawn face with a realistic, invisible pulse (see pulse_clip).
CLIP = PulseClip(bpm=RESTING, seconds=35.0, size=200)
CHART_HEIGHT = 230  # pixels, title and axes included: small, yet each beat shows
VARIANTS = {"still": {}, "sway": {"sway": 0.1}, "light": {"light": 0.2}}


def _meter(key: str) -> PulseMeter:
    meter = st.session_state.get(key)
    if not isinstance(meter, PulseMeter):
        meter = st.session_state[key] = PulseMeter()
    return meter


def _seconds(window: float) -> str:
    return number(window, 0 if float(window).is_integer() else 1)


def _guess() -> str:
    """How many beats 3.5 s hold: a guess first, then the answer worked out by the engine."""
    beats = pulse.beats_in(CLAIMED, RESTING)
    answer = min(GUESS_OPTIONS, key=lambda n: abs(n - beats))
    pick = guess.ask(
        _GUESS, t("pulse.guess"), GUESS_OPTIONS, lambda n: t("pulse.guess_option", n=n)
    )
    if pick is None:
        return ""
    guided_path.mark_done("pulse")
    guess.beside(t("pulse.guess_option", n=pick), t("pulse.guess_answer", n=answer))
    facts = t(
        "pulse.window_facts",
        window=_seconds(CLAIMED),
        beats=number(beats, 1),
        bpm=number(RESTING),
        spacing=number(pulse.spacing(CLAIMED)),
    )
    st.markdown(facts)
    return facts


def _charts(found: PulseEstimate) -> None:
    """The trace and its spectrum, small, drawn here; each with its text alternative."""
    chart = found.spectrum
    if chart is None:
        return
    trace = pd.DataFrame({"t": chart.times, "v": chart.trace})
    line = (
        alt.Chart(trace, title=t("pulse.trace_title"))
        .mark_line(strokeWidth=1.5)
        .encode(
            x=alt.X("t:Q", title=t("pulse.trace_x")),
            y=alt.Y("v:Q", title=t("pulse.trace_y"), axis=alt.Axis(labels=False)),
        )
    )
    beats = pulse.beats_in(found.seconds, found.peak or 0.0)
    st.altair_chart(
        line,
        width="stretch",
        height=CHART_HEIGHT,
        alt=t("pulse.trace_alt", seconds=_seconds(round(found.seconds)), beats=number(beats)),
    )
    spectrum = pd.DataFrame({"bpm": chart.bpm, "p": chart.power})
    area = (
        alt.Chart(spectrum, title=t("pulse.spectrum_title"))
        .mark_area(opacity=0.7)
        .encode(
            x=alt.X("bpm:Q", title=t("pulse.spectrum_x"), scale=alt.Scale(domain=[40, 180])),
            y=alt.Y("p:Q", title=t("pulse.spectrum_y"), axis=alt.Axis(format="%")),
        )
    )
    st.altair_chart(
        area,
        width="stretch",
        height=CHART_HEIGHT,
        alt=t(
            "pulse.spectrum_alt",
            peak=number(found.peak or 0.0),
            quality=number(found.quality, 2),
        ),
    )


def _reading(found: PulseEstimate, truth: float | None = None) -> None:
    """The estimate as page text: the number or why there is none, then the window's facts."""
    if found.bpm is not None:
        head = t("pulse.reading_number", bpm=number(found.bpm))
    else:
        head = t("pulse.reading_none")
    st.html(f'<p class="fv-verdict" data-testid="fv-pulse" aria-live="polite">{head}</p>')
    if found.reason is not None:
        st.markdown(
            t(
                f"pulse.reason_{found.reason}",
                motion=number(found.motion * 100) + "%",
                fps=number(found.fps),
                quality=number(found.quality, 2),
            )
        )
    if found.bpm is not None or found.reason in ("moved", "low_quality"):
        st.caption(
            t(
                "pulse.details",
                window=_seconds(found.window),
                seconds=_seconds(round(found.seconds, 1)),
                beats=number(pulse.beats_in(found.window, found.peak or 0.0), 1),
                spacing=number(found.spacing, 1),
                quality=number(found.quality, 2),
            )
        )
    else:
        st.caption(
            t(
                "pulse.details_waiting",
                window=_seconds(found.window),
                seconds=_seconds(round(found.seconds, 1)),
                spacing=number(found.spacing, 1),
            )
        )
    if truth is not None and found.bpm is not None:
        st.caption(
            t("pulse.clip_truth", bpm=number(truth), error=number(abs(found.bpm - truth), 1))
        )
    _charts(found)


def _camera(window: float) -> str:
    """The live camera and its reading; returns the notice shown (for the Sources list)."""
    left, right = st.columns([5, 4], gap="large")
    with left:
        feed = face_source.start_camera("pulse")  # says so when the face model is missing
    meter = _meter(_METER)
    if feed is None:
        st.info(t("pulse.no_model"))
        return ""
    feed.stream.set_sampler(meter)
    if not feed.playing:
        meter.clear()  # STOP forgets every number

    @st.fragment(run_every=clock.REFRESH_SECONDS if feed.playing else None)
    def live() -> None:
        if not feed.playing:
            st.markdown(t("pulse.waiting"))
            return
        _reading(meter.estimate(window))  # ends at the newest frame, on the camera's clock
        # The video's caption (the expression machine's word) as page text too, and why a
        # frame could not be read: the same line every camera page shows.
        snap = feed.stream.snapshot()
        analysis = snap.analysis
        panels.verdict_line(analysis.verdict if analysis is not None else None)
        panels.status(analysis, snap.engine_error)

    with right:
        live()
    return feed.notice


def _clip_face(clip: PulseClip) -> None:
    bgr = pulse_clip.frame(clip, 0.0)
    st.image(
        bgr[..., ::-1],
        width=220,
        output_format="PNG",
        caption=None,
        alt=t("pulse.clip_face", bpm=number(clip.bpm), amplitude=number(clip.amplitude, 1)),
    )


def _clip(window: float) -> None:
    variant = st.radio(
        t("pulse.clip_variant"),
        tuple(VARIANTS),
        format_func=lambda v: t(f"pulse.clip_{v}"),
        key=_CLIP_VARIANT,
        horizontal=True,
        on_change=_restart_clip,
    )
    clip = CLIP.with_(**VARIANTS[variant])
    meter = _meter(_CLIP_METER)
    st.session_state.setdefault(_CLIP_STARTED, clock.now())
    left, right = st.columns([2, 3], gap="large")
    with left:
        _clip_face(clip)
        st.caption(t("pulse.clip_face", bpm=number(clip.bpm), amplitude=number(clip.amplitude, 1)))
        st.button(t("pulse.clip_again"), on_click=_restart_clip)
    elapsed = min(clock.now() - st.session_state[_CLIP_STARTED], clip.seconds)
    playing = elapsed < clip.seconds

    @st.fragment(run_every=clock.REFRESH_SECONDS if playing else None)
    def play() -> None:
        now = min(clock.now() - st.session_state[_CLIP_STARTED], clip.seconds)
        done = meter.latest_time()
        for sample in pulse_clip.samples(clip, -1.0 if done is None else done + 1e-6, now):
            meter.add(sample)
        st.caption(t("pulse.clip_time", seconds=number(now), total=number(clip.seconds)))
        _reading(meter.estimate(window, now=now), truth=clip.bpm)

    with right:
        play()


def _restart_clip() -> None:
    st.session_state[_CLIP_STARTED] = clock.now()
    st.session_state.pop(_CLIP_METER, None)


def _count(window: float) -> None:
    count = st.number_input(
        t("pulse.count_label"), min_value=0, max_value=80, value=None, step=1, key=_COUNT
    )
    st.caption(t("pulse.count_kept"))
    if count is None:
        return
    mine = count * 60 / COUNT_SECONDS
    st.markdown(t("pulse.count_result", count=number(count), bpm=number(mine)))
    source = st.session_state.get(_SOURCE, SOURCES[0])
    meter = st.session_state.get(_METER if source == "camera" else _CLIP_METER)
    found = meter.estimate(window) if isinstance(meter, PulseMeter) else None
    if found is None or found.bpm is None:
        st.markdown(t("pulse.count_none"))
        return
    st.markdown(
        t(
            "pulse.count_compare",
            window=_seconds(window),
            machine=number(found.bpm),
            difference=number(abs(found.bpm - mine)),
        )
    )


def render() -> None:
    texts = [prose.markdown("pulse", "intro")]
    texts.append(_guess())
    texts.append(prose.markdown("pulse", "measure"))
    source = st.radio(
        t("pulse.source"),
        SOURCES,
        format_func=lambda s: t(f"pulse.source_{s}"),
        key=_SOURCE,
        horizontal=True,
        on_change=_restart_clip,  # the clip starts from its beginning whenever it is chosen
    )
    window = st.radio(
        t("pulse.window"),
        pulse.WINDOWS,
        index=1,
        format_func=lambda w: t(
            "pulse.window_claimed" if w == CLAIMED else "pulse.window_option", seconds=_seconds(w)
        ),
        key=_WINDOW,
        horizontal=True,
    )
    if source == "camera":
        texts.append(_camera(window))
    else:
        _clip(window)
    texts.append(prose.markdown("pulse", "count"))
    _count(window)
    for part in ("break", "leap", "seven", "privacy"):
        texts.append(prose.markdown("pulse", part))
    prose.sources(*texts)


if __name__ == "__main__":
    render()
