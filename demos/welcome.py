"""Welcome (/): what Face Value is, the suggested path through it, and the way in."""

import streamlit as st

from demos.ui import path, prose
from demos.ui.content import t

URL_PATH = ""
ORDER = 0


def render() -> None:
    texts = [prose.markdown("welcome", "intro")]
    st.page_link("demos/mirror.py", label=t("welcome.start"), icon=":material/face:")
    path.overview()
    texts.append(prose.markdown("welcome", "how"))
    texts.append(prose.markdown("welcome", "privacy"))
    prose.sources(*texts)


if __name__ == "__main__":
    render()
