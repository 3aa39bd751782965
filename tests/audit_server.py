"""Run the app's launcher (demos.serve) with an audit hook that writes down every address the
server tries to reach.

Used by the privacy walk: in a namespace with only loopback, an attempt to reach outside fails
at once and never shows up as a socket; the audit hook sees the attempt itself.
Usage: FV_AUDIT_LOG=FILE python -m tests.audit_server --server.port P (as `python -m demos.serve`)
"""

from __future__ import annotations

import os
import sys
import threading

_seen: set[str] = set()
_lock = threading.Lock()


def _address(event: str, args: tuple) -> str | None:
    if event in ("socket.connect", "socket.sendto") and len(args) >= 2:
        address = args[1]
        if isinstance(address, tuple) and address:
            return str(address[0])
        return str(address)
    if event in ("socket.getaddrinfo", "socket.gethostbyname") and args:
        return str(args[0])
    return None


def _hook(log_path: str):
    def hook(event: str, args: tuple) -> None:
        if not event.startswith("socket."):
            return
        address = _address(event, args)
        if address is None:
            return
        key = f"{event} {address}"
        with _lock:
            if key in _seen:
                return
            _seen.add(key)
            with open(log_path, "a", encoding="utf-8") as out:
                out.write(key + "\n")

    return hook


def main() -> None:
    sys.addaudithook(_hook(os.environ["FV_AUDIT_LOG"]))
    from demos import serve

    serve.main(sys.argv[1:])


if __name__ == "__main__":
    main()
