"""Which of the three ways in this session uses: self-guided (default), kiosk or classroom.

Chosen by `?mode=` on any address, else by the installation (FACE_VALUE_MODE), else
self-guided; an installation set to kiosk ignores `?mode=`. Kept in the session so it survives
moving between pages.
"""

from __future__ import annotations

import streamlit as st

from demos.engine import settings

SELF, KIOSK, CLASSROOM = "self", "kiosk", "classroom"
MODES = (SELF, KIOSK, CLASSROOM)
KEY = "shell.mode"


def installed() -> str:
    """The installation's default mode (FACE_VALUE_MODE), self-guided if unset or unknown."""
    wanted = settings.get("FACE_VALUE_MODE").lower()
    return wanted if wanted in MODES else SELF


def current() -> str:
    """This session's mode; a `?mode=` in the address wins and is remembered.

    Except on an installation set to kiosk: a visitor who types `?mode=self` must not get the
    whole menu (and with it a way out of the loop), so a kiosk stays a kiosk.
    """
    if installed() == KIOSK:
        st.session_state[KEY] = KIOSK
        return KIOSK
    asked = str(st.query_params.get("mode", ""))[:16].strip().lower()
    if asked in MODES:
        st.session_state[KEY] = asked
    return st.session_state.setdefault(KEY, installed())
