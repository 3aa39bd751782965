"""Look and feel shared by every page: large readable type, visible keyboard focus."""

from __future__ import annotations

import streamlit as st

# Projector and kiosk first: big type, strong focus ring, bars that also carry their number
# in text (colour is never the only carrier of meaning).
_CSS = """
<style>
  html, body, [data-testid="stAppViewContainer"] { font-size: 18px; }
  .stMarkdown p, .stMarkdown li { font-size: 1.05rem; line-height: 1.55; }
  *:focus-visible { outline: 3px solid #1a56db !important; outline-offset: 2px; }
  .fv-verdict { font-size: 1.75rem; font-weight: 700; margin: .2rem 0 .4rem; }
  .fv-status { font-size: 1.1rem; }
  button { min-height: 44px; }
  [data-testid="stPageLink"] a { border: 2px solid currentColor; border-radius: .5rem;
      padding: .5rem 1rem; min-height: 44px; display: inline-flex; font-weight: 600; }
</style>
"""


def apply() -> None:
    """Inject the shared stylesheet (no external fonts or files: nothing leaves the computer)."""
    st.html(_CSS)
