"""The session's language: `?lang=` in the address, the switch on every page, else the
installation's (FACE_VALUE_LANG)."""

from __future__ import annotations

import json

import streamlit as st

from .content import LANG_KEY, installation_locale, locales, supported_locale, t

_SWITCH = "shell.lang_switch"


def current() -> str:
    """This session's language; a `?lang=` in the address wins and is remembered."""
    asked = supported_locale(str(st.query_params.get("lang", "")))
    if asked:
        st.session_state[LANG_KEY] = asked
    return st.session_state.setdefault(LANG_KEY, installation_locale())


def _switched() -> None:
    chosen = supported_locale(st.session_state.get(_SWITCH))
    if chosen:
        st.session_state[LANG_KEY] = chosen
        st.query_params["lang"] = chosen  # the address says it too, so a reload keeps it


def mark_page() -> None:
    """Tell the browser (and so a screen reader) which language the page is in."""
    # current() is always an installed language's name; json.dumps makes it a string literal
    # and escaping "<" keeps even a "</script>" inside it from closing the tag.
    code = json.dumps(current()).replace("<", "\\u003c")
    st.html(
        f"<script>document.documentElement.lang = {code};</script>",
        unsafe_allow_javascript=True,
    )


def switch() -> None:
    """One button per language, each named in its own language."""
    mark_page()
    langs = locales()
    if len(langs) < 2:
        return
    st.session_state[_SWITCH] = current()
    st.segmented_control(
        t("app.language_switch"),
        options=langs,
        format_func=lambda loc: t("app.language", loc),
        key=_SWITCH,
        on_change=_switched,
        label_visibility="collapsed",
    )
