"""The report card: content/accuracy.json (written by benchmarks/accuracy.py), the README's
matrix and the Learn more page say the same numbers."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from benchmarks.accuracy import COLUMNS, HUMAN_TO_MACHINE, markdown_matrix
from demos.ui import content, report_card

from .apptest import APP, texts
from .checks import card_problems
from .conftest import ROOT

README = ROOT / "README.md"


def test_the_content_file_matches_the_schema():
    card = json.loads(report_card.CARD_FILE.read_text(encoding="utf-8"))
    assert card_problems(card) == []
    assert card["mode"] == "video" and card["photos"] > 0


def test_the_schema_check_catches_a_hand_edited_number():
    card = json.loads(report_card.CARD_FILE.read_text(encoding="utf-8"))
    card["agreement"]["happiness"]["agreed"] += 1
    assert "happiness: agreement does not match its matrix row" in card_problems(card)


def test_the_readme_shows_the_content_files_matrix_and_figures():
    card = json.loads(report_card.CARD_FILE.read_text(encoding="utf-8"))
    readme = README.read_text(encoding="utf-8")
    assert "## How good is this machine at expressions?" in readme
    assert markdown_matrix(card) in readme
    shares = [f"**{100 * a['agreed'] / a['photos']:.0f}%**" for a in card["agreement"].values()]
    average = f"**{100 * card['average']:.1f}%**"
    now = " | ".join(["**now**", *shares, average, f"**{100 * card['neutral_read_angry']:.0f}%**"])
    assert f"| {now} |" in readme


@pytest.mark.parametrize("loc", ["en", "es"])
def test_learn_more_says_each_labels_agreement_in_plain_words(loc):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = loc
    at.run()
    at = at.switch_page("demos/learn_more.py").run()
    assert not at.exception
    page = texts(at)
    card = report_card.load()
    with content.using(loc):
        lines = report_card.sentences(card)
        heading = content.section("learn_more", "accuracy", loc).splitlines()[0].lstrip("# ")
        source = content.references(loc)["muxspace2016"].short
    assert heading in page
    for line in lines:
        assert line in page, line
    assert f"({source})" in page  # the photos' source is cited on the page
    happy = next(a for a in card.rows if a.human == "happiness")
    assert f" {happy.agreed} " in lines[[a.human for a in card.rows].index("happiness")]


def test_spanish_writes_the_average_with_a_decimal_comma():
    card = report_card.load()
    with content.using("es"):
        average = report_card.sentences(card)[len(card.rows)]
    assert f"{100 * card.average:.1f}".replace(".", ",") + "%" in average


def learned_problems(card: dict) -> list[str]:
    """Where the second machine's column breaks the schema the Two machines page reads."""
    if "learned" not in card:
        return ["no second machine's column"]
    learned, problems = card["learned"], []
    if set(learned["matrix"]) != set(card["matrix"]):
        problems.append("the second machine read other labels' photos")
    for human, row in learned["matrix"].items():
        a = learned["agreement"][human]
        if set(row) != set(COLUMNS) or a["label"] != HUMAN_TO_MACHINE[human]:
            problems.append(f"{human}: a row needs every column and the machine's label")
        elif a["photos"] != sum(row.values()) or a["agreed"] != row[a["label"]]:
            problems.append(f"{human}: the second machine's agreement does not match its row")
        if a["photos"] != card["agreement"][human]["photos"]:
            problems.append(f"{human}: the machines read a different number of photos")
    shares = [a["agreed"] / a["photos"] for a in learned["agreement"].values() if a["photos"]]
    if learned["average"] != pytest.approx(sum(shares) / len(shares), abs=1e-4):
        problems.append("the second machine's average is not the mean of its labels")
    both = card["machines_agree"]
    found = sum(sum(v for k, v in row.items() if k != "no_face") for row in card["matrix"].values())
    if not 0 <= both["agreed"] <= both["photos"] <= found:
        problems.append("the machines agree on more photos than both read")
    return problems


def test_the_content_file_holds_the_second_machines_column():
    card = json.loads(report_card.CARD_FILE.read_text(encoding="utf-8"))
    assert learned_problems(card) == []
    loaded = report_card.load()
    assert len(loaded.learned) == len(loaded.rows)
    assert loaded.machines_agree == (
        card["machines_agree"]["agreed"],
        card["machines_agree"]["photos"],
    )


def test_the_schema_check_catches_a_hand_edited_second_column():
    card = json.loads(report_card.CARD_FILE.read_text(encoding="utf-8"))
    card["learned"]["agreement"]["sadness"]["agreed"] += 1
    assert "sadness: the second machine's agreement does not match its row" in learned_problems(
        card
    )


@pytest.mark.parametrize("loc", ["en", "es"])
def test_two_machines_says_both_machines_agreement_in_words(loc):
    card = report_card.load()
    with content.using(loc):
        table, lines = report_card.two_machines(card)
        recipes, learned = (
            content.percent(card.average, 1),
            content.percent(card.learned_average, 1),
        )
    assert len(table) == 2 + len(card.rows)
    assert recipes in lines[0] and learned in lines[0]
    agreed, photos = card.machines_agree
    assert f" {agreed} " in lines[1] and f" {photos} " in lines[1]
