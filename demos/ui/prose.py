"""Markdown from content/ on the page, with citations shown and a Sources list."""

from __future__ import annotations

import streamlit as st

from . import content


def markdown(page_name: str, section_name: str) -> str:
    """Render one section of a page's Markdown; returns the raw text (for the Sources list)."""
    raw = content.section(page_name, section_name)
    st.markdown(content.render_citations(raw))
    return raw


def sources(*texts: str) -> None:
    """List the full references cited in the given texts, in order of first use."""
    keys = content.cited("\n".join(texts))
    if not keys:
        return
    refs = content.references(content.locale())
    lines = [content.reference_line(refs[key]) for key in keys]
    with st.expander(content.t("refs.title")):
        st.markdown("\n".join(lines))
