"""Bad light, bad picture (/robustness): change the picture, not the face, and watch the verdict
drift."""

from __future__ import annotations

from functools import partial

import streamlit as st

from demos.engine.face_engine import Analysis, analyse_photo
from demos.engine.overlay import draw_overlay
from demos.engine.perturb import Perturbation, perturb, sample_portrait
from demos.ui import clock, face_source, guess, guided_path, panels, prose
from demos.ui.content import number, t
from demos.ui.model_gate import require_model

URL_PATH = "robustness"
ORDER = 35
CAMERA = True
KEY = "robustness."
_BEFORE = KEY + "before"  # an Analysis: numbers only
GUESS = KEY + "guess"  # the name of a change, session only
FLIPPED = KEY + "flipped"  # the changes in use when the word first changed: names only
CHANGES = ("brightness", "blur", "rotation", "distance", "band")  # what the learner can guess
DEFAULTS = {
    "brightness": 1.0,
    "blur": 0.0,
    "rotation": 0.0,
    "distance": 1.0,
    "band": 0.0,
    "band_at": 0.4,
}


def _undo() -> None:
    for name, value in DEFAULTS.items():
        st.session_state[KEY + name] = value


def changes_in_use() -> list[str]:
    """The changes whose sliders are away from 'as filmed' (the band counts only when drawn)."""
    return [
        name
        for name in CHANGES
        if float(st.session_state.get(KEY + name, DEFAULTS[name])) != DEFAULTS[name]
    ]


def _note_flip(before: Analysis | None, after: Analysis | None) -> None:
    """Remember which changes were in use the first time the word changed (or the face was lost)."""
    if FLIPPED in st.session_state or before is None or before.verdict is None:
        return
    used = changes_in_use()
    if not used:
        return
    if after is None or after.verdict is None or after.verdict.label != before.verdict.label:
        st.session_state[FLIPPED] = used
        guided_path.mark_done("robustness")


def _result() -> None:
    """The learner's guess beside the change that first changed the word."""
    chosen, flipped = st.session_state.get(GUESS), st.session_state.get(FLIPPED)
    if chosen is None:
        return
    if flipped is None:
        st.markdown(t("robustness.try"))
        return
    names = ", ".join(t(f"robustness.change_{name}") for name in flipped)
    guess.beside(t(f"robustness.change_{chosen}"), t("robustness.flipped", changes=names))


def _restart() -> None:
    """A new guess starts from the picture as filmed."""
    _undo()
    guess.forget(GUESS, FLIPPED)


def _controls() -> Perturbation:
    # The sliders come after the guess: moving them first would answer the question.
    chosen = guess.ask(GUESS, t("robustness.guess"), CHANGES, lambda c: t(f"robustness.change_{c}"))
    if chosen is None:
        return Perturbation()  # the picture as filmed
    st.button(t("guess.again"), on_click=_restart, key=GUESS + ".again")
    st.button(t("robustness.reset"), on_click=_undo, key=KEY + "reset")
    return Perturbation(
        brightness=st.slider(
            t("robustness.brightness"), 0.1, 1.5, 1.0, 0.05, key=KEY + "brightness"
        ),
        blur=st.slider(
            t("robustness.blur"), 0.0, 0.02, 0.0, 0.001, format="%.3f", key=KEY + "blur"
        ),
        rotation=st.slider(t("robustness.rotation"), -45.0, 45.0, 0.0, 5.0, key=KEY + "rotation"),
        distance=st.slider(t("robustness.distance"), 1.0, 4.0, 1.0, 0.25, key=KEY + "distance"),
        band=st.slider(t("robustness.band"), 0.0, 0.3, 0.0, 0.02, key=KEY + "band"),
        band_at=st.slider(t("robustness.band_at"), 0.0, 1.0, 0.4, 0.05, key=KEY + "band_at"),
    )


def _compare(before: Analysis | None, after: Analysis | None) -> None:
    """The verdict before and after the changes, and the movements that drifted most."""
    if before is not None and before.verdict is not None:
        st.markdown(t("robustness.before", verdict=panels.verdict_text(before.verdict)))
    if after is None or after.verdict is None:
        st.markdown(f"**{t('robustness.lost')}**")
        return
    st.markdown(f"**{t('robustness.after', verdict=panels.verdict_text(after.verdict))}**")
    if before is not None and before.movements is not None:
        drift = sorted(
            ((k, after.movements[k] - before.movements[k]) for k in after.movements),
            key=lambda kv: -abs(kv[1]),
        )[:3]
        st.markdown(
            t(
                "robustness.drift",
                moves=", ".join(
                    f"{t(f'moves.{k}')} {'+' if d >= 0 else '−'}{number(abs(d), 2)}"
                    for k, d in drift
                ),
            )
        )


def _photo_lab(model_path, change: Perturbation) -> None:
    photo = sample_portrait()
    if photo is None:
        return
    before, before_reading = analyse_photo(model_path, photo)
    changed = perturb(photo, change)
    after, reading = analyse_photo(model_path, changed)
    a, b = st.columns(2)
    a.image(
        draw_overlay(photo, before_reading, panels.overlay_lines(before)),
        channels="BGR",
        caption=t("robustness.original"),
        width="stretch",
    )
    b.image(
        draw_overlay(changed, reading, panels.overlay_lines(after)),
        channels="BGR",
        caption=t("robustness.changed"),
        width="stretch",
    )
    panels.verdict_line(after.verdict, after.movements, every=0)
    _note_flip(before, after)
    _result()
    _compare(before, after if after.verdict else None)
    panels.measured(after.movements)


def _camera_lab(change: Perturbation) -> None:
    left, right = st.columns([5, 4], gap="large")
    with left:
        source = face_source.start_camera("robustness")
    if source is None:
        return
    live, playing = source.stream, source.playing
    # The camera is already running by now; the next frame gets the new settings.
    live.set_prepare(None if change.is_identity else partial(perturb, p=change))
    with right:
        if st.button(t("robustness.remember"), key=KEY + "remember"):
            st.session_state[_BEFORE] = live.snapshot().analysis

        @st.fragment(run_every=clock.REFRESH_SECONDS if playing else None)
        def readings() -> None:
            now = live.snapshot().analysis
            panels.verdict_line(now.verdict if now else None)
            panels.live_status(live)
            was_done = guided_path.is_done("robustness")
            _note_flip(st.session_state.get(_BEFORE), now)
            _result()
            _compare(st.session_state.get(_BEFORE), now)
            if guided_path.is_done("robustness") and not was_done:
                st.rerun(scope="app")  # the page's takeaway is outside this fragment
            panels.measured(now.movements if now else None)

        readings()


def render() -> None:
    texts = [prose.markdown("robustness", "intro")]
    model_path = require_model()
    if model_path is None:
        return
    use_photo = st.toggle(t("robustness.use_photo"), key=KEY + "photo")
    controls, lab = st.columns([1, 2], gap="large")
    with controls:
        change = _controls()
    with lab:
        if use_photo:
            texts.append(prose.markdown("robustness", "photo"))
            _photo_lab(model_path, change)
        else:
            _camera_lab(change)
    texts.append(prose.markdown("robustness", "meaning"))
    prose.sources(*texts)


if __name__ == "__main__":
    render()
