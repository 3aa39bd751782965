"""The live reading as page text and as a polite live region for screen readers."""

from __future__ import annotations

import numpy as np

from demos.ui.content import t
from support.faces import astronaut_face_bgr

from .apptest import open_app


def test_the_live_reading_is_spoken_politely_and_not_on_every_frame(webrtc, with_model, fake_clock):
    fake = webrtc
    at = open_app("demos/mirror.py")  # says "Nothing measured yet"
    at.radio(key="mirror.guess").set_value("happy").run()  # the word waits for a guess
    fake.feed(astronaut_face_bgr())
    fake_clock.now += 5
    at.run()

    def spoken() -> str:
        [region] = [h.value for h in at.get("html") if 'aria-live="polite"' in h.value]
        return region

    assert t("labels.happy") in spoken() and t("moves.lip_corner_pull") in spoken()
    fake.feed(np.full((480, 640, 3), 200, np.uint8), times=1)
    fake_clock.now += 1
    at.run()
    assert t("labels.happy") in spoken()  # a second later: still the last thing said
    fake_clock.now += 4
    at.run()
    assert t("panel.no_reading") in spoken()  # four seconds on: the empty frame is said
