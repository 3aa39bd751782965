"""The app in Streamlit's AppTest. Only the WebRTC component is replaced: it cannot render here."""

from __future__ import annotations

import numpy as np
import pytest

from demos.engine import model_file
from demos.engine.camera_stream import CameraStream
from demos.engine.classify import LABELS, classify
from demos.engine.measure import KEYS
from demos.ui import content, panels
from demos.ui.content import t
from support.faces import astronaut_face_bgr, grace_hopper_bgr, letterbox

from .apptest import buttons, click, guess, open_app, readings, take_photo, texts, verdict
from .privacy import image_like


def test_welcome_leads_to_the_mirror():
    at = open_app("demos/welcome.py")
    assert not at.exception
    assert content.render_citations(content.section("welcome", "intro")) in texts(at)
    assert any("mirror" in str(link.proto.page) for link in at.get("page_link"))


def test_the_camera_uses_an_explicit_empty_ice_server_list(webrtc, with_model):
    at = open_app("demos/mirror.py")
    assert not at.exception
    assert webrtc.calls[-1]["rtc_configuration"] == {"iceServers": []}
    assert webrtc.calls[-1]["media_stream_constraints"]["audio"] is False


@pytest.mark.model
def test_a_real_smiling_face_fed_to_the_callback_shows_the_verdict(webrtc, with_model):
    at = open_app("demos/mirror.py")
    guess(at, "mirror.guess", "happy")
    out = webrtc.feed(astronaut_face_bgr())
    assert out.shape == (480, 640, 3)
    at.run()
    assert not at.exception
    assert any(r in verdict(at) for r in readings("happy")), verdict(at)
    assert t("moves.lip_corner_pull") in texts(at)


@pytest.mark.model
def test_a_resting_face_does_not_read_happy(webrtc, with_model):
    at = open_app("demos/mirror.py")
    guess(at, "mirror.guess", "happy")
    webrtc.feed(grace_hopper_bgr())
    at.run()
    others = [r for label in LABELS if label != "happy" for r in readings(label)]
    assert any(r in verdict(at) for r in others), verdict(at)
    assert t("labels.happy") not in verdict(at)


@pytest.mark.model
def test_no_face_gets_a_kind_message(webrtc, with_model):
    at = open_app("demos/mirror.py")
    webrtc.feed(np.zeros((480, 640, 3), np.uint8))
    at.run()
    assert t("status.no_face") in texts(at)


@pytest.mark.model
def test_two_faces_get_a_reading_each_left_to_right(webrtc, with_model):
    scene = np.full((480, 960, 3), 40, np.uint8)
    scene[:, :480] = letterbox(grace_hopper_bgr(), 480, 480)
    scene[120:480, 600:960] = letterbox(astronaut_face_bgr(), 360, 360)
    at = open_app("demos/mirror.py")
    guess(at, "mirror.guess", "happy")
    webrtc.feed(scene)
    at.run()
    shown = " ".join(h.value for h in at.get("html") if 'data-testid="fv-readings"' in h.value)
    assert t("panel.people", n=2) in shown
    first, second = shown.split("<li>")[1:]
    assert first.startswith(t("panel.person", n=1, verdict="")) and t("labels.happy") not in first
    assert second.startswith(t("panel.person", n=2, verdict="")) and t("labels.happy") in second
    assert t("status.several_faces", n=2) not in texts(at)  # both are read: nothing to warn


@pytest.mark.model
def test_a_broken_frame_gets_a_message_and_the_next_good_frame_reads_again(webrtc, with_model):
    at = open_app("demos/mirror.py")
    guess(at, "mirror.guess", "happy")
    live: CameraStream = at.session_state["mirror.live"]
    live.on_frame(np.full((480, 640, 3), np.nan, np.float32))
    at.run()
    assert t("status.bad_frame") in texts(at)
    webrtc.feed(astronaut_face_bgr())
    at.run()
    assert t("labels.happy") in verdict(at)


@pytest.mark.model
def test_nothing_image_like_is_kept_in_session_state(webrtc, with_model):
    at = open_app("demos/mirror.py")
    webrtc.feed(astronaut_face_bgr())
    at.run()
    state = at.session_state.to_dict()
    assert "mirror.live" in state
    assert image_like(state) == []


@pytest.mark.model
def test_stopping_the_camera_forgets_the_last_reading(webrtc, with_model):
    at = open_app("demos/mirror.py")
    webrtc.feed(astronaut_face_bgr())
    webrtc.playing = False
    at.run()
    assert at.session_state["mirror.live"].snapshot().analysis is None
    assert t("mirror.waiting") in texts(at)


def test_a_webrtc_failure_keeps_the_page_and_offers_a_photo(webrtc, with_model):
    webrtc.fail = True
    at = open_app("demos/mirror.py")
    assert not at.exception
    assert t("mirror.device_not_available") in texts(at)
    assert at.toggle(key="mirror.photo").label == t("mirror.photo_title")


def test_the_photo_camera_opens_only_after_it_is_switched_on(webrtc, with_model):
    at = open_app("demos/mirror.py")
    assert len(at.get("camera_input")) == 0
    at.toggle(key="mirror.photo").set_value(True).run()
    assert len(at.get("camera_input")) == 1


@pytest.mark.model
def test_a_photo_goes_through_the_same_engine(webrtc, with_model):
    webrtc.playing = False
    at = open_app("demos/mirror.py")
    guess(at, "mirror.guess", "happy")
    take_photo(at)
    assert not at.exception
    assert any(r in verdict(at) for r in readings("happy")), verdict(at)


def test_a_broken_photo_gets_a_kind_message(webrtc, with_model):
    webrtc.playing = False
    at = open_app("demos/mirror.py")
    at.toggle(key="mirror.photo").set_value(True).run()
    at.get("camera_input")[0].set_value(("me.jpg", b"\xff\xd8 not really a jpeg", "image/jpeg"))
    at.run()
    assert not at.exception
    assert t("mirror.photo_unreadable") in texts(at)


def test_a_missing_model_shows_the_download_panel_not_a_traceback(monkeypatch, tmp_path, webrtc):
    monkeypatch.setenv("FACE_VALUE_MODEL", str(tmp_path / "face_landmarker.task"))
    at = open_app("demos/mirror.py")
    assert not at.exception
    assert t("model.missing_title") in texts(at)
    assert t("model.download") in buttons(at)
    assert webrtc.calls == []  # no camera without a model


def test_a_corrupt_model_is_refused_with_what_to_do(monkeypatch, tmp_path, webrtc):
    bad = tmp_path / "face_landmarker.task"
    bad.write_bytes(b"\0" * model_file.MODEL_SIZE)
    monkeypatch.setenv("FACE_VALUE_MODEL", str(bad))
    at = open_app("demos/mirror.py")
    assert not at.exception
    assert t("model.wrong_title") in texts(at)


@pytest.mark.model
def test_the_download_button_fetches_checks_and_unlocks_the_mirror(
    monkeypatch, tmp_path, webrtc, model_server
):
    dest = tmp_path / "face_landmarker.task"
    monkeypatch.setenv("FACE_VALUE_MODEL", str(dest))
    monkeypatch.setenv("FACE_VALUE_MODEL_URL", f"{model_server}/good")
    at = open_app("demos/mirror.py")
    assert t("model.missing_title") in texts(at)
    click(at, t("model.download"))
    assert not at.exception
    assert model_file.check(dest).ready
    assert t("model.missing_title") not in texts(at)
    assert t("mirror.hidden") in texts(at)  # the mirror itself, waiting for the guess
    assert webrtc.calls


def test_a_failed_download_says_why_and_leaves_nothing(monkeypatch, tmp_path, webrtc):
    monkeypatch.setenv("FACE_VALUE_MODEL", str(tmp_path / "face_landmarker.task"))
    monkeypatch.setenv("FACE_VALUE_MODEL_URL", "http://127.0.0.1:9/none")
    at = open_app("demos/mirror.py")
    click(at, t("model.download"))
    assert not at.exception
    assert t("model.error_unreachable") in texts(at)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.model
def test_a_face_far_from_the_camera_is_read_with_a_come_closer_message(webrtc, with_model):
    from support.faces import astronaut_bgr

    at = open_app("demos/mirror.py")
    guess(at, "mirror.guess", "happy")
    webrtc.feed(astronaut_bgr())  # the whole portrait: the face is about an eighth of the width
    at.run()
    assert t("status.small_face") in texts(at)
    assert any(r in verdict(at) for label in LABELS for r in readings(label)), verdict(at)


@pytest.mark.model
def test_fake_it_with_the_camera_ticks_happy_for_the_smiling_astronaut(
    webrtc, with_model, fake_clock
):
    at = open_app("demos/fake_it.py")
    assert webrtc.calls[-1]["rtc_configuration"] == {"iceServers": []}
    webrtc.feed(astronaut_face_bgr())
    at.button(key="fake_it.start").click().run()
    assert t("labels.happy") in verdict(at)
    fake_clock.now += 1.1  # held for a second
    webrtc.feed(astronaut_face_bgr())
    at.run()
    assert not at.exception
    assert t("fake_it.ticked", label=t("labels.happy")) in texts(at)


@pytest.mark.model
def test_the_robustness_lab_changes_the_camera_picture_before_the_engine(webrtc, with_model):
    at = open_app("demos/robustness.py")
    guess(at, "robustness.guess", "distance")  # the sliders wait for a guess
    webrtc.feed(astronaut_face_bgr())
    at.run()
    assert t("labels.happy") in verdict(at)
    at.slider(key="robustness.distance").set_value(4.0).run()
    out = webrtc.feed(astronaut_face_bgr())
    at.run()
    assert t("status.no_face") in texts(at)  # four times farther: too small to be found
    assert out.mean() != letterbox(astronaut_face_bgr()).mean()  # the learner sees the change


@pytest.mark.model
def test_leaving_the_mirror_stops_its_engine_and_forgets_the_reading(webrtc, with_model):
    at = open_app("demos/mirror.py")
    webrtc.feed(astronaut_face_bgr())
    live: CameraStream = at.session_state["mirror.live"]
    assert live.snapshot().analysis is not None
    at.switch_page("demos/privacy.py").run()
    assert live.snapshot().analysis is None
    assert live._engine is None


@pytest.mark.model
def test_a_frame_read_while_stop_comes_is_not_published(with_model):
    import threading

    from demos.ui.panels import overlay_lines

    release, started = threading.Event(), threading.Event()

    def slow_caption(analysis):
        started.set()
        release.wait(5)
        return overlay_lines(analysis)

    live = CameraStream(with_model, slow_caption)
    worker = threading.Thread(target=live.on_frame, args=(letterbox(astronaut_face_bgr()),))
    worker.start()
    assert started.wait(10)
    live.stop()  # STOP arrives while the frame is still being drawn
    release.set()
    worker.join(10)
    assert live.snapshot().analysis is None
    live.stop()


@pytest.mark.model
def test_your_neutral_captures_three_seconds_of_the_camera_as_numbers(webrtc, with_model):
    from support.faces import grace_hopper_bgr

    at = open_app("demos/your_neutral.py")
    guess(at, "your_neutral.guess", "neutral")
    at.button(key="your_neutral.capture").click().run()
    assert any(t("your_neutral.capturing", seconds=s) in texts(at) for s in range(4)), texts(at)
    for _ in range(3):
        webrtc.feed(grace_hopper_bgr(), times=3)
    # Three seconds pass: move the start of the capture back instead of sleeping.
    at.session_state["your_neutral.capturing"] = at.session_state["your_neutral.capturing"] - 3.5
    at.run()
    assert not at.exception
    rest = at.session_state["your_neutral.rest"]
    at_rest = panels.verdict_text(classify(rest))
    assert t("your_neutral.at_rest", verdict=at_rest) in texts(at)
    assert image_like(rest) == [] and len(rest.values) == len(KEYS)
    webrtc.feed(astronaut_face_bgr())
    at.run()
    against = [t("your_neutral.against", verdict=r) for r in readings("happy")]
    assert any(line in texts(at) for line in against), texts(at)


@pytest.mark.model
@pytest.mark.parametrize(
    "path", ["demos/mirror.py", "demos/fake_it.py", "demos/your_neutral.py", "demos/robustness.py"]
)
def test_a_face_engine_that_cannot_start_gets_a_kind_message(webrtc, with_model, monkeypatch, path):
    import demos.engine.camera_stream as live_module
    from demos.engine.tracking import TrackerError

    def broken(*args, **kwargs):
        raise TrackerError("libEGL.so.1: cannot open shared object file")

    monkeypatch.setattr(live_module, "FaceEngine", broken)  # e.g. GL libraries missing
    at = open_app(path)
    out = webrtc.feed(astronaut_face_bgr())
    at.run()
    assert not at.exception
    assert t("status.engine_failed") in texts(at)
    assert out.shape == (480, 640, 3)  # the video keeps flowing, unchanged
