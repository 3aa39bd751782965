import numpy as np
import pytest

from demos.engine.frames import MAX_WIDTH, FrameProblem, to_i420, to_rgb
from support.faces import astronaut_face_bgr


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


def test_a_frame_for_the_encoder_is_the_picture_the_encoder_would_have_made():
    import av  # the WebRTC stack's own converter, the one the encoder used before

    face = np.ascontiguousarray(astronaut_face_bgr()[:480, :640])
    ours = to_i420(face)
    theirs = av.VideoFrame.from_ndarray(face, format="bgr24").reformat(format="yuv420p")
    assert ours.shape == (face.shape[0] * 3 // 2, face.shape[1])
    diff = np.abs(ours.astype(int) - theirs.to_ndarray().astype(int))
    h = face.shape[0]
    assert diff[:h].max() <= 2  # brightness: the same everywhere
    assert diff[h:].mean() < 1.0  # colour: both average it over 2x2 pixels, weighted apart
    back = av.VideoFrame.from_ndarray(ours, format="yuv420p").to_ndarray(format="bgr24")
    assert np.abs(back.astype(int) - face.astype(int)).mean() < 4  # 4:2:0 keeps the picture


@pytest.mark.parametrize(
    "frame",
    [
        np.zeros((481, 640, 3), np.uint8),
        np.zeros((480, 641, 3), np.uint8),
        np.zeros((480, 640), np.uint8),
        np.zeros((480, 640, 3), np.float32),
        np.zeros((640,), np.uint8),
        None,
    ],
)
def test_a_frame_without_a_4_2_0_layout_is_left_to_the_encoder(frame):
    assert to_i420(frame) is None
