"""Two machines, one face in AppTest: both verdicts as page text (camera, photo, drawn face), the
agreement in words, the backstory cards, the report card's second column, the Mirror's line,
and a kind message (with the recipes still working) when the second machine is missing."""

from __future__ import annotations

import pytest

from demos import two_machines
from demos.engine import model_file
from demos.engine.classify import classify
from demos.engine.measure import Movements
from demos.ui import content, panels, report_card
from support.faces import astronaut_face_bgr, grace_hopper_bgr

from .apptest import guess, links, open_app, session_values, take_photo, texts
from .privacy import image_like

PAGE = "demos/two_machines.py"


def machines(at, name: str) -> list[str]:
    """Every verdict one machine shows as page text ('recipes' or 'learned'), in page order."""
    tag = f'data-testid="fv-verdict-{name}"'
    return [h.value.split(tag + ">")[1].split("</p>")[0] for h in at.get("html") if tag in h.value]


def machine(at, name: str) -> str:
    """The live (or drawn) verdict of one machine: the last one on the page."""
    found = machines(at, name)
    assert found, f"no {name} verdict on the page"
    return found[-1]


def drawn(at):
    # Through the session: the radio's labels are in the page's language, the value is not.
    at.session_state["two_machines.source"] = "drawn"
    return at.run()


@pytest.fixture
def no_second_machine(monkeypatch, tmp_path):
    monkeypatch.setenv(
        "FACE_VALUE_EXPRESSION_MODEL", str(tmp_path / model_file.EXPRESSION_FILENAME)
    )


@pytest.fixture
def damaged_second_machine(monkeypatch, tmp_path):
    bad = tmp_path / model_file.EXPRESSION_FILENAME
    bad.write_bytes(b"\0" * model_file.EXPRESSION_SIZE)
    monkeypatch.setenv("FACE_VALUE_EXPRESSION_MODEL", str(bad))


def test_the_agreement_is_said_in_words_with_a_count_and_a_share():
    pairs = [("happy", "happy")] * 3 + [("neutral", "sad")]
    with content.using("en"):
        said = two_machines.agreement_sentence(pairs)
        assert said == ("In the last 10 seconds they gave the same word in 3 of 4 readings (75%).")
        assert "no face" in two_machines.agreement_sentence([])
    with content.using("es"):
        assert "3 de 4 lecturas (75%)" in two_machines.agreement_sentence(pairs)


@pytest.mark.model
def test_the_drawn_face_is_read_by_both_machines_as_page_text(model_path):
    at = drawn(open_app(PAGE))
    assert not at.exception
    assert machine(at, "recipes") == panels.verdict_text(classify(Movements.of({})))
    assert machine(at, "learned").startswith("reads as ")
    for key in ("lip_corner_pull", "cheek_raise"):
        at.slider(key=f"two_machines.move.{key}").set_value(1.0)
    at.run()
    assert machine(at, "recipes").startswith("reads as HAPPY")
    assert machine(at, "learned").startswith("reads as ")
    assert content.t("two_machines.name_learned") in texts(at)


@pytest.mark.model
def test_a_smiling_face_on_the_camera_gets_both_verdicts_and_the_agreement(webrtc, with_model):
    at = open_app(PAGE)
    assert not at.exception
    assert webrtc.calls[-1]["rtc_configuration"] == {"iceServers": []}
    webrtc.feed(astronaut_face_bgr(), times=5)
    at.run()
    assert machine(at, "recipes").startswith("reads as HAPPY")
    assert machine(at, "learned").startswith("reads as HAPPY")
    page_text = texts(at)
    assert "they gave the same word in 5 of 5 readings (100%)" in page_text
    assert content.t("two_machines.same") in page_text
    # Numbers only in the session, down into the camera's engines: no frame, no crop.
    assert image_like(session_values(at)) == []


@pytest.mark.model
def test_a_photo_is_read_by_both_machines(webrtc, with_model):
    at = open_app(PAGE)
    take_photo(at, grace_hopper_bgr())
    assert not at.exception
    # The photo's verdicts come first (its column), then the live camera's (still waiting).
    assert machines(at, "recipes")[0].startswith("reads as NEUTRAL")
    # Grace Hopper: the learned machine says NEUTRAL too (76% on the photo itself).
    assert machines(at, "learned")[0].startswith("reads as NEUTRAL")


@pytest.mark.model
def test_each_machine_has_a_cited_backstory_card_and_the_report_cards_second_column(model_path):
    at = drawn(open_app(PAGE))
    shown = texts(at)
    for section in ("card_recipes", "card_learned", "report", "questions"):
        heading = content.section("two_machines", section, "en").splitlines()[0].lstrip("# ")
        assert heading in shown, section
    refs = content.references("en")
    for key in ("ekman1978", "goodfellow2013", "arriaga2017", "muxspace2016"):
        assert f"({refs[key].short})" in shown, key
    table, lines = report_card.two_machines(report_card.load())
    assert table and lines
    for line in lines:
        assert line in shown
    assert "\n".join(table) in shown


@pytest.mark.model
@pytest.mark.parametrize("loc", ["en", "es"])
def test_the_page_speaks_both_languages(model_path, loc):
    # AppTest formats the radio's value in the test's thread: in the page's language too.
    with content.using(loc):
        at = drawn(open_app(PAGE, lang=loc))
        assert not at.exception
        assert content.t("two_machines.name_recipes") in texts(at)
        assert machine(at, "learned").startswith(
            content.t("mirror.verdict", label="", percent="")[:8]
        )


@pytest.mark.model
@pytest.mark.parametrize("state", ["missing", "damaged"])
def test_without_the_second_machine_the_page_says_how_to_add_it_and_the_recipes_still_read(
    webrtc, with_model, request, state
):
    request.getfixturevalue("no_second_machine" if state == "missing" else "damaged_second_machine")
    at = open_app(PAGE)
    assert not at.exception
    shown = texts(at)
    assert content.t("two_machines.missing_title") in shown
    body = "two_machines.missing_body" if state == "missing" else "two_machines.wrong_body"
    assert content.t(body) in shown
    assert any("model_file install" in c.value for c in at.code)
    assert "Traceback" not in shown
    webrtc.feed(astronaut_face_bgr())
    at.run()
    assert machine(at, "recipes").startswith("reads as HAPPY")
    assert machine(at, "learned") == content.t("two_machines.no_second")
    at = drawn(at)
    assert machine(at, "recipes").startswith("reads as NEUTRAL")


@pytest.mark.model
def test_the_mirror_says_what_the_second_machine_reads_and_links_to_the_page(webrtc, with_model):
    at = open_app("demos/mirror.py")
    guess(at, "mirror.guess", "happy")
    webrtc.feed(astronaut_face_bgr())
    at.run()
    shown = texts(at)
    assert "A second machine, learned from web photos, reads this face as HAPPY" in shown
    assert content.t("two_machines.mirror_link") in links(at)


@pytest.mark.model
def test_the_mirror_says_when_the_second_machine_is_not_installed(
    webrtc, with_model, no_second_machine
):
    at = open_app("demos/mirror.py")
    guess(at, "mirror.guess", "happy")
    webrtc.feed(astronaut_face_bgr())
    at.run()
    assert not at.exception
    assert content.t("two_machines.mirror_missing") in texts(at)
    assert "reads as HAPPY" in texts(at)


@pytest.mark.model
def test_the_mirrors_photo_also_says_what_the_second_machine_reads(webrtc, with_model):
    at = open_app("demos/mirror.py")
    guess(at, "mirror.guess", "happy")
    take_photo(at)  # the astronaut
    assert not at.exception
    assert "A second machine, learned from web photos, reads this face as HAPPY" in texts(at)


@pytest.mark.model
def test_a_camera_page_that_does_not_show_the_second_machine_does_not_run_it(webrtc, with_model):
    # It costs about 1 ms a frame; Fake it shows the recipes' word only.
    # Installed, so no reading below means it was not run.
    assert model_file.check(spec=model_file.EXPRESSION).ready
    at = open_app("demos/fake_it.py")
    webrtc.feed(astronaut_face_bgr())
    at.button(key="fake_it.start").click().run()
    analysis = at.session_state["fake_it.live"].snapshot().analysis
    assert analysis.verdict.label == "happy"
    assert analysis.learned is None
    # The Mirror, which says what the second machine reads, runs it on the same picture.
    at = open_app("demos/mirror.py")
    guess(at, "mirror.guess", "happy")
    webrtc.feed(astronaut_face_bgr())
    at.run()
    assert at.session_state["mirror.live"].snapshot().analysis.learned.label == "happy"
