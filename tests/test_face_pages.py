"""Build a face and Same face, different story, driven in AppTest (no camera involved)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from demos.engine.baseline import relative
from demos.engine.classify import RECIPES, classify
from demos.engine.game import GOAL
from demos.engine.measure import KEYS, Movements
from demos.same_face import FACES, SCENES
from demos.ui import content, panels
from demos.ui.scenes import scene_keys, scene_text

from .apptest import open_app, texts, verdict


def image_url(at: AppTest) -> str:
    return at.get("image")[0].proto.imgs[0].url


def bar(at: AppTest, key: str) -> str:
    name = content.t(f"moves.{key}")
    return next(p.proto.text for p in at.get("progress") if p.proto.text.startswith(name))


def test_each_slider_changes_its_movement_and_the_drawing():
    at = open_app("demos/build_a_face.py")
    still_url = image_url(at)
    for key in KEYS:
        at.slider(key=f"build_a_face.move.{key}").set_value(1.0).run()
        assert not at.exception
        assert bar(at, key).endswith("1.00"), key
        assert image_url(at) != still_url, key
        at.slider(key=f"build_a_face.move.{key}").set_value(0.0).run()
        assert image_url(at) == still_url, key  # and back: the same numbers, the same face


@pytest.mark.parametrize("recipe", RECIPES, ids=lambda r: r.label)
def test_the_drawn_face_verdict_is_classify_of_the_same_movements(recipe):
    at = open_app("demos/build_a_face.py")
    values = {k: 0.8 for k in recipe.needs}
    for key, value in values.items():
        at.slider(key=f"build_a_face.move.{key}").set_value(value)
    at.run()
    expected = panels.verdict_text(classify(Movements.of(values)))
    assert expected in verdict(at)


@pytest.mark.parametrize("recipe", RECIPES, ids=lambda r: r.label)
def test_each_challenge_is_reached_with_the_sliders_and_reveals_its_recipe(recipe):
    # The recipes are calibrated on photos (benchmarks/accuracy.py); every label must
    # still be reachable by moving the drawn face's sliders to its recipe's movements.
    at = open_app("demos/build_a_face.py")
    at.selectbox(key="build_a_face.goal").set_value(recipe.label).run()
    assert content.t("build_a_face.challenge_todo", label=content.t("labels.neutral")) in texts(at)
    for key in recipe.needs:
        at.slider(key=f"build_a_face.move.{key}").set_value(0.9)
    at.run()
    said = content.t(f"labels.{recipe.label}")
    assert content.t("build_a_face.challenge_done", label=said) in texts(at)
    parts = " + ".join(content.t(f"moves.{k}") for k in recipe.needs)
    assert content.t("panel.recipe", label=said, parts=parts) in texts(at)


def test_relax_sets_every_slider_back_to_zero():
    at = open_app("demos/build_a_face.py")
    at.slider(key="build_a_face.move.jaw_drop").set_value(0.7).run()
    at.button(key="build_a_face.reset").click().run()
    assert all(at.slider(key=f"build_a_face.move.{k}").value == 0.0 for k in KEYS)
    assert content.t("labels.neutral") in verdict(at)


def test_every_scene_has_its_words_and_cites_a_reference():
    assert scene_keys("en") == SCENES == list(FACES)
    refs = content.references("en")
    for key in SCENES:
        scene = scene_text(key, "en")
        assert 2 <= len(scene.stories) <= 3 and len(scene.choices) >= 3
        cited = content.cited(scene.finding)
        assert cited and all(c in refs for c in cited), key


def test_a_whole_scene_is_played_and_the_machine_says_the_same_for_every_story():
    at = open_app("demos/same_face.py")
    scene = scene_text(SCENES[0], "en")
    at.radio(key=f"same_face.{SCENES[0]}.face").set_value(scene.choices[-1]).run()  # face alone
    at.button(key=f"same_face.{SCENES[0]}.reveal").click().run()
    assert content.t("same_face.not_all_answered") in texts(at)
    for n, choice in enumerate(scene.choices[: len(scene.stories)], start=1):
        at.radio(key=f"same_face.{SCENES[0]}.{n}").set_value(choice)
    at.run()
    at.button(key=f"same_face.{SCENES[0]}.reveal").click().run()
    said = panels.verdict_text(classify(FACES[SCENES[0]]))
    assert content.t("same_face.machine_says", verdict=said) in texts(at)
    assert content.t("same_face.finding") in texts(at)
    refs = content.references("en")
    for key in content.cited(scene.finding):  # each citation shown by name, not as [@key]
        assert f"({refs[key].short})" in texts(at), key
    assert content.render_citations(scene.finding) in texts(at)
    at.button(key="same_face.next").click().run()
    assert scene_text(SCENES[1], "en").title in texts(at)


def test_start_again_forgets_every_answer():
    at = open_app("demos/same_face.py")
    scene = scene_text(SCENES[0], "en")
    at.radio(key=f"same_face.{SCENES[0]}.face").set_value(scene.choices[0]).run()
    for n in range(1, len(scene.stories) + 1):
        at.radio(key=f"same_face.{SCENES[0]}.{n}").set_value(scene.choices[0])
    at.run()
    at.button(key=f"same_face.{SCENES[0]}.reveal").click().run()
    assert at.session_state[f"same_face.{SCENES[0]}.revealed"] is True
    at.button(key="same_face.next").click().run()
    at.button(key="same_restart").click().run()
    assert at.radio(key=f"same_face.{SCENES[0]}.face").value is None
    assert f"same_face.{SCENES[0]}.revealed" not in at.session_state
    first = content.t("same_face.scene", n=1, total=len(SCENES), title=scene.title)
    assert first in texts(at)


def test_the_mirror_offers_a_drawn_face_instead(monkeypatch, tmp_path):
    monkeypatch.setenv("FACE_VALUE_MODEL", str(tmp_path / "none.task"))
    at = open_app("demos/mirror.py")  # even with no model (and so no camera) at all
    links = [str(link.proto.page) for link in at.get("page_link")]
    assert any("build_a_face" in link or "build-a-face" in link for link in links), links


def test_fake_it_with_the_drawn_face_ticks_happy_when_held(fake_clock):
    at = open_app("demos/fake_it.py")
    at.toggle(key="fake_it.drawn").set_value(True).run()
    at.button(key="fake_it.start").click().run()
    at.slider(key="fake_it.move.lip_corner_pull").set_value(0.9).run()
    fake_clock.now += 1.1  # the hold: one second, held
    at.run()
    assert not at.exception
    assert content.t("fake_it.ticked", label=content.t("labels.happy")) in texts(at)
    assert content.t("fake_it.open", label=content.t("labels.sad")) in texts(at)


def test_fake_it_can_be_won_with_the_drawn_face(fake_clock):
    at = open_app("demos/fake_it.py")
    at.toggle(key="fake_it.drawn").set_value(True).run()
    at.button(key="fake_it.start").click().run()
    for recipe in RECIPES[:GOAL]:
        for key in KEYS:
            at.slider(key=f"fake_it.move.{key}").set_value(0.9 if key in recipe.needs else 0.0)
        at.run()
        fake_clock.now += 1.1  # each face held for a second
        at.run()
        assert content.t("fake_it.ticked", label=content.t(f"labels.{recipe.label}")) in texts(at)
    fake_clock.now += 120  # the round ends
    at.run()
    assert not at.exception
    assert content.t("fake_it.won", goal=GOAL) in texts(at)


def test_wink_or_blink_stories_say_what_the_machine_cannot(monkeypatch, tmp_path):
    from demos.ui.winks import choices, situations

    monkeypatch.setenv("FACE_VALUE_MODEL", str(tmp_path / "none.task"))
    at = open_app("demos/wink_or_blink.py")  # the stories work even with no camera or model
    assert not at.exception
    first = next(iter(situations("en").values()))
    at.radio(key=f"wink_or_blink.{first.key}").set_value(choices("en")[3]).run()
    assert first.why in texts(at)
    assert content.t("wink_or_blink.machine") in texts(at)


def test_every_wink_story_has_a_face_and_a_valid_answer():
    from demos.ui.winks import choices, situations
    from demos.wink_or_blink import FACES

    assert list(situations("en")) == list(FACES)
    for situation in situations("en").values():
        assert 0 <= situation.answer < len(choices("en")) - 1  # never "I can't tell"


def test_the_drawn_face_has_a_text_alternative_that_names_its_movements():
    at = open_app("demos/build_a_face.py")
    assert content.t("build_a_face.face_moves_none") in at.get("image")[0].proto.imgs[0].alt
    at.slider(key="build_a_face.move.lip_corner_pull").set_value(0.9).run()
    alt = at.get("image")[0].proto.imgs[0].alt
    assert content.t("moves.lip_corner_pull") in alt and content.t("labels.happy") in alt


def test_your_neutral_with_a_drawn_resting_frown_reads_neutral_against_itself():
    at = open_app("demos/your_neutral.py")
    at.toggle(key="your_neutral.drawn").set_value(True).run()
    at.radio(key="your_neutral.guess").set_value("neutral").run()
    frown = {"brow_lower": 0.7, "lid_tighten": 0.6, "lip_press": 0.5}
    for key, value in frown.items():
        at.slider(key=f"your_neutral.move.{key}").set_value(value)
    at.run()
    usual = classify(Movements.of(frown))
    assert usual.label == "angry"
    usual_text = panels.verdict_text(usual)
    assert content.t("your_neutral.usual", verdict=usual_text) in texts(at)
    at.button(key="your_neutral.capture").click().run()
    rest = at.session_state["your_neutral.rest"]
    assert classify(rest).label == "angry"
    at_rest = panels.verdict_text(classify(rest))
    assert content.t("your_neutral.at_rest", verdict=at_rest) in texts(at)
    mine = classify(relative(Movements.of(frown), rest))
    assert mine.label == "neutral"
    assert content.t("your_neutral.against", verdict=panels.verdict_text(mine)) in texts(at)
    at.button(key="your_neutral.forget").click().run()
    assert content.t("your_neutral.none_yet") in texts(at)
    assert "your_neutral.rest" not in at.session_state
