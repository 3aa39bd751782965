"""Checkpoint (/checkpoint): what "95% accurate" means when police screen every passing car."""

from __future__ import annotations

from fractions import Fraction

import streamlit as st

from demos.engine.base_rates import (
    CARRIER_MEAN,
    DEFAULT_THRESHOLD,
    INNOCENT_MEAN,
    THRESHOLDS,
    Screening,
    dial,
    group_rows,
    icon_counts,
    screen,
    two_groups,
)
from demos.ui import guess, guided_path, prose
from demos.ui.content import number, percent, t
from demos.ui.drivers import GUESSES, answer, headline, icon_array, legend

URL_PATH = "checkpoint"
ORDER = 40
KEY = "checkpoint."
GUESS = KEY + "guess"  # the learner's guess: session state only, never kept beyond it
DRIVERS = [1_000, 10_000, 100_000, 1_000_000]
ONE_IN = [100, 1_000, 10_000, 100_000]
GROUP = 10_000  # drivers in the icon array: enough for one smuggler at 1 in 10,000
# The two-groups example's assumption, said in the content as "twice": an innocent member of
# group B looks nervous, and so is flagged, this many times as often as one of group A.
NERVOUS_FACTOR = 2


def _inputs() -> tuple[int, int, Fraction]:
    """The dial, then the base rate and the drivers: one idea, one second control."""
    threshold = st.slider(
        t("checkpoint.threshold"),
        float(THRESHOLDS[0]),
        float(THRESHOLDS[-1]),
        float(DEFAULT_THRESHOLD),
        0.5,
        format="%.1f",
        key=KEY + "threshold",
    )
    d = dial(threshold)
    st.markdown(
        t(
            "checkpoint.rates",
            sens=percent(float(d.sensitivity), 2),
            fa=percent(float(d.false_alarm), 2),
        )
    )
    st.caption(t("checkpoint.model", innocent=number(INNOCENT_MEAN), carrier=number(CARRIER_MEAN)))
    left, right = st.columns(2, gap="large")
    with left:
        one_in = st.select_slider(
            t("checkpoint.one_in"),
            ONE_IN,
            value=10_000,
            format_func=lambda n: t("checkpoint.one_in_option", n=number(n)),
            key=KEY + "one_in",
        )
    with right:
        drivers = st.select_slider(
            t("checkpoint.drivers"),
            DRIVERS,
            value=1_000_000,
            format_func=number,
            key=KEY + "drivers",
        )
    return drivers, one_in, d.threshold


def _verdict(s: Screening, guessed: int) -> None:
    # Whole drivers, rounded once for the day so that every sentence and the totals agree.
    day = icon_counts(s, s.drivers)
    st.html(f'<p class="fv-verdict" data-testid="fv-headline">{headline(day)}</p>')
    guess.beside(number(guessed), answer(day))


def _details(s: Screening) -> None:
    """The day's totals under the dials, in the same whole drivers as the headline."""
    day = icon_counts(s, s.drivers)
    caught, innocent = day["caught"], day["flagged_innocent"]
    flagged = caught + innocent
    if flagged == 0:
        st.markdown(t("checkpoint.no_flags"))
    else:
        st.markdown(
            t(
                "checkpoint.flags_right",
                flagged=number(flagged),
                right=number(caught),
                pct=percent(caught / flagged, 2),
            )
        )
    st.markdown(
        t(
            "checkpoint.totals",
            caught=number(caught),
            missed=number(day["missed"]),
            innocent=number(innocent),
            passed=number(day["passed_innocent"]),
        )
    )
    st.caption(t("checkpoint.rounding"))


def exact(x: Fraction) -> str:
    """An exact average, with at most two decimals and no trailing zeros."""
    text = number(float(x), 2)
    return text.rstrip("0").rstrip(t("format.decimal")) if t("format.decimal") in text else text


def _steps(s: Screening, one_in: int) -> None:
    with st.expander(t("checkpoint.steps_title")):
        lines = [
            t(
                "checkpoint.step_guilty",
                drivers=number(s.drivers),
                one_in=number(one_in),
                guilty=exact(s.guilty),
            ),
            t(
                "checkpoint.step_innocent",
                drivers=number(s.drivers),
                guilty=exact(s.guilty),
                innocent=exact(s.innocent),
            ),
            t(
                "checkpoint.step_caught",
                guilty=exact(s.guilty),
                sens=percent(float(s.sensitivity), 2),
                caught=exact(s.caught),
            ),
            t(
                "checkpoint.step_flagged",
                innocent=exact(s.innocent),
                fa=percent(float(1 - s.specificity), 2),
                flagged=exact(s.flagged_innocent),
            ),
        ]
        if s.share_of_flags_right is not None:
            lines.append(
                t(
                    "checkpoint.step_share",
                    caught=exact(s.caught),
                    flagged=exact(s.flagged_innocent),
                    pct=percent(float(s.share_of_flags_right), 3),
                )
            )
        if s.innocent_per_caught is not None:
            lines.append(
                t(
                    "checkpoint.step_ratio",
                    flagged=exact(s.flagged_innocent),
                    caught=exact(s.caught),
                    ratio=exact(s.innocent_per_caught),
                )
            )
        st.markdown("\n".join(f"{i}. {line}" for i, line in enumerate(lines, start=1)))


def _two_groups(drivers: int, one_in: int, s: Screening) -> None:
    each = max(drivers // 2, 1)
    groups = two_groups(each, one_in, s.sensitivity, 1 - s.specificity, NERVOUS_FACTOR)
    # Whole drivers rounded once in the engine, so both rows and the comparison agree.
    rows = group_rows(groups)
    for name, row in ((t("checkpoint.group_a"), rows.a), (t("checkpoint.group_b"), rows.b)):
        st.markdown(
            t(
                "checkpoint.group_row",
                name=name,
                drivers=number(row.drivers),
                guilty=number(row.guilty),
                searched=number(row.searched),
                innocent=number(row.innocent_searched),
            )
        )
    if rows.times is not None:
        st.markdown(t("checkpoint.group_compare", times=number(float(rows.times), 1)))
    if groups.b.specificity == 0:
        st.markdown(t("checkpoint.group_capped"))


def render() -> None:
    texts = [prose.markdown("checkpoint", "intro")]
    guessed = guess.ask(GUESS, t("checkpoint.guess_question"), GUESSES, format_func=number)
    if guessed is None:
        # Guess first: the headline, the icon array and the dial wait for it.
        prose.sources(*texts)
        return
    guided_path.mark_done("checkpoint")
    # The answer sits right under the guess, though the dial that sets it comes further down.
    result = st.container()
    texts.append(prose.markdown("checkpoint", "how"))
    drivers, one_in, threshold = _inputs()
    d = dial(threshold)
    s = screen(drivers, one_in, d.sensitivity, d.specificity)
    with result:
        _verdict(s, guessed)
    _details(s)
    group = min(GROUP, drivers)
    counts = icon_counts(s, group)
    heading = t("checkpoint.group", group=number(group))
    st.markdown(f"**{heading}**")
    st.altair_chart(icon_array(counts), width="stretch", alt=f"{heading}. {legend(counts)}")
    st.markdown(legend(counts))
    texts.append(prose.markdown("checkpoint", "array_note"))
    _steps(s, one_in)
    texts.append(prose.markdown("checkpoint", "why_nervous"))
    texts.append(prose.markdown("checkpoint", "two_groups_intro"))
    _two_groups(drivers, one_in, s)
    texts.append(prose.markdown("checkpoint", "two_groups_loop"))
    prose.sources(*texts)


if __name__ == "__main__":
    render()
