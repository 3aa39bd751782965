"""Face Value: the shell. Page setup, navigation with a stable url path per page, shared style."""

import streamlit as st

from demos import catalog
from demos.ui import camera, chrome
from demos.ui.content import t

# An emoji icon is drawn locally; a ":material/...:" page icon is fetched from Google's servers.
st.set_page_config(page_title=t("app.title"), page_icon="🪞", layout="wide")
chrome.apply()

pages = [
    st.Page(p.file, title=t(f"nav.{p.name}"), default=True)
    if p.url_path == ""
    else st.Page(p.file, title=t(f"nav.{p.name}"), url_path=p.url_path)
    for p in catalog.pages()
]
page = st.navigation(pages)
st.session_state[camera.PAGE_KEY] = page.url_path
camera.stop_other_pages(page.url_path)
page.run()

# Reachable from every page, whatever the page itself shows.
st.divider()
st.page_link("demos/privacy.py", label=t("privacy.link"), icon=":material/lock:")
