"""The three panels shared by face pages: what it measured, claims, and cannot know."""

from __future__ import annotations

import html

import streamlit as st

from demos.engine.classify import LABELS, NEUTRAL, RECIPE_BY_LABEL, Verdict
from demos.engine.drawn_face import draw_face
from demos.engine.face_engine import Analysis
from demos.engine.measure import MOVEMENTS, Movements, strongest

from . import clock, prose
from .announce import next_announcement
from .camera import PAGE_KEY
from .content import number, t

_ANNOUNCED = "panel.announced."  # per page: the last thing said aloud, and when


def verdict_text(verdict: Verdict) -> str:
    """'reads as HAPPY · 91%': the label in capitals, always framed as a reading."""
    return t("mirror.verdict", label=t(f"labels.{verdict.label}"), percent=verdict.percent)


def face_moves(moves: Movements) -> str:
    """The movements of a face in words, for a picture's text alternative."""
    moved = strongest(moves, n=5, at_least=0.3)
    if not moved:
        return t("build_a_face.face_moves_none")
    return ", ".join(t(f"moves.{k}") for k, _ in moved)


def overlay_lines(analysis: Analysis) -> list[str]:
    """The lines drawn on the video (ASCII: the video font has no accents)."""
    if analysis.verdict is None or analysis.movements is None:
        return []
    if len(analysis.readings) > 1:  # several people: each one's word, numbered as their boxes
        each = [
            t("panel.person_overlay", n=n, label=t(f"labels.{r.verdict.label}"))
            for n, r in enumerate(analysis.readings, start=1)
        ]
        return ["   ".join(each)]
    v = analysis.verdict
    lines = [t("mirror.verdict_overlay", label=t(f"labels.{v.label}"), percent=v.percent)]
    moved = strongest(analysis.movements, n=2)
    if moved:
        parts = ", ".join(f"{t(f'moves_short.{k}')} {number(val, 2)}" for k, val in moved)
        lines.append(t("mirror.moved_overlay", moves=parts))
    else:
        lines.append(t("mirror.nothing_moved_overlay"))
    return lines


def status_messages(
    analysis: Analysis | None, engine_error: bool = False, read: int = 1
) -> list[str]:
    """The status keys (content/ [status]) for a reading that is not a clean single face.

    read: how many faces the page shows a reading for (1, or MAX_READ with readings()).
    """
    if engine_error:
        return ["engine_failed"]
    if analysis is None:
        return []
    keys = [analysis.status] if analysis.status in ("no_face", "bad_frame", "small_face") else []
    if analysis.faces > read:
        keys.append("several_faces" if read == 1 else "more_faces")
    return keys


def status(analysis: Analysis | None, engine_error: bool = False, read: int = 1) -> None:
    """A kind sentence for every state that is not a clean single-face reading."""
    for key in status_messages(analysis, engine_error, read):
        text = t(f"status.{key}", n=analysis.faces if analysis else 0)
        (st.error if key == "engine_failed" else st.info)(text)


def live_status(live) -> None:
    """status() for a CameraStream's latest frame, including an engine that could not start."""
    snap = live.snapshot()
    status(snap.analysis, snap.engine_error)


def face_image(moves: Movements, size: int, alt: str, palette: str | None = None) -> None:
    """A drawn face as a picture that fills its column, with its text alternative."""
    picture = draw_face(moves, size) if palette is None else draw_face(moves, size, palette)
    st.image(picture, width="stretch", output_format="PNG", alt=alt)


def reading(analysis: Analysis | None, every: float = 4.0) -> None:
    """verdict_line() for an analysis that may not have come yet."""
    verdict_line(
        analysis.verdict if analysis else None, analysis.movements if analysis else None, every
    )


def verdict_line(
    verdict: Verdict | None, moves: Movements | None = None, every: float = 4.0
) -> None:
    """The current verdict as page text (not only inside the video or the picture), and the
    same in a polite live region that speaks a change at most once every `every` seconds."""
    text = verdict_text(verdict) if verdict is not None else t("panel.no_reading")
    st.html(f'<p class="fv-verdict" data-testid="fv-verdict">{html.escape(text)}</p>')
    spoken = text
    if verdict is not None:
        moved = strongest(moves, n=2, at_least=0.3) if moves is not None else []
        parts = ", ".join(t(f"moves.{k}") for k, _ in moved)
        label = t(f"labels.{verdict.label}")
        spoken = (
            t("panel.announce_moves", label=label, moves=parts)
            if parts
            else t("panel.announce", label=label)
        )
    key = f"{_ANNOUNCED}{st.session_state.get(PAGE_KEY, '')}"
    said = next_announcement(st.session_state.get(key), spoken, clock.now(), every)
    st.session_state[key] = said
    st.html(
        '<div class="fv-sr-only" role="status" aria-live="polite" aria-atomic="true" '
        f'data-testid="fv-live">{html.escape(said.text)}</div>'
    )


def readings(analysis: Analysis | None) -> bool:
    """With more than one face read: one verdict line per face, left to right, numbered as on
    the video ("3 people, 3 readings, the same moment"). Returns whether it showed them."""
    if analysis is None or len(analysis.readings) < 2:
        return False
    n = len(analysis.readings)
    items = "".join(
        f"<li>{html.escape(t('panel.person', n=i, verdict=verdict_text(r.verdict)))}</li>"
        for i, r in enumerate(analysis.readings, start=1)
    )
    st.html(
        f'<div class="fv-readings" data-testid="fv-readings">'
        f"<p>{html.escape(t('panel.people', n=n))}</p><ul>{items}</ul></div>"
    )
    return True


def measured(moves: Movements | None) -> None:
    """One bar per movement, each with its name and value written out."""
    st.header(t("panel.measured"))
    st.caption(t("panel.measured_help"))
    if moves is None:
        st.markdown(t("panel.no_reading"))
        return
    for m in MOVEMENTS:
        name = t(f"moves.{m.key}")
        if m.gain > 1:
            name = f"{name} {t('panel.weak')}"
        st.progress(moves[m.key], text=t("panel.value", name=name, value=number(moves[m.key], 2)))


def claims(verdict: Verdict | None) -> None:
    """The label, the recipe that fired and the movements behind it, and the 100% split."""
    st.header(t("panel.claims"))
    st.caption(t("panel.claims_help"))
    if verdict is None:
        st.markdown(t("panel.no_reading"))
        return
    label = t(f"labels.{verdict.label}")
    if verdict.label == NEUTRAL:
        st.markdown(t("panel.recipe_neutral"))
    else:
        recipe = RECIPE_BY_LABEL[verdict.label]
        parts = " + ".join(t(f"moves.{k}") for k in recipe.needs)
        st.markdown(t("panel.recipe", label=label, parts=parts))
        moved = ", ".join(f"{t(f'moves.{k}')} {number(v, 2)}" for k, v in verdict.drivers)
        st.markdown(t("panel.recipe_fired", moves=moved))
    st.markdown(f"**{t('panel.shares')}**")
    for name in sorted(LABELS, key=lambda k: -verdict.probabilities[k]):
        share = verdict.probabilities[name]
        st.progress(share, text=f"{t(f'labels.{name}')} · {round(100 * share)}%")


def cannot_know(page_name: str = "mirror") -> str:
    """The ladder movement -> label -> feeling -> intent; returns the text for Sources."""
    st.header(t("panel.cannot_know"))
    return prose.markdown(page_name, "cannot_know")
