"""The pulse estimator on synthetic clips carrying a known pulse, and on real landmarks."""

from __future__ import annotations

import numpy as np
import pytest

from demos.engine import pulse, pulse_clip
from demos.engine.camera_stream import CameraStream
from demos.engine.pulse import PulseMeter, Sample, estimate
from demos.engine.pulse_clip import PulseClip
from tests.privacy import image_like

# Realistic: the skin's green moves by 0.3 of one grey level, under pixel noise of 2 levels and
# slow colour noise of 0.1 levels; frame times jitter and 3% of frames are lost.
REALISTIC = PulseClip(seconds=21.0, amplitude=0.3, noise=2.0)


@pytest.fixture(scope="module")
def clips() -> dict[int, list[Sample]]:
    return {seed: pulse_clip.samples(REALISTIC.with_(seed=seed)) for seed in (0, 1, 2)}


def test_the_clip_changes_the_skin_by_well_under_one_grey_level():
    """Without camera noise every frame rounds to the same pixels: the change is below one grey
    level. With noise, the mean over thousands of skin pixels carries it again."""
    still = REALISTIC.with_(noise=0.0, colour_noise=0.0, seconds=2.0)
    first, *rest = (bgr for _, bgr in pulse_clip.frames(still))
    assert all(np.array_equal(first, other) for other in rest)
    noisy = pulse_clip.samples(REALISTIC.with_(colour_noise=0.0, seconds=5.0))
    green = np.array([s.rgb[1] for s in noisy])
    beat = pulse_clip.wave(REALISTIC, np.array([s.t for s in noisy]))
    assert np.corrcoef(green, beat)[0, 1] > 0.7
    assert np.ptp(green) < 1.0


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_72_bpm_is_recovered_within_3_over_20_seconds(clips, seed):
    found = estimate(clips[seed], 20.0)
    assert found.reason is None, found
    assert abs(found.bpm - 72.0) <= 3.0
    assert found.beats == pytest.approx(20.0 * found.bpm / 60.0)
    assert found.spacing == pytest.approx(3.0)


@pytest.mark.parametrize("bpm", [50.0, 110.0, 160.0])
def test_other_rates_are_recovered_too(bpm):
    found = estimate(pulse_clip.samples(REALISTIC.with_(bpm=bpm)), 20.0)
    assert found.bpm is not None and abs(found.bpm - bpm) <= 3.0, found


def test_a_face_without_a_pulse_gets_no_number():
    refused = [
        estimate(pulse_clip.samples(REALISTIC.with_(amplitude=0.0, seed=s)), 20.0)
        for s in (0, 1, 2)
    ]
    assert all(e.bpm is None and e.reason == "low_quality" for e in refused), refused


def test_a_swaying_head_gets_no_number_and_says_it_moved():
    found = estimate(pulse_clip.samples(REALISTIC.with_(sway=0.1)), 20.0)
    assert found.bpm is None and found.reason == "moved"
    assert found.motion > pulse.MAX_MOTION


def test_no_face_gets_no_number():
    empty = [Sample(t / 30, None) for t in range(700)]
    assert estimate(empty, 20.0).reason == "no_face"
    assert estimate([], 20.0).reason == "no_face"


def test_a_face_lost_at_the_end_gets_no_number(clips):
    lost = [*clips[0], Sample(clips[0][-1].t + 0.03, None)]
    assert estimate(lost, 20.0).reason == "no_face"


def test_too_few_seconds_get_no_number_yet(clips):
    first_five = [s for s in clips[0] if s.t < 5.0]
    found = estimate(first_five, 20.0)
    assert found.bpm is None and found.reason == "too_short"
    assert 4.5 < found.seconds < 5.0


def test_too_few_frames_a_second_get_no_number(clips):
    sparse = clips[0][::6]  # about 5 a second
    assert estimate(sparse, 20.0).reason == "slow"


def test_pos_ignores_a_change_of_brightness_alone():
    """A light that pulses at 72 a minute in every channel alike is not skin: POS projects it
    out (the normalised colour's plane is orthogonal to brightness)."""
    t = np.arange(0, 20.5, 1 / 30)
    rng = np.random.default_rng(0)
    level = 1.0 + 0.01 * np.sin(2 * np.pi * 1.2 * t)
    rgb = np.outer(level, [180.0, 140.0, 120.0]) + rng.normal(0, 0.02, (len(t), 3))
    found = estimate([Sample(float(a), tuple(c)) for a, c in zip(t, rgb, strict=True)], 20.0)
    assert found.bpm is None and found.reason == "low_quality"


def test_the_spacing_and_the_beats_a_window_holds_come_from_the_window():
    assert pulse.spacing(3.5) == pytest.approx(17.14, abs=0.01)
    assert pulse.beats_in(3.5, 72.0) == pytest.approx(4.2)
    assert pulse.spacing(30.0) == pytest.approx(2.0)


def test_an_estimate_is_numbers_only(clips):
    found = estimate(clips[0], 10.0)
    assert image_like(found) == []
    assert len(found.spectrum.trace) == len(found.spectrum.times)
    assert min(found.spectrum.bpm) >= pulse.LOW_BPM and max(found.spectrum.bpm) <= pulse.HIGH_BPM
    assert sum(found.spectrum.power) == pytest.approx(1.0, abs=1e-6)


def test_the_meter_keeps_numbers_for_35_seconds_and_forgets_on_clear():
    meter = PulseMeter()
    for i in range(40 * 30):
        meter.add(Sample(i / 30, (1.0, 2.0, 3.0), (0.5, 0.5), 0.3))
    meter.add(Sample(1.0, (1.0, 2.0, 3.0)))  # out of order: dropped
    kept = meter.samples()
    assert kept[-1].t - kept[0].t <= pulse.KEEP_SECONDS
    assert image_like(meter) == []
    meter.clear()
    assert meter.samples() == []


def test_the_meter_samples_a_frame_without_a_face_as_no_face():
    class NoFace:
        faces = ()
        problem = None

    meter = PulseMeter()
    meter(np.zeros((48, 64, 3), np.uint8), NoFace(), 1.0)
    assert meter.samples() == [Sample(1.0, None)]


@pytest.mark.model
def test_the_landmarks_put_the_skin_patches_on_the_face(model_path):
    """The real tracker on the clip's drawn face: the three patches sit inside the face and their
    mean colour is the face's colour."""
    from demos.engine.tracking import Tracker

    clip = REALISTIC.with_(width=640, height=480, size=400, noise=0.0, amplitude=0.0)
    bgr = pulse_clip.frame(clip, 0.0)
    with Tracker(model_path, video=False) as tracker:
        face = tracker.process(bgr).faces[0]
    patches = pulse.skin_regions(face.landmarks, 640, 480)
    skin = pulse_clip._face(400)[0][200, 200]  # the face's colour at its centre
    mean = pulse.skin_mean(bgr, patches)
    assert np.allclose(mean, skin, atol=8), (mean, skin)
    for patch in patches:
        x, y = patch.reshape(-1, 2).mean(axis=0)
        assert 120 < x < 520 and 40 < y < 440


@pytest.mark.model
def test_the_camera_stream_hands_every_frame_to_the_sampler(model_path):
    clip = REALISTIC.with_(width=320, height=240, size=200, seconds=1.0)
    ticks = iter(np.arange(0, 10, 1 / 30))
    live = CameraStream(model_path, lambda a: [], clock=lambda: float(next(ticks)))
    meter = PulseMeter()
    live.set_sampler(meter)
    for _, bgr in pulse_clip.frames(clip):
        live.on_frame(bgr)
    live.stop()
    got = meter.samples()
    assert len(got) >= 20 and all(s.rgb is not None for s in got)
    assert image_like(meter) == []


@pytest.mark.model
def test_the_pulse_benchmark_still_runs_and_prints_its_figures():
    import subprocess
    import sys

    from tests.conftest import ROOT

    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "pulse.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    for label in ("by window length", "through VP8", "sampler per frame", "one estimate over"):
        assert label in done.stdout
