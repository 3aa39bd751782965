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
  /* Sections are h2 under the page's h1 (no skipped level for screen readers), drawn at
     the size of Streamlit's h3 so a narrow column's heading does not wrap. */
  [data-testid="stMain"] h2 { font-size: 1.75rem !important; }
  [data-testid="stMain"] h3 { font-size: 1.4rem !important; }
  button { min-height: 44px; }
  [data-testid="stPageLink"] a { border: 2px solid currentColor; border-radius: .5rem;
      padding: .5rem 1rem; min-height: 44px; display: inline-flex; font-weight: 600; }
  /* Streamlit fades captions to below 4.5:1 contrast; small print must stay readable. */
  [data-testid="stCaptionContainer"] { opacity: 1; }
  [data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { color: #3f3f46; }
  .fv-readings ul { list-style: none; padding-left: 0; margin: 0; }
  .fv-readings p { font-size: 1.05rem; margin: .1rem 0; }
  .fv-readings li { font-size: 1.4rem; font-weight: 700; margin: .1rem 0; }
  .fv-sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden;
      clip: rect(0 0 0 0); white-space: nowrap; }
  .fv-attract-face { position: relative; width: min(60vh, 80vw); aspect-ratio: 1;
      margin: 0 auto; }
  .fv-attract-face img { position: absolute; inset: 0; width: 100%; opacity: 0;
      animation: fv-cycle 8s infinite; }
  .fv-attract-face img:nth-child(1) { animation-delay: 0s; }
  .fv-attract-face img:nth-child(2) { animation-delay: 2s; }
  .fv-attract-face img:nth-child(3) { animation-delay: 4s; }
  .fv-attract-face img:nth-child(4) { animation-delay: 6s; }
  @keyframes fv-cycle { 0%, 30% { opacity: 1; } 25%, 100% { opacity: 0; } }
  /* Motion only for those who have not asked for less: then one still face. */
  @media (prefers-reduced-motion: reduce) {
    .fv-attract-face img { animation: none; }
    .fv-attract-face img:first-child { opacity: 1; }
  }
  @media print {
    [data-testid="stSidebar"], [data-testid="stHeader"], button { display: none !important; }
  }
</style>
"""

# Kiosk: no Streamlit menu, toolbar or sidebar (a visitor must not wander off or see
# developer controls), bigger type and touch targets well above 44 px.
_KIOSK_CSS = """
<style>
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stStatusWidget"], footer, #MainMenu { display: none !important; }
  html, body, [data-testid="stAppViewContainer"] { font-size: 22px; }
  .stMarkdown p, .stMarkdown li { font-size: 1.1rem; line-height: 1.4; }
  .fv-kiosk-question { font-size: 2.6rem; font-weight: 800; text-align: center; line-height: 1.2;
      margin: .5rem 0; }
  .fv-verdict { font-size: 1.8rem; line-height: 1.25; }
  /* Streamlit's own button class outranks a plain `button` rule: name the buttons. */
  button, [data-testid^="stBaseButton"] { min-height: 64px !important;
      font-size: 1.25rem !important; padding: .5rem 1.5rem !important; }
  [data-testid="stRadio"] label { min-height: 64px; align-items: center; padding-right: 1rem; }
  /* Every step fits the screen (1280x800 up to 1080x1920) without scrolling: little padding,
     pictures sized by the screen's height, room kept at the bottom for Next. */
  .block-container { padding: .5rem 2rem 4.25rem !important; max-width: none; }
  [data-testid="stMain"] [data-testid="stImage"] img { max-height: calc(100vh - 25rem);
      width: auto !important; margin: 0 auto; display: block; }
  /* The camera's picture is 4:3 and its frame takes its height from its width: a width from
     the screen's height keeps it above the fold. */
  .st-key-fv_kiosk_video { max-width: calc((100vh - 18rem) * 4 / 3); margin: 0 auto; }
  .fv-attract-face { width: min(46vh, 80vw); }
  /* Next (or Finish) sits at the bottom right, Start over at the top left: far apart. */
  .st-key-fv_kiosk_next { position: fixed; right: 2rem; bottom: 1.25rem; width: auto !important;
      z-index: 10; }
  .st-key-fv_kiosk_next button { min-width: 16rem; }
  [data-testid="stMain"] h2 { font-size: 1.6rem !important; }
  .st-key-fv_kiosk_finding p { font-size: 1rem !important; }
  /* A screen reader's live region takes no room (and no gap) on a screen that must fit. */
  [data-testid="stElementContainer"]:has(.fv-sr-only) { position: absolute; }
  .st-key-fv_kiosk_task p { font-size: 1.45rem !important; font-weight: 700; }
  .fv-readings p { font-size: 1.1rem; font-weight: 400; }
  .fv-readings li { font-size: 1.3rem; line-height: 1.3; }
  [data-testid="stAlertContainer"] { padding: .6rem 1rem !important; }
  [data-testid="stAlertContent"] p { font-size: 1rem !important; }
  /* A portrait screen (1080x1920): the step's columns one under the other, full width. */
  @media (orientation: portrait) {
    .st-key-fv_kiosk_body [data-testid="stHorizontalBlock"] { flex-direction: column; }
    .st-key-fv_kiosk_body [data-testid="stColumn"] { width: 100% !important;
        flex: 1 1 auto !important; }
    [data-testid="stMain"] [data-testid="stImage"] img { max-height: 28vh; }
    .st-key-fv_kiosk_video { max-width: 100%; }
  }
  /* A chart's menu of actions (save as SVG, view source) is no use on a touch screen. */
  .vega-embed details, .vega-embed .vega-actions, [data-testid="stElementToolbar"] {
      display: none !important; }
</style>
"""

# Classroom: read from the back of a room on a projector.
_CLASSROOM_CSS = """
<style>
  html, body, [data-testid="stAppViewContainer"] { font-size: 22px; }
  .stMarkdown p, .stMarkdown li { font-size: 1.2rem; }
  .fv-verdict { font-size: 2.2rem; }
</style>
"""


def inject(mode: str = "self") -> None:
    """Inject the shared stylesheet (no external fonts or files: nothing leaves the computer)."""
    st.html(_CSS + {"kiosk": _KIOSK_CSS, "classroom": _CLASSROOM_CSS}.get(mode, ""))
