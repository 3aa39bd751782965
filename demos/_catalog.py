"""The list of pages: every module in demos/ that declares a URL_PATH is a page.

A new activity is one module here (with URL_PATH, ORDER, render(); CAMERA = True if it shows
the live camera; HIDDEN = True keeps it out of the menu while its address still works) plus
its content page and its nav title in strings.toml; nothing else changes. The privacy walk
starts the camera on every page that says CAMERA.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from pathlib import Path

import demos


@dataclass(frozen=True)
class PageInfo:
    """A page as the shell registers it: its module file, url path ("" = home) and order."""

    name: str  # module name, also the key of its nav title and content page
    file: Path
    url_path: str
    order: int
    camera: bool = False
    hidden: bool = False


def pages() -> list[PageInfo]:
    """All activity pages, in navigation order."""
    found = []
    for info in pkgutil.iter_modules(demos.__path__):
        if info.ispkg:
            continue
        module = importlib.import_module(f"demos.{info.name}")
        if not hasattr(module, "URL_PATH"):
            continue
        found.append(
            PageInfo(
                info.name,
                Path(module.__file__),
                module.URL_PATH,
                getattr(module, "ORDER", 100),
                bool(getattr(module, "CAMERA", False)),
                bool(getattr(module, "HIDDEN", False)),
            )
        )
    return sorted(found, key=lambda p: (p.order, p.name))
