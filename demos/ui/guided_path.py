"""The suggested self-guided path: where the learner is, what a page showed, and what is next."""

from __future__ import annotations

import math
import re
from functools import cache

import streamlit as st

from . import links
from .content import CITATION, CONTENT_DIR, DEFAULT_LOCALE, load_toml, locale, strings, t

# A 12-year-old's reading speed, in words a minute: each step's time is its words read at this
# pace plus the time its activity takes, so the times follow the content instead of a guess.
READING_WPM = 200
# (page module, minutes of doing on top of reading: guessing, playing, moving sliders).
STEPS: tuple[tuple[str, int], ...] = (
    ("mirror", 3),
    ("fake_it", 3),
    ("same_face", 5),
    ("wink_or_blink", 2),
    ("your_neutral", 3),
    ("robustness", 3),
    ("pulse", 4),
    ("checkpoint", 4),
    ("learn_more", 0),
)
# A page that is another step's no-camera mode, or goes deeper into it: it stands on that step.
MODES = {"build_a_face": "fake_it", "two_machines": "mirror"}
# Content a step shows besides its page text (the scenes and situations it reads out).
_EXTRA = {"same_face": ("scenes.toml",), "wink_or_blink": ("winks.toml",)}
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
NAMES = tuple(name for name, _ in STEPS)


def count_words(text: str) -> int:
    """Words a reader reads: section markers and [@key] citations are not counted."""
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    return len(_WORD.findall(CITATION.sub(" ", text)))


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    return []


@cache
def words(name: str, loc: str = DEFAULT_LOCALE) -> int:
    """How many words a step's page gives the learner to read, in one language."""
    folder = CONTENT_DIR / loc
    n = count_words((folder / "pages" / f"{name}.md").read_text(encoding="utf-8"))
    for extra in _EXTRA.get(name, ()):
        n += count_words(" ".join(_strings(load_toml(loc, extra))))
    return n


def minutes(name: str) -> int:
    """Reading time at READING_WPM plus the activity's own time, rounded up to a minute."""
    doing = dict(STEPS)[name]
    return math.ceil(words(name) / READING_WPM + doing)


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


def total_minutes() -> int:
    return sum(minutes(name) for name in NAMES)


def overview() -> None:
    """The whole path as a numbered list of links, with the time each step takes."""
    st.markdown(f"**{t('path.overview', n=len(STEPS), minutes=total_minutes())}**")
    for n, name in enumerate(NAMES, start=1):
        links.page_link(
            name,
            t("path.item", n=n, title=t(f"nav.{name}"), minutes=minutes(name)),
        )


def header(name: str) -> None:
    """ "Step 3 of 9", as text and as a bar, at the top of a page on the path."""
    step = MODES.get(name, name)
    if step not in NAMES:
        return
    n = NAMES.index(step) + 1
    st.progress(n / len(STEPS), text=t("path.where", n=n, total=len(STEPS), minutes=minutes(step)))


def takeaway(name: str) -> str:
    """What a page showed: its own strings' `takeaway` if it keeps one, else [path.takeaway]."""
    own = strings(locale()).get(name, {})
    return t(f"{name}.takeaway") if "takeaway" in own else t(f"path.takeaway.{name}")


def footer(name: str) -> None:
    """What the page showed (once its activity is done), and the link to the next step."""
    step = MODES.get(name, name)
    if step not in NAMES:
        return
    n = NAMES.index(step) + 1
    st.divider()
    # The takeaway would give the answer away: it waits until the activity is done.
    if name in READ_ONLY or is_done(name):
        st.markdown(t("path.showed", takeaway=takeaway(name)))
    if n < len(STEPS):
        following = NAMES[n]
        links.page_link(
            following,
            t("path.next", title=t(f"nav.{following}")),
            icon=":material/arrow_forward:",
        )
    else:
        st.markdown(t("path.done"))
        links.page_link("welcome", t("path.home"), ":material/home:")
