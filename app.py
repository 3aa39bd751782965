"""Face Value: the shell. Page setup, the three ways in, a stable url path for every page."""

import streamlit as st

from demos import _catalog as catalog
from demos.engine import heap
from demos.ui import camera, guided_path, language, lesson, links, mode, styles
from demos.ui.content import t

heap.limit_arenas()  # once per server: memory stays level over a day of visitors
language.current()  # before any word is written: ?lang= or the session's choice
# An emoji icon is drawn locally; a ":material/...:" page icon is fetched from Google's servers.
st.set_page_config(page_title=t("app.title"), page_icon="🪞", layout="wide")
current_mode = mode.current()
styles.inject(current_mode)

infos = catalog.pages()
by_path = {p.url_path: p for p in infos}
pages = {
    p.url_path: st.Page(
        p.file,
        title=t(f"nav.{p.name}"),
        default=p.url_path == "",
        url_path=p.url_path or None,
        visibility="hidden" if p.hidden else "visible",
    )
    for p in infos
}
# One flat list: Streamlit's menu sections put <div>s inside its <ul>, which screen readers
# and axe-core reject.
page = st.navigation(
    list(pages.values()),
    position="hidden" if current_mode == mode.KIOSK else "sidebar",
)
name = by_path[page.url_path].name
if current_mode == mode.KIOSK and name != "kiosk":
    st.switch_page(pages["kiosk"])  # a kiosk shows its guided loop and nothing else
if name == "kiosk" and current_mode != mode.KIOSK:
    # Opening /kiosk is how an installation asks for kiosk mode: start again as a kiosk.
    st.session_state[mode.KEY] = mode.KIOSK
    st.rerun()
st.session_state[camera.PAGE_KEY] = page.url_path
camera.stop_other_pages(page.url_path)

language.switch()
if current_mode == mode.CLASSROOM:
    lesson.banner(name)
elif current_mode == mode.SELF:
    guided_path.header(name)
page.run()
if current_mode == mode.CLASSROOM:
    lesson.questions(name)
elif current_mode == mode.SELF:
    guided_path.footer(name)

if current_mode != mode.KIOSK:
    # Reachable from every page, whatever the page itself shows.
    st.divider()
    links.privacy_link()
