"""A START whose connection is never made is said, with what to do, instead of waiting on nothing.

One visitor in 500 of a kiosk day got no verdict; whatever stalls a connection, the visitor
sees "did not connect, try again" after camera_check.NO_CONNECTION_AFTER seconds.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from demos.ui import camera_check
from demos.ui.content import t
from support.faces import astronaut_face_bgr

from .apptest import guess, open_app, texts, verdict

pytestmark = pytest.mark.model


@pytest.fixture
def connecting(webrtc, monkeypatch):
    """The fake component, able to report a connection still being made (signalling)."""
    import streamlit_webrtc

    webrtc.signalling = False

    def component(**kwargs):
        ctx = webrtc(**kwargs)
        return SimpleNamespace(
            state=SimpleNamespace(playing=ctx.state.playing, signalling=webrtc.signalling)
        )

    monkeypatch.setattr(streamlit_webrtc, "webrtc_streamer", component)
    return webrtc


def test_a_start_that_never_connects_says_so_and_a_new_start_that_connects_reads(
    connecting, with_model, fake_clock
):
    words = t("camera_errors.not_connected")
    connecting.playing, connecting.signalling = False, True  # START pressed, no answer comes
    at = guess(open_app("mirror"), "mirror.guess", "happy")
    assert words not in texts(at)
    fake_clock.now += camera_check.NO_CONNECTION_AFTER / 2
    at.run()
    assert words not in texts(at)  # a second or two is normal
    fake_clock.now += camera_check.NO_CONNECTION_AFTER
    at.run()
    assert not at.exception
    assert words in texts(at)
    connecting.signalling = False  # STOP...
    at.run()
    assert words not in texts(at)
    connecting.playing = True  # ...then START, and this time it connects
    at.run()
    connecting.feed(astronaut_face_bgr())
    at.run()
    assert words not in texts(at)
    assert t("labels.happy") in verdict(at)


def test_the_words_are_in_every_language():
    from demos.ui.content import using

    with using("es"):
        spanish = t("camera_errors.not_connected")
    assert spanish != t("camera_errors.not_connected")
    assert "INICIAR" in spanish and "START" in t("camera_errors.not_connected")
