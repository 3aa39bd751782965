"""Learn more (/learn-more): the science, the law and real deployments, each claim cited."""

import streamlit as st

from demos.ui import content, prose

URL_PATH = "learn-more"
ORDER = 80


def render() -> None:
    for name in ("intro", "science", "bias", "deployments", "law", "credits", "all_refs"):
        prose.markdown("learn_more", name)
    refs = content.references(content.locale())
    st.markdown(
        "\n".join(
            f"- **{r.short}.** {r.full}"
            + (f" [{r.url}]({r.url})" if r.url else (f" ({r.no_url})" if r.no_url else ""))
            for r in sorted(refs.values(), key=lambda r: r.short)
        )
    )


if __name__ == "__main__":
    render()
