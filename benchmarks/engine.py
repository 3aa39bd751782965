"""Per-frame time of raw MediaPipe and of the whole Face Value engine, in the same run.

Prints median and p95 (ms), frames/s, their ratio (target <= 1.10) and peak RSS.
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
    engine = FaceEngine(status.path)
    lines = ["reads as HAPPY 93%", "moved: lip corners up 0.90, upper lip up 0.53"]

    raw_ms: list[float] = []
    eng_ms: list[float] = []
    ts = 0
    # Warm both up, then interleave them so both see the same machine load.
    for bgr in frames[:20]:
        ts += 33
        raw.detect_for_video(
            mp.Image(image_format=mp.ImageFormat.SRGB, data=bgr[..., ::-1].copy()), ts
        )
        engine.process(bgr)
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
    raw.close()
    engine.close()

    raw_med, eng_med = statistics.median(raw_ms), statistics.median(eng_ms)
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
    print(f"peak RSS      : {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
