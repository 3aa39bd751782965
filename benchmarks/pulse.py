"""How well the pulse estimator recovers a known pulse, and what it costs per frame.

Synthetic clips of the drawn face whose skin carries a known pulse (demos/engine/pulse_clip.py)
go through the estimator. Prints, across noise seeds: error by window length (3.5/10/20/30 s),
by amplitude, with a swaying head and a light switched on and off, after VP8 compression (the
codec WebRTC uses between the browser and the app) at three bitrates; then the per-frame cost
of the skin sampler and the cost of one estimate. A report, not a test: nothing is asserted.
Usage: python benchmarks/pulse.py [--seeds 8] [--quick]
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from demos.engine import pulse, pulse_clip
from demos.engine.pulse import PulseEstimate, Sample, estimate
from demos.engine.pulse_clip import PulseClip

BASE = PulseClip(seconds=31.0)  # realistic: 0.3 grey levels of pulse, noise 2, colour noise 0.1


def row(label: str, found: Sequence[PulseEstimate], truth: float) -> str:
    """One line: how many got a number, their errors, and the peak's error even when refused."""
    given = [abs(e.bpm - truth) for e in found if e.bpm is not None]
    peaks = [abs(e.peak - truth) for e in found if e.peak is not None]
    within = sum(err <= 5.0 for err in given)

    def med(xs: Iterable[float]) -> str:
        xs = list(xs)
        return f"{np.median(xs):5.1f}" if xs else "    -"

    def p90(xs: Iterable[float]) -> str:
        xs = list(xs)
        return f"{np.percentile(xs, 90):5.1f}" if xs else "    -"

    return (
        f"{label:<28} number given {len(given):2d}/{len(found):<2d}  "
        f"|error| median {med(given)} p90 {p90(given)} bpm  within 5 bpm {within:2d}  "
        f"peak |error| median {med(peaks)} bpm  quality median "
        f"{np.median([e.quality for e in found]):.2f}  refusals "
        f"{','.join(sorted({e.reason for e in found if e.reason})) or '-'}"
    )


def vp8(clip: PulseClip, bitrate: int) -> list[Sample]:
    """The clip encoded with libvpx VP8 in real-time mode at `bitrate`, decoded, then sampled."""
    import av

    w, h = clip.frame_size
    buf = io.BytesIO()
    out = av.open(buf, "w", format="webm")
    stream = out.add_stream("libvpx", rate=round(clip.fps))
    stream.width, stream.height, stream.pix_fmt = w, h, "yuv420p"
    stream.bit_rate = bitrate
    stream.options = {"deadline": "realtime", "cpu-used": "8", "lag-in-frames": "0"}
    stamps = []
    for i, (t, bgr) in enumerate(pulse_clip.frames(clip)):
        frame = av.VideoFrame.from_ndarray(bgr, format="bgr24")
        frame.pts = i
        stamps.append(t)
        for packet in stream.encode(frame):
            out.mux(packet)
    for packet in stream.encode():
        out.mux(packet)
    out.close()
    samples = []
    with av.open(io.BytesIO(buf.getvalue())) as src:
        for t, decoded in zip(stamps, src.decode(video=0), strict=False):
            bgr = decoded.to_ndarray(format="bgr24")
            samples.append(pulse.sample_frame(bgr, pulse_clip.regions(clip, t), t, (0.5, 0.5), 0.5))
    return samples


def cost(frames: int) -> None:
    """Per-frame cost of the sampler (skin patches from landmarks, their mean) at 640x480."""
    clip = BASE.with_(width=640, height=480, size=300, seconds=2.0)
    bgr = pulse_clip.frame(clip, 0.0)
    landmarks = _landmarks(bgr)
    meter = pulse.PulseMeter()

    class Face:
        pass

    class Reading:
        problem = None

    face = Face()
    face.landmarks, face.width = landmarks, 0.4
    reading = Reading()
    reading.faces = (face,)
    took = []
    for i in range(frames):
        start = time.perf_counter()
        meter(bgr, reading, i / 30.0)
        took.append((time.perf_counter() - start) * 1000)
    print(
        f"sampler per frame (640x480)  : median {np.median(took):.3f} ms  "
        f"p95 {np.percentile(took, 95):.3f} ms  ({'real landmarks' if _REAL else 'clip patches'})"
    )
    samples = pulse_clip.samples(BASE.with_(seconds=31.0 if frames > 100 else 4.0))
    for window in pulse.WINDOWS if frames > 100 else pulse.WINDOWS[:1]:
        took = []
        for _ in range(20):
            start = time.perf_counter()
            estimate(samples, window)
            took.append((time.perf_counter() - start) * 1000)
        print(f"one estimate over {window:4.1f} s     : median {np.median(took):.2f} ms")


_REAL = False


def _landmarks(bgr: np.ndarray) -> np.ndarray:
    """The face model's landmarks on the clip's face when the model is here; else a stand-in
    that puts the three patches where the clip draws them."""
    global _REAL
    from demos.engine import model_file

    status = model_file.check()
    if status.ready:
        from demos.engine.tracking import Tracker

        with Tracker(status.path, video=False) as tracker:
            found = tracker.process(bgr)
        if found.faces:
            _REAL = True
            return found.faces[0].landmarks
    points = np.full((478, 2), 0.5, np.float32)
    for idx, poly in zip(pulse.REGIONS, pulse_clip._PATCHES, strict=True):
        corners = np.array(poly, np.float32) * 300 / [640, 480] + [170 / 640, 90 / 480]
        for k, i in enumerate(idx):
            points[i] = corners[k % 4]
    return points


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=8)
    parser.add_argument("--quick", action="store_true", help="a tiny run: does it still work")
    args = parser.parse_args()
    seeds = range(1 if args.quick else args.seeds)
    truth = BASE.bpm
    print(f"clip: {truth:.0f} bpm, pulse {BASE.amplitude} grey levels, pixel noise {BASE.noise}, ")
    print(f"colour noise {BASE.colour_noise}, {BASE.fps:.0f} fps, seeds {len(seeds)}")
    print("spacing = 60 / window; beats = window x rate / 60 (from demos/engine/pulse.py)")
    print("\nby window length (realistic clip)")
    runs = {
        s: pulse_clip.samples(BASE.with_(seed=s, seconds=11.0 if args.quick else 31.0))
        for s in seeds
    }
    for window in (3.5, 10.0) if args.quick else (3.5, 10.0, 20.0, 30.0):
        found = [estimate(runs[s], window) for s in seeds]
        label = (
            f"{window:4.1f} s ({pulse.beats_in(window, truth):4.1f} beats, "
            f"{pulse.spacing(window):4.1f} bpm)"
        )
        print(row(label, found, truth))
    short = 11.0 if args.quick else 21.0
    windows = (3.5, 10.0) if args.quick else (3.5, 10.0, 20.0)
    print("\nby amplitude (grey levels of green)")
    for amplitude in (0.3,) if args.quick else (0.05, 0.1, 0.2, 0.3, 0.5, 1.0):
        clips = [
            pulse_clip.samples(BASE.with_(amplitude=amplitude, seed=s, seconds=short))
            for s in seeds
        ]
        for window in windows:
            print(
                row(
                    f"{amplitude:4.2f} over {window:4.1f} s",
                    [estimate(c, window) for c in clips],
                    truth,
                )
            )
    print("\nwith movement and light")
    changes = (
        ("head sways 5%", {"sway": 0.05}),
        ("head sways 10%", {"sway": 0.1}),
        ("light on/off 10%", {"light": 0.1}),
        ("light on/off 20%", {"light": 0.2}),
    )
    for label, change in changes[1:2] if args.quick else changes:
        clips = [pulse_clip.samples(BASE.with_(seed=s, seconds=short, **change)) for s in seeds]
        for window in windows:
            print(row(f"{label} {window:4.1f} s", [estimate(c, window) for c in clips], truth))
    print("\nthrough VP8 (the WebRTC codec), 320x240, face 200 px")
    for amplitude in (0.3,) if args.quick else (0.3, 1.0, 3.0):
        for bitrate in (300_000,) if args.quick else (300_000, 1_000_000, 2_500_000):
            clips = [
                vp8(
                    BASE.with_(
                        amplitude=amplitude,
                        seed=s,
                        seconds=short,
                        width=320,
                        height=240,
                        size=200,
                        jitter=0.0,
                        drop=0.0,
                    ),
                    bitrate,
                )
                for s in seeds
            ]
            label = f"{amplitude:3.1f} gl at {bitrate // 1000:4d} kbps {windows[-1]:.0f} s"
            print(row(label, [estimate(c, windows[-1]) for c in clips], truth))
    print("\ncost")
    cost(100 if args.quick else 1000)
    return 0


if __name__ == "__main__":
    sys.exit(main())
