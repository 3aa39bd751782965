"""Checks that more than one test module makes (test modules never import each other)."""

from __future__ import annotations

import pytest

from benchmarks.accuracy import COLUMNS, HUMAN_TO_MACHINE


def card_problems(card: dict) -> list[str]:
    """Where a report card breaks the schema the page and the README read (empty: none)."""
    problems = []
    keys = {"source", "photos", "mode", "video_frames", "columns", "matrix", "agreement"}
    keys |= {"average", "neutral_read_angry", "image_mode", "image_mode_average"}
    if missing := keys - set(card):
        return [f"missing {sorted(missing)}"]
    if card["columns"] != list(COLUMNS):
        problems.append(f"columns {card['columns']} are not {list(COLUMNS)}")
    total = 0
    for human, row in card["matrix"].items():
        a = card["agreement"].get(human, {})
        if human not in HUMAN_TO_MACHINE or a.get("label") != HUMAN_TO_MACHINE[human]:
            problems.append(f"{human}: unknown label or wrong machine label")
            continue
        if set(row) != set(COLUMNS) or any(not isinstance(v, int) or v < 0 for v in row.values()):
            problems.append(f"{human}: a row needs a count (0 or more) for every column")
            continue
        if a["photos"] != sum(row.values()) or a["agreed"] != row[a["label"]]:
            problems.append(f"{human}: agreement does not match its matrix row")
        total += a["photos"]
    if total != card["photos"]:
        problems.append(f"rows hold {total} photos, not {card['photos']}")
    shares = [a["agreed"] / a["photos"] for a in card["agreement"].values() if a["photos"]]
    if shares and card["average"] != pytest.approx(sum(shares) / len(shares), abs=1e-4):
        problems.append("average is not the mean of the per-label agreement")
    neutral = card["matrix"].get("neutral")
    if neutral and card["neutral_read_angry"] != pytest.approx(
        neutral["angry"] / sum(neutral.values()), abs=1e-4
    ):
        problems.append("neutral_read_angry does not match the neutral row")
    return problems
