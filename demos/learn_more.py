"""Learn more (/learn-more): the science, the law and real deployments, each claim cited."""

import streamlit as st

from demos.ui import content, prose, report_card

URL_PATH = "learn-more"
ORDER = 80


def render() -> None:
    for name in ("intro", "science", "accuracy"):
        prose.markdown("learn_more", name)
    # The report card's numbers come from the benchmark's file, never typed into the page.
    st.markdown("\n".join(f"- {line}" for line in report_card.sentences(report_card.load())))
    for name in ("bias", "deployments", "prison", "borders", "law", "credits", "all_refs"):
        prose.markdown("learn_more", name)
    refs = content.references(content.locale())
    st.markdown(
        "\n".join(
            f"- **{r.short}.** {r.full}"
            + (f" [{r.url}]({r.url})" if r.url else (f" ({r.no_url})" if r.no_url else ""))
            for r in sorted(refs.values(), key=lambda r: r.short.casefold())
        )
    )


if __name__ == "__main__":
    render()
