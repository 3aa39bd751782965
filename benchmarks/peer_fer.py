"""A peer: the `fer` package's classifier, per frame, on the frames benchmarks/engine.py uses.

`fer` (PyPI) is a typical 2020s emotion classifier: a face detector (OpenCV's Haar cascade by
default, or MTCNN from facenet-pytorch), then a small CNN trained on FER-2013 (seven labels)
run by TensorFlow (its bundled quantized TFLite model by default, or the Keras .hdf5 model).
It needs tensorflow, and facenet-pytorch (torch) as a declared dependency, so it lives in its own
environment, never in Face Value's (where a second OpenCV or TensorFlow's pins must not land):

    python -m venv /tmp/fer-venv && /tmp/fer-venv/bin/pip install fer "setuptools<81"

This script, run with Face Value's Python, writes the frames (the astronaut smiling and Grace
Hopper at rest, 640x480, alternating every 30 frames, as benchmarks/engine.py), runs itself in
that environment to time fer's detect_emotions() per frame in each configuration that starts
(Haar + TFLite, Haar + Keras, MTCNN + TFLite), then times Face Value's engine (tracking,
measurement, smoothing, classification; no overlay) on the same frames, and prints both.
Everything fer needs ships inside the packages; nothing is downloaded at run time.

Usage: python benchmarks/peer_fer.py --python /tmp/fer-venv/bin/python [--frames 120]
Without --python (or if fer cannot start there) it says precisely why it cannot run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve()
CONFIGS = {
    "fer, Haar cascade + TFLite (its default)": {"mtcnn": False, "use_tflite": True},
    "fer, Haar cascade + Keras .hdf5": {"mtcnn": False, "use_tflite": False},
    "fer, MTCNN (facenet-pytorch) + TFLite": {"mtcnn": True, "use_tflite": True},
}


def _ms_figures(ms: list[float]) -> str:
    med = statistics.median(ms)
    p95 = float(np.percentile(ms, 95))
    return f"median {med:7.2f} ms  p95 {p95:7.2f} ms  {1000 / med:6.1f} frames/s"


# ---------------------------------------------------------------- inside fer's environment


def worker(frames_path: str, config: str, warmup: int) -> int:
    """Runs in fer's venv, one configuration per process: prints one JSON line."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    options = CONFIGS[config]
    pictures = np.load(frames_path)  # the distinct pictures; the list says which, frame by frame
    names, order = json.loads(Path(frames_path).with_suffix(".json").read_text())
    frames = [pictures[order.index(n)] for n in names]
    result: dict = {"config": config}
    if options["mtcnn"]:
        # fer imports tensorflow first; torch imported after it (as FER(mtcnn=True) does)
        # segfaults while loading triton. Imported first, both load.
        try:
            import facenet_pytorch  # noqa: F401
            import torch  # noqa: F401
        except Exception as exc:
            result["error"] = f"facenet-pytorch cannot load: {type(exc).__name__}: {exc}"
            print(json.dumps(result))
            return 0
    try:
        try:
            from fer import FER  # fer <= 22
        except ImportError:
            from fer.fer import FER  # fer 25 no longer re-exports it
    except Exception as exc:  # report exactly what failed, for the parent to print
        hint = ""
        if "pkg_resources" in str(exc):
            hint = (
                " (fer imports pkg_resources, which setuptools >= 81 no longer ships: "
                "pip install 'setuptools<81' in fer's environment)"
            )
        result["error"] = f"import fer failed: {type(exc).__name__}: {exc}{hint}"
        print(json.dumps(result))
        return 0
    try:
        t0 = time.perf_counter()
        detector = FER(**options)
        result["start_s"] = time.perf_counter() - t0
        for bgr in frames[:warmup]:
            detector.detect_emotions(bgr)
        ms: list[float] = []
        tops: dict[str, dict[str, int]] = {}
        for bgr, name in zip(frames, names, strict=True):
            t0 = time.perf_counter()
            faces = detector.detect_emotions(bgr)
            ms.append((time.perf_counter() - t0) * 1000)
            if faces:
                best = max(faces, key=lambda f: f["box"][2] * f["box"][3])
                top = max(best["emotions"], key=best["emotions"].get)
                text = f"{top} {round(100 * best['emotions'][top])}%"
            else:
                text = "no face"
            tops.setdefault(name, {}).setdefault(text, 0)
            tops[name][text] += 1
        result.update(ms=ms, tops=tops)
    except Exception as exc:
        result["error"] = f"{type(exc).__name__}: {str(exc).strip().splitlines()[0][:300]}"
    print(json.dumps(result))
    return 0


def versions(python: str) -> str:
    """Versions of what fer runs on, read from package metadata (nothing imported)."""
    code = (
        "from importlib.metadata import version as v\n"
        "out = []\n"
        "for d in ('fer', 'tensorflow', 'keras', 'opencv-contrib-python', 'opencv-python', "
        "'torch', 'facenet-pytorch', 'setuptools'):\n"
        "    try: out.append(f'{d} {v(d)}')\n"
        "    except Exception: pass\n"
        "print(', '.join(out))"
    )
    proc = subprocess.run([python, "-c", code], capture_output=True, text=True, timeout=60)
    return proc.stdout.strip() or proc.stderr.strip()[-300:]


# ---------------------------------------------------------------- in Face Value's environment


def face_value_times(frames: list[np.ndarray], warmup: int) -> list[float]:
    sys.path.insert(0, str(HERE.parents[1]))
    from demos.engine import model_file
    from demos.engine.face_engine import FaceEngine

    engine = FaceEngine(model_file.check().path)
    for bgr in frames[:warmup]:
        engine.process(bgr)
    ms = []
    for bgr in frames:
        t0 = time.perf_counter()
        engine.process(bgr)
        ms.append((time.perf_counter() - t0) * 1000)
    engine.close()
    return ms


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", help="the interpreter of an environment with fer installed")
    parser.add_argument("--frames", type=int, default=120)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--config", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args.worker, args.config, args.warmup)

    if not args.python:
        print("fer not measured: no --python given.")
        print(
            "fer needs tensorflow (and declares facenet-pytorch, hence torch) and must not be "
            "installed beside Face Value; make its own environment, then pass its interpreter:"
        )
        print("  python -m venv /tmp/fer-venv")
        print("  /tmp/fer-venv/bin/pip install fer 'setuptools<81'  # fer imports pkg_resources")
        print("  python benchmarks/peer_fer.py --python /tmp/fer-venv/bin/python")
        return 2
    if not Path(args.python).exists():
        print(f"fer not measured: {args.python} does not exist (see --help for how to make it)")
        return 2

    sys.path.insert(0, str(HERE.parents[1]))
    sys.path.insert(0, str(HERE.parent))
    from common import machine, require_model

    from support.faces import astronaut_face_bgr, grace_hopper_bgr, letterbox

    if require_model() is None:
        return 1
    clips = {"astronaut": letterbox(astronaut_face_bgr()), "grace": letterbox(grace_hopper_bgr())}
    names = [("astronaut", "grace")[(i // 30) % 2] for i in range(args.frames)]
    frames = [clips[n] for n in names]

    print(machine())
    print(f"frames: {args.frames} at 640x480 (astronaut smiling / Grace Hopper at rest, by 30)")
    print(f"fer environment: {versions(args.python)}")
    results = []
    with tempfile.TemporaryDirectory(prefix="fv-fer-") as tmp:
        path = Path(tmp) / "frames.npy"
        np.save(path, np.stack(list(clips.values())))
        path.with_suffix(".json").write_text(json.dumps([names, list(clips)]))
        for config in CONFIGS:
            command = [args.python, str(HERE), "--worker", str(path), "--config", config]
            proc = subprocess.run(
                [*command, "--warmup", str(args.warmup)],
                capture_output=True,
                text=True,
                env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "CUDA_VISIBLE_DEVICES": ""},
                timeout=1800,
            )
            lines = [json.loads(x) for x in proc.stdout.splitlines() if x.startswith("{")]
            if lines:
                results.append(lines[-1])
            else:
                why = [x for x in proc.stderr.strip().splitlines() if "Error" in x or "error" in x]
                results.append(
                    {"config": config, "error": f"exited with {proc.returncode}: {why[-1:]}"}
                )
    measured = False
    for r in results:
        if "error" in r:
            print(f"{r['config']}: cannot run here: {r['error']}")
            continue
        measured = True
        print(f"{r['config']}: {_ms_figures(r['ms'])}  (start {r['start_s']:.1f} s)")
        for name, tops in r["tops"].items():
            said = ", ".join(f"{k} x{v}" for k, v in sorted(tops.items(), key=lambda kv: -kv[1]))
            print(f"    on {name}: {said}")
    ms = face_value_times(frames, args.warmup)
    print(f"Face Value engine (no overlay): {_ms_figures(ms)}")
    return 0 if measured else 1


if __name__ == "__main__":
    raise SystemExit(main())
