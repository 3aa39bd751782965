"""Photos share one IMAGE-mode engine per server, read one at a time, as a fresh one reads them."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from demos.engine import face_engine, tracking
from demos.engine.face_engine import FaceEngine, analyse_photo, photo_engine

pytestmark = pytest.mark.model


def test_every_photo_is_read_by_the_same_engine_made_once(
    model_path, astronaut, grace, monkeypatch
):
    made = []
    original = tracking.Tracker.__init__

    def counting(self, *args, **kwargs):
        made.append(kwargs.get("video", True))
        original(self, *args, **kwargs)

    monkeypatch.setattr(face_engine, "_PHOTO_ENGINES", {})
    monkeypatch.setattr(tracking.Tracker, "__init__", counting)
    for photo in (astronaut, grace, astronaut, grace):
        analyse_photo(model_path, photo)
    assert made == [False]  # one IMAGE-mode landmarker, not one a photo
    assert photo_engine(model_path) is photo_engine(model_path)


def test_the_shared_engine_reads_a_photo_as_a_fresh_one_does(model_path, astronaut, grace):
    for photo, label in ((astronaut, "happy"), (grace, None)):
        fresh = FaceEngine(model_path, video=False)
        try:
            expected, _ = fresh.process(photo)
        finally:
            fresh.close()
        got, _ = analyse_photo(model_path, photo)
        assert got.verdict == expected.verdict
        assert got.movements == expected.movements
        if label:
            assert got.verdict.label == label


def test_visitors_sending_photos_at_once_each_get_their_own_reading(model_path, astronaut, grace):
    alone = {id(p): analyse_photo(model_path, p)[0].verdict for p in (astronaut, grace)}
    photos = [astronaut, grace] * 6
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda p: analyse_photo(model_path, p)[0].verdict, photos))
    assert together == [alone[id(p)] for p in photos]
    assert together[0] != together[1]  # the two faces do read differently
