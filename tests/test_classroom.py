"""The classroom lesson: the presenter view, its steps and questions, the printable guide."""

from __future__ import annotations

from fractions import Fraction
from html import escape

import pytest

from demos import _catalog as catalog
from demos.engine import base_rates
from demos.ui import content, handout, lesson
from demos.ui.content import t
from demos.ui.scenes import scene_keys, scene_text

from .apptest import click, links, open_app, texts

PAGES = {p.name: p for p in catalog.pages()}


@pytest.mark.parametrize("key", ["short", "long"])
def test_every_lesson_step_has_a_goal_an_activity_questions_and_a_time(key):
    plan = lesson.lessons("en")[key]
    assert plan.minutes == {"short": 45, "long": 90}[key]
    for step in plan.steps:
        assert step.goal and step.activity and step.no_camera, step.key
        assert 2 <= len(step.questions) <= 3, step.key
        assert step.minutes > 0
        assert step.page in PAGES, step.key


def test_the_presenter_walks_the_45_minute_lesson_step_by_step():
    at = open_app("demos/classroom.py", mode="classroom")
    plan = lesson.lessons("en")["short"]
    for n, step in enumerate(plan.steps, start=1):
        assert not at.exception
        assert at.header[0].value == lesson.guide("en")["step_heading"].format(
            n=n, title=step.title
        )
        shown = texts(at)
        for q in step.questions:
            assert content.render_citations(q) in shown
        assert t("classroom.open", title=t(f"nav.{step.page}")) in links(at)
        if n < len(plan.steps):
            click(at, t("classroom.next"))
    assert at.button(key="classroom.next").disabled


def test_an_activity_page_during_the_lesson_shows_its_step_and_questions():
    at = open_app("demos/classroom.py", mode="classroom")
    click(at, t("classroom.next"))  # step 2: the Mirror
    at.switch_page("demos/mirror.py").run()
    step = lesson.lessons("en")["short"].steps[1]
    assert at.get("progress")[0].proto.text == t(
        "classroom.banner", n=2, total=6, title=step.title, minutes=step.minutes
    )
    assert all(q in texts(at) for q in step.questions)


def test_the_90_minute_lesson_can_be_chosen():
    at = open_app("demos/classroom.py", mode="classroom")
    [lengths] = [g for g in at.get("button_group") if g.key == "classroom.lesson"]
    lengths.set_value("long").run()
    assert at.session_state["classroom.lesson"] == "long"
    assert "of 90" in at.get("progress")[0].proto.text


def test_the_printable_guide_holds_both_lessons_and_the_no_camera_version():
    html = handout.build("en")
    g = lesson.guide("en")
    assert html.startswith("<!DOCTYPE html>") and "<script" not in html
    assert "http" not in html.split("<body>")[0]  # no stylesheet or font from elsewhere
    for plan in lesson.lessons("en").values():
        for step in plan.steps:
            for q in step.questions:
                assert content.render_citations(q).replace("'", "&#x27;") in html
    assert g["no_camera_title"] in html
    assert "Barrett et al., 2019" in html  # the sources its claims cite


@pytest.mark.parametrize("loc", ["en", "es"])
def test_the_printable_kit_holds_the_pupils_pages_the_notes_and_the_unplugged_cards(loc):
    html = handout.build(loc)
    kit = lesson.kit(loc)
    g = lesson.guide(loc)

    def shown(text: str) -> bool:
        with content.using(loc):
            return escape(content.render_citations(text)) in html

    assert "<script" not in html and "http" not in html.split("<body>")[0]
    assert all(shown(o) for o in g["objectives"])
    assert all(shown(x) for x in kit["safeguarding"]["items"])
    assert all(shown(x) for part in ("training", "case", "line") for x in kit["notes"][part])
    assert all(shown(x["term"]) and shown(x["meaning"]) for x in kit["glossary"]["terms"])
    assert all(shown(x["text"]) for x in kit["exit_ticket"]["sort"])
    for key in scene_keys(loc):  # a story card for every story of Same face
        assert all(shown(story) for story in scene_text(key, loc).stories)
    with content.using(loc):
        assert content.references(loc)["goodfellow2013"].short in html  # the notes' sources


def test_the_answer_key_is_the_engines_sum_not_a_typed_number():
    checked = base_rates.screen(100_000, 1_000, 0.99, 0.99)  # 1 in 1,000 carry, 99% right
    html = handout.build("en")
    answers = handout.exit_answers()
    assert answers["caught"] == f"{base_rates.round_people(checked.caught):,}" == "99"
    assert answers["flagged_innocent"] == f"{base_rates.round_people(checked.flagged_innocent):,}"
    assert answers["per"] == str(base_rates.round_people(checked.innocent_per_caught)) == "10"
    assert answers["share"] == content.percent(float(checked.share_of_flags_right)) == "9%"
    ticket = lesson.kit("en")["exit_ticket"]
    for line in ticket["key_sum"]:
        assert escape(line.format(**answers)) in html
    assert escape(ticket["sum"].format(**answers)) in html


def test_the_maths_extension_shows_the_base_rate_turning_flags_into_false_alarms():
    common, rare = (base_rates.screen(100_000, n, 0.99, 0.99) for n in handout.EXTENSION)
    assert common.share_of_flags_right == Fraction(1, 2)  # 990 caught, 990 innocent flagged
    assert rare.share_of_flags_right < Fraction(1, 100)
    answers = handout.extension_answers()
    assert answers["common_share"] == "50%" and answers["rare_share"] == "1%"
    key = lesson.kit("en")["extension"]["maths_key"].format(**answers)
    assert escape(key) in handout.build("en")


def test_the_paper_checkpoint_marks_match_the_on_screen_icon_array():
    counts = base_rates.icon_counts(handout.PAPER, handout.PAPER_GROUP)
    marks = handout.paper_marks()
    assert marks["caught"] == str(counts["caught"]) and counts["caught"] >= 1
    assert marks["flagged_innocent"] == str(counts["flagged_innocent"])
    assert sum(counts.values()) == handout.PAPER_GROUP


@pytest.mark.parametrize("loc", ["en", "es"])
def test_every_step_marks_one_key_question_and_the_90_minutes_have_a_break(loc):
    plans = lesson.lessons(loc)
    for plan in plans.values():
        for step in plan.steps:
            assert 0 <= step.key_question < len(step.questions), step.key
        # Switching pages takes time too, and the total counts it.
        assert plan.transitions == plan.transition * (len(plan.steps) - 1) > 0
    assert sum(s.then_break for s in plans["long"].steps) >= 10
    assert sum(s.then_break for s in plans["short"].steps) == 0


def test_the_presenter_names_the_key_question_in_words():
    at = open_app("demos/classroom.py", mode="classroom")
    step = lesson.lessons("en")["short"].steps[0]
    key = content.render_citations(step.questions[step.key_question])
    label = lesson.guide("en")["key_question"]
    assert any(f"**{label}:** {key}" in m.value for m in at.markdown)


def test_the_presenter_shows_the_break_in_the_90_minute_lesson():
    at = open_app("demos/classroom.py", mode="classroom")
    [lengths] = [g for g in at.get("button_group") if g.key == "classroom.lesson"]
    lengths.set_value("long").run()
    plan = lesson.lessons("en")["long"]
    n = next(i for i, s in enumerate(plan.steps) if s.then_break)
    pause = lesson.guide("en")["then_break"].format(n=plan.steps[n].then_break)
    for _ in range(n):
        assert pause not in texts(at)
        click(at, t("classroom.next"))
    assert pause in texts(at)
