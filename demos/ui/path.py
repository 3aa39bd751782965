"""The suggested self-guided path: where the learner is, what a page showed, and what is next."""

from __future__ import annotations

import streamlit as st

from .content import t

# (page module, minutes). About 19 minutes in all; every page also stays reachable directly.
STEPS: tuple[tuple[str, int], ...] = (
    ("mirror", 2),
    ("fake_it", 2),
    ("your_neutral", 2),
    ("wink_or_blink", 2),
    ("same_face", 3),
    ("build_a_face", 2),
    ("robustness", 2),
    ("checkpoint", 3),
    ("learn_more", 1),
)
NAMES = tuple(name for name, _ in STEPS)


# Session flags only: a finished activity is forgotten with the session (kiosk reset included).
_DONE_KEY = "path_done"
# Pages with nothing to guess: reading them is the activity, so their takeaway shows at once.
READ_ONLY = frozenset({"learn_more"})


def mark_done(name: str) -> None:
    """Remember, for this session only, that the learner finished this page's activity."""
    done = st.session_state.setdefault(_DONE_KEY, set())
    done.add(name)


def is_done(name: str) -> bool:
    """Whether this page's activity was finished in this session."""
    return name in st.session_state.get(_DONE_KEY, set())


def page_file(name: str) -> str:
    return f"demos/{name}.py"


def total_minutes() -> int:
    return sum(minutes for _, minutes in STEPS)


def overview() -> None:
    """The whole path as a numbered list of links, with the time each step takes."""
    st.markdown(f"**{t('path.overview', n=len(STEPS), minutes=total_minutes())}**")
    for n, (name, minutes) in enumerate(STEPS, start=1):
        st.page_link(
            page_file(name),
            label=t("path.item", n=n, title=t(f"nav.{name}"), minutes=minutes),
        )


def where(name: str) -> None:
    """ "Step 3 of 9", as text and as a bar, at the top of a page on the path."""
    if name not in NAMES:
        return
    n = NAMES.index(name) + 1
    minutes = STEPS[n - 1][1]
    st.progress(n / len(STEPS), text=t("path.where", n=n, total=len(STEPS), minutes=minutes))


def next_step(name: str) -> None:
    """What the page showed (once its activity is done), and the link to the next step."""
    if name not in NAMES:
        return
    n = NAMES.index(name) + 1
    st.divider()
    # The takeaway would give the answer away: it waits until the activity is done.
    if name in READ_ONLY or is_done(name):
        st.markdown(t("path.showed", takeaway=t(f"path.takeaway.{name}")))
    if n < len(STEPS):
        following = NAMES[n]
        st.page_link(
            page_file(following),
            label=t("path.next", title=t(f"nav.{following}")),
            icon=":material/arrow_forward:",
        )
    else:
        st.markdown(t("path.done"))
        st.page_link("demos/welcome.py", label=t("path.home"), icon=":material/home:")
