"""Soak: many frames through the live engine, and a simulated kiosk day, with RSS sampled.

Part 1 (default): --frames frames (default 100,000, about 35 min at ~20 ms a frame) through
CameraStream.on_frame, the path every live camera frame takes (frame checks, MediaPipe,
measurement, smoothing, classification, overlay), in one long session. The frames cycle
through real faces (support/faces.py: the astronaut smiling, Grace Hopper at rest), a wall with
no face, and bad frames (black, white, noise, 1x1, gray, BGRA, non-contiguous, NaN, 4K, float,
a face too small, five faces, None). RSS (VmRSS of this process) and the count of Python objects
are sampled every --every frames.

Part 2 (--kiosk-day): a museum day of --visitors visitors (default 500) with an accelerated
clock: a visitor arrives every 10 h / visitors, or when the one before has gone if they stayed
longer (the moved clock's total is printed). If demos/kiosk.py exists, the real kiosk page runs
in Streamlit's AppTest (the WebRTC component replaced by support/fake_webrtc.py, fed real
frames): each visitor touches start, chooses the camera, shows a face for 100-300 frames, walks
through some of the loop and either finishes or walks away, when the idle timer (moved forward
by a fake clock, not by sleeping) warns and then resets. Without demos/kiosk.py, each visitor is
a new CameraStream fed 100-300 frames, read, stopped and dropped. RSS is sampled after every
--sample-visitors visitors.

Warm-up, honestly: memory grows while MediaPipe, OpenCV and Python settle (allocator arenas,
caches); growth is measured from the sample after the warm-up (first 2,000 frames, or first 20
visitors) to the last sample, and to the peak after it; since RSS swings as the allocator takes
and returns memory, also as the median level of the first tenth of the samples after warm-up
against the last tenth, and as a least-squares trend. Target: within 5%.

Usage: python benchmarks/soak.py [--frames 100000] [--every 1000] [--warmup 2000] [--trim]
       python benchmarks/soak.py --kiosk-day [--visitors 500] [--driver kiosk|mirror] [--trim]
"""

from __future__ import annotations

import argparse
import gc
import logging
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, growth_report, machine, percentile, require_model, rss_mb

from demos.engine.camera_stream import CameraStream
from demos.engine.face_engine import Analysis
from support.faces import astronaut_face_bgr, grace_hopper_bgr, letterbox


def caption(analysis: Analysis) -> list[str]:
    """Overlay lines like the app's (panels.overlay_lines), without Streamlit."""
    v = analysis.verdict
    if v is None:
        return []
    return [f"reads as {v.label.upper()} {v.percent}%", "moved: lip corners up"]


# ---------------------------------------------------------------- the frames


def bad_frames() -> list[tuple[str, object]]:
    rng = np.random.default_rng(9)
    face = letterbox(astronaut_face_bgr())
    small = np.full((480, 640, 3), 40, np.uint8)
    tiny = cv2_resize(face, (64, 48))
    small[200:248, 300:364] = tiny
    nan = face.astype(np.float32) / 255
    nan[0, 0, 0] = np.nan
    wide = np.zeros((480, 1280, 3), np.uint8)  # five faces side by side, each still findable
    for i in range(5):
        wide[112:368, i * 256 : (i + 1) * 256] = cv2_resize(face, (256, 256))
    return [
        ("black", np.zeros((480, 640, 3), np.uint8)),
        ("white", np.full((480, 640, 3), 255, np.uint8)),
        ("noise", rng.integers(0, 256, (480, 640, 3), dtype=np.uint8)),
        ("1x1", np.zeros((1, 1, 3), np.uint8)),
        ("gray", face[..., 1].copy()),
        ("bgra", np.dstack([face, np.full(face.shape[:2], 255, np.uint8)])),
        ("non-contiguous", np.repeat(face, 2, axis=1)[:, ::2]),  # the face, as a strided view
        ("nan", nan),
        ("4k", cv2_resize(face, (3840, 2160))),
        ("float 0..1", face.astype(np.float32) / 255),
        ("face too small", small),
        ("five faces", wide),
        ("none", None),
    ]


def cv2_resize(img: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    import cv2

    return cv2.resize(img, size, interpolation=cv2.INTER_AREA)


class Frames:
    """A cycle of 100: 40 astronaut, 10 bad, 40 Grace Hopper, 10 wall (no face)."""

    def __init__(self) -> None:
        self.astronaut = letterbox(astronaut_face_bgr())
        self.grace = letterbox(grace_hopper_bgr())
        self.wall = np.full((480, 640, 3), 180, np.uint8)
        self.bad = bad_frames()
        self._bad_i = 0

    def __call__(self, i: int) -> tuple[str, object]:
        k = i % 100
        if k < 40:
            return "astronaut", self.astronaut
        if k < 50:
            self._bad_i += 1
            return self.bad[self._bad_i % len(self.bad)]
        if k < 90:
            return "grace", self.grace
        return "wall", self.wall


class Failures(logging.Handler):
    """Counts the frames CameraStream had to catch an exception for (it logs each), by kind."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.kind = ""
        self.counts: Counter[str] = Counter()
        self.first: dict[str, str] = {}

    def emit(self, record: logging.LogRecord) -> None:
        self.counts[self.kind] += 1
        if record.exc_info and self.kind not in self.first:
            exc = record.exc_info[1]
            self.first[self.kind] = f"{type(exc).__name__}: {exc}"[:120]

    def install(self) -> Failures:
        live_log = logging.getLogger("demos.engine.camera_stream")
        live_log.addHandler(self)
        live_log.propagate = False
        return self

    def report(self) -> None:
        if not self.counts:
            print("caught errors : none")
            return
        print(f"caught errors : {dict(self.counts)} (CameraStream logged them; the stream went on)")
        for kind, text in self.first.items():
            print(f"  {kind}: {text}")


# ---------------------------------------------------------------- figures

TRIM = False  # --trim: hand freed heap memory back to the system before each RSS sample


def sample_rss() -> float:
    """This process's RSS in MB; with --trim, after glibc's malloc_trim(0)."""
    if TRIM:
        from demos.engine import heap

        heap.give_back()
    return rss_mb(children=False)


# ---------------------------------------------------------------- part 1: frames


def soak_frames(model_path: Path, frames: int, every: int, warmup: int) -> None:
    source = Frames()
    mirror = CameraStream(model_path, caption)
    failures = Failures().install()
    kinds: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    # Allocated up front: a list growing by one float a frame would be 3 MB of the growth.
    ms = np.zeros(frames)
    gc.collect()
    samples = [(0, sample_rss(), len(gc.get_objects()))]
    t_start = time.perf_counter()
    for i in range(1, frames + 1):
        kind, frame = source(i)
        kinds[kind] += 1
        failures.kind = kind
        t0 = time.perf_counter()
        mirror.on_frame(frame)
        ms[i - 1] = (time.perf_counter() - t0) * 1000
        analysis = mirror.snapshot().analysis
        if analysis is not None:
            statuses[analysis.status] += 1
            if analysis.verdict is not None:
                labels[analysis.verdict.label] += 1
        if i % every == 0 or i == frames:
            samples.append((i, sample_rss(), len(gc.get_objects())))
            if i % (every * 10) == 0:
                elapsed = time.perf_counter() - t_start
                print(
                    f"  {i:>7,} frames  {samples[-1][1]:6.1f} MB  "
                    f"{float(np.median(ms[i - every : i])):5.1f} ms/frame  {elapsed / 60:5.1f} min",
                    flush=True,
                )
    mirror.stop()
    elapsed = time.perf_counter() - t_start
    print(f"frames        : {frames:,} in {elapsed / 60:.1f} min through CameraStream.on_frame")
    print(f"per frame     : median {np.median(ms):.1f} ms, p95 {percentile(ms, 95):.1f} ms")
    print(f"frame mix     : {dict(kinds.most_common())}")
    print(f"statuses      : {dict(statuses.most_common())}")
    print(f"verdicts      : {dict(labels.most_common())}")
    failures.report()
    growth_report(samples, warmup, "frames")


# ---------------------------------------------------------------- part 2: a kiosk day

DAY_HOURS = 10.0  # the opening hours the visitors' arrivals are spread over


def visitors_plan(n: int, seed: int = 9) -> list[dict]:
    """Who comes: their face, frames shown, how far they go, whether they finish or walk away."""
    rng = random.Random(seed)
    plan = []
    for _ in range(n):
        plan.append(
            {
                "face": rng.choice(["astronaut", "grace"]),
                "frames": rng.randint(100, 300),
                "steps": rng.randint(0, 3),  # Next pressed this many times after the Mirror
                "finishes": rng.random() < 0.4,
                "camera": rng.random() < 0.85,  # some choose the drawn face
            }
        )
    return plan


def feed_visitor(on_frame, source: Frames, visitor: dict) -> None:
    """A visitor in front of the camera: their face, a few frames of looking away, bad frames."""
    face = source.astronaut if visitor["face"] == "astronaut" else source.grace
    for i in range(visitor["frames"]):
        k = i % 50
        if k < 40:
            on_frame(face)
        elif k < 45:
            on_frame(source.wall)
        else:
            on_frame(source(40 + k)[1])  # one of the bad frames


def kiosk_day_mirror(model_path: Path, visitors: int, sample_every: int) -> list:
    """Fallback driver: each visitor is a new CameraStream, fed, read, stopped and dropped."""
    source = Frames()
    gc.collect()
    samples = [(0, sample_rss(), len(gc.get_objects()))]
    for n, visitor in enumerate(visitors_plan(visitors), 1):
        mirror = CameraStream(model_path, caption)
        if visitor["camera"]:
            feed_visitor(mirror.on_frame, source, visitor)
        mirror.snapshot()
        mirror.stop()
        del mirror
        gc.collect()
        if n % sample_every == 0 or n == visitors:
            samples.append((n, sample_rss(), len(gc.get_objects())))
    return samples


class FakeClock:
    """Stands in for demos.ui.clock.now: the day moves forward without sleeping."""

    def __init__(self) -> None:
        self.t = time.monotonic()

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


def kiosk_day_app(model_path: Path, visitors: int, sample_every: int) -> list:
    """The real kiosk page in AppTest, its WebRTC component replaced and fed real frames."""
    import os

    import av
    import streamlit.logger
    import streamlit_webrtc
    from streamlit.testing.v1 import AppTest

    from demos.engine.idle import from_environment
    from demos.ui import clock
    from support.fake_webrtc import FakeWebRtc

    streamlit.logger.set_log_level("error")  # AppTest's "no runtime" chatter, once a run
    os.environ["FACE_VALUE_MODEL"] = str(model_path)
    fake = FakeWebRtc()
    streamlit_webrtc.webrtc_streamer = fake
    fake_clock = FakeClock()
    clock.now = fake_clock
    timer = from_environment()
    source = Frames()

    def on_frame(bgr: np.ndarray) -> None:
        if not fake.calls:
            return
        frame = av.VideoFrame.from_ndarray(bgr, format="bgr24")
        fake.calls[-1]["video_frame_callback"](frame)

    def on_any_frame(frame: object) -> None:
        # The component only ever hands over av frames of 8-bit BGR: a bad frame reaches
        # the engine only as a strange (black, noise, tiny, 4K) picture, never as NaN.
        ok = isinstance(frame, np.ndarray) and frame.dtype == np.uint8 and frame.ndim == 3
        if ok and frame.shape[2] == 3 and min(frame.shape[:2]) >= 2:
            on_frame(np.ascontiguousarray(frame))

    def click(at: AppTest, key: str) -> bool:
        buttons = [b for b in at.button if b.key == key]
        if not buttons:
            return False
        buttons[0].click().run()
        return True

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["mode"] = "kiosk"
    at.run()
    at.switch_page("demos/kiosk.py").run()
    problems: Counter[str] = Counter()
    gc.collect()
    samples = [(0, sample_rss(), len(gc.get_objects()))]
    day = DAY_HOURS * 3600 / visitors  # seconds of the day per visitor
    day_start = fake_clock.t
    for n, visitor in enumerate(visitors_plan(visitors), 1):
        arrived = fake_clock.t
        if at.exception:
            problems["exception: " + str(at.exception[0].message)[:60]] += 1
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
            at.query_params["mode"] = "kiosk"
            at.run()
            at.switch_page("demos/kiosk.py").run()
        if not click(at, "kiosk.start"):
            problems["no start button"] += 1
            continue
        fake_clock.advance(5)
        click(at, "beliefs.kiosk.before.not_sure")  # the statement asked on the way in
        key = "kiosk.with_camera" if visitor["camera"] else "kiosk.without_camera"
        if not click(at, key):
            problems[f"no {key}"] += 1
        if visitor["camera"]:
            feed_visitor(on_any_frame, source, visitor)
            face = source.astronaut if visitor["face"] == "astronaut" else source.grace
            for _ in range(10):  # looking at the screen again while the verdict is read
                on_frame(face)
            at.run()
            if "reads as" not in " ".join(h.value for h in at.get("html")):
                problems["no verdict shown"] += 1
            for _ in range(5):  # then they step aside: the camera sees the wall
                on_frame(source.wall)
        for step in ("mirror", "story", "checkpoint")[: visitor["steps"]]:
            fake_clock.advance(20)  # reading the step, then Next
            click(at, f"kiosk.next.{step}")
        if visitor["finishes"] and visitor["steps"] == 3:
            fake_clock.advance(20)
            click(at, "kiosk.finish")
        else:  # walks away: the timer warns, then forgets them
            fake_clock.advance(timer.idle_after + 1)
            at.run()
            if not any(b.key == "kiosk.continue" for b in at.button):
                problems["no 'still there?' warning"] += 1
            fake_clock.advance(timer.warn_for)
            at.run()
        if "kiosk.step" in at.session_state and at.session_state["kiosk.step"] != "attract":
            problems["not back at the attract screen"] += 1
        del fake.calls[:-1]  # the stand-in keeps what it was given; only the last matters
        fake_clock.t = max(fake_clock.t, arrived + day)  # the next visitor comes later
        if n % sample_every == 0 or n == visitors:
            gc.collect()
            samples.append((n, sample_rss(), len(gc.get_objects())))
            if n % (sample_every * 10) == 0:
                print(f"  {n:>4} visitors  {samples[-1][1]:6.1f} MB", flush=True)
    print(f"problems      : {dict(problems) or 'none'}")
    hours = (fake_clock.t - day_start) / 3600
    print(
        f"kiosk clock   : {hours:.1f} h on the moved clock (arrivals spread over {DAY_HOURS:.0f} h)"
    )
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=100_000)
    parser.add_argument("--every", type=int, default=1000, help="frames between RSS samples")
    parser.add_argument("--warmup", type=int, default=2000, help="frames before growth counts")
    parser.add_argument("--kiosk-day", action="store_true", help="the simulated kiosk day")
    parser.add_argument("--visitors", type=int, default=500)
    parser.add_argument("--sample-visitors", type=int, default=5)
    parser.add_argument("--warmup-visitors", type=int, default=20)
    parser.add_argument("--driver", choices=("kiosk", "mirror"), default=None)
    parser.add_argument(
        "--trim",
        action="store_true",
        help="malloc_trim(0) before each RSS sample: freed-but-kept heap memory is not counted",
    )
    args = parser.parse_args()
    global TRIM
    TRIM = args.trim
    model_path = require_model()
    if model_path is None:
        return 1
    print(machine())
    if args.trim:
        print("RSS sampled after malloc_trim(0)")
    if not args.kiosk_day:
        soak_frames(model_path, args.frames, args.every, args.warmup)
        return 0
    driver = args.driver or ("kiosk" if (ROOT / "demos" / "kiosk.py").exists() else "mirror")
    t0 = time.perf_counter()
    if driver == "kiosk":
        samples = kiosk_day_app(model_path, args.visitors, args.sample_visitors)
    else:
        samples = kiosk_day_mirror(model_path, args.visitors, args.sample_visitors)
    minutes = (time.perf_counter() - t0) / 60
    print(
        f"kiosk day     : {args.visitors} visitors in {minutes:.1f} min "
        f"({'the kiosk page in AppTest' if driver == 'kiosk' else 'CameraStream per visitor'})"
    )
    growth_report(samples, args.warmup_visitors, "visitors")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
