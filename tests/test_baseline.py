"""Reading a face against its own resting face."""

import pytest

from demos.engine.baseline import average, relative
from demos.engine.classify import classify
from demos.engine.measure import Movements


def test_average_is_the_mean_of_each_movement():
    rest = average([Movements.of(brow_lower=0.4), Movements.of(brow_lower=0.6, jaw_drop=0.2)])
    assert rest["brow_lower"] == pytest.approx(0.5)
    assert rest["jaw_drop"] == pytest.approx(0.1)


def test_average_needs_samples():
    with pytest.raises(ValueError):
        average([])


def test_relative_rescales_what_is_left_above_rest():
    rest = Movements.of(brow_lower=0.5)
    assert relative(Movements.of(brow_lower=0.75), rest)["brow_lower"] == pytest.approx(0.5)
    assert relative(Movements.of(brow_lower=1.0), rest)["brow_lower"] == 1.0
    assert relative(Movements.of(brow_lower=0.3), rest)["brow_lower"] == 0.0  # below rest


def test_a_movement_already_at_its_maximum_at_rest_reads_zero():
    assert relative(Movements.of(jaw_drop=1.0), Movements.of(jaw_drop=1.0))["jaw_drop"] == 0.0


def test_a_resting_frown_reads_angry_alone_and_neutral_against_itself():
    frown = Movements.of(brow_lower=0.7, lid_tighten=0.6, lip_press=0.5)
    assert classify(frown).label == "angry"
    assert classify(relative(frown, frown)).label == "neutral"
