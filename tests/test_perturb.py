"""The robustness lab's changes: deterministic, and each one moves the machine's reading."""

import numpy as np
import pytest

from demos.engine.face_engine import analyse_photo
from demos.engine.perturb import Perturbation, perturb, sample_portrait
from support.faces import letterbox

CHANGES = {
    "dark": Perturbation(brightness=0.25),
    "blur": Perturbation(blur=0.012),
    "tilt": Perturbation(rotation=25),
    "far": Perturbation(distance=2.5),
    "band": Perturbation(band=0.12, band_at=0.42),
}


def frame():
    return letterbox(sample_portrait())


def test_the_portrait_ships_with_the_stack():
    img = sample_portrait()
    assert img is not None and img.ndim == 3


def test_no_change_leaves_the_frame_as_it_was():
    f = frame()
    assert Perturbation().is_identity
    assert np.array_equal(perturb(f, Perturbation()), f)


@pytest.mark.parametrize("name", list(CHANGES))
def test_each_change_is_deterministic_and_leaves_the_original_alone(name):
    f = frame()
    copy = f.copy()
    a, b = perturb(f, CHANGES[name]), perturb(f, CHANGES[name])
    assert np.array_equal(a, b)
    assert not np.array_equal(a, f)
    assert np.array_equal(f, copy)


@pytest.mark.model
@pytest.mark.parametrize("name", list(CHANGES))
def test_each_change_moves_the_measurements(model_path, name):
    f = frame()
    before, _ = analyse_photo(model_path, f)
    after, _ = analyse_photo(model_path, perturb(f, CHANGES[name]))
    if after.movements is None:  # the face was lost altogether: the biggest change of all
        assert after.status == "no_face"
        return
    drift = max(
        abs(a - b) for a, b in zip(before.movements.values, after.movements.values, strict=True)
    )
    assert drift > 0.03, name
