"""Before and after: five statements a learner answers at the start and again at the end.

Answers live in this session only (keys under "beliefs."), so they go with it: a kiosk reset,
a closed tab. Nothing is counted across visitors. The counts and tallies are pure functions;
the Streamlit pieces for the welcome page, the last step, the kiosk and the classroom follow.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import altair as alt
import streamlit as st

from demos.engine.base_rates import DEFAULT_THRESHOLD, round_people, screen_at

from . import links
from .content import number, render_citations, t

KEY = "beliefs."
ANSWERS = ("agree", "not_sure", "disagree")
BEFORE, AFTER = "before", "after"
PHASES = (BEFORE, AFTER)
_SKIPPED = KEY + "skipped"
# Each statement in bold, larger type, kept as its radio group's own (accessible) label.
_LARGE_LABELS = """<style>
[class*="st-key-fv_beliefs_"] [data-testid="stWidgetLabel"] p {
  font-size: 1.1rem; font-weight: 600; line-height: 1.4;
}
</style>"""
_PAGES = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Statement:
    """One statement; `page` is where a learner meets the evidence (a page's module name)."""

    key: str
    page: str
    mixed: bool = False  # the evidence is mixed: more than one answer is fair
    fallback: str = "learn_more"  # the page to point to while `page` is not installed


STATEMENTS = (
    Statement("smile", "fake_it", mixed=True),
    Statement("lying", "learn_more"),
    Statement("accuracy", "checkpoint"),
    Statement("everyone", "your_neutral"),
    Statement("pulse", "pulse"),
)
BY_KEY = {s.key: s for s in STATEMENTS}
KIOSK_STATEMENT = "accuracy"  # the kiosk loop's one statement: its Checkpoint step answers it
# The Checkpoint's opening day, as on the page: a million drivers, 1 in 10,000 carries drugs.
CHECKPOINT_DRIVERS, CHECKPOINT_ONE_IN = 1_000_000, 10_000


# -- pure: answers, changes and tallies ------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    """How many said agree, not sure and disagree (a class's show of hands, or one tab's)."""

    agree: int = 0
    not_sure: int = 0
    disagree: int = 0

    @property
    def total(self) -> int:
        return self.agree + self.not_sure + self.disagree

    def count(self, answer: str) -> int:
        return int(getattr(self, answer))


def tally(answers: Iterable[str | None]) -> Tally:
    """Count the answers given; an unanswered statement (None) counts for nothing."""
    given = [a for a in answers if a in ANSWERS]
    return Tally(*(given.count(a) for a in ANSWERS))


def change(before: str | None, now: str | None) -> str:
    """How a view moved, in one word: none (no answer now), new, same or changed."""
    if now not in ANSWERS:
        return "none"
    if before not in ANSWERS:
        return "new"
    return "same" if before == now else "changed"


def answer_key(phase: str, statement: str) -> str:
    return f"{KEY}{phase}.{statement}"


def count_key(phase: str, statement: str, answer: str) -> str:
    return f"{KEY}class.{phase}.{statement}.{answer}"


def class_tallies(state: Mapping) -> dict[str, dict[str, Tally]]:
    """The class's counts by phase and statement, read from session-like state (0 if unset)."""

    def read(key: str) -> int:
        try:
            return max(int(state.get(key) or 0), 0)
        except (TypeError, ValueError):
            return 0

    return {
        phase: {
            s.key: Tally(*(read(count_key(phase, s.key, a)) for a in ANSWERS)) for s in STATEMENTS
        }
        for phase in PHASES
    }


def has_counts(tallies: Mapping[str, Mapping[str, Tally]]) -> bool:
    return any(x.total for by in tallies.values() for x in by.values())


def chart_rows(tallies: Mapping[str, Mapping[str, Tally]]) -> list[dict[str, object]]:
    """One row per statement, phase and answer: the bars' data, in the order they are drawn."""
    rows = []
    for n, s in enumerate(STATEMENTS, start=1):
        for phase in PHASES:
            x = tallies[phase][s.key]
            for order, a in enumerate(ANSWERS):
                rows.append(
                    {
                        "bar": f"{n} · {t(f'beliefs.{phase}')}",
                        "answer": t(f"beliefs.answer.{a}"),
                        "count": x.count(a),
                        "order": order,
                    }
                )
    return rows


# -- words -------------------------------------------------------------------------------------


def statement(key: str) -> str:
    return t(f"beliefs.statement.{key}")


def label(answer: str | None) -> str:
    return t(f"beliefs.answer.{answer}" if answer in ANSWERS else "beliefs.answer.none")


def evidence(key: str) -> str:
    """What the evidence says, one cited line; the Checkpoint's sum is worked out, not typed."""
    if key != "accuracy":
        return t(f"beliefs.evidence.{key}")
    s = screen_at(CHECKPOINT_DRIVERS, CHECKPOINT_ONE_IN, DEFAULT_THRESHOLD)
    per = 1_000
    right = round_people((s.share_of_flags_right or 0) * per)
    return t(
        "beliefs.evidence.accuracy",
        one_in=number(CHECKPOINT_ONE_IN),
        right=number(right),
        per=number(per),
    )


def page_of(s: Statement) -> str:
    """The statement's page, or its fallback while that page is not installed."""
    return s.page if (_PAGES / f"{s.page}.py").is_file() else s.fallback


def table(rows: list[list[str]], head: list[str]) -> str:
    """A Markdown table (a screen reader reads it cell by cell, with its headers)."""
    clean = [[c.replace("|", "\\|") for c in r] for r in [head, *rows]]
    lines = ["| " + " | ".join(clean[0]) + " |", "|" + "---|" * len(head)]
    return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in clean[1:]])


# -- session-only answers ------------------------------------------------------------------


def answer(phase: str, key: str) -> str | None:
    value = st.session_state.get(answer_key(phase, key))
    return value if value in ANSWERS else None


def set_answer(phase: str, key: str, value: str) -> None:
    st.session_state[answer_key(phase, key)] = value


def _copy(widget: str, stored: str) -> None:
    # A widget's own state is dropped once its page is left; the answer is kept under its own
    # key for the rest of the session (and no longer).
    st.session_state[stored] = st.session_state.get(widget)


def _radio(phase: str, n: int, s: Statement) -> str | None:
    stored = answer_key(phase, s.key)
    widget = f"{KEY}ask.{phase}.{s.key}"
    now = answer(phase, s.key)
    st.radio(
        f"{n}. {statement(s.key)}",
        ANSWERS,
        index=ANSWERS.index(now) if now else None,
        key=widget,
        format_func=label,
        horizontal=True,
        on_change=_copy,
        args=(widget, stored),
    )
    return answer(phase, s.key)


def _skip(on: bool) -> None:
    st.session_state[_SKIPPED] = on


def skipped() -> bool:
    return bool(st.session_state.get(_SKIPPED))


def before() -> None:
    """On the welcome page: the five statements before the path starts, skippable at once."""
    st.html(_LARGE_LABELS)
    with st.container(border=True, key="fv_beliefs_before"):
        st.header(t("beliefs.before_title"))  # h2: right under the page's h1
        if skipped():
            st.markdown(t("beliefs.skipped"))
            st.button(t("beliefs.unskip"), key=KEY + "unskip", on_click=_skip, args=(False,))
            return
        st.markdown(t("beliefs.before_help"))
        given = [_radio(BEFORE, n, s) for n, s in enumerate(STATEMENTS, start=1)]
        if all(given):
            st.markdown(t("beliefs.saved"))
        else:
            st.button(t("beliefs.skip"), key=KEY + "skip", on_click=_skip, args=(True,))


def after() -> None:
    """On the last step: the same five again, then both answers side by side with the
    evidence and the page where the learner met it."""
    st.html(_LARGE_LABELS)
    with st.container(border=True, key="fv_beliefs_after"):
        st.header(t("beliefs.after_title"))  # h2: right under the page's h1
        st.markdown(t("beliefs.after_help"))
        for n, s in enumerate(STATEMENTS, start=1):
            _radio(AFTER, n, s)
    answered = [s for s in STATEMENTS if answer(AFTER, s.key)]
    if not answered:
        return
    st.subheader(t("beliefs.compare_title"))
    st.markdown(
        table(
            [
                [
                    f"{n}. {statement(s.key)}",
                    label(answer(BEFORE, s.key)),
                    label(answer(AFTER, s.key)),
                ]
                for n, s in enumerate(STATEMENTS, start=1)
            ],
            [t("beliefs.statement_head"), t("beliefs.before"), t("beliefs.now")],
        )
    )
    for n, s in enumerate(STATEMENTS, start=1):
        if s not in answered:
            continue
        with st.container(border=True):
            st.markdown(f"**{n}. {statement(s.key)}**")
            was, now = answer(BEFORE, s.key), answer(AFTER, s.key)
            st.markdown(
                t("beliefs.compare", before=label(was), now=label(now))
                + " "
                + t(f"beliefs.change.{change(was, now)}")
            )
            st.markdown(f"**{t('beliefs.evidence_title')}:** {render_citations(evidence(s.key))}")
            st.markdown(t("beliefs.mixed" if s.mixed else "beliefs.clear"))
            page = page_of(s)
            links.page_link(page, t("beliefs.met", title=t(f"nav.{page}")), ":material/undo:")
    st.caption(t("beliefs.memory"))


# -- kiosk: one statement, one touch at the start and one at the end ---------------------------


def kiosk_question(phase: str, on_answer: Callable[[], None]) -> None:
    """The kiosk's one statement as three large buttons; a touch answers it."""

    def chosen(value: str) -> None:
        set_answer(phase, KIOSK_STATEMENT, value)
        on_answer()

    with st.container(key=f"fv_beliefs_kiosk_{phase}"):
        st.header(statement(KIOSK_STATEMENT))
        for column, value in zip(st.columns(len(ANSWERS)), ANSWERS, strict=True):
            column.button(
                label(value),
                key=f"{KEY}kiosk.{phase}.{value}",
                width="stretch",
                on_click=chosen,
                args=(value,),
            )


def kiosk_compare() -> None:
    """Both touches side by side in words, and what the evidence says."""
    was, now = answer(BEFORE, KIOSK_STATEMENT), answer(AFTER, KIOSK_STATEMENT)
    st.markdown(f"**{statement(KIOSK_STATEMENT)}**")
    st.markdown(
        t("beliefs.compare", before=label(was), now=label(now))
        + " "
        + t(f"beliefs.change.{change(was, now)}")
    )
    st.markdown(f"**{t('beliefs.evidence_title')}:** {render_citations(evidence(KIOSK_STATEMENT))}")


# -- classroom: the show of hands ------------------------------------------------------------


def class_counts(phase: str) -> None:
    """The presenter types the show of hands for each statement (kept for this session only)."""
    st.subheader(t(f"beliefs.class_{phase}_title"))
    st.markdown(t("beliefs.class_help"))
    for n, s in enumerate(STATEMENTS, start=1):
        st.markdown(f"**{n}. {statement(s.key)}**")
        for column, a in zip(st.columns(len(ANSWERS)), ANSWERS, strict=True):
            stored = count_key(phase, s.key, a)
            widget = KEY + "w." + stored.removeprefix(KEY)
            column.number_input(
                t("beliefs.count", n=n, answer=label(a)),
                min_value=0,
                max_value=999,
                step=1,
                value=int(st.session_state.get(stored) or 0),
                key=widget,
                on_change=_copy,
                args=(widget, stored),
            )
    class_results()


def class_chart(tallies: Mapping[str, Mapping[str, Tally]]) -> alt.LayerChart:
    """Before and after bars per statement, stacked by answer; counts written on the bars."""
    rows = chart_rows(tallies)
    bars = [r["bar"] for r in rows[:: len(ANSWERS)]]
    answers = [label(a) for a in ANSWERS]
    base = alt.Chart(alt.Data(values=rows)).encode(
        y=alt.Y("bar:N", sort=bars, title=None),
        x=alt.X("sum(count):Q", title=t("beliefs.hands"), stack="zero"),
        order=alt.Order("order:Q"),
    )
    fill = base.mark_bar(stroke="white").encode(
        color=alt.Color(
            "answer:N",
            scale=alt.Scale(domain=answers, range=["#1f6fb2", "#666666", "#b5441f"]),
            legend=alt.Legend(title=None, orient="top"),
            sort=answers,
        )
    )
    text = (
        base.mark_text(dx=-8, align="right", color="white", fontWeight="bold", fontSize=15)
        .encode(text=alt.Text("count:Q"), detail="answer:N")
        .transform_filter("datum.count > 0")
    )
    # White counts on these fills keep 4.5:1 or more; large type for a projector.
    return (
        alt.layer(fill, text)
        .properties(height=44 * len(bars))
        .configure_axis(labelFontSize=15, titleFontSize=15)
        .configure_legend(labelFontSize=15, symbolSize=200)
    )


def class_results() -> None:
    """The bars and the same numbers as a table (never the chart alone)."""
    tallies = class_tallies(st.session_state)
    if not has_counts(tallies):
        st.caption(t("beliefs.no_counts"))
        return
    st.subheader(t("beliefs.class_chart_title"))
    st.altair_chart(class_chart(tallies), width="stretch", alt=t("beliefs.chart_alt"))
    head = [t("beliefs.statement_head"), t("beliefs.before"), t("beliefs.after")]
    rows = []
    for n, s in enumerate(STATEMENTS, start=1):
        cells = [
            t(
                "beliefs.counts",
                agree=tallies[p][s.key].agree,
                not_sure=tallies[p][s.key].not_sure,
                disagree=tallies[p][s.key].disagree,
            )
            for p in PHASES
        ]
        rows.append([f"{n}. {statement(s.key)}", *cells])
    st.markdown(table(rows, head))
