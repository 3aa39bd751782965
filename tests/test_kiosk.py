"""The museum kiosk in AppTest: the loop, its idle timer on an injected clock (no sleeping),
one-touch camera, and a reset that forgets the visitor."""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from demos import kiosk
from demos.engine.base_rates import icon_counts, round_people, screen_at
from demos.engine.camera_stream import CameraStream
from demos.engine.idle import IdleTimer, Phase, from_environment
from demos.ui import beliefs
from demos.ui.content import t
from demos.ui.scenes import scene_text
from support.faces import astronaut_face_bgr

from .apptest import buttons, click, open_app, session_values, start_visit, texts, verdict
from .privacy import image_like


def kiosk_checkpoint_answer() -> int:
    """Innocent drivers searched per smuggler caught at the kiosk's settings, from the engine."""
    day = icon_counts(screen_at(kiosk.DRIVERS, kiosk.ONE_IN, kiosk.THRESHOLD), kiosk.DRIVERS)
    return round_people(Fraction(day["flagged_innocent"], day["caught"]))


def test_the_idle_timer_warns_after_a_minute_then_resets_twenty_seconds_later():
    timer = IdleTimer(idle_after=60, warn_for=20)
    assert timer.phase(0, 59.9) is Phase.ACTIVE
    assert timer.phase(0, 60) is Phase.WARNING
    assert timer.seconds_left(0, 60) == 20
    assert timer.seconds_left(0, 70.5) == 10
    assert timer.phase(0, 79.9) is Phase.WARNING
    assert timer.phase(0, 80) is Phase.RESET
    assert timer.seconds_left(0, 500) == 0


def test_the_installation_sets_the_idle_times(monkeypatch):
    monkeypatch.setenv("FACE_VALUE_IDLE_SECONDS", "90")
    monkeypatch.setenv("FACE_VALUE_WARNING_SECONDS", "30")
    assert from_environment() == IdleTimer(90, 30)
    monkeypatch.setenv("FACE_VALUE_IDLE_SECONDS", "soon")
    monkeypatch.setenv("FACE_VALUE_WARNING_SECONDS", "-5")
    assert from_environment() == IdleTimer(60, 20)


def test_the_attract_screen_asks_one_question_and_one_touch_starts(fake_clock):
    at = open_app(mode="kiosk")
    assert t("kiosk.question") in texts(at)
    click(at, t("kiosk.touch_to_start"))
    # One statement first (tests/test_beliefs.py), one touch, then the camera notice.
    assert beliefs.statement(beliefs.KIOSK_STATEMENT) in [h.value for h in at.header]
    click(at, t("beliefs.answer.not_sure"))
    assert t("kiosk.notice_title") in [h.value for h in at.header]
    assert t("kiosk.without_camera") in buttons(at)


def test_the_loop_has_a_way_out_at_every_step_and_ends_on_the_attract_screen(
    monkeypatch, fake_clock
):
    at = open_app(mode="kiosk")
    start_visit(at)
    click(at, t("kiosk.without_camera"))
    seen = []
    for step in ("mirror", "story", "checkpoint", "learned"):
        assert not at.exception
        seen.append(step)
        assert t("kiosk.start_over") in buttons(at), step
        bar = at.get("progress")[0].proto.text
        assert bar == t("kiosk.step", n=len(seen), total=4, title=t(f"kiosk.title_{step}"))
        if step == "mirror":
            assert "reads as" in verdict(at)
        if step == "story":
            click(at, scene_text(kiosk.SCENE).choices[0])  # the first answer
            assert t("kiosk.you_said", pick=at.session_state["kiosk.pick"]) in texts(at)
        if step == "checkpoint":
            # Guess first: the question and four choices, no answer yet.
            assert t("checkpoint.guess_question") in texts(at)
            assert 'data-testid="fv-headline"' not in texts(at)
            click(at, "500")
            per = kiosk_checkpoint_answer()
            assert t("checkpoint.headline", n=f"{per:,}") in texts(at)
            assert t("guess.beside", guess="500", answer=f"{per:,}") in texts(at)
        if step != "learned":
            nxt = [b for b in buttons(at) if b.startswith(t("kiosk.next", title="")[:4])]
            click(at, nxt[0])
    click(at, t("kiosk.finish"))
    assert buttons(at) == [t("kiosk.touch_to_start")]
    assert "kiosk.pick" not in at.session_state
    assert "kiosk.checkpoint_guess" not in at.session_state


def test_the_kiosk_checkpoint_hides_the_answer_until_a_guess_then_shows_both(fake_clock):
    at = open_app(mode="kiosk")
    start_visit(at)
    click(at, t("kiosk.without_camera"))
    at.session_state["kiosk.step"] = "checkpoint"
    at.run()
    assert t("checkpoint.guess_question") in texts(at)
    assert 'data-testid="fv-headline"' not in texts(at)
    assert not at.get("vega_lite_chart")
    assert {"1", "5", "50", "500"} <= set(buttons(at))
    click(at, "50")
    per = kiosk_checkpoint_answer()
    assert t("checkpoint.headline", n=f"{per:,}") in texts(at)
    assert t("guess.beside", guess="50", answer=f"{per:,}") in texts(at)
    assert at.get("vega_lite_chart")
    click(at, t("kiosk.start_over"))
    assert "kiosk.checkpoint_guess" not in at.session_state


def test_idle_warns_then_continue_keeps_the_visitor(fake_clock):
    at = open_app(mode="kiosk")
    start_visit(at)
    click(at, t("kiosk.without_camera"))
    fake_clock.now += 59
    at.run()
    assert t("kiosk.still_there") not in texts(at)
    fake_clock.now += 2
    at.run()
    assert t("kiosk.still_there") in texts(at)
    assert t("kiosk.countdown", n=19) in texts(at)
    click(at, t("kiosk.continue"))
    assert t("kiosk.still_there") not in texts(at)
    assert at.session_state["kiosk.step"] == "mirror"


def test_idle_to_the_end_forgets_the_visitor_and_shows_the_attract_screen(fake_clock):
    at = open_app(mode="kiosk")
    start_visit(at)
    click(at, t("kiosk.without_camera"))
    click(at, t("kiosk.next", title=t("kiosk.title_story")))
    click(at, scene_text(kiosk.SCENE).choices[0])  # an answer, which must be forgotten
    [switch] = [g for g in at.get("button_group") if g.key == "shell.lang_switch"]
    switch.set_value("es").run()  # and the language the visitor chose
    assert at.session_state["shell.lang"] == "es"
    fake_clock.now += 81
    at.run()
    assert not at.exception
    assert buttons(at) == [t("kiosk.touch_to_start", "en")]
    assert at.session_state["shell.lang"] == "en"
    left = {k for k in session_values(at)["user"] if not str(k).startswith("$$")}
    expected = {"shell.mode", "shell.page", "shell.lang", "shell.lang_switch", "kiosk.step"}
    assert left <= expected | {"kiosk.last_activity"}, left
    assert at.session_state["shell.mode"] == "kiosk"  # still a kiosk, for the next visitor


def test_a_face_in_front_of_the_camera_counts_as_someone_there(webrtc, with_model, fake_clock):
    fake = webrtc
    at = open_app(mode="kiosk")
    start_visit(at)
    click(at, t("kiosk.with_camera"))
    assert fake.calls[-1]["rtc_configuration"] == {"iceServers": []}
    fake_clock.now += 70
    fake.feed(astronaut_face_bgr())
    at.run()
    assert t("kiosk.still_there") not in texts(at)
    assert "HAPPY" in verdict(at)
    fake_clock.now += 70
    fake.feed(
        np.full((480, 640, 3), 200, np.uint8)
    )  # the visitor left: frames keep coming, with no face
    at.run()
    assert t("kiosk.still_there") in texts(at)


def test_one_touch_on_start_with_the_camera_starts_it_once_the_step_has_settled(
    webrtc, with_model, fake_clock
):
    at = open_app(mode="kiosk")
    start_visit(at)
    webrtc.playing = False
    click(at, t("kiosk.with_camera"))
    # The page decides (no START of the component's own), and waits for the step to settle.
    assert webrtc.calls[-1]["desired_playing_state"] is False
    assert t("kiosk.camera_starting") in texts(at)
    fake_clock.now += kiosk.CAMERA_START_AFTER
    at.run()
    assert webrtc.calls[-1]["desired_playing_state"] is True
    assert webrtc.calls[-1]["key"] == kiosk.camera_key(0)


def test_a_camera_start_that_stalls_is_tried_again_with_a_fresh_component(
    webrtc, with_model, fake_clock
):
    at = open_app(mode="kiosk")
    start_visit(at)
    webrtc.playing = False
    click(at, t("kiosk.with_camera"))
    fake_clock.now += kiosk.CAMERA_RETRY_AFTER
    at.run()  # no picture came: the fragment asks for a fresh start
    at.run()
    assert webrtc.calls[-1]["key"] == kiosk.camera_key(1) != kiosk.camera_key(0)
    fake_clock.now += kiosk.CAMERA_RETRY_AFTER * kiosk.CAMERA_TRIES
    for _ in range(3):
        at.run()
    assert webrtc.calls[-1]["key"] == kiosk.camera_key(kiosk.CAMERA_TRIES - 1)  # then it stops


def test_the_mirror_step_sets_a_task_and_says_in_words_when_it_is_done(fake_clock):
    at = open_app(mode="kiosk")
    start_visit(at)
    click(at, t("kiosk.without_camera"))
    label = t(f"labels.{kiosk.TASK}")
    assert t("kiosk.task", label=label) in texts(at)
    assert t("kiosk.task_done_drawn", label=label) not in texts(at)
    wide_eyes = [i for i in at.radio[0].options if i == t("kiosk.drawn_2")]
    at.radio[0].set_value(at.radio[0].options.index(wide_eyes[0])).run()
    assert t("kiosk.task_done_drawn", label=label) in [s.value for s in at.success]
    click(at, t("kiosk.start_over"))
    assert "kiosk.task_done" not in at.session_state


def test_a_reset_stops_the_camera_and_keeps_nothing_of_the_visitor(webrtc, with_model, fake_clock):
    fake = webrtc
    at = open_app(mode="kiosk")
    start_visit(at)
    click(at, t("kiosk.with_camera"))
    fake.feed(astronaut_face_bgr())
    live = at.session_state["kiosk.live"]
    assert isinstance(live, CameraStream) and live.snapshot().analysis is not None
    fake.feed(np.full((480, 640, 3), 200, np.uint8))  # the visitor walks away
    fake_clock.now += 200
    at.run()
    assert live.snapshot().analysis is None and live.snapshot().frames == 0
    assert "kiosk.live" not in at.session_state
    assert buttons(at) == [t("kiosk.touch_to_start")]
    calls = len(fake.calls)
    at.run()
    assert len(fake.calls) == calls  # the camera widget is gone, so the browser ends its track
    assert not image_like(session_values(at))
    # Only the camera components' own keys wait for the next visitor (see kiosk.reset).
    kept = {k for k in session_values(at)["user"] if str(k).startswith(("kiosk.", "camera"))}
    assert kept <= {"kiosk.step", "kiosk.camera_widget", "kiosk.camera_widget.check"}, kept
