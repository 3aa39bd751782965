"""The pulse lab (/pulse) in AppTest: the built-in clip, the guess, the count, the camera path."""

from __future__ import annotations

import re

import av
import pytest

from demos import pulse as page
from demos.engine import pulse, pulse_clip
from demos.ui.content import t, using

from .apptest import guess, open_app, session_values, texts
from .privacy import image_like


def reading(at) -> str:
    """The estimate as the page writes it (its own line of text)."""
    return " ".join(h.value for h in at.get("html") if 'data-testid="fv-pulse"' in h.value)


def bpm_shown(at) -> float | None:
    found = re.search(r">(\d+) ", reading(at))
    return float(found.group(1)) if found else None


def clip_page(fake_clock, variant: str = "still", seconds: float = 12.0, lang: str | None = None):
    at = open_app("pulse", lang=lang)
    at.radio(key="pulse.source").set_value("clip").run()
    if variant != "still":
        at.radio(key="pulse.clip_variant").set_value(variant).run()
    fake_clock.now += seconds
    return at.run()


def test_the_clip_plays_without_a_camera_and_its_known_pulse_is_read(webrtc, fake_clock):
    at = clip_page(fake_clock)
    assert not at.exception
    shown = bpm_shown(at)
    assert shown is not None, texts(at)
    assert abs(shown - page.CLIP.bpm) <= 3
    assert t("pulse.clip_truth", bpm="72", error="").split(":")[0] in texts(at)
    # The window's facts come from the engine: a 10-s window's spacing is 60 / 10 = 6.
    details = t("pulse.details", window="10", seconds="X", beats="Y", spacing="6.0", quality="Z")
    assert details.split(",")[0] in texts(at)
    assert re.search(r"Spacing of its spectrum: 6\.0 ", texts(at))


def test_the_window_is_not_full_at_first_and_the_page_says_so(webrtc, fake_clock):
    at = clip_page(fake_clock, seconds=4.0)
    assert t("pulse.reading_none") in reading(at)
    assert t("pulse.reason_too_short") in texts(at)


def test_a_swaying_head_gets_no_number_and_the_reason(webrtc, fake_clock):
    at = clip_page(fake_clock, variant="sway")
    assert t("pulse.reading_none") in reading(at)
    assert t("pulse.reason_moved", motion="").split("(")[0] in texts(at)


def test_the_charts_have_text_alternatives(webrtc, fake_clock):
    at = clip_page(fake_clock)
    charts = at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    assert len(charts) == 2
    alts = " ".join(str(c.proto) for c in charts)
    assert t("pulse.spectrum_alt", peak="", quality="").split(":")[0][:30] in alts


def test_the_guess_comes_first_then_the_beats_the_claimed_window_holds(webrtc, fake_clock):
    at = open_app("pulse")
    facts = t("pulse.window_facts", window="3.5", beats="4.2", bpm="72", spacing="17")
    assert facts not in texts(at)
    guess(at, "pulse.guess", 4)
    assert facts in texts(at)
    assert pulse.beats_in(3.5, 72) == pytest.approx(4.2)


def test_the_count_is_compared_with_the_machine(webrtc, fake_clock):
    at = clip_page(fake_clock)
    at.number_input(key="pulse.count").set_value(18).run()
    assert t("pulse.count_result", count="18", bpm="72") in texts(at)
    assert "72 a minute" in texts(at) or t("pulse.count_none") in texts(at)


def test_the_page_in_spanish_uses_spanish_numbers(webrtc, fake_clock):
    at = open_app("pulse", lang="es")
    with using("es"):
        guess(at, "pulse.guess", 4)
        assert t("pulse.window_facts", window="3,5", beats="4,2", bpm="72", spacing="17") in texts(
            at
        )


def test_the_session_holds_numbers_only(webrtc, fake_clock):
    at = clip_page(fake_clock)
    at.number_input(key="pulse.count").set_value(18).run()
    assert image_like(session_values(at)) == []


@pytest.mark.model
def test_camera_frames_reach_the_pulse_meter_as_numbers(webrtc, with_model):
    at = open_app("pulse")
    callback = webrtc.calls[-1]["video_frame_callback"]
    clip = page.CLIP.with_(width=640, height=480, size=300, seconds=2.0)
    for _, bgr in pulse_clip.frames(clip):
        callback(av.VideoFrame.from_ndarray(bgr, format="bgr24"))
    at.run()
    meter = at.session_state["pulse.meter"]
    got = meter.samples()
    assert len(got) >= 30 and all(s.rgb is not None for s in got)
    # Two seconds of frames: the window is not full, or (on a slow machine, where MediaPipe
    # takes longer than a frame's time) too few frames arrived each second.
    assert t("pulse.reading_none") in reading(at)
    slow = t("pulse.reason_slow", fps="").split("(")[0]
    assert t("pulse.reason_too_short") in texts(at) or slow in texts(at)
    assert image_like(session_values(at)) == []


@pytest.mark.model
def test_stop_forgets_the_camera_numbers(webrtc, with_model):
    at = open_app("pulse")
    callback = webrtc.calls[-1]["video_frame_callback"]
    clip = page.CLIP.with_(width=640, height=480, size=300, seconds=0.5)
    for _, bgr in pulse_clip.frames(clip):
        callback(av.VideoFrame.from_ndarray(bgr, format="bgr24"))
    webrtc.playing = False
    at.run()
    assert at.session_state["pulse.meter"].samples() == []
