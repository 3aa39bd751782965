"""Keep the server's memory flat over a long day of cameras starting and stopping.

Each visitor's camera brings new threads (WebRTC, MediaPipe), and glibc gives busy threads
malloc arenas of their own that keep their freed memory. Measured on a kiosk with real
WebRTC (benchmarks/memory.py --visitors): RSS rose from 456 to 560-600 MB in 20 visitors.
Fewer arenas, and freed pages handed back when a camera stops, keep it level.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import logging
import os

log = logging.getLogger(__name__)

ARENAS = 2
_M_ARENA_MAX = -8  # glibc's mallopt parameter number


@functools.cache
def _glibc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        # Only glibc has both; musl or macOS simply keep their own allocator's behaviour.
        return libc if libc and hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None
    except OSError:
        return None


@functools.cache
def limit_arenas(arenas: int = ARENAS) -> bool:
    """Cap malloc arenas for this process (once); an explicit MALLOC_ARENA_MAX is left alone."""
    libc = _glibc()
    if libc is None or os.environ.get("MALLOC_ARENA_MAX"):
        return False
    ok = bool(libc.mallopt(_M_ARENA_MAX, arenas))
    if not ok:
        log.warning("could not limit malloc arenas")
    return ok


def give_back() -> bool:
    """Return freed heap pages to the system, e.g. after a camera's face engine closed."""
    libc = _glibc()
    return bool(libc.malloc_trim(0)) if libc is not None else False
