"""Start Face Value on this computer only: `python -m demos.serve [--server.port 8501 ...]`.

`streamlit run app.py` works too, but Streamlit's check of a foreign web page's Origin asks
outside servers for this machine's IP address (a UDP socket towards 8.8.8.8, then an HTTP
fetch of checkip.amazonaws.com), on every attempt. This launcher answers those questions
locally before the server starts, and sets OpenCV's pixel limit before OpenCV loads.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOOPBACK = "127.0.0.1"
# OpenCV reads its own limit once, when it loads: a photo whose header claims more pixels is
# refused by the decoder itself, a backstop behind the header check in demos.engine.frames.
MAX_DECODE_PIXELS = 4096 * 4096


def _this_computer() -> str:
    return LOOPBACK


def keep_local() -> None:
    """Make Streamlit's internal and external IP look-ups answer 127.0.0.1 without a socket."""
    from streamlit import net_util

    # Streamlit looks these up through the module at every call (server_util, bootstrap), so
    # replacing them here covers every caller. tests/test_local_only.py fails if a Streamlit
    # release reaches outside another way.
    net_util.get_external_ip = _this_computer
    net_util.get_internal_ip = _this_computer


def limit_decoder() -> None:
    """Set OpenCV's own pixel limit; it takes effect only if cv2 has not been loaded yet."""
    os.environ.setdefault("OPENCV_IO_MAX_IMAGE_PIXELS", str(MAX_DECODE_PIXELS))


def _load_the_camera_side() -> None:
    # Only what has no Streamlit in it: a component imported outside a page run is never
    # registered (Streamlit's declare_component), and its frame would stay empty.
    try:
        from demos.engine import face_engine, heap, model_file

        heap.limit_arenas()  # before the threads below make malloc arenas of their own
        import aiortc  # noqa: F401  (the WebRTC stack the camera component runs on)
        import altair  # noqa: F401  (the charts' libraries: the shared page pieces import them)
        import av  # noqa: F401
        import pandas  # noqa: F401
        import pyarrow  # noqa: F401

        status = model_file.check()
        if status.ready:
            # MediaPipe's libraries, the model file and its graph, made once and closed.
            face_engine.FaceEngine(status.path).close()
    except Exception:  # a warm-up must never stop the server; the page says what is wrong
        logging.getLogger(__name__).exception("warming up the camera side failed")


def warm_up() -> threading.Thread:
    """Load MediaPipe, the model, WebRTC and chart libraries at start, not on the first page.

    The first visitor after a start waited 4-5 s for them (benchmarks/startup.py); a kiosk's
    first visitor each morning is that visitor.
    """
    thread = threading.Thread(target=_load_the_camera_side, name="fv-warm-up", daemon=True)
    thread.start()
    return thread


def main(argv: list[str] | None = None) -> None:
    """Run `streamlit run app.py` in this process, from the project folder (its config)."""
    limit_decoder()
    keep_local()
    from streamlit.web import cli

    # Streamlit reads .streamlit/config.toml from the working folder: the local-only
    # settings live there, so the server always starts beside them.
    os.chdir(ROOT)
    warm_up()
    sys.argv = ["streamlit", "run", str(ROOT / "app.py"), *(sys.argv[1:] if argv is None else argv)]
    cli.main()


if __name__ == "__main__":
    main()
