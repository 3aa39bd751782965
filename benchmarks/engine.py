"""Per-frame time of raw MediaPipe and of the whole Face Value engine, in the same run.

The engine is timed twice, interleaved: with the recipes only, and with both machines (the
recipes and the learned CNN, when its model is installed). Prints median and p95 (ms),
frames/s, the ratio to raw MediaPipe (target <= 1.10), what the CNN adds per frame (target
<= 1.5 ms) and peak RSS.
Usage: python benchmarks/engine.py [--frames 600]
"""

from __future__ import annotations

import argparse
import platform
import resource
import statistics
import sys
import time
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from demos.engine import model_file
from demos.engine.face_engine import FaceEngine
from demos.engine.overlay import draw_overlay
from support.faces import astronaut_face_bgr, grace_hopper_bgr, letterbox


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def _cnn_alone(model_path: Path, clips: list[np.ndarray], n: int = 300) -> list[float]:
    """The second machine's own time per frame (crop from landmarks, gray, 64x64, LiteRT)."""
    from demos.engine.face_engine import analyse_photo
    from demos.engine.learned import LearnedReader

    faces = [(bgr, analyse_photo(model_path, bgr)[1].faces[0].landmarks) for bgr in clips]
    reader = LearnedReader(model_file.check(spec=model_file.EXPRESSION).path)
    times = []
    for i in range(n):
        bgr, landmarks = faces[i % len(faces)]
        t0 = time.perf_counter()
        reader.read(bgr, landmarks)
        times.append((time.perf_counter() - t0) * 1000)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=600)
    args = parser.parse_args()
    status = model_file.check()
    if not status.ready:
        print(f"face model not ready at {status.path}: {status.state.value}")
        return 1

    import mediapipe as mp
    from mediapipe.tasks.python import BaseOptions, vision

    # Two real faces alternating, so tracking has to follow a change now and then.
    clips = [letterbox(astronaut_face_bgr()), letterbox(grace_hopper_bgr())]
    frames = [clips[(i // 30) % 2] for i in range(args.frames)]

    options = vision.FaceLandmarkerOptions(
        base_options=BaseOptions(model_asset_path=str(status.path)),
        running_mode=vision.RunningMode.VIDEO,
        num_faces=5,
        output_face_blendshapes=True,
    )
    raw = vision.FaceLandmarker.create_from_options(options)
    engine = FaceEngine(status.path, learned=False)
    both = FaceEngine(status.path, learned=True)
    second = model_file.check(spec=model_file.EXPRESSION).ready
    lines = ["reads as HAPPY 93%", "moved: lip corners up 0.90, upper lip up 0.53"]

    raw_ms: list[float] = []
    eng_ms: list[float] = []
    both_ms: list[float] = []
    ts = 0
    # Warm both up, then interleave them so both see the same machine load.
    for bgr in frames[:20]:
        ts += 33
        raw.detect_for_video(
            mp.Image(image_format=mp.ImageFormat.SRGB, data=bgr[..., ::-1].copy()), ts
        )
        engine.process(bgr)
        both.process(bgr)
    for bgr in frames:
        # Raw: the least any app must do, an RGB copy of the camera's BGR frame, then detect.
        t0 = time.perf_counter()
        rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
        ts += 33
        raw.detect_for_video(mp.Image(image_format=mp.ImageFormat.SRGB, data=rgb), ts)
        raw_ms.append((time.perf_counter() - t0) * 1000)
        # Engine: checks, tracking, measurement, smoothing, classification and the overlay.
        t0 = time.perf_counter()
        _, reading = engine.process(bgr)
        draw_overlay(bgr, reading, lines)
        eng_ms.append((time.perf_counter() - t0) * 1000)
        # Both machines: the same, plus the CNN on the largest face's crop.
        t0 = time.perf_counter()
        _, reading = both.process(bgr)
        draw_overlay(bgr, reading, lines)
        both_ms.append((time.perf_counter() - t0) * 1000)
    raw.close()
    engine.close()
    both.close()
    cnn_ms = _cnn_alone(status.path, clips) if second else []

    raw_med, eng_med = statistics.median(raw_ms), statistics.median(eng_ms)
    both_med = statistics.median(both_ms)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"machine: {platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}, mediapipe {mp.__version__}"
    )
    print(f"frames: {args.frames} at 640x480")
    print(
        f"raw mediapipe : median {raw_med:6.2f} ms  p95 {percentile(raw_ms, 95):6.2f} ms  "
        f"{1000 / raw_med:5.1f} frames/s"
    )
    print(
        f"face value    : median {eng_med:6.2f} ms  p95 {percentile(eng_ms, 95):6.2f} ms  "
        f"{1000 / eng_med:5.1f} frames/s"
    )
    print(f"ratio (median): {eng_med / raw_med:.3f}  (target <= 1.10)")
    if second:
        print(
            f"both machines : median {both_med:6.2f} ms  p95 {percentile(both_ms, 95):6.2f} ms  "
            f"{1000 / both_med:5.1f} frames/s"
        )
        print(f"ratio (median): {both_med / raw_med:.3f}  both machines against raw mediapipe")
        print(f"CNN adds      : {both_med - eng_med:+.2f} ms per frame (median; target <= 1.5)")
        print(
            f"CNN alone     : median {statistics.median(cnn_ms):6.2f} ms  "
            f"p95 {percentile(cnn_ms, 95):6.2f} ms  (crop, gray, 64x64, LiteRT; same faces)"
        )
    else:
        print("both machines : second machine not installed (model_file where)")
    print(f"peak RSS      : {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
