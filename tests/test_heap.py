"""Memory handed back over a long day: fewer malloc arenas, freed pages returned on STOP."""

from __future__ import annotations

import pytest

from demos.engine import heap
from demos.engine.camera_stream import CameraStream
from support.faces import astronaut_face_bgr, letterbox


@pytest.fixture
def fresh_limit():
    heap.limit_arenas.cache_clear()
    yield
    heap.limit_arenas.cache_clear()


def test_arenas_are_limited_on_glibc(fresh_limit, monkeypatch):
    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    assert heap.limit_arenas() is (heap._glibc() is not None)


def test_an_arena_limit_set_by_the_installer_is_left_alone(fresh_limit, monkeypatch):
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert heap.limit_arenas() is False


def test_without_glibc_nothing_is_tried(fresh_limit, monkeypatch):
    monkeypatch.setattr(heap, "_glibc", lambda: None)
    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    assert heap.limit_arenas() is False
    assert heap.give_back() is False


@pytest.mark.model
def test_stopping_a_camera_hands_the_engines_memory_back(model_path, monkeypatch):
    calls = []
    monkeypatch.setattr(heap, "give_back", lambda: calls.append("trim") or True)
    live = CameraStream(model_path, lambda a: [])
    live.stop()
    assert calls == []  # no engine yet, nothing to hand back
    live.resume()
    live.on_frame(letterbox(astronaut_face_bgr()))
    live.stop()
    assert calls == ["trim"]
