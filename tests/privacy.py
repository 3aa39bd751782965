"""Find anything image-like (pixels, encoded images, frames) inside a tree of objects."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

import numpy as np


def _kind(obj: Any) -> str | None:
    if isinstance(obj, np.ndarray):
        return "ndarray"
    if isinstance(obj, (bytes, bytearray, memoryview)):
        return "bytes"
    name = type(obj).__module__ + "." + type(obj).__name__
    if name.startswith("PIL.") or name.startswith("av.") or "UploadedFile" in name:
        return name
    if hasattr(obj, "getvalue") and callable(obj.getvalue):
        return name
    return None


def image_like(root: Any, path: str = "state", max_depth: int = 8) -> list[str]:
    """Paths to every image-like thing reachable from root (containers, dataclasses, ours)."""
    found: list[str] = []
    seen: set[int] = set()

    def walk(obj: Any, where: str, depth: int) -> None:
        if id(obj) in seen or depth > max_depth:
            return
        seen.add(id(obj))
        kind = _kind(obj)
        if kind:
            found.append(f"{where}: {kind}")
            return
        if isinstance(obj, Mapping):
            for k, v in list(obj.items()):
                walk(v, f"{where}[{k!r}]", depth + 1)
        elif isinstance(obj, (list, tuple, set, frozenset)):
            for i, v in enumerate(obj):
                walk(v, f"{where}[{i}]", depth + 1)
        elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            for f in dataclasses.fields(obj):
                walk(getattr(obj, f.name), f"{where}.{f.name}", depth + 1)
        elif type(obj).__module__.startswith(("demos.", "tests.")) and hasattr(obj, "__dict__"):
            for k, v in vars(obj).items():
                walk(v, f"{where}.{k}", depth + 1)

    walk(root, path, 0)
    return found
