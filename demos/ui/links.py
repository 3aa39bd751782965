"""Links between pages, by the page's module name (the one name a page goes by)."""

from __future__ import annotations

import streamlit as st

from .content import t


def page_file(name: str) -> str:
    """The file Streamlit registered for the page with this module name."""
    return f"demos/{name}.py"


def page_link(name: str, label: str | None = None, icon: str | None = None) -> None:
    """A link to a page; its label defaults to the page's title in the menu."""
    st.page_link(page_file(name), label=label or t(f"nav.{name}"), icon=icon)


def privacy_link() -> None:
    """The link to what happens to the picture, shown on every page that uses a camera."""
    page_link("privacy", t("privacy.link"), ":material/lock:")
