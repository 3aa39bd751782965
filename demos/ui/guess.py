"""A guess before every reveal: the learner commits to an answer, then sees it beside the truth."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

import streamlit as st

from .content import t

T = TypeVar("T")
_LARGE_QUESTION = """<style>
[class*="st-key-fv_guess_"] [data-testid="stWidgetLabel"] p {
  font-size: 1.15rem; font-weight: 700; line-height: 1.4;
}
/* Locked after the guess: Streamlit fades a disabled radio to 40% (about 2.3:1), but the
   question and the learner's own guess must stay readable beside the answer. The guess is
   also bold and underlined, so the dot's colour is not the only sign of it. */
[class*="st-key-fv_guess_"]:has(input:disabled) [data-testid="stWidgetLabel"] p {
  color: #2f2d2b;
}
[class*="st-key-fv_guess_"] label:has(input:disabled) { color: #57534e; }
[class*="st-key-fv_guess_"] label:has(input:disabled) p { color: inherit; }
[class*="st-key-fv_guess_"] label:has(input:checked) {
  color: #2f2d2b; text-decoration: underline;
}
[class*="st-key-fv_guess_"] label:has(input:checked) p { font-weight: 700; }
[class*="st-key-fv_guess_"] label:has(input:checked:disabled) > div > div:first-child {
  background-color: #2f2d2b;
}
</style>"""


def _keep(key: str) -> None:
    # Streamlit drops a value that reaches a widget disabled in the same run (the lock below),
    # unless it is written back as the program's own value: the guess would vanish.
    st.session_state[key] = st.session_state[key]


def ask(
    key: str,
    question: str,
    options: Sequence[T],
    format_func: Callable[[T], str] = str,
) -> T | None:
    """The learner's guess (None until given). Locked once given, so the answer cannot change
    it; it lives only in session state under `key`, and again() forgets it."""
    given = st.session_state.get(key) is not None
    # The question in large bold type, kept as the radio's own (accessible) label.
    st.html(_LARGE_QUESTION)
    with st.container(key="fv_guess_" + re.sub(r"\W", "_", key)):
        choice = st.radio(
            question,
            list(options),
            index=None,
            key=key,
            format_func=format_func,
            horizontal=True,
            disabled=given,
            on_change=_keep,
            args=(key,),
        )
    if choice is None:
        st.caption(t("guess.first"))
    return choice


def forget(*keys: str) -> None:
    """Drop these guesses from the session (use as a button's on_click)."""
    for key in keys:
        st.session_state.pop(key, None)


def again(*keys: str, label: str | None = None) -> None:
    """A button that forgets the guess so the learner can try another one."""
    st.button(label or t("guess.again"), on_click=forget, args=keys, key=keys[0] + ".again")


def beside(guess: str, answer: str) -> None:
    """The learner's guess and the answer, side by side in words (never colour alone)."""
    st.markdown(t("guess.beside", guess=guess, answer=answer))
