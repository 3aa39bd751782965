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
import time
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


# The first script run of a fresh server costs far more than later ones (measured: 0.27-0.49 s
# against 0.03 s): the shell's and pages' imports, Streamlit's first-use work, and the camera
# component, which Streamlit registers (and so serves) only from inside a script run.
WARM_PAGE = {"kiosk": "kiosk"}  # the mode's first page; every other mode opens the Mirror
VISIT_TIMEOUT = 60.0


def _server_port() -> int:
    from streamlit import config

    return int(config.get_option("server.port"))


def _wait_until_healthy(port: int, timeout: float) -> bool:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://{LOOPBACK}:{port}/_stcore/health", timeout=2):
                return True
        except OSError:
            time.sleep(0.1)
    return False


async def _visit(port: int, page: str) -> bool:
    # What a browser's first visit sends: open the session, ask for one run of `page`, read
    # the answer until the run has finished, close. Nothing is kept: the session ends with it.
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    url = f"ws://{LOOPBACK}:{port}/_stcore/stream"
    async with websockets.connect(url, subprotocols=["streamlit"], max_size=None) as ws:
        ask = BackMsg()
        ask.rerun_script.page_name = page
        ask.rerun_script.query_string = ""
        await ws.send(ask.SerializeToString())
        async for raw in ws:
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            if msg.WhichOneof("type") == "script_finished":
                return msg.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY
    return False


def first_visit(port: int, page: str, timeout: float = VISIT_TIMEOUT) -> bool:
    """Run `page` once on this server, over loopback, as a visitor's browser would; True if done.

    Nothing is drawn and no camera is opened: the run only loads what the first real visitor
    would otherwise wait for.
    """
    import asyncio

    if not _wait_until_healthy(port, timeout):
        return False
    try:
        return asyncio.run(asyncio.wait_for(_visit(port, page), timeout))
    except TimeoutError:
        return False


def _warm_up(mode: str) -> None:
    _load_the_camera_side()
    try:
        if not first_visit(_server_port(), WARM_PAGE.get(mode, "mirror")):
            logging.getLogger(__name__).warning("the warm-up visit did not finish its page")
    except Exception:  # as above: the first visitor then simply waits longer
        logging.getLogger(__name__).exception("the warm-up visit failed")


def warm_up() -> threading.Thread:
    """Load MediaPipe, the model, WebRTC and charts at start, then run the first page once.

    The first visitor after a start waited 4-5 s for them (benchmarks/startup.py); a kiosk's
    first visitor each morning is that visitor.
    """
    from demos.engine import settings

    mode = settings.get("FACE_VALUE_MODE").lower()
    thread = threading.Thread(target=_warm_up, args=(mode,), name="fv-warm-up", daemon=True)
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
