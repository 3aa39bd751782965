"""The Checkpoint's shared pieces (page and kiosk): the icon array of drivers, the headline
and the guess that comes before them."""

from __future__ import annotations

from fractions import Fraction

import altair as alt
import pandas as pd

from demos.engine.base_rates import KINDS, icon_marks, round_people

from .content import number, t

# The choices of "for every smuggler caught, how many innocent drivers are searched?"
GUESSES = (1, 5, 50, 500)
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


def icon_array(counts: dict[str, int], height: int = 520) -> alt.Chart:
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
        .properties(height=height)
    )


def legend(counts: dict[str, int]) -> str:
    """The icon array in words: how many marks of each kind."""
    return " · ".join(f"{t(f'checkpoint.legend_{k}')}: {number(counts[k])}" for k in KINDS)


def headline(day: dict[str, int]) -> str:
    """The day's result in one sentence, from whole drivers (see base_rates.icon_counts)."""
    caught, innocent = day["caught"], day["flagged_innocent"]
    if innocent == 0:
        return t("checkpoint.headline_no_searches")
    if caught == 0:
        return t("checkpoint.headline_none_caught", innocent=number(innocent))
    if innocent >= caught:
        per = round_people(Fraction(innocent, caught))
        return t("checkpoint.headline_one") if per == 1 else t("checkpoint.headline", n=number(per))
    per = round_people(Fraction(caught, innocent))
    return (
        t("checkpoint.headline_one")
        if per == 1
        else t("checkpoint.headline_flipped", n=number(per))
    )


def per_caught(day: dict[str, int]) -> Fraction | None:
    """Innocent drivers searched per smuggler caught, from the shown whole numbers."""
    return Fraction(day["flagged_innocent"], day["caught"]) if day["caught"] else None


def answer(day: dict[str, int]) -> str:
    """The answer to the guess, in the headline's own rounding (or a dash if nobody is caught)."""
    per = per_caught(day)
    if per is None:
        return "—"
    if per >= 1:
        return number(round_people(per))
    # Fewer than one innocent search per smuggler: two decimals say it (0.1, not 0).
    return number(float(per), 2)
