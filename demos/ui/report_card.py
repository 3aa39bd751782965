"""The report card: how each machine reads human-labelled photos, from content/accuracy.json.

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
    # The second machine (the FER2013 CNN) on the same photos, when the benchmark had it.
    learned: tuple[Agreement, ...] = ()
    learned_average: float | None = None
    machines_agree: tuple[int, int] | None = None  # (photos agreed, photos both read)


def _rows(agreement: dict) -> tuple[Agreement, ...]:
    return tuple(
        Agreement(human, a["label"], int(a["photos"]), int(a["agreed"]))
        for human, a in agreement.items()
    )


@cache
def load(path: Path = CARD_FILE) -> ReportCard:
    raw = json.loads(path.read_text(encoding="utf-8"))
    no_face = sum(int(row.get("no_face", 0)) for row in raw["matrix"].values())
    learned = raw.get("learned")
    both = raw.get("machines_agree")
    return ReportCard(
        raw["source"],
        int(raw["photos"]),
        _rows(raw["agreement"]),
        float(raw["average"]),
        float(raw["neutral_read_angry"]),
        no_face,
        _rows(learned["agreement"]) if learned else (),
        float(learned["average"]) if learned else None,
        (int(both["agreed"]), int(both["photos"])) if both else None,
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


def two_machines(card: ReportCard) -> tuple[list[str], list[str]]:
    """For the Two machines page: a table (Markdown lines) of each label's agreement with
    people for both machines, and the sentences saying the averages and the machines' overlap."""
    if not card.learned:
        return [], []
    head = (
        t("two_machines.report.human"),
        t("two_machines.report.photos"),
        t("two_machines.report.recipes"),
        t("two_machines.report.learned"),
    )
    table = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    learned = {a.human: a for a in card.learned}
    for a in card.rows:
        b = learned[a.human]
        cells = (
            t(f"report_card.human.{a.human}"),
            number(a.photos),
            f"{number(a.agreed)} ({percent(a.agreed / a.photos)})",
            f"{number(b.agreed)} ({percent(b.agreed / b.photos)})",
        )
        table.append("| " + " | ".join(cells) + " |")
    lines = [
        t(
            "two_machines.report.averages",
            photos=number(card.photos),
            recipes=percent(card.average, 1),
            learned=percent(card.learned_average or 0.0, 1),
        )
    ]
    if card.machines_agree:
        agreed, both = card.machines_agree
        lines.append(
            t(
                "two_machines.report.overlap",
                agreed=number(agreed),
                photos=number(both),
                share=percent(agreed / max(both, 1)),
            )
        )
    return table, lines
