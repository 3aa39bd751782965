"""Checkpoint (/checkpoint): what "95% accurate" means when police screen every passing car."""

from __future__ import annotations

from fractions import Fraction

import altair as alt
import pandas as pd
import streamlit as st

from demos.engine.base_rates import (
    KINDS,
    group_rows,
    icon_counts,
    icon_marks,
    screen,
    two_groups,
    whole,
)
from demos.ui import prose
from demos.ui.content import number, percent, t

URL_PATH = "checkpoint"
ORDER = 40
KEY = "checkpoint."
DRIVERS = [1_000, 10_000, 100_000, 1_000_000]
ONE_IN = [100, 1_000, 10_000, 100_000]
GROUP = 10_000  # drivers in the icon array: enough for one smuggler at 1 in 10,000
COLUMNS = 125
# Okabe-Ito colours (safe for colour-blind readers), and a shape for each kind as well.
COLOURS = {
    "caught": "#0072B2",
    "missed": "#CC79A7",
    "flagged_innocent": "#D55E00",
    "passed_innocent": "#C8C8C8",
}
STAR = (
    "M0,-1L0.22,-0.31L0.95,-0.31L0.36,0.12L0.59,0.81L0,0.38L-0.59,0.81L-0.36,0.12"
    "L-0.95,-0.31L-0.22,-0.31Z"
)
SHAPES = {
    "caught": STAR,
    "missed": "cross",
    "flagged_innocent": "square",
    "passed_innocent": "circle",
}
SIZES = {"caught": 160, "missed": 90, "flagged_innocent": 22, "passed_innocent": 6}


def icon_array(counts: dict[str, int]) -> alt.Chart:
    """One mark per driver; shape and colour both say which kind (a Vega chart, drawn locally)."""
    rows = [
        {"x": x, "y": y, "kind": t(f"checkpoint.legend_{kind}"), "size": SIZES[kind]}
        for x, y, kind in icon_marks(counts, COLUMNS)
    ]
    labels = [t(f"checkpoint.legend_{k}") for k in KINDS]
    data = pd.DataFrame(rows)
    return (
        alt.Chart(data)
        .mark_point(filled=True, opacity=1)
        .encode(
            x=alt.X("x:Q", axis=None),
            y=alt.Y("y:Q", axis=None, scale=alt.Scale(reverse=True)),
            color=alt.Color(
                "kind:N",
                scale=alt.Scale(domain=labels, range=[COLOURS[k] for k in KINDS]),
                legend=None,
            ),
            shape=alt.Shape(
                "kind:N",
                scale=alt.Scale(domain=labels, range=[SHAPES[k] for k in KINDS]),
                legend=None,
            ),
            size=alt.Size("size:Q", legend=None, scale=None),
            tooltip=["kind:N"],
        )
        .properties(height=520)
    )


def _inputs() -> tuple[int, int, float, float]:
    left, right = st.columns(2, gap="large")
    with left:
        drivers = st.select_slider(
            t("checkpoint.drivers"),
            DRIVERS,
            value=1_000_000,
            format_func=number,
            key=KEY + "drivers",
        )
        one_in = st.select_slider(
            t("checkpoint.one_in"),
            ONE_IN,
            value=10_000,
            format_func=lambda n: t("checkpoint.one_in_option", n=number(n)),
            key=KEY + "one_in",
        )
    with right:
        sens = st.slider(t("checkpoint.sensitivity"), 50.0, 100.0, 95.0, 0.5, key=KEY + "sens")
        spec = st.slider(t("checkpoint.specificity"), 50.0, 100.0, 95.0, 0.1, key=KEY + "spec")
    return drivers, one_in, sens / 100, spec / 100


def _verdict(s) -> None:
    # Whole drivers, rounded once for the day so that every sentence and the totals agree.
    day = icon_counts(s, s.drivers)
    caught, innocent = day["caught"], day["flagged_innocent"]
    flagged = caught + innocent
    if innocent == 0:
        headline = t("checkpoint.headline_no_searches")
    elif caught == 0:
        headline = t("checkpoint.headline_none_caught", innocent=number(innocent))
    elif innocent >= caught:
        per = whole(Fraction(innocent, caught))
        headline = (
            t("checkpoint.headline_one") if per == 1 else t("checkpoint.headline", n=number(per))
        )
    else:
        per = whole(Fraction(caught, innocent))
        headline = (
            t("checkpoint.headline_one")
            if per == 1
            else t("checkpoint.headline_flipped", n=number(per))
        )
    st.html(f'<p class="fv-verdict" data-testid="fv-headline">{headline}</p>')
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


def _steps(s, one_in: int, sens: float, spec: float) -> None:
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
                sens=percent(sens, 1),
                caught=exact(s.caught),
            ),
            t(
                "checkpoint.step_flagged",
                innocent=exact(s.innocent),
                spec=percent(spec, 1),
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


def _two_groups(drivers: int, one_in: int, sens: float, spec: float) -> None:
    factor = st.slider(
        t("checkpoint.nervous_factor"), 1.0, 4.0, 2.0, 0.5, format="%.1f×", key=KEY + "factor"
    )
    each = max(drivers // 2, 1)
    groups = two_groups(each, one_in, sens, 1 - spec, factor)
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
    texts = [prose.markdown("checkpoint", "intro"), prose.markdown("checkpoint", "how")]
    drivers, one_in, sens, spec = _inputs()
    s = screen(drivers, one_in, Fraction(str(sens)), Fraction(str(spec)))
    _verdict(s)
    group = min(GROUP, drivers)
    counts = icon_counts(s, group)
    st.markdown(f"**{t('checkpoint.group', group=number(group))}**")
    legend = " · ".join(f"{t(f'checkpoint.legend_{k}')}: {number(counts[k])}" for k in KINDS)
    heading = t("checkpoint.group", group=number(group))
    st.altair_chart(icon_array(counts), width="stretch", alt=f"{heading}. {legend}")
    st.markdown(legend)
    texts.append(prose.markdown("checkpoint", "array_note"))
    _steps(s, one_in, sens, spec)
    texts.append(prose.markdown("checkpoint", "why_nervous"))
    texts.append(prose.markdown("checkpoint", "two_groups_intro"))
    _two_groups(drivers, one_in, sens, spec)
    texts.append(prose.markdown("checkpoint", "two_groups_loop"))
    texts.append(prose.markdown("checkpoint", "prison"))
    texts.append(prose.markdown("checkpoint", "borders"))
    prose.sources(*texts)


if __name__ == "__main__":
    render()
