"""Learn more (/learn-more): the science, the law and real deployments, each claim cited."""

import streamlit as st

from demos.ui import beliefs, content, mode, prose, report_card

URL_PATH = "learn-more"
ORDER = 80


def render() -> None:
    for name in ("intro", "science", "accuracy"):
        prose.markdown("learn_more", name)
    # The report card's numbers come from the benchmark's file, never typed into the page.
    st.markdown("\n".join(f"- {line}" for line in report_card.sentences(report_card.load())))
    for name in ("bias", "deployments", "prison", "borders", "law", "credits"):
        prose.markdown("learn_more", name)
    if mode.current() == mode.SELF:
        # The path's last step: the statements from the welcome page again, both answers side
        # by side (before the long list of sources, so they are not missed).
        beliefs.after()
    prose.markdown("learn_more", "all_refs")
    refs = content.references(content.locale())
    ordered = sorted(refs.values(), key=lambda r: r.short.casefold())
    st.markdown("\n".join(content.reference_line(r) for r in ordered))


if __name__ == "__main__":
    render()
