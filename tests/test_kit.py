"""The teacher's kit's printed face cards: the Same face scenes' own drawn faces, inline."""

from __future__ import annotations

import re
from html import escape

import pytest

from demos import same_face
from demos.engine.scene_faces import FACES
from demos.ui import beliefs, handout, lesson
from demos.ui.content import references, render_citations, t, using
from demos.ui.scenes import scene_keys, scene_text


@pytest.mark.parametrize("loc", ["en", "es"])
def test_the_kit_prints_one_face_card_per_scene_with_words_for_it(loc):
    html = handout.build(loc)
    images = re.findall(r'<img src="data:image/png;base64,[^"]+" alt="([^"]+)">', html)
    alt = lesson.kit(loc)["unplugged"]["face_alt"]
    assert images == [escape(alt.format(title=scene_text(k, loc).title)) for k in scene_keys(loc)]


def test_the_cards_show_the_same_faces_as_the_page():
    assert same_face.FACES is FACES  # one set of faces, not a copy that can drift
    assert list(FACES) == scene_keys("en")


@pytest.mark.parametrize("loc", ["en", "es"])
def test_the_kit_prints_the_five_statements_to_tick_before_and_after_and_their_evidence(loc):
    html = handout.build(loc)
    with using(loc):
        page = html.split(escape(t("beliefs.handout_title")), 1)[1].split("</section>", 1)[0]
        rows = re.findall(r"<tr><td>(\d)\. ([^<]+)</td>", page)
        assert rows == [
            (str(n), escape(beliefs.statement(s.key)))
            for n, s in enumerate(beliefs.STATEMENTS, start=1)
        ]
        # One box per answer, in the before column and the after column of every row.
        assert page.count("☐") == len(beliefs.STATEMENTS) * len(beliefs.ANSWERS) * 2
        # The answer key says what the evidence says, cited, and lists those sources.
        key = html.split(escape(t("beliefs.key_title")), 1)[1]
        for s in beliefs.STATEMENTS:
            assert escape(render_citations(beliefs.evidence(s.key))) in key
        assert escape(references(loc)["verkruysse2008"].full) in html
