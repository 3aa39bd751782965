"""Classroom lesson (/classroom, or ?mode=classroom): the presenter's numbered steps for a
45- or 90-minute lesson, and the printable facilitator guide."""

from __future__ import annotations

import streamlit as st

from demos.ui import beliefs, handout, links, mode, prose
from demos.ui.content import render_citations, t
from demos.ui.lesson import (
    BELIEFS,
    LESSON,
    STEP,
    current,
    guide,
    kit,
    lessons,
    question_list,
    step_bar,
)

URL_PATH = "classroom"
ORDER = 100


def _move(step: int) -> None:
    lesson, index = current()
    st.session_state[STEP] = min(max(index + step, 0), len(lesson.steps) - 1)


def _present(on: bool) -> None:
    chosen = mode.CLASSROOM if on else mode.SELF
    st.session_state[mode.KEY] = chosen
    st.query_params["mode"] = chosen  # so the address agrees, and a reload keeps it


def _lesson_changed() -> None:
    st.session_state[STEP] = 0


def render() -> None:
    g = guide()
    texts = [prose.markdown("classroom", "intro")]
    st.markdown(f"**{g['big_idea_title']}:** {render_citations(g['big_idea'])}")
    if st.session_state.get(mode.KEY) == mode.CLASSROOM:
        st.button(t("classroom.leave"), key="classroom.leave", on_click=_present, args=(False,))
    else:
        st.button(
            t("classroom.present"),
            key="classroom.present",
            type="primary",
            on_click=_present,
            args=(True,),
        )
    plans = lessons()
    st.segmented_control(
        t("classroom.choose"),
        options=list(plans),
        format_func=lambda k: plans[k].title,
        default="short",
        key=LESSON,
        on_change=_lesson_changed,
    )
    lesson, index = current()
    step = lesson.steps[index]
    with st.container(border=True):
        step_bar(lesson, index, "classroom.step_of", lesson=lesson.minutes)
        st.header(g["step_heading"].format(n=index + 1, title=step.title))
        st.markdown(f"**{g['goal']}:** {render_citations(step.goal)}")
        st.markdown(f"**{g['activity']}:** {render_citations(step.activity)}")
        st.markdown(f"**{g['no_camera_step']}:** {step.no_camera}")
        links.page_link(
            step.page,
            label=t("classroom.open", title=t(f"nav.{step.page}")),
            icon=":material/play_arrow:",
        )
        st.subheader(g["questions_title"])
        st.markdown(question_list(step))
        st.caption(g["key_note"])
        if step.then_break:
            st.markdown(f"**{g['then_break'].format(n=step.then_break)}**")
        if step.key in BELIEFS:
            # The show of hands: typed here, drawn as bars (kept in this session only).
            with st.container(border=True, key="fv_beliefs_class"):
                beliefs.class_counts(BELIEFS[step.key])
        texts += [step.goal, step.activity, *step.questions]
        back, forward = st.columns(2)
        back.button(
            t("classroom.previous"),
            key="classroom.prev",
            on_click=_move,
            args=(-1,),
            disabled=index == 0,
            width="stretch",
        )
        forward.button(
            t("classroom.next"),
            key="classroom.next",
            type="primary",
            on_click=_move,
            args=(1,),
            disabled=index == len(lesson.steps) - 1,
            width="stretch",
        )
    with st.expander(t("classroom.all_steps", title=lesson.title, minutes=lesson.minutes)):
        plan = []
        for n, s in enumerate(lesson.steps, start=1):
            plan.append(f"{n}. **{s.title}** · {g['minutes'].format(n=s.minutes)}")
            if s.then_break:
                plan.append(f"   - {g['plan_break'].format(n=s.then_break)}")
        st.markdown("\n".join(plan))
        st.caption(g["transitions"].format(each=lesson.transition, total=lesson.transitions))
    st.subheader(t("classroom.guide_title"))
    st.markdown(t("classroom.guide_help"))
    st.download_button(
        t("classroom.download"),
        data=handout.build(),
        file_name="face-value-guide.html",
        mime="text/html",
        key="classroom.download",
        on_click="ignore",
    )
    k = kit()
    with st.expander(g["objectives_title"]):
        st.markdown(g["objectives_lead"] + "\n\n" + "\n".join(f"- {o}" for o in g["objectives"]))
    with st.expander(g["prepare_title"]):
        st.markdown("\n".join(f"- {p}" for p in g["prepare"]))
    with st.expander(g["rules_title"]):
        st.markdown("\n".join(f"- {r}" for r in g["rules"]))
    with st.expander(g["no_camera_title"]):
        st.markdown(g["no_camera"])
    with st.expander(k["safeguarding"]["title"]):
        st.markdown("\n".join(f"- {i}" for i in k["safeguarding"]["items"]))
    notes = k["notes"]
    with st.expander(notes["title"]):
        for part in ("training", "case", "line", "misread"):
            st.markdown(f"**{notes[part + '_title']}**")
            st.markdown("\n".join(f"- {render_citations(x)}" for x in notes[part]))
            texts += notes[part]
    with st.expander(k["unplugged"]["title"]):
        st.markdown(k["unplugged"]["intro"])
        st.markdown("\n".join(f"1. {x}" for x in k["unplugged"]["steps"]))
    ext = k["extension"]
    with st.expander(ext["title"]):
        st.markdown(f"**{ext['starters_title']}**")
        st.markdown("\n".join(f"- {x}" for x in ext["starters"]))
        st.markdown(f"**{ext['homework_title']}:** {ext['homework']}")
    with st.expander(k["handout"]["glossary_title"]):
        st.markdown("\n".join(f"- **{x['term']}**: {x['meaning']}" for x in k["glossary"]["terms"]))
    texts.append(g["big_idea"])
    prose.sources(*texts)


if __name__ == "__main__":
    render()
