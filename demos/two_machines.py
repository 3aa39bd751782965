"""Two machines, one face (/two-machines): the recipes and a learned CNN read the same face at the
same moment, side by side, each with its backstory; how often they agree."""

from __future__ import annotations

import html

import streamlit as st

from demos.engine import model_file
from demos.engine.camera_stream import CameraStream
from demos.engine.classify import classify
from demos.engine.drawn_face import draw_face
from demos.engine.face_engine import Analysis
from demos.engine.learned import LearnedError, LearnedReader, agreement
from demos.ui import (
    clock,
    face_sliders,
    face_source,
    guided_path,
    panels,
    photo,
    prose,
    report_card,
)
from demos.ui.announce import next_announcement
from demos.ui.content import number, percent, t

URL_PATH = "two-machines"
ORDER = 12  # right after the Mirror: the same face, a second machine
CAMERA = True
KEY = "two_machines."
_SOURCE = KEY + "source"  # "camera" or "drawn"
_ANNOUNCED = KEY + "announced"  # the last words said aloud, and when
_ERROR = KEY + "download_error"
WINDOW = 10.0  # seconds of frames the agreement count covers
SOURCES = ("camera", "drawn")
DRAWN_SIDE = 256


def _second_machine() -> model_file.ModelStatus:
    return model_file.check(spec=model_file.EXPRESSION)


@st.cache_resource(show_spinner=False)
def _drawn_reader(path: str, _size: int) -> LearnedReader | None:
    """One reader for drawn faces, shared by every tab (it only ever sees the drawing)."""
    try:
        return LearnedReader(path, smoothing=None)
    except LearnedError:
        return None


def _not_installed(status: model_file.ModelStatus) -> None:
    """The kind panel: the second machine is missing or damaged, and how to add it."""
    with st.container(border=True):
        st.subheader(t("two_machines.missing_title"))
        key = "missing_body" if status.state is model_file.ModelState.MISSING else "wrong_body"
        st.markdown(t(f"two_machines.{key}"))
        st.code(str(status.path), language=None)
        st.markdown(t("two_machines.offline"))
        usb = f"/media/usb/{model_file.EXPRESSION_FILENAME}"
        st.code(f"python -m demos.engine.model_file install {usb}", language=None)
        error = st.session_state.get(_ERROR)
        if error:
            st.error(error)
        st.caption(t("two_machines.download_note"))
        if st.button(t("two_machines.download"), key=KEY + "download"):
            with st.spinner(t("two_machines.downloading")):
                try:
                    model_file.download(status.path, spec=model_file.EXPRESSION)
                except model_file.DownloadError as exc:
                    st.session_state[_ERROR] = t(
                        f"two_machines.error_{exc.reason}", detail=exc.detail
                    )
                else:
                    st.session_state.pop(_ERROR, None)
            st.rerun()


def _verdicts(recipes, learned, installed: bool) -> None:
    """Both verdicts side by side as page text, and both in one polite live region."""
    first = panels.verdict_text(recipes) if recipes is not None else t("panel.no_reading")
    if learned is not None:
        second = panels.verdict_text(learned)
    else:
        second = t("two_machines.no_second" if not installed else "panel.no_reading")
    left, right = st.columns(2)
    for column, name, text, test_id in (
        (left, "recipes", first, "fv-verdict-recipes"),
        (right, "learned", second, "fv-verdict-learned"),
    ):
        with column:
            st.html(
                f'<p class="fv-machine">{html.escape(t(f"two_machines.name_{name}"))}</p>'
                f'<p class="fv-verdict" style="font-size: 1.4rem" data-testid="{test_id}">'
                f"{html.escape(text)}</p>"
            )
    spoken = t("two_machines.announce", first=first, second=second)
    said = next_announcement(st.session_state.get(_ANNOUNCED), spoken, clock.now(), 4.0)
    st.session_state[_ANNOUNCED] = said
    st.html(
        '<div class="fv-sr-only" role="status" aria-live="polite" aria-atomic="true">'
        f"{html.escape(said.text)}</div>"
    )
    if recipes is not None and learned is not None:
        same = recipes.label == learned.label
        st.markdown(t("two_machines.same" if same else "two_machines.differ"))
        guided_path.mark_done("two_machines")


def agreement_sentence(pairs: list[tuple[str, str]]) -> str:
    """'In the last 10 seconds they gave the same word in 34 of 120 readings (28%).'"""
    agreed, total = agreement(pairs)
    if total == 0:
        return t("two_machines.agree_none", seconds=number(WINDOW))
    return t(
        "two_machines.agree",
        seconds=number(WINDOW),
        agreed=number(agreed),
        total=number(total),
        share=percent(agreed / total),
    )


def _live(live: CameraStream, playing: bool, installed: bool) -> None:
    @st.fragment(run_every=clock.REFRESH_SECONDS if playing else None)
    def show() -> None:
        snap = live.snapshot()
        analysis: Analysis | None = snap.analysis
        _verdicts(
            analysis.verdict if analysis else None,
            analysis.learned if analysis else None,
            installed,
        )
        if installed:
            # The page clock is time.monotonic, the clock CameraStream stamps its frames with.
            st.markdown(f"**{agreement_sentence(live.pairs(clock.now() - WINDOW))}**")
        panels.status(analysis, snap.engine_error)

    show()


def _photo(model_path, installed: bool) -> None:
    """One photo read by both machines (kept only until it is cleared or the page is left)."""
    with st.container(border=True):
        analysis = photo.reading("two_machines", model_path)
        if analysis is None:
            return
        _verdicts(analysis.verdict, analysis.learned, installed)
        panels.status(analysis)


def _drawn(status: model_file.ModelStatus) -> None:
    left, right = st.columns([5, 4], gap="large")
    with left, face_source.sticky("two_machines_face"):
        face_source.face_image(KEY)
        moves = face_sliders.current(KEY)
        learned = None
        reader = _drawn_reader(str(status.path), status.size or 0) if status.ready else None
        if reader is not None:
            # The learned machine sees the whole drawing, gray, 64x64, as it would a face crop.
            learned = reader.read_whole(draw_face(moves, DRAWN_SIDE)[..., ::-1])
        _verdicts(classify(moves), learned, status.ready)
    with right:
        st.markdown(t("two_machines.drawn_help"))
        face_sliders.sliders(KEY)


def _cards() -> list[str]:
    texts = []
    left, right = st.columns(2, gap="large")
    for column, name in ((left, "card_recipes"), (right, "card_learned")):
        with column, st.container(border=True):
            texts.append(prose.markdown("two_machines", name))
    return texts


def _report() -> str:
    card = report_card.load()
    text = prose.markdown("two_machines", "report")
    table, lines = report_card.two_machines(card)
    if table:
        st.markdown("\n".join(table))
        st.markdown("\n".join(f"- {line}" for line in lines))
    else:
        st.markdown(t("two_machines.report.missing"))
    return text


def render() -> None:
    texts = [prose.markdown("two_machines", "intro")]
    status = _second_machine()
    if not status.ready:
        _not_installed(status)
    source = st.radio(
        t("two_machines.source"),
        SOURCES,
        format_func=lambda s: t(f"two_machines.source_{s}"),
        key=_SOURCE,
        horizontal=True,
    )
    if source == "drawn":
        texts.append(prose.markdown("two_machines", "drawn"))
        _drawn(status)
    else:
        left, right = st.columns([5, 4], gap="large")
        with left:
            # None after saying so when the face model is missing.
            feed = face_source.start_camera("two_machines", learned=True)
            if feed is None:
                return
            texts.append(feed.notice)
            _photo(model_file.check().path, status.ready)
        with right:
            _live(feed.stream, feed.playing, status.ready)
    st.header(t("two_machines.cards"))
    texts += _cards()
    texts.append(_report())
    texts.append(prose.markdown("two_machines", "questions"))
    prose.sources(*texts)


if __name__ == "__main__":
    render()
