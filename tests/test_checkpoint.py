"""Checkpoint and Learn more, driven in AppTest. Expected numbers come from the engine."""

from __future__ import annotations

import itertools
import json
from fractions import Fraction

from streamlit.testing.v1 import AppTest

from demos.checkpoint import GUESS
from demos.engine.base_rates import (
    DEFAULT_THRESHOLD,
    THRESHOLDS,
    dial,
    group_rows,
    icon_counts,
    round_people,
    screen_at,
    two_groups,
)
from demos.ui import content
from demos.ui.content import t
from demos.ui.drivers import GUESSES

from .apptest import open_app, texts


def guessed(n: int = 50, lang: str | None = None) -> AppTest:
    """The Checkpoint with a guess given, so the answer shows."""
    at = open_app("demos/checkpoint.py", lang=lang)
    at.radio(key=GUESS).set_value(n).run()
    assert not at.exception
    return at


def headline(at: AppTest) -> str:
    return " ".join(h.value for h in at.get("html") if 'data-testid="fv-headline"' in h.value)


def set_dial(at: AppTest, threshold: Fraction, one_in: int = 10_000, drivers: int = 1_000_000):
    at.slider(key="checkpoint.threshold").set_value(float(threshold))
    at.select_slider(key="checkpoint.one_in").set_value(one_in)
    at.select_slider(key="checkpoint.drivers").set_value(drivers)
    at.run()
    assert not at.exception


def day(threshold: Fraction, one_in: int = 10_000, drivers: int = 1_000_000) -> dict[str, int]:
    return icon_counts(screen_at(drivers, one_in, threshold), drivers)


def expected_headline(d: dict[str, int]) -> str:
    """The headline worked out here from the whole drivers (the page's own rule, restated)."""
    caught, innocent = d["caught"], d["flagged_innocent"]
    if innocent == 0:
        return t("checkpoint.headline_no_searches")
    if caught == 0:
        return t("checkpoint.headline_none_caught", innocent=f"{innocent:,}")
    if innocent >= caught:
        per = round_people(Fraction(innocent, caught))
        return t("checkpoint.headline_one") if per == 1 else t("checkpoint.headline", n=f"{per:,}")
    per = round_people(Fraction(caught, innocent))
    return (
        t("checkpoint.headline_one") if per == 1 else t("checkpoint.headline_flipped", n=f"{per:,}")
    )


def totals(d: dict[str, int]) -> str:
    return t(
        "checkpoint.totals",
        caught=f"{d['caught']:,}",
        missed=f"{d['missed']:,}",
        innocent=f"{d['flagged_innocent']:,}",
        passed=f"{d['passed_innocent']:,}",
    )


def rates(threshold: Fraction) -> str:
    d = dial(threshold)
    return t(
        "checkpoint.rates",
        sens=f"{100 * float(d.sensitivity):.2f}%",
        fa=f"{100 * float(d.false_alarm):.2f}%",
    )


# -- guess first -------------------------------------------------------------------------------


def test_the_checkpoint_hides_the_headline_until_a_guess():
    at = open_app("demos/checkpoint.py")
    assert not at.exception
    assert at.radio(key=GUESS).value is None
    assert [str(o) for o in at.radio(key=GUESS).options] == [f"{n:,}" for n in GUESSES]
    assert t("checkpoint.guess_question") == at.radio(key=GUESS).label
    assert t("guess.first") in texts(at)
    assert headline(at) == ""
    assert not at.get("vega_lite_chart")  # the icon array is the answer too
    assert not at.slider and not at.select_slider  # the dial waits as well
    assert t("path.showed", takeaway=t("path.takeaway.checkpoint")) not in texts(at)


def test_a_guess_reveals_the_headline_with_the_guess_beside_the_answer():
    at = guessed(5)
    d = day(DEFAULT_THRESHOLD)
    assert expected_headline(d) in headline(at)
    per = round_people(Fraction(d["flagged_innocent"], d["caught"]))
    assert t("guess.beside", guess="5", answer=f"{per:,}") in texts(at)
    assert at.get("vega_lite_chart")
    # The guess is locked: the answer cannot be read and the guess changed afterwards.
    assert at.radio(key=GUESS).disabled and at.radio(key=GUESS).value == 5


def test_the_guess_stays_beside_the_answer_while_the_dial_moves():
    at = guessed(500)
    set_dial(at, THRESHOLDS[-1])
    assert at.session_state[GUESS] == 500
    d = day(THRESHOLDS[-1])
    assert expected_headline(d) in headline(at)
    assert t(
        "guess.beside",
        guess="500",
        answer=f"{round_people(Fraction(d['flagged_innocent'], d['caught'])):,}",
    ) in texts(at)


def test_what_this_showed_appears_only_after_the_guess():
    at = open_app("demos/checkpoint.py")
    showed = t("path.showed", takeaway=t("path.takeaway.checkpoint"))
    assert showed not in texts(at)
    at.radio(key=GUESS).set_value(1).run()
    assert showed in texts(at)


def test_the_guess_first_flow_in_spanish():
    at = guessed(50, lang="es")
    assert t("checkpoint.guess_question", "es") == at.radio(key=GUESS).label
    # 521 innocent drivers per smuggler caught, at the default dial: the number is the point.
    assert t("checkpoint.headline", "es", n="521") in headline(at)


# -- one dial ----------------------------------------------------------------------------------


def test_the_default_page_gives_the_engines_numbers():
    at = guessed()
    d = day(DEFAULT_THRESHOLD)
    assert expected_headline(d) in headline(at)
    page = texts(at)
    flagged = d["caught"] + d["flagged_innocent"]
    assert (
        t(
            "checkpoint.flags_right",
            flagged=f"{flagged:,}",
            right=f"{d['caught']:,}",
            pct=f"{100 * d['caught'] / flagged:.2f}%",
        )
        in page
    )
    assert totals(d) in page
    assert rates(DEFAULT_THRESHOLD) in page


def test_there_is_one_dial_and_the_two_old_sliders_are_gone():
    at = guessed()
    assert [s.key for s in at.slider] == ["checkpoint.threshold"]
    assert {s.key for s in at.select_slider} == {"checkpoint.one_in", "checkpoint.drivers"}
    assert at.slider(key="checkpoint.threshold").label == t("checkpoint.threshold")


def test_raising_the_dial_searches_fewer_innocent_drivers_and_catches_fewer_smugglers():
    at = guessed()
    low, high = THRESHOLDS[10], THRESHOLDS[-10]
    set_dial(at, low)
    assert rates(low) in texts(at) and totals(day(low)) in texts(at)
    set_dial(at, high)
    assert rates(high) in texts(at) and totals(day(high)) in texts(at)
    assert day(high)["caught"] < day(low)["caught"]
    assert day(high)["flagged_innocent"] < day(low)["flagged_innocent"]


def test_the_page_numbers_match_the_engine_over_a_grid_of_settings():
    at = guessed()
    for threshold, one_in, drivers in itertools.product(
        (THRESHOLDS[0], Fraction(60), DEFAULT_THRESHOLD, Fraction(75), THRESHOLDS[-1]),
        (100, 100_000),
        (1_000, 1_000_000),
    ):
        set_dial(at, threshold, one_in, drivers)
        d = day(threshold, one_in, drivers)
        page = texts(at)
        setting = (threshold, one_in, drivers)
        assert expected_headline(d) in headline(at), setting
        assert totals(d) in page, setting
        assert rates(threshold) in page, setting


def test_neither_end_of_the_dial_catches_every_smuggler_with_no_false_alarm():
    at = guessed()
    for end in (THRESHOLDS[0], THRESHOLDS[-1]):
        set_dial(at, end)
        page = texts(at)
        assert rates(end) in page
        both_perfect = t("checkpoint.rates", sens="100.00%", fa="0.00%")
        assert both_perfect not in page
        assert headline(at) and t("checkpoint.headline_no_searches") not in headline(at)


def test_small_numbers_agree_with_each_other():
    at = guessed()
    set_dial(at, DEFAULT_THRESHOLD, one_in=1_000, drivers=1_000)
    d = day(DEFAULT_THRESHOLD, 1_000, 1_000)
    assert d["caught"] == 1  # 0.95 expected, one whole driver
    assert expected_headline(d) in headline(at)
    assert totals(d) in texts(at)


def test_the_icon_array_counts_match_the_numbers():
    at = guessed()
    counts = icon_counts(screen_at(1_000_000, 10_000, DEFAULT_THRESHOLD), 10_000)
    legend = next(m.value for m in at.markdown if t("checkpoint.legend_caught") + ":" in m.value)
    assert legend == " · ".join(f"{t(f'checkpoint.legend_{k}')}: {counts[k]:,}" for k in counts)
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert spec["mark"]["type"] == "point"
    assert {"shape", "color"} <= set(spec["encoding"])  # shape as well as colour


# -- two groups --------------------------------------------------------------------------------


def test_the_two_groups_factor_is_an_assumption_and_group_b_is_flagged_twice_as_often():
    at = guessed()
    page = texts(at)
    intro = content.section("checkpoint", "two_groups_intro")
    assert content.render_citations(intro) in page  # the page says it, not only the file
    # Kept in English on purpose: the factor must be called an assumption (a content rule).
    assert "imagine" in intro.lower()
    assert "assumption" in intro
    assert not any(s.key == "checkpoint.factor" for s in at.slider)  # no longer a setting
    d = dial(DEFAULT_THRESHOLD)
    rows = group_rows(two_groups(500_000, 10_000, d.sensitivity, d.false_alarm, 2))
    for group, row in (("group_a", rows.a), ("group_b", rows.b)):
        line = t(
            "checkpoint.group_row",
            name=t(f"checkpoint.{group}"),
            drivers="500,000",
            guilty=f"{row.guilty:,}",
            searched=f"{row.searched:,}",
            innocent=f"{row.innocent_searched:,}",
        )
        assert line in page, line
    assert t("checkpoint.group_compare", times=f"{float(rows.times):.1f}") in page


def test_the_two_groups_cap_is_said_out_loud():
    at = guessed()
    set_dial(at, THRESHOLDS[0])  # 69% false alarms: twice that is more than everyone
    assert dial(THRESHOLDS[0]).false_alarm * 2 > 1
    assert t("checkpoint.group_capped") in texts(at)


# -- learn more --------------------------------------------------------------------------------


def test_prisons_and_borders_moved_to_learn_more_with_their_citations():
    at = open_app("demos/learn_more.py")
    assert not at.exception
    page = texts(at)
    checkpoint = texts(guessed())
    for loc in content.locales():
        assert {"prison", "borders"}.isdisjoint(content.page("checkpoint", loc)), loc
    for section, keys in (
        ("prison", ("globaltimes2021", "guardian2021", "article19_2021")),
        ("borders", ("sanchez2019",)),
    ):
        raw = content.section("learn_more", section)
        assert content.render_citations(raw) in page, section
        assert content.render_citations(raw) not in checkpoint, section
        assert set(keys) <= set(content.cited(raw)), section


def test_learn_more_lists_every_reference_with_its_full_citation():
    at = open_app("demos/learn_more.py")
    assert not at.exception
    page = texts(at)
    for ref in content.references("en").values():
        assert ref.full in page, ref.key
    assert f"({content.references('en')['barrett2019'].short})" in page
