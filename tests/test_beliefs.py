"""Before and after: the five statements on the welcome page and again at the end of the path,
the classroom's show of hands as bars, the kiosk's one statement, and all of it session-only."""

from __future__ import annotations

import re

import pyarrow as pa
from streamlit.testing.v1 import AppTest

from demos.ui import beliefs, content, lesson
from demos.ui.beliefs import AFTER, BEFORE, STATEMENTS, Tally
from demos.ui.content import t

from .apptest import APP, buttons, click, links, session_values, texts

WELCOME, LEARN_MORE = "demos/welcome.py", "demos/learn_more.py"


def app(mode: str | None = None, lang: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if mode:
        at.query_params["mode"] = mode
    if lang:
        at.query_params["lang"] = lang
    return at.run()


def radio(at: AppTest, phase: str, key: str):
    return at.radio(key=f"beliefs.ask.{phase}.{key}")


def answer(at: AppTest, phase: str, key: str, value: str) -> AppTest:
    return radio(at, phase, key).set_value(value).run()


def user_keys(at: AppTest) -> set[str]:
    return {str(k) for k in session_values(at)["user"]}


# -- pure parts ----------------------------------------------------------------------------------


def test_a_tally_counts_each_answer_and_ignores_the_unanswered():
    assert beliefs.tally(["agree", None, "disagree", "agree", "maybe"]) == Tally(2, 0, 1)
    assert Tally(2, 0, 1).total == 3


def test_a_change_of_view_is_named_without_judging_it():
    assert beliefs.change("agree", "disagree") == "changed"
    assert beliefs.change("not_sure", "not_sure") == "same"
    assert beliefs.change(None, "agree") == "new"
    assert beliefs.change("agree", None) == "none"
    for loc in content.locales():
        for kind in ("same", "changed", "new"):
            words = t(f"beliefs.change.{kind}", loc).lower()
            assert not re.search(r"wrong|right|correct|mal|equivoc|acert|correct", words), words


def test_the_class_counts_are_read_from_the_session_and_drawn_per_statement_and_phase():
    state = {
        beliefs.count_key(BEFORE, "smile", "agree"): 20,
        beliefs.count_key(BEFORE, "smile", "disagree"): 3,
        beliefs.count_key(AFTER, "smile", "agree"): 9,
        beliefs.count_key(AFTER, "smile", "not_sure"): "11",
        beliefs.count_key(AFTER, "lying", "agree"): -4,  # a typo is not a negative hand
    }
    tallies = beliefs.class_tallies(state)
    assert tallies[BEFORE]["smile"] == Tally(20, 0, 3)
    assert tallies[AFTER]["smile"] == Tally(9, 11, 0)
    assert tallies[AFTER]["lying"] == Tally()
    rows = beliefs.chart_rows(tallies)
    assert len(rows) == len(STATEMENTS) * 2 * 3
    assert sum(r["count"] for r in rows) == 20 + 3 + 9 + 11


def test_every_statement_has_words_a_cited_evidence_line_and_a_page_in_every_language():
    pages = {p.stem for p in (content.CONTENT_DIR.parent / "demos").glob("*.py")}
    for loc in content.locales():
        with content.using(loc):
            for s in STATEMENTS:
                assert beliefs.statement(s.key).endswith(".")
                assert content.cited(beliefs.evidence(s.key)), (loc, s.key)
                assert beliefs.page_of(s) in pages
    assert len(STATEMENTS) == 5 and beliefs.KIOSK_STATEMENT in beliefs.BY_KEY


def test_where_the_evidence_is_mixed_no_answer_is_called_wrong():
    mixed = [s for s in STATEMENTS if s.mixed]
    assert [s.key for s in mixed] == ["smile"]
    for loc in content.locales():
        # What the learner reads about a mixed statement: the evidence and the "mixed" line.
        for s in mixed:
            with content.using(loc):
                words = " ".join([beliefs.evidence(s.key), t("beliefs.mixed")]).lower()
            assert not re.search(r"\b(wrong|incorrect|mistaken|mal|incorrect[oa]|error)\b", words)


def test_the_checkpoint_statements_numbers_are_worked_out_not_typed():
    line = beliefs.evidence("accuracy")
    assert "10,000" in line and "about 2 carried" in line  # 95 of 50,090 flagged drivers


# -- self-guided -------------------------------------------------------------------------------


def test_the_welcome_page_asks_the_five_statements_as_labelled_radio_groups():
    at = app()
    assert not at.exception
    assert t("beliefs.before_title") in texts(at)
    for n, s in enumerate(STATEMENTS, start=1):
        group = radio(at, BEFORE, s.key)
        assert group.label == f"{n}. {beliefs.statement(s.key)}"
        assert group.options == [t(f"beliefs.answer.{a}") for a in beliefs.ANSWERS]
        assert group.value is None  # nothing chosen for the learner
    assert t("beliefs.skip") in buttons(at)


def test_skipping_takes_one_click_and_the_path_still_starts():
    at = app()
    click(at, t("beliefs.skip"))
    assert not at.exception
    assert t("beliefs.skipped") in texts(at)
    assert not [r for r in at.radio if str(r.key).startswith("beliefs.")]
    assert t("welcome.start") in links(at)
    click(at, t("beliefs.unskip"))
    assert radio(at, BEFORE, "smile").value is None
    # Skipped again, the last step still asks, and says there was no answer before.
    click(at, t("beliefs.skip"))
    at.switch_page(LEARN_MORE).run()
    answer(at, AFTER, "lying", "disagree")
    none = t("beliefs.compare", before=t("beliefs.answer.none"), now=t("beliefs.answer.disagree"))
    assert f"{none} {t('beliefs.change.new')}" in texts(at)


def test_the_self_guided_walk_shows_both_answers_and_the_evidence_at_the_last_step():
    at = app()
    before = {"smile": "agree", "lying": "not_sure", "accuracy": "agree", "everyone": "agree"}
    for key, value in before.items():
        answer(at, BEFORE, key, value)
    # Through the path's pages to the last step: the answers outlive the pages in between.
    for page in ("demos/mirror.py", "demos/checkpoint.py", LEARN_MORE):
        at.switch_page(page).run()
        assert not at.exception, page
    assert t("beliefs.after_title") in texts(at)
    assert t("beliefs.compare_title") not in texts(at)  # the evidence waits for an answer
    answer(at, AFTER, "smile", "not_sure")
    answer(at, AFTER, "accuracy", "disagree")
    answer(at, AFTER, "pulse", "disagree")
    shown = texts(at)
    table = shown[shown.index(t("beliefs.statement_head")) :]
    first_row = f"| 1. {beliefs.statement('smile')} | {t('beliefs.answer.agree')} | " + t(
        "beliefs.answer.not_sure"
    )
    assert first_row in table
    compare = t(
        "beliefs.compare", before=t("beliefs.answer.agree"), now=t("beliefs.answer.not_sure")
    )
    assert f"{compare} {t('beliefs.change.changed')}" in shown
    none = t("beliefs.compare", before=t("beliefs.answer.none"), now=t("beliefs.answer.disagree"))
    assert f"{none} {t('beliefs.change.new')}" in shown
    # Each answered statement: one line of evidence, cited, and the page where it was met.
    for key in ("smile", "accuracy", "pulse"):
        assert content.render_citations(beliefs.evidence(key)) in shown
    assert t("beliefs.mixed") in shown  # the smile: no verdict on a mixed question
    assert t("beliefs.met", title=t("nav.checkpoint")) in links(at)
    assert t("beliefs.met", title=t("nav.fake_it")) in links(at)
    # Not answered again: no evidence shown for it yet.
    assert content.render_citations(beliefs.evidence("everyone")) not in shown


def test_the_statements_are_only_in_the_self_guided_mode():
    at = app(mode="classroom")
    assert t("beliefs.before_title") not in texts(at)
    at.switch_page(LEARN_MORE).run()
    assert t("beliefs.after_title") not in texts(at)


def test_the_statements_speak_spanish():
    at = app(lang="es")
    with content.using("es"):
        assert radio(at, BEFORE, "smile").label == "1. " + beliefs.statement("smile")
        assert t("beliefs.skip") in buttons(at)


def test_answers_live_only_under_the_beliefs_prefix_and_hold_words_not_pictures():
    at = app()
    answer(at, BEFORE, "lying", "disagree")
    kept = {k for k in user_keys(at) if "lying" in k}
    assert kept and all(k.startswith(beliefs.KEY) for k in kept)
    assert at.session_state[beliefs.answer_key(BEFORE, "lying")] == "disagree"


# -- classroom -----------------------------------------------------------------------------------


def rows_in(chart) -> list[dict]:
    """The rows a chart draws: Streamlit sends them beside the spec, as an Arrow table."""
    return pa.ipc.open_stream(chart.proto.data.data).read_all().to_pylist()


def count(at: AppTest, phase: str, key: str, answer: str, n: int) -> AppTest:
    widget = "beliefs.w." + beliefs.count_key(phase, key, answer).removeprefix(beliefs.KEY)
    return at.number_input(key=widget).set_value(n).run()


def test_the_classroom_counts_draw_the_before_and_after_bars_and_a_table():
    at = app(mode="classroom")
    at.switch_page("demos/classroom.py").run()
    # Step 1, the warm-up: the show of hands before. No bars until a count is typed.
    assert t("beliefs.class_before_title") in texts(at)
    assert not at.get("vega_lite_chart")
    assert t("beliefs.no_counts") in texts(at)
    count(at, BEFORE, "smile", "agree", 21)
    count(at, BEFORE, "smile", "disagree", 4)
    assert at.get("vega_lite_chart")
    # To the last step, the wrap-up: the show of hands after; the counts before are kept.
    plan = lesson.lessons("en")["short"]
    for _ in plan.steps[1:]:
        click(at, t("classroom.next"))
    assert t("beliefs.class_after_title") in texts(at)
    assert t("beliefs.class_before_title") not in texts(at)
    count(at, AFTER, "smile", "agree", 8)
    count(at, AFTER, "smile", "not_sure", 12)
    [chart] = at.get("vega_lite_chart")
    drawn = {(r["bar"], r["answer"]): r["count"] for r in rows_in(chart)}
    before, after = f"1 · {t('beliefs.before')}", f"1 · {t('beliefs.after')}"
    assert drawn[(before, t("beliefs.answer.agree"))] == 21
    assert drawn[(after, t("beliefs.answer.not_sure"))] == 12
    # The same numbers as text, for a screen reader and a projector that shows no colour.
    before_cell = t("beliefs.counts", agree=21, not_sure=0, disagree=4)
    after_cell = t("beliefs.counts", agree=8, not_sure=12, disagree=0)
    row = f"| 1. {beliefs.statement('smile')} | {before_cell} | {after_cell} |"
    assert row in texts(at)
    assert chart.proto.alt == t("beliefs.chart_alt")


def test_the_show_of_hands_steps_are_the_warm_up_and_the_wrap_up_of_both_lessons():
    for plan in lesson.lessons("en").values():
        keys = [s.key for s in plan.steps]
        assert keys[0] == "warm_up" and keys[-1] == "wrap_up"
    assert lesson.BELIEFS == {"warm_up": BEFORE, "wrap_up": AFTER}


# -- kiosk ---------------------------------------------------------------------------------------


def kiosk_to_the_end(at: AppTest) -> AppTest:
    click(at, t("kiosk.touch_to_start"))
    assert beliefs.statement(beliefs.KIOSK_STATEMENT) in [h.value for h in at.header]
    click(at, t("beliefs.answer.agree"))  # one touch, and on to the camera notice
    assert t("kiosk.notice_title") in [h.value for h in at.header]
    click(at, t("kiosk.without_camera"))
    at.session_state["kiosk.step"] = "learned"
    return at.run()


def test_the_kiosk_asks_one_statement_at_the_start_and_the_same_at_the_end(fake_clock):
    at = kiosk_to_the_end(app(mode="kiosk"))
    assert at.session_state[beliefs.answer_key(BEFORE, beliefs.KIOSK_STATEMENT)] == "agree"
    assert beliefs.statement(beliefs.KIOSK_STATEMENT) in [h.value for h in at.header]
    assert t("beliefs.evidence_title") not in texts(at)  # the evidence waits for the touch
    click(at, t("beliefs.answer.disagree"))
    shown = texts(at)
    compare = t(
        "beliefs.compare", before=t("beliefs.answer.agree"), now=t("beliefs.answer.disagree")
    )
    assert f"{compare} {t('beliefs.change.changed')}" in shown
    assert content.render_citations(beliefs.evidence(beliefs.KIOSK_STATEMENT)) in shown
    assert t("kiosk.finish") in buttons(at)


def test_a_kiosk_reset_clears_the_answers(fake_clock):
    at = kiosk_to_the_end(app(mode="kiosk"))
    click(at, t("beliefs.answer.not_sure"))
    assert any(k.startswith(beliefs.KEY) for k in user_keys(at))
    click(at, t("kiosk.finish"))
    assert buttons(at) == [t("kiosk.touch_to_start")]
    assert not [k for k in user_keys(at) if k.startswith(beliefs.KEY)]
    # The next visitor starts with nothing: the statement asks again, no answer kept.
    click(at, t("kiosk.touch_to_start"))
    assert beliefs.answer_key(BEFORE, beliefs.KIOSK_STATEMENT) not in at.session_state


def test_the_idle_reset_forgets_the_kiosk_answers_too(fake_clock):
    at = app(mode="kiosk")
    click(at, t("kiosk.touch_to_start"))
    click(at, t("beliefs.answer.agree"))
    assert beliefs.answer_key(BEFORE, beliefs.KIOSK_STATEMENT) in at.session_state
    fake_clock.now += 500  # the visitor walked away
    at.run()
    assert buttons(at) == [t("kiosk.touch_to_start")]
    assert not [k for k in user_keys(at) if k.startswith(beliefs.KEY)]
