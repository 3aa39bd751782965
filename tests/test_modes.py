"""The three ways in: the self-guided path, the kiosk (idle timer on an injected clock, no
sleeping) and the classroom lesson with its printable guide."""

from __future__ import annotations

from fractions import Fraction
from html import escape

import numpy as np
import pytest
import streamlit_webrtc
from streamlit.testing.v1 import AppTest

from demos import _catalog as catalog
from demos import kiosk
from demos.engine import base_rates
from demos.engine.base_rates import icon_counts, screen_at, whole
from demos.engine.camera_stream import CameraStream
from demos.engine.idle import IdleTimer, Phase, from_environment
from demos.ui import beliefs, content, guided_path, handout, lesson
from demos.ui.content import t
from demos.ui.scenes import scene_keys, scene_text
from support.faces import astronaut_face_bgr
from support.fake_webrtc import FakeWebRtc

from .privacy import image_like
from .test_app import APP, texts, verdict
from .test_memory import session_values

PAGES = {p.name: p for p in catalog.pages()}
BY_URL = {p.url_path: p for p in catalog.pages()}


def app(mode: str | None = None, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if mode:
        at.query_params["mode"] = mode
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def kiosk_checkpoint_answer() -> int:
    """Innocent drivers searched per smuggler caught at the kiosk's settings, from the engine."""
    day = icon_counts(screen_at(kiosk.DRIVERS, kiosk.ONE_IN, kiosk.THRESHOLD), kiosk.DRIVERS)
    return whole(Fraction(day["flagged_innocent"], day["caught"]))


def links(at: AppTest) -> list[str]:
    return [link.proto.label for link in at.get("page_link")]


def buttons(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


def click(at: AppTest, label: str) -> AppTest:
    [button] = [b for b in at.button if b.label == label]
    return button.click().run()


def start_visit(at: AppTest) -> AppTest:
    """A kiosk visitor touches to start, then answers the one statement (one touch)."""
    click(at, t("kiosk.touch_to_start"))
    return click(at, t("beliefs.answer.not_sure"))


# -- the idle timer itself ------------------------------------------------------------------


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


# -- self-guided -----------------------------------------------------------------------------


def test_the_path_is_made_of_real_pages_and_takes_thirty_five_to_forty_five_minutes():
    assert set(guided_path.NAMES) <= set(PAGES)
    assert 35 <= guided_path.total_minutes() <= 45  # the review's estimate for reading and doing
    for name in guided_path.NAMES:
        assert t(f"path.takeaway.{name}")


def test_the_welcome_page_lays_out_the_whole_path():
    at = app()
    shown = links(at)
    for n, name in enumerate(guided_path.NAMES, start=1):
        assert any(label.startswith(f"{n}. {t(f'nav.{name}')}") for label in shown), name
    assert t(
        "path.overview", n=len(guided_path.NAMES), minutes=guided_path.total_minutes()
    ) in texts(at)


@pytest.mark.parametrize("name", guided_path.NAMES)
def test_each_step_says_where_it_is_and_what_is_next_and_keeps_its_takeaway_until_done(
    monkeypatch, tmp_path, name
):
    monkeypatch.setenv("FACE_VALUE_MODEL", str(tmp_path / "none.task"))  # fast: no engine
    at = app(page=f"demos/{PAGES[name].file.name}")
    assert not at.exception
    n = guided_path.NAMES.index(name) + 1
    bars = [p.proto.text for p in at.get("progress")]
    assert bars[0].startswith(
        t("path.where", n=n, total=len(guided_path.NAMES), minutes=guided_path.minutes(name))
    )
    takeaway = t("path.showed", takeaway=t(f"path.takeaway.{name}"))
    # Only a page with nothing to guess shows what it showed before anything is done.
    assert (takeaway in texts(at)) == (name in guided_path.READ_ONLY)
    if n < len(guided_path.NAMES):
        assert t("path.next", title=t(f"nav.{guided_path.NAMES[n]}")) in links(at)
    else:
        assert t("path.home") in links(at)


def test_following_next_from_the_welcome_page_reaches_the_end(monkeypatch, tmp_path):
    monkeypatch.setenv("FACE_VALUE_MODEL", str(tmp_path / "none.task"))
    at = app()
    visited = []
    target = t("welcome.start")
    while True:
        [link] = [lk for lk in at.get("page_link") if lk.proto.label == target]
        at.switch_page(f"demos/{BY_URL[link.proto.page.strip('/')].file.name}").run()
        assert not at.exception
        visited.append(at.session_state["shell.page"])
        if t("path.home") in links(at):
            break
        name = guided_path.NAMES[len(visited)]
        target = t("path.next", title=t(f"nav.{name}"))
    assert visited == [PAGES[name].url_path for name in guided_path.NAMES]


# -- modes ------------------------------------------------------------------------------------


def test_the_installation_default_mode_is_used_without_a_query(monkeypatch):
    monkeypatch.setenv("FACE_VALUE_MODE", "kiosk")
    at = app()
    assert at.session_state["shell.page"] == "kiosk"
    assert buttons(at) == [t("kiosk.touch_to_start")]


def test_a_query_chooses_the_mode_and_it_is_remembered_across_pages():
    at = app(mode="classroom", page="demos/checkpoint.py")
    assert at.session_state["shell.mode"] == "classroom"
    assert t("classroom.back") in links(at)
    assert not any(
        p.proto.text.startswith("Step ") and "suggested path" in p.proto.text
        for p in at.get("progress")
    )


def test_any_page_in_kiosk_mode_shows_the_kiosk_loop_and_no_way_out_of_it():
    at = app(mode="kiosk", page="demos/checkpoint.py")
    assert at.session_state["shell.page"] == "kiosk"
    assert t("privacy.link") not in links(at)


# -- kiosk --------------------------------------------------------------------------------------


def test_the_attract_screen_asks_one_question_and_one_touch_starts(fake_clock):
    at = app(mode="kiosk")
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
    at = app(mode="kiosk")
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
    at = app(mode="kiosk")
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
    at = app(mode="kiosk")
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
    at = app(mode="kiosk")
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


def test_a_face_in_front_of_the_camera_counts_as_someone_there(monkeypatch, model_path, fake_clock):
    fake = FakeWebRtc()
    monkeypatch.setattr(streamlit_webrtc, "webrtc_streamer", fake)
    monkeypatch.setenv("FACE_VALUE_MODEL", str(model_path))
    at = app(mode="kiosk")
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
    at = app(mode="kiosk")
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
    at = app(mode="kiosk")
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
    at = app(mode="kiosk")
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


def test_a_reset_stops_the_camera_and_keeps_nothing_of_the_visitor(
    monkeypatch, model_path, fake_clock
):
    fake = FakeWebRtc()
    monkeypatch.setattr(streamlit_webrtc, "webrtc_streamer", fake)
    monkeypatch.setenv("FACE_VALUE_MODEL", str(model_path))
    at = app(mode="kiosk")
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


# -- classroom -----------------------------------------------------------------------------------


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
    at = app(mode="classroom", page="demos/classroom.py")
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
    at = app(mode="classroom", page="demos/classroom.py")
    click(at, t("classroom.next"))  # step 2: the Mirror
    at.switch_page("demos/mirror.py").run()
    step = lesson.lessons("en")["short"].steps[1]
    assert at.get("progress")[0].proto.text == t(
        "classroom.banner", n=2, total=6, title=step.title, minutes=step.minutes
    )
    assert all(q in texts(at) for q in step.questions)


def test_the_90_minute_lesson_can_be_chosen():
    at = app(mode="classroom", page="demos/classroom.py")
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
    assert answers["caught"] == f"{base_rates.whole(checked.caught):,}" == "99"
    assert answers["flagged_innocent"] == f"{base_rates.whole(checked.flagged_innocent):,}"
    assert answers["per"] == str(base_rates.whole(checked.innocent_per_caught)) == "10"
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
    at = app(mode="classroom", page="demos/classroom.py")
    step = lesson.lessons("en")["short"].steps[0]
    key = content.render_citations(step.questions[step.key_question])
    label = lesson.guide("en")["key_question"]
    assert any(f"**{label}:** {key}" in m.value for m in at.markdown)


def test_the_presenter_shows_the_break_in_the_90_minute_lesson():
    at = app(mode="classroom", page="demos/classroom.py")
    [lengths] = [g for g in at.get("button_group") if g.key == "classroom.lesson"]
    lengths.set_value("long").run()
    plan = lesson.lessons("en")["long"]
    n = next(i for i, s in enumerate(plan.steps) if s.then_break)
    pause = lesson.guide("en")["then_break"].format(n=plan.steps[n].then_break)
    for _ in range(n):
        assert pause not in texts(at)
        click(at, t("classroom.next"))
    assert pause in texts(at)


def test_the_live_reading_is_spoken_politely_and_not_on_every_frame(
    monkeypatch, model_path, fake_clock
):
    fake = FakeWebRtc()
    monkeypatch.setattr(streamlit_webrtc, "webrtc_streamer", fake)
    monkeypatch.setenv("FACE_VALUE_MODEL", str(model_path))
    at = app(page="demos/mirror.py")  # says "Nothing measured yet"
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
    assert t("panel.no_reading") in spoken() or t("labels.happy") not in spoken()
