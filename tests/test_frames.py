import numpy as np
import pytest

from demos.engine.frames import MAX_WIDTH, FrameProblem, to_rgb


def bgr(h=120, w=160):
    img = np.zeros((h, w, 3), np.uint8)
    img[..., 0] = 200  # blue in BGR
    return img


def test_bgr_becomes_contiguous_rgb():
    rgb = to_rgb(bgr())
    assert rgb.flags.c_contiguous and rgb.dtype == np.uint8
    assert tuple(rgb[0, 0]) == (0, 0, 200)


@pytest.mark.parametrize(
    "frame, reason",
    [
        (None, "none"),
        ("not a picture", "not_an_image"),
        (np.zeros((0, 0, 3), np.uint8), "empty"),
        (np.zeros((1, 1, 3), np.uint8), "too_small"),
        (np.zeros((64, 64, 2), np.uint8), "bad_shape"),
        (np.zeros((4, 64, 64), np.uint8), "bad_shape"),
        (np.full((64, 64, 3), np.nan, np.float32), "bad_values"),
        (np.zeros((64, 64, 3), np.complex64), "bad_values"),
    ],
)
def test_unusable_frames_get_a_named_problem(frame, reason):
    assert to_rgb(frame) == FrameProblem(reason)


@pytest.mark.parametrize(
    "frame",
    [
        np.zeros((64, 64), np.uint8),  # gray
        np.zeros((64, 64, 1), np.uint8),  # gray with a channel axis
        np.zeros((64, 64, 4), np.uint8),  # BGRA
        np.zeros((64, 128, 3), np.uint8)[:, ::2],  # non-contiguous
        np.zeros((64, 64, 3), np.float32),  # float 0..1
        np.full((64, 64, 3), 300.0),  # float 0..255 and beyond
        np.full((64, 64, 3), 4000, np.uint16),  # 16-bit camera
        np.ones((64, 64, 3), bool),
    ],
    ids=["gray", "gray1", "bgra", "noncontiguous", "float01", "float255", "uint16", "bool"],
)
def test_odd_but_usable_frames_become_rgb(frame):
    rgb = to_rgb(frame)
    assert isinstance(rgb, np.ndarray)
    assert rgb.shape == (64, 64, 3) and rgb.dtype == np.uint8 and rgb.flags.c_contiguous


def test_a_4k_frame_is_scaled_down_keeping_its_shape():
    rgb = to_rgb(np.zeros((2160, 3840, 3), np.uint8))
    assert rgb.shape == (720, MAX_WIDTH, 3)
