"""The teacher's kit's printed face cards: the Same face scenes' own drawn faces, inline."""

from __future__ import annotations

import re
from html import escape

import pytest

from demos import same_face
from demos.engine.scene_faces import FACES
from demos.ui import handout, lesson
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
