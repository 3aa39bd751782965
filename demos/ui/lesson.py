"""The classroom lesson's steps (from content/<locale>/classroom.toml), and what the shell
shows on an activity page while a lesson runs: which step it is, and its questions."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import streamlit as st

from . import links
from .content import load_toml, locale, render_citations, t

LESSON = "classroom.lesson"  # "short" (45 minutes) or "long" (90 minutes)
STEP = "classroom.step"  # index of the current step in that lesson
# The steps where the class answers the five statements by a show of hands (demos/ui/beliefs.py):
# the warm-up finds out what the class believes, the wrap-up asks again.
BELIEFS = {"warm_up": "before", "wrap_up": "after"}


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    page: str  # the activity's module name in demos/
    goal: str
    activity: str
    no_camera: str
    questions: tuple[str, ...]
    minutes: int
    key_question: int = 0  # index into questions: the one to ask when time is short
    then_break: int = 0  # minutes of break after this step (0: none)


@dataclass(frozen=True)
class Lesson:
    key: str
    title: str
    steps: tuple[Step, ...]
    transition: int = 0  # minutes each switch between two steps takes

    @property
    def minutes(self) -> int:
        """The whole lesson: steps, breaks and every switch between steps."""
        return sum(s.minutes + s.then_break for s in self.steps) + self.transitions

    @property
    def transitions(self) -> int:
        return self.transition * max(len(self.steps) - 1, 0)


@cache
def _raw(loc: str) -> dict:
    return load_toml(loc, "classroom.toml")


def guide(loc: str | None = None) -> dict:
    """The facilitator guide's words (title, preparation, ground rules, ...)."""
    return _raw(loc or locale())["guide"]


def kit(loc: str | None = None) -> dict:
    """The teacher's kit: handout, exit ticket, glossary, notes, safeguarding, unplugged."""
    raw = _raw(loc or locale())
    return {
        k: raw[k]
        for k in (
            "handout",
            "exit_ticket",
            "glossary",
            "notes",
            "safeguarding",
            "unplugged",
            "extension",
        )
    }


def lessons(loc: str | None = None) -> dict[str, Lesson]:
    """Every lesson plan ("short", "long"), its steps filled in with their minutes."""
    raw = _raw(loc or locale())
    found = {}
    for key, plan in raw["lessons"].items():
        steps = []
        for entry in plan["steps"]:
            s = raw["steps"][entry["step"]]
            steps.append(
                Step(
                    entry["step"],
                    s["title"],
                    s["page"],
                    s["goal"],
                    s["activity"],
                    s["no_camera"],
                    tuple(s["questions"]),
                    int(entry["minutes"]),
                    int(s["key_question"]) - 1,  # content counts from 1, as a teacher would
                    int(entry.get("then_break", 0)),
                )
            )
        found[key] = Lesson(key, plan["title"], tuple(steps), int(plan.get("transition", 0)))
    return found


def current() -> tuple[Lesson, int]:
    """The lesson this session is running, and the index of its current step."""
    plans = lessons()
    lesson = plans.get(st.session_state.get(LESSON, "short"), plans["short"])
    index = min(max(int(st.session_state.get(STEP, 0)), 0), len(lesson.steps) - 1)
    return lesson, index


def _step_here(name: str) -> tuple[Lesson, int, Step] | None:
    lesson, index = current()
    step = lesson.steps[index]
    return (lesson, index, step) if step.page == name and name != "classroom" else None


def step_bar(plan: Lesson, index: int, key: str, **values: object) -> None:
    """The lesson's progress bar at step `index`, labelled by the string at `key` (which gets
    the step's number n, the number of steps and the step's minutes, plus `values`)."""
    n, total = index + 1, len(plan.steps)
    text = t(key, n=n, total=total, minutes=plan.steps[index].minutes, **values)
    st.progress(n / total, text=text)


def banner(name: str) -> None:
    """At the top of an activity page during a lesson: the step, its time, the way back."""
    here = _step_here(name)
    if here is None:
        if name != "classroom":
            links.page_link("classroom", t("classroom.back"), ":material/school:")
        return
    lesson, index, step = here
    step_bar(lesson, index, "classroom.banner", title=step.title)
    links.page_link("classroom", t("classroom.back"), ":material/school:")


def questions(name: str) -> None:
    """At the bottom of an activity page during a lesson: the step's discussion questions."""
    here = _step_here(name)
    if here is None:
        return
    _, _, step = here
    st.divider()
    st.header(guide()["questions_title"])
    st.markdown(question_list(step))


def question_list(step: Step) -> str:
    """The step's questions as a Markdown list, the key one named in words (not only bold)."""
    label = guide()["key_question"]
    return "\n".join(
        f"1. **{label}:** {render_citations(q)}"
        if n == step.key_question
        else f"1. {render_citations(q)}"
        for n, q in enumerate(step.questions)
    )
