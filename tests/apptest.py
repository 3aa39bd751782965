"""The app in Streamlit's AppTest, in one place: open it at a page, read what it shows, act.

Only the WebRTC component is replaced (the `webrtc` fixture): it cannot render inside AppTest.
Assertions on learner-facing words should use `t(key)` from demos.ui.content, so a curator's
rewording in content/ neither breaks a test nor hollows it out.
"""

from __future__ import annotations

import cv2
import numpy as np
from streamlit.testing.v1 import AppTest

from demos.ui.camera import PAGE_KEY
from demos.ui.content import t
from support.faces import astronaut_face_bgr, letterbox

from .conftest import ROOT

APP = str(ROOT / "app.py")


def page_file(page: str) -> str:
    """'mirror' or 'demos/mirror.py' -> 'demos/mirror.py' (what AppTest.switch_page takes)."""
    return page if page.endswith(".py") else f"demos/{page}.py"


def open_app(page: str | None = None, mode: str | None = None, lang: str | None = None) -> AppTest:
    """The app started fresh (with ?mode= and ?lang= if given), then at `page` if given."""
    at = AppTest.from_file(APP, default_timeout=60)
    if mode:
        at.query_params["mode"] = mode
    if lang:
        at.query_params["lang"] = lang
    at.run()
    if page and page_file(page) != "demos/welcome.py":
        at.switch_page(page_file(page)).run()
    return at


def texts(at: AppTest) -> str:
    """Every text the page shows: Markdown, HTML, alerts, captions, headers, progress labels."""
    parts = [m.value for m in at.markdown] + [h.value for h in at.get("html")]
    parts += [
        e.value
        for kind in ("info", "warning", "error", "success", "caption", "header", "subheader")
        for e in at.get(kind)
    ]
    parts += [p.proto.text for p in at.get("progress")]
    return "\n".join(str(p) for p in parts)


def verdict(at: AppTest) -> str:
    """The verdict line(s) written as page text."""
    return " ".join(h.value for h in at.get("html") if 'data-testid="fv-verdict"' in h.value)


def readings(label: str) -> list[str]:
    """Every verdict line that says `label` (at any percent): for a reading whose number varies."""
    word = t(f"labels.{label}")
    return [t("mirror.verdict", label=word, percent=p) for p in range(101)]


def guess(at: AppTest, key: str, value: object) -> AppTest:
    """Give a page's guess first: its answer stays hidden until then."""
    return at.radio(key=key).set_value(value).run()


def links(at: AppTest) -> list[str]:
    return [link.proto.label for link in at.get("page_link")]


def buttons(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


def click(at: AppTest, label: str) -> AppTest:
    """Press the one button with this label."""
    [button] = [b for b in at.button if b.label == label]
    return button.click().run()


def start_visit(at: AppTest) -> AppTest:
    """A kiosk visitor touches to start, then answers the one statement (one touch)."""
    click(at, t("kiosk.touch_to_start"))
    return click(at, t("beliefs.answer.not_sure"))


def take_photo(at: AppTest, bgr: np.ndarray | None = None) -> None:
    """Switch on "Take a photo instead" on the current page and take one (a JPEG)."""
    page_name = at.session_state[PAGE_KEY].replace("-", "_") or "welcome"
    at.toggle(key=f"{page_name}.photo").set_value(True).run()
    _, jpeg = cv2.imencode(".jpg", letterbox(astronaut_face_bgr() if bgr is None else bgr))
    at.get("camera_input")[0].set_value(("me.jpg", jpeg.tobytes(), "image/jpeg"))
    at.run()


def session_values(at: AppTest) -> dict:
    """Everything the session holds: user keys, widget values (also unkeyed ones) and raw state."""
    state = at._session_state._state  # AppTest exposes only the filtered view publicly
    return {
        "user": dict(state._new_session_state),
        "old": dict(state._old_state),
        "widgets": dict(state._new_widget_state.states.items()),
    }
