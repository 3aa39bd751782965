"""Museum kiosk (/kiosk, or ?mode=kiosk anywhere): attract screen, notice, a 2-3 minute loop,
and a two-step idle timer that forgets the visitor."""

from __future__ import annotations

from functools import cache

import streamlit as st

from demos.engine import model_file
from demos.engine.base_rates import DEFAULT_THRESHOLD, icon_counts, screen_at
from demos.engine.camera_stream import CameraStream
from demos.engine.classify import Verdict, classify
from demos.engine.drawn_face import draw_face
from demos.engine.face_engine import MAX_READ
from demos.engine.frames import png_data_url
from demos.engine.idle import Phase, from_environment
from demos.engine.measure import Movements
from demos.engine.scene_faces import FACES
from demos.ui import beliefs, clock, drivers, guess, panels, prose
from demos.ui.camera import live_camera, stream
from demos.ui.content import number, render_citations, t
from demos.ui.mode import KEY as MODE_KEY
from demos.ui.mode import KIOSK
from demos.ui.scenes import scene_text

URL_PATH = "kiosk"
ORDER = 200
HIDDEN = True  # an installation opens it by its address; it is not a stop on the menu

KEY = "kiosk."
_STEP = KEY + "step"
_LAST = KEY + "last_activity"
_CAMERA = KEY + "camera"  # the visitor chose the camera (True) or the drawn face (False)
_LIVE = KEY + "live"
_PICK = KEY + "pick"
_WIDGET = KEY + "camera_widget"  # the WebRTC component's key
# The camera starts by itself once the step has settled (CAMERA_START_AFTER seconds): started
# while the page was still mounting, the connection stalled in most tries here (streamlit-webrtc
# 0.79). No picture CAMERA_RETRY_AFTER seconds later, and a fresh component starts it again.
_TRIES = KEY + "camera_tries"  # [tries so far, when the last began]: numbers only
CAMERA_START_AFTER = 1.0
CAMERA_RETRY_AFTER = 8.0
CAMERA_TRIES = 3
_DRAWN = KEY + "drawn"  # which of the drawn faces (_ATTRACT) the visitor picked
_DRAWN_FIRST = 1  # a smile: the machine has something to read straight away
TASK = "surprised"  # the Mirror step's task: make the machine say this word
NEXT_KEY = "fv_kiosk_next"  # the container styles.py pins to the bottom right
BODY_KEY = "fv_kiosk_body"  # the step itself, between Start over and Next
_DONE = KEY + "task_done"
LOOP = ("mirror", "story", "checkpoint", "learned")  # the guided loop after the notice
SCENE = "tennis"
FACE_SEEN_WITHIN = 2.0  # seconds: a face read this recently counts as a visitor present
# The Checkpoint page's opening settings: right about 95 times in 100 (see base_rates.dial).
DRIVERS, ONE_IN, THRESHOLD = 1_000_000, 10_000, DEFAULT_THRESHOLD
_GUESS = KEY + "checkpoint_guess"  # the visitor's guess; reset() forgets it with the rest

# The attract screen's face cycles through these expressions (drawn, never a real face).
_ATTRACT = (
    Movements.of(),
    Movements.of(lip_corner_pull=0.9, cheek_raise=0.6),
    Movements.of(inner_brow_raise=0.9, outer_brow_raise=0.9, upper_lid_raise=0.9, jaw_drop=0.7),
    Movements.of(brow_lower=0.9, lid_tighten=0.7, lip_press=0.7),
)


def mark_activity() -> None:
    """A visitor did something: the idle timer starts again."""
    st.session_state[_LAST] = clock.now()


def go_to_step(step: str) -> None:
    if step == "notice":  # a new visitor: the last one's camera component is long gone
        for key in [k for k in st.session_state if str(k).startswith(_WIDGET)]:
            del st.session_state[key]
    mark_activity()
    st.session_state[_STEP] = step
    live = st.session_state.get(_LIVE)
    if isinstance(live, CameraStream) and step != "mirror":
        # Leaving the Mirror step ends the camera on the server side at once (the browser
        # ends its track when the video goes from the page).
        live.stop()


def choose_camera(use_camera: bool) -> None:
    st.session_state[_CAMERA] = use_camera
    st.session_state[_TRIES] = [0, clock.now()]
    go_to_step("mirror")


def camera_key(tries: int) -> str:
    """The component's key for this try: a new key is a new component, started afresh."""
    return _WIDGET if tries == 0 else f"{_WIDGET}.{tries}"


def should_retry(tries: list[float], now: float, frames: int) -> bool:
    """No picture yet, long enough after the last start, and tries left."""
    return frames == 0 and now - tries[1] >= CAMERA_RETRY_AFTER and tries[0] + 1 < CAMERA_TRIES


def reset() -> None:
    """Forget the visitor: camera stopped, session cleared, back to the attract screen."""
    live = st.session_state.get(_LIVE)
    if isinstance(live, CameraStream):
        live.stop()
    # The camera component's own keys stay until the next visitor starts: its last message
    # (the camera stopping) arrives after this and needs them. They hold no picture.
    for key in [k for k in st.session_state if not str(k).startswith(_WIDGET)]:
        del st.session_state[key]
    st.query_params.clear()  # a language the visitor chose is in the address too
    st.session_state[MODE_KEY] = KIOSK
    st.session_state[_STEP] = "attract"


@cache
def _attract_faces() -> str:
    tags = []
    for moves in _ATTRACT:
        tags.append(f'<img src="{png_data_url(draw_face(moves, 360))}" alt="">')
    return "".join(tags)


def _attract() -> None:
    st.html(
        f'<div class="fv-attract-face" role="img" aria-label="{t("kiosk.attract_alt")}">'
        f"{_attract_faces()}</div>"
        f'<h1 class="fv-kiosk-question">{t("kiosk.question")}</h1>'
    )
    st.button(
        t("kiosk.touch_to_start"),
        key=KEY + "start",
        type="primary",
        width="stretch",
        on_click=go_to_step,
        args=("believe",),
    )


def _believe() -> None:
    """One statement before the loop, one touch; the last step asks it again."""
    st.markdown(f"**{t('beliefs.kiosk_title')}** {t('beliefs.kiosk_help')}")
    beliefs.kiosk_question(beliefs.BEFORE, lambda: go_to_step("notice"))


def _notice() -> None:
    st.header(t("kiosk.notice_title"))
    prose.markdown("kiosk", "notice")
    ready = model_file.check().ready
    camera, drawn, back = st.columns(3)
    if ready:
        camera.button(
            t("kiosk.with_camera"),
            key=KEY + "with_camera",
            type="primary",
            width="stretch",
            on_click=choose_camera,
            args=(True,),
        )
    drawn.button(
        t("kiosk.without_camera"),
        key=KEY + "without_camera",
        width="stretch",
        on_click=choose_camera,
        args=(False,),
    )
    back.button(t("kiosk.back"), key=KEY + "back", width="stretch", on_click=reset)


def _mirror() -> None:
    camera = st.session_state.get(_CAMERA) and (status := model_file.check()).ready
    # The drawn face is held to the screen's height: its column can be narrower.
    left, right = st.columns([1, 1] if camera else [2, 3], gap="large")
    if camera:
        live = stream(_LIVE, status.path, panels.overlay_lines)
        # The visitor already said "Start with the camera": the camera starts now, with
        # no second START inside the component.
        with left, st.container(key="fv_kiosk_video"):
            tries = st.session_state.setdefault(_TRIES, [0, clock.now()])
            wanted = clock.now() - tries[1] >= CAMERA_START_AFTER
            playing = live_camera(camera_key(int(tries[0])), live, wanted=wanted)
        with right:
            _task()
            _live_readings(live, playing, tries, wanted)
    else:
        moves = _drawn_moves()
        with left:
            alt = t("build_a_face.face_alt", moves=panels.face_moves(moves), label=_label(moves))
            panels.face_image(moves, 420, alt)
            prose.markdown("kiosk", "mirror")
        with right:
            _task()
            verdict = classify(moves)
            panels.verdict_line(verdict, every=0)
            _task_done([verdict], drawn=True)
            st.radio(
                t("kiosk.drawn_pick"),
                options=list(range(len(_ATTRACT))),
                format_func=lambda i: t(f"kiosk.drawn_{i}"),
                key=_DRAWN,
                on_change=mark_activity,
                horizontal=True,
            )


def _task() -> None:
    with st.container(key="fv_kiosk_task"):
        st.markdown(t("kiosk.task", label=t(f"labels.{TASK}")))


def _task_done(verdicts: list[Verdict | None], drawn: bool = False) -> None:
    """Once any face read has said the task's word: a success in words, kept until reset."""
    if any(v is not None and v.label == TASK for v in verdicts):
        st.session_state[_DONE] = True
    if st.session_state.get(_DONE):
        key = "kiosk.task_done_drawn" if drawn else "kiosk.task_done"
        st.success(t(key, label=t(f"labels.{TASK}")), icon=":material/check_circle:")


def _drawn_moves() -> Movements:
    # The radio below reads the same key: the face and its choice agree from the first frame.
    return _ATTRACT[st.session_state.setdefault(_DRAWN, _DRAWN_FIRST)]


def _label(moves: Movements) -> str:
    return t(f"labels.{classify(moves).label}")


def _live_readings(live: CameraStream, playing: bool, tries: list[float], wanted: bool) -> None:
    @st.fragment(run_every=clock.REFRESH_SECONDS)
    def show() -> None:
        snap = live.snapshot()
        analysis = snap.analysis
        if not playing and not wanted and clock.now() - tries[1] >= CAMERA_START_AFTER:
            st.rerun(scope="app")  # the step has settled: the whole page runs, and starts it
        # Playing is not enough: the browser reports it before the connection carries a
        # picture, and a connection can stall there too.
        if should_retry(tries, clock.now(), snap.frames):
            tries[:] = [tries[0] + 1, clock.now()]
            st.rerun(scope="app")
        if not playing and analysis is None:
            st.markdown(t("kiosk.camera_starting"))
        several = panels.readings(analysis)
        if not several:
            panels.reading(analysis)
        _task_done([r.verdict for r in analysis.readings] if analysis else [])
        panels.status(analysis, snap.engine_error, read=MAX_READ)
        # What moved is written on the video itself; the screen keeps room for the lesson.
        prose.markdown("kiosk", "mirror")

    show()


def _story() -> None:
    scene = scene_text(SCENE)
    face = FACES[SCENE]
    pick = st.session_state.get(_PICK)
    # After the answer, the study's finding gets a column of its own: all of it on one screen.
    columns = st.columns([2, 3, 3] if pick else [2, 5], gap="large")
    left, middle = columns[:2]
    with left:
        panels.face_image(face, 420, t("same_face.face_alt", moves=panels.face_moves(face)))
    with middle:
        st.header(t("kiosk.story_question"))
        if pick is None:
            for n, choice in enumerate(scene.choices):
                st.button(
                    choice,
                    key=f"{KEY}choice.{n}",
                    width="stretch",
                    on_click=_choose_answer,
                    args=(choice,),
                )
        else:
            st.markdown(t("kiosk.you_said", pick=pick))
            st.markdown(t("kiosk.machine_says", verdict=panels.verdict_text(classify(face))))
            st.markdown(t("kiosk.story_reveal", won=scene.stories[0], lost=scene.stories[1]))
    if pick is not None:
        with columns[2], st.container(key="fv_kiosk_finding"):
            st.markdown(render_citations(scene.finding))


def _choose_answer(choice: str) -> None:
    mark_activity()
    st.session_state[_PICK] = choice


def _guess_checkpoint(n: int) -> None:
    mark_activity()
    st.session_state[_GUESS] = n


def _checkpoint() -> None:
    s = screen_at(DRIVERS, ONE_IN, THRESHOLD)
    day = icon_counts(s, DRIVERS)
    prose.markdown("kiosk", "checkpoint")
    guessed = st.session_state.get(_GUESS)
    if guessed is None:
        # Guess first: one large button per choice; the answer waits for a touch.
        st.header(t("checkpoint.guess_question"))
        for column, n in zip(st.columns(len(drivers.GUESSES)), drivers.GUESSES, strict=True):
            column.button(
                number(n),
                key=f"{_GUESS}.{n}",
                width="stretch",
                on_click=_guess_checkpoint,
                args=(n,),
            )
        return
    group = icon_counts(s, 10_000)
    legend = drivers.legend(group)
    # Words on the left, the icon array on the right: the whole answer on one screen.
    words, chart = st.columns(2, gap="large")
    with words:
        st.html(f'<p class="fv-verdict" data-testid="fv-headline">{drivers.headline(day)}</p>')
        guess.beside(number(guessed), drivers.answer(day))
        st.markdown(legend)
    with chart:
        st.altair_chart(
            drivers.icon_array(group, height=300),
            width="stretch",
            alt=f"{t('checkpoint.group', group=number(10_000))}. {legend}",
        )


def _learned() -> None:
    words, again = st.columns(2, gap="large")
    with words:
        prose.markdown("kiosk", "learned")
    with again:
        # The statement from the start, one touch again; then both answers side by side.
        if beliefs.answer(beliefs.AFTER, beliefs.KIOSK_STATEMENT) is None:
            st.markdown(t("beliefs.kiosk_after"))
            beliefs.kiosk_question(beliefs.AFTER, mark_activity)
        else:
            beliefs.kiosk_compare()


def _top(step: str) -> None:
    """Start over at the top left, far from Next (bottom right), then where the visitor is."""
    n = LOOP.index(step) + 1
    over, bar = st.columns([1, 2], vertical_alignment="center")
    over.button(
        t("kiosk.start_over"),
        key=f"{KEY}over.{step}",
        icon=":material/restart_alt:",
        on_click=reset,
    )
    bar.progress(
        n / len(LOOP), text=t("kiosk.step", n=n, total=len(LOOP), title=t(f"kiosk.title_{step}"))
    )


def _nav(step: str) -> None:
    """Next, or Finish on the last step, held at the bottom right of the screen (styles.py):
    in view at every screen size, and never a dead end."""
    n = LOOP.index(step)
    with st.container(key=NEXT_KEY):
        if n + 1 < len(LOOP):
            st.button(
                t("kiosk.next", title=t(f"kiosk.title_{LOOP[n + 1]}")),
                key=f"{KEY}next.{step}",
                type="primary",
                icon=":material/arrow_forward:",
                on_click=go_to_step,
                args=(LOOP[n + 1],),
            )
        else:
            st.button(t("kiosk.finish"), key=KEY + "finish", type="primary", on_click=reset)


def _face_present() -> bool:
    """A face in the camera's latest frame, read just now: someone is there."""
    live = st.session_state.get(_LIVE)
    if not isinstance(live, CameraStream):
        return False
    latest = live.snapshot().analysis
    fresh = live.recent(clock.now() - FACE_SEEN_WITHIN)
    return bool(fresh) and latest is not None and latest.movements is not None


def _idle_watch() -> None:
    timer = from_environment()

    @st.fragment(run_every=1)
    def watch() -> None:
        if _face_present():
            mark_activity()
        last = st.session_state.setdefault(_LAST, clock.now())
        now = clock.now()
        phase = timer.phase(last, now)
        if phase is Phase.RESET:
            reset()
            st.rerun()
        if phase is Phase.WARNING:
            with st.container(border=True):
                st.html(f'<p class="fv-kiosk-question" role="alert">{t("kiosk.still_there")}</p>')
                st.markdown(t("kiosk.countdown", n=timer.seconds_left(last, now)))
                st.button(
                    t("kiosk.continue"),
                    key=KEY + "continue",
                    type="primary",
                    width="stretch",
                    on_click=mark_activity,
                )

    watch()


def render() -> None:
    step = st.session_state.setdefault(_STEP, "attract")
    if step == "attract":
        _attract()
        return
    _idle_watch()
    if step == "believe":
        _believe()
        return
    if step == "notice":
        _notice()
        return
    _top(step)
    with st.container(key=BODY_KEY):  # its columns stack on a portrait screen (styles.py)
        {"mirror": _mirror, "story": _story, "checkpoint": _checkpoint, "learned": _learned}[step]()
    _nav(step)


if __name__ == "__main__":
    render()
