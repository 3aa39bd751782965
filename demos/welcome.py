"""Welcome (/): what Face Value is, and the way into the Mirror."""

import streamlit as st

from demos.ui import prose
from demos.ui.content import t

URL_PATH = ""
ORDER = 0


def render() -> None:
    texts = [prose.markdown("welcome", "intro")]
    st.page_link("demos/mirror.py", label=t("welcome.start"), icon=":material/face:")
    texts.append(prose.markdown("welcome", "how"))
    texts.append(prose.markdown("welcome", "privacy"))
    prose.sources(*texts)


if __name__ == "__main__":
    render()
