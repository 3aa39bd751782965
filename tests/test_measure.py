import math

import pytest

from demos.engine.measure import BY_KEY, KEYS, MOVEMENTS, Movements, Smoother, measure, strongest


def test_there_are_about_fourteen_movements_each_with_an_action_unit():
    assert 13 <= len(MOVEMENTS) <= 16
    assert all(m.au.startswith("AU") for m in MOVEMENTS)
    assert len(set(KEYS)) == len(KEYS)


def test_a_broad_smile_measures_lip_corners_pulled_up():
    moves = measure({"mouthSmileLeft": 0.9, "mouthSmileRight": 0.8})
    assert moves["lip_corner_pull"] == pytest.approx(0.85)
    assert moves["lip_corner_depress"] == 0.0


def test_weak_blendshapes_get_their_own_scale():
    raw = 0.05  # what eyeWide reaches on fear photos
    moves = measure({"eyeWideLeft": raw, "eyeWideRight": raw})
    assert moves["upper_lid_raise"] == pytest.approx(raw * BY_KEY["upper_lid_raise"].gain)
    assert moves["upper_lid_raise"] > raw


def test_values_are_clipped_to_zero_to_one_and_nan_reads_as_still():
    moves = measure({"jawOpen": 3.0, "browInnerUp": -1.0, "mouthPressLeft": math.nan})
    assert moves["jaw_drop"] == 1.0
    assert moves["inner_brow_raise"] == 0.0
    assert moves["lip_press"] == 0.0


def test_missing_blendshapes_read_as_still():
    assert measure({}) == Movements.still()


def test_movements_refuse_unknown_names():
    with pytest.raises(KeyError):
        Movements.of(happiness=1.0)


def test_smoother_moves_part_way_towards_each_new_reading_and_resets():
    smoother = Smoother(alpha=0.5)
    smoother.update(Movements.of(jaw_drop=0.0))
    assert smoother.update(Movements.of(jaw_drop=1.0))["jaw_drop"] == pytest.approx(0.5)
    assert smoother.update(Movements.of(jaw_drop=1.0))["jaw_drop"] == pytest.approx(0.75)
    smoother.reset()
    assert smoother.update(Movements.of(jaw_drop=1.0))["jaw_drop"] == 1.0


def test_top_lists_strongest_movements_above_a_floor():
    moves = Movements.of(jaw_drop=0.9, lip_press=0.3, brow_lower=0.1)
    assert strongest(moves, n=3) == (("jaw_drop", 0.9), ("lip_press", 0.3))
