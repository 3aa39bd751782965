"""The report card: how the recipes read human-labelled photos, from content/accuracy.json.

benchmarks/accuracy.py writes that file; the page only reads it, so its numbers cannot
drift from the benchmark's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .content import CONTENT_DIR, number, percent, t

CARD_FILE = CONTENT_DIR / "accuracy.json"


@dataclass(frozen=True)
class Agreement:
    """Of `photos` photos people gave `human`, the machine gave `agreed` its `label`."""

    human: str
    label: str
    photos: int
    agreed: int


@dataclass(frozen=True)
class ReportCard:
    """The benchmark's VIDEO-mode figures, counts only (no photo, no file name)."""

    source: str
    photos: int
    rows: tuple[Agreement, ...]
    average: float
    neutral_read_angry: float
    no_face: int


@cache
def load(path: Path = CARD_FILE) -> ReportCard:
    raw = json.loads(path.read_text(encoding="utf-8"))
    rows = tuple(
        Agreement(human, a["label"], int(a["photos"]), int(a["agreed"]))
        for human, a in raw["agreement"].items()
    )
    no_face = sum(int(row.get("no_face", 0)) for row in raw["matrix"].values())
    return ReportCard(
        raw["source"],
        int(raw["photos"]),
        rows,
        float(raw["average"]),
        float(raw["neutral_read_angry"]),
        no_face,
    )


def sentences(card: ReportCard) -> list[str]:
    """One plain sentence per label people gave, then the average and the missed faces."""
    lines = [
        t(
            "report_card.row",
            photos=number(a.photos),
            human=t(f"report_card.human.{a.human}"),
            agreed=number(a.agreed),
            label=t(f"labels.{a.label}"),
        )
        for a in card.rows
    ]
    lines.append(t("report_card.average", share=percent(card.average, 1)))
    lines.append(
        t(
            "report_card.neutral_angry",
            label=t("labels.angry"),
            share=percent(card.neutral_read_angry),
        )
    )
    lines.append(t("report_card.no_face", n=number(card.no_face), photos=number(card.photos)))
    return lines
