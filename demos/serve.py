"""Start Face Value on this computer only: `python -m demos.serve [--server.port 8501 ...]`.

`streamlit run app.py` works too, but Streamlit's check of a foreign web page's Origin asks
outside servers for this machine's IP address (a UDP socket towards 8.8.8.8, then an HTTP
fetch of checkip.amazonaws.com), on every attempt. This launcher answers those questions
locally before the server starts, and sets OpenCV's pixel limit before OpenCV loads.
"""

from __future__ import annotations

import os
import sys
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


def main(argv: list[str] | None = None) -> None:
    """Run `streamlit run app.py` in this process, from the project folder (its config)."""
    limit_decoder()
    keep_local()
    from streamlit.web import cli

    # Streamlit reads .streamlit/config.toml from the working folder: the local-only
    # settings live there, so the server always starts beside them.
    os.chdir(ROOT)
    sys.argv = ["streamlit", "run", str(ROOT / "app.py"), *(sys.argv[1:] if argv is None else argv)]
    cli.main()


if __name__ == "__main__":
    main()
