"""Keep the server's memory flat over a long day of cameras starting and stopping.

Each visitor's camera brings new threads (WebRTC, MediaPipe), and glibc gives a thread its
own malloc arena on its first allocation (up to 8 per core), which keeps its freed memory.
Measured on a kiosk with real WebRTC (benchmarks/memory.py --visitors): RSS rose from 456 to
560-600 MB in 20 visitors.
Fewer arenas, and freed pages handed back when a camera stops, keep it level.

glibc fixes its arena limit once 8 arenas exist, so the cap set here, at the first page
run, keeps the arenas that exist by then and adds none; MALLOC_ARENA_MAX=2 set before the
server starts (the README's kiosk service) is tighter.
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
    """The C library if it is glibc (has mallopt and malloc_trim), else None."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    # Only glibc has both; musl or macOS simply keep their own allocator's behaviour.
    if not (libc and hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim")):
        return None
    libc.mallopt.argtypes, libc.mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    libc.malloc_trim.argtypes, libc.malloc_trim.restype = [ctypes.c_size_t], ctypes.c_int
    return libc


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
