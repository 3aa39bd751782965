"""Guess first, then see (issue 22): every activity asks for the learner's guess before it shows
the answer, shows the guess beside it, and says what it showed only once it is done."""

from __future__ import annotations

import math
import re

import pytest
from streamlit.testing.v1 import AppTest

from demos import _catalog as catalog
from demos.engine.classify import RECIPES, classify
from demos.engine.measure import KEYS
from demos.same_face import SCENES
from demos.ui import guided_path, panels
from demos.ui.content import section, t
from demos.ui.scenes import scene_text
from demos.ui.winks import choices, situations
from support.faces import astronaut_face_bgr

from .apptest import APP, texts, verdict
from .conftest import ROOT


def open_page(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    return at.switch_page(page).run()


def takeaway(name: str) -> str:
    return t("path.showed", takeaway=t(f"path.takeaway.{name}"))


def beside(guess: str, answer: str) -> str:
    return t("guess.beside", guess=guess, answer=answer)


# -- Mirror ------------------------------------------------------------------------------------


@pytest.mark.model
def test_the_mirror_hides_the_word_until_a_guess_then_shows_it_beside_the_guess(webrtc, with_model):
    at = open_page("demos/mirror.py")
    webrtc.feed(astronaut_face_bgr())
    at.run()
    assert verdict(at) == ""
    assert t("mirror.hidden") in texts(at)
    assert takeaway("mirror") not in texts(at)
    at.radio(key="mirror.guess").set_value("sad").run()
    assert t("labels.happy") in verdict(at)
    live = at.session_state["mirror.live"]
    said = panels.verdict_text(live.snapshot().analysis.verdict)
    assert beside(t("labels.sad"), said) in texts(at)
    assert takeaway("mirror") in texts(at)


@pytest.mark.model
def test_the_word_on_the_video_waits_for_the_guess_too(webrtc, with_model):
    from demos.mirror import _caption

    at = open_page("demos/mirror.py")
    webrtc.feed(astronaut_face_bgr())
    analysis = at.session_state["mirror.live"].snapshot().analysis
    word = t("mirror.verdict_overlay", label=t("labels.happy"), percent=analysis.verdict.percent)
    assert word not in _caption([True])(analysis)
    assert word in _caption([False])(analysis)
    assert at.session_state["mirror.hide_word"] == [True]
    at.radio(key="mirror.guess").set_value("happy").run()
    assert at.session_state["mirror.hide_word"] == [False]


# -- Same face ---------------------------------------------------------------------------------


def test_same_face_asks_about_the_face_alone_before_any_story():
    at = open_page("demos/same_face.py")
    key = SCENES[0]
    scene = scene_text(key, "en")
    for story in scene.stories:
        assert story not in texts(at)
    assert f"same_face.{key}.reveal" not in [b.key for b in at.button]
    at.radio(key=f"same_face.{key}.face").set_value(scene.choices[0]).run()
    for story in scene.stories:
        assert story in texts(at)
    assert t("same_face.machine_says", verdict="") not in texts(at)
    assert takeaway("same_face") not in texts(at)
    assert section("same_face", "done", "en").split(".")[0] not in texts(at)


def test_same_face_shows_the_face_guess_beside_the_stories_and_the_machine():
    at = open_page("demos/same_face.py")
    key = SCENES[0]
    scene = scene_text(key, "en")
    at.radio(key=f"same_face.{key}.face").set_value(scene.choices[-1]).run()
    for n in range(1, len(scene.stories) + 1):
        at.radio(key=f"same_face.{key}.{n}").set_value(scene.choices[n - 1])
    at.run()
    at.button(key=f"same_face.{key}.reveal").click().run()
    assert t("same_face.face_said", pick=scene.choices[-1]) in texts(at)
    assert t("same_face.machine_says", verdict="") in texts(at)
    assert takeaway("same_face") in texts(at)
    assert section("same_face", "done", "en").split(".")[0] in texts(at)


# -- Wink or blink -----------------------------------------------------------------------------


def test_every_wink_picture_is_the_same_face_with_one_eye_closed_and_nothing_else():
    from demos.wink_or_blink import FACES

    faces = set(FACES.values())
    assert len(faces) == 1
    [face] = faces
    moved = {k for k in KEYS if face[k] > 0}
    assert moved in ({"eye_closed_left"}, {"eye_closed_right"})


def test_the_wink_giveaway_line_waits_for_the_guess(monkeypatch, tmp_path):
    monkeypatch.setenv("FACE_VALUE_MODEL", str(tmp_path / "none.task"))  # no camera needed
    at = open_page("demos/wink_or_blink.py")
    found = situations("en")
    for situation in found.values():
        assert situation.scene in texts(at)
        assert situation.giveaway not in texts(at)
    options = choices("en")
    conclusion = section("wink_or_blink", "end", "en").split(".")[0]
    for n, situation in enumerate(found.values()):
        assert takeaway("wink_or_blink") not in texts(at)
        assert conclusion not in texts(at)
        at.radio(key=f"wink_or_blink.{situation.key}").set_value(options[n % len(options)]).run()
        assert situation.giveaway in texts(at)
        assert beside(options[n % len(options)], options[situation.answer]) in texts(at)
    assert takeaway("wink_or_blink") in texts(at)
    assert conclusion in texts(at)


# -- Your neutral ------------------------------------------------------------------------------


def test_your_neutral_asks_what_the_resting_face_will_be_called_before_any_word():
    at = open_page("demos/your_neutral.py")
    at.toggle(key="your_neutral.drawn").set_value(True).run()
    at.slider(key="your_neutral.move.brow_lower").set_value(0.7).run()
    at.button(key="your_neutral.capture").click().run()
    rest = at.session_state["your_neutral.rest"]
    said = panels.verdict_text(classify(rest))
    at_rest = t("your_neutral.at_rest", verdict=said)
    assert t("your_neutral.hidden") in texts(at)
    assert verdict(at) == "" and at_rest not in texts(at)
    assert takeaway("your_neutral") not in texts(at)
    at.radio(key="your_neutral.guess").set_value("neutral").run()
    assert at_rest in texts(at)
    assert beside(t("labels.neutral"), said) in texts(at)
    assert takeaway("your_neutral") in texts(at)


# -- Bad light, bad picture --------------------------------------------------------------------


@pytest.mark.model
def test_the_picture_changes_wait_for_a_guess_then_the_first_change_sits_beside_it(
    webrtc, with_model
):
    at = open_page("demos/robustness.py")
    at.toggle(key="robustness.photo").set_value(True).run()
    assert "robustness.distance" not in [s.key for s in at.slider]  # no slider before the guess
    assert takeaway("robustness") not in texts(at)
    at.radio(key="robustness.guess").set_value("blur").run()
    assert at.slider(key="robustness.distance").value == 1.0
    assert t("robustness.try") in texts(at)
    at.slider(key="robustness.distance").set_value(4.0).run()  # too small to be found: word lost
    answer = t("robustness.flipped", changes=t("robustness.change_distance"))
    assert beside(t("robustness.change_blur"), answer) in texts(at)
    assert at.session_state["robustness.flipped"] == ["distance"]
    assert takeaway("robustness") in texts(at)
    at.button(key="robustness.guess.again").click().run()
    assert "robustness.flipped" not in at.session_state
    assert "robustness.distance" not in [s.key for s in at.slider]  # a new guess comes first
    at.radio(key="robustness.guess").set_value("distance").run()
    assert at.slider(key="robustness.distance").value == 1.0  # from the picture as filmed


# -- Fake it and Build a face: their challenges are the activity --------------------------------


def test_fake_it_shows_its_takeaway_only_when_the_round_ends(fake_clock):
    at = open_page("demos/fake_it.py")
    at.toggle(key="fake_it.drawn").set_value(True).run()
    at.button(key="fake_it.start").click().run()
    assert takeaway("fake_it") not in texts(at)
    fake_clock.now += 120
    at.run()
    assert not at.exception
    assert takeaway("fake_it") in texts(at)


def test_build_a_face_shows_its_takeaway_once_a_recipe_is_reached():
    at = open_page("demos/build_a_face.py")
    assert takeaway("build_a_face") not in texts(at)
    recipe = RECIPES[0]
    at.selectbox(key="build_a_face.goal").set_value(recipe.label).run()
    for key in recipe.needs:
        at.slider(key=f"build_a_face.move.{key}").set_value(0.9)
    at.run()
    assert takeaway("build_a_face") in texts(at)


def test_a_guess_lives_only_in_this_session():
    at = open_page("demos/same_face.py")
    key = SCENES[0]
    at.radio(key=f"same_face.{key}.face").set_value(scene_text(key, "en").choices[0]).run()
    assert at.session_state[f"same_face.{key}.face"] == scene_text(key, "en").choices[0]
    fresh = open_page("demos/same_face.py")
    assert fresh.radio(key=f"same_face.{key}.face").value is None


# -- the path ----------------------------------------------------------------------------------


def test_the_sidebar_lists_the_path_in_the_path_order():
    in_sidebar = [p.name for p in catalog.pages() if not p.hidden]
    on_path = [name for name in in_sidebar if name in guided_path.NAMES]
    assert on_path == list(guided_path.NAMES)
    assert guided_path.NAMES == (
        "mirror",
        "fake_it",
        "same_face",
        "wink_or_blink",
        "your_neutral",
        "robustness",
        "pulse",
        "checkpoint",
        "learn_more",
    )
    # Build a face is Fake it's no-camera mode: it sits right after it, and on its step.
    assert in_sidebar[in_sidebar.index("fake_it") + 1] == "build_a_face"
    assert guided_path.MODES["build_a_face"] == "fake_it"


def test_the_minutes_are_counted_from_the_words_on_each_page():
    for name, doing in guided_path.STEPS:
        text = (ROOT / "content" / "en" / "pages" / f"{name}.md").read_text(encoding="utf-8")
        assert guided_path.words(name) >= guided_path.count_words(text) > 50, name
        assert guided_path.minutes(name) == math.ceil(
            guided_path.words(name) / guided_path.READING_WPM + doing
        )
    assert guided_path.total_minutes() == sum(
        guided_path.minutes(name) for name in guided_path.NAMES
    )
    assert guided_path.count_words("<!-- section: x -->\nA face moves [@ekman1978].") == 3


def test_the_welcome_page_and_the_readme_state_the_counted_total():
    at = AppTest.from_file(APP, default_timeout=60).run()
    total = guided_path.total_minutes()
    assert t("path.overview", n=len(guided_path.NAMES), minutes=total) in texts(at)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [stated] = re.findall(r"suggested path of \w+ steps \(about (\d+) minutes", readme)
    assert abs(int(stated) - total) <= 2, "README: update the path's minutes"


def test_robustness_keeps_its_address_under_a_name_a_child_knows():
    [page] = [p for p in catalog.pages() if p.name == "robustness"]
    assert page.url_path == "robustness"
    for loc in ("en", "es"):
        name = t("nav.robustness", loc=loc)
        assert "robustness" not in name.lower()  # the address keeps the word, the title does not
        heading = (ROOT / "content" / loc / "pages" / "robustness.md").read_text(encoding="utf-8")
        assert f"# {name}" in heading
