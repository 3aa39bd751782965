"""Words drawn on the video: the Hershey font knows only ASCII, so accents are dropped, not
turned into question marks (a Spanish label such as ALEGRÍA must stay readable)."""

from __future__ import annotations

import numpy as np

from demos.engine.overlay import draw_overlay, plain
from demos.engine.tracking import Reading

FRAME = np.full((240, 320, 3), 90, np.uint8)
NO_FACE = Reading((), width=320, height=240)


def test_an_accented_label_is_drawn_as_its_plain_letters():
    accented = draw_overlay(FRAME, NO_FACE, ["ALEGRÍA 62%"])
    assert np.array_equal(accented, draw_overlay(FRAME, NO_FACE, ["ALEGRIA 62%"]))
    assert not np.array_equal(accented, draw_overlay(FRAME, NO_FACE, ["ALEGR?A 62%"]))


def test_plain_keeps_ascii_and_drops_only_the_marks():
    assert plain("se lee como ALEGRÍA, año, niño") == "se lee como ALEGRIA, ano, nino"
    assert plain("HAPPY 91%") == "HAPPY 91%"
