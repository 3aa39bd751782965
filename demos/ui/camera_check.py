"""Kind words when the live camera fails: the browser refused it, found none, or it went quiet.

The WebRTC component shows the browser's own error inside its frame ("NotAllowedError:
Permission denied") and tells the Python side nothing, because no stream ever starts. A small
watcher next to it reads the name of that error and hands it to Python, which says in plain
words what happened and what to do. A camera that stops sending pictures mid-session is seen
on the Python side: frames stop coming (CameraStream.snapshot().stalled), or none ever came
after START (the connection was made but no picture arrived).
"""

from __future__ import annotations

import streamlit as st

from demos.engine.camera_stream import CameraStream

from . import clock
from .content import t

# START connects in about a second here (benchmarks/startup.py); a camera that has sent no
# picture this long after the connection was made (the component says "playing") is not
# coming without a new START.
NO_PICTURE_AFTER = 10.0
# START sends the browser's offer and waits for the server's answer (about 1 s here). One
# visitor in 500 of a kiosk day got no verdict at all; a start still waiting this long is
# not coming either, and the visitor is told to try again instead of waiting on nothing.
NO_CONNECTION_AFTER = 10.0

# The browser's error names (DOMException.name) -> a key in content/ [camera_errors].
KINDS = {
    "NotAllowedError": "denied",
    "SecurityError": "denied",
    "NotFoundError": "not_found",
    "OverconstrainedError": "not_found",
    "NotReadableError": "busy",
    "AbortError": "busy",
}

# Runs in the page (not in a frame). It finds the camera component just before it, reads the
# name of the error that component shows, and reports it only when it changes (each report
# reruns the page). The component's frame is served by this same server, so it is readable.
_WATCH_JS = """
export default function (component) {
  const { parentElement: root, setStateValue, data } = component;
  clearInterval(root.__fvTimer);
  root.__fvLast = data && data.error ? data.error : null;
  const read = () => {
    const frames = [...document.querySelectorAll('iframe[title*="webrtc"]')].filter(
      (f) => f.compareDocumentPosition(root) & Node.DOCUMENT_POSITION_FOLLOWING);
    const frame = frames[frames.length - 1];
    let doc = null;
    try { doc = frame ? frame.contentDocument : null; } catch (e) { doc = null; }
    if (!doc) return null;
    for (const box of doc.querySelectorAll('.MuiAlert-colorError')) {
      const found = /^\\s*([A-Za-z]+)\\s*:/.exec(box.textContent || '');
      if (found) return found[1];
    }
    return null;
  };
  const tick = () => {
    const name = read();
    if (name !== root.__fvLast) {
      root.__fvLast = name;
      setStateValue('error', name);
    }
  };
  root.__fvTimer = setInterval(tick, 500);
  tick();
  return () => clearInterval(root.__fvTimer);
}
"""

_watcher = st.components.v2.component("face_value.camera_check", js=_WATCH_JS, isolate_styles=False)


def browser_error(key: str) -> str | None:
    """The name of the error the camera component with this key shows, or None."""
    state_key = f"{key}.check"
    previous = st.session_state.get(state_key)
    known = previous.get("error") if isinstance(previous, dict) else None
    state = _watcher(
        key=state_key,
        data={"error": known},
        default={"error": None},
        on_error_change=lambda: None,
    )
    error = state.get("error") if isinstance(state, dict) else getattr(state, "error", None)
    return error if isinstance(error, str) and error else None


def error_key(error: str) -> str:
    """The [camera_errors] key for a browser error name; unknown names get 'other'."""
    return KINDS.get(error, "other")


def show(key: str, mirror: CameraStream, playing: bool, signalling: bool = False) -> None:
    """Below the camera: why it did not start, that it did not connect, that no picture came, or
    that pictures stopped. signalling: START was pressed and the connection is being made."""
    error = browser_error(key)
    if error and not playing:
        st.warning(t(f"camera_errors.{error_key(error)}"))
    # A time, no picture. Not named after the widget key: a kiosk reset keeps those keys.
    since_key = f"camera_check.{key}.since"
    asked_key = f"camera_check.{key}.asked"  # when START began a connection still not made
    if signalling and not playing and not error:
        _not_connected(st.session_state.setdefault(asked_key, clock.now()))
    else:
        st.session_state.pop(asked_key, None)
    if not playing:
        st.session_state.pop(since_key, None)
        return
    since = st.session_state.setdefault(since_key, clock.now())
    _quiet(mirror, since)


def _not_connected(since: float) -> None:
    # No page run comes while the browser waits for an answer that never arrives: a timer does.
    @st.fragment(run_every=1.0)
    def check() -> None:
        if clock.now() - since > NO_CONNECTION_AFTER:
            st.warning(t("camera_errors.not_connected"))

    check()


def _quiet(mirror: CameraStream, since: float) -> None:
    @st.fragment(run_every=1.0)
    def check() -> None:
        snap = mirror.snapshot()
        if snap.stalled:
            st.warning(t("camera_errors.lost"))
        elif not snap.frames and not snap.engine_error and clock.now() - since > NO_PICTURE_AFTER:
            st.warning(t("camera_errors.no_picture"))

    check()
