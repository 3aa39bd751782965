"""Where an activity's face comes from: the live camera (with its notice) or the drawn face."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from demos.engine.camera_stream import CameraStream
from demos.engine.classify import classify

from . import face_sliders, links, panels, prose
from .camera import live_camera, stream
from .content import t
from .model_gate import require_model

# Wide screens only: a stacked (phone) layout must not pin the face over the sliders.
_STICKY_CSS = """<style>
@media (min-width: 640px) {
  div[data-testid="stColumn"]:has(div.st-key-%(key)s) {
    position: sticky; top: 3.75rem; align-self: flex-start; z-index: 2;
  }
}
</style>"""


def sticky(key: str):
    """A container whose column stays in view while the page scrolls (the face and its word,
    beside a longer column of sliders and more). Use it as `with sticky("build_face"):`."""
    st.html(_STICKY_CSS % {"key": key})
    return st.container(key=key)


def face_image(prefix: str, size: int = 420) -> None:
    """The drawn face set by the sliders with this prefix, with its text alternative."""
    moves = face_sliders.current(prefix)
    label = t(f"labels.{classify(moves).label}")
    panels.face_image(
        moves, size, t("build_a_face.face_alt", moves=panels.face_moves(moves), label=label)
    )


def drawn_face(prefix: str, size: int = 420) -> None:
    """The drawn face, its text alternative, and the sliders that move it (keys start prefix)."""
    face_image(prefix, size)
    face_sliders.sliders(prefix)


@dataclass(frozen=True)
class CameraFeed:
    """A page's live camera: its stream, whether it plays, and the notice shown above it."""

    stream: CameraStream
    playing: bool
    notice: str


def start_camera(page: str, learned: bool = False) -> CameraFeed | None:
    """The model check, the page's notice, the privacy link and the live camera, all keyed by the
    page's module name; None (after saying what is missing) when the face model is not there.
    learned: the page shows the second machine's words, so it runs on every frame too."""
    model_path = require_model()
    if model_path is None:
        return None
    notice = prose.markdown(page, "notice")
    links.privacy_link()
    live = stream(f"{page}.live", model_path, panels.overlay_lines, learned=learned)
    return CameraFeed(live, live_camera(page, live), notice)
