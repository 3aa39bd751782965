"""The live Mirror in a real browser: frames processed per second, and camera-to-screen latency.

`streamlit run app.py`, then Debian's headless Chromium opens /mirror with a fake camera playing
a 30 fps clip (128 frames, looped) of a real face (support/faces.py) whose every frame carries its
number as big black/white blocks (benchmarks/common.py). START is clicked as a learner would;
after the first verdict and a warm-up, for --seconds the page (an init script inside the
component's iframe) records every frame's number and a time:

- camera: a clone of the camera track getUserMedia gives the component, read frame by frame
  (MediaStreamTrackProcessor, in a worker): when each frame arrived;
- back from the server: a clone of the video track the peer connection receives, read the
  same way: when each processed frame was decoded in the page;
- screen: the processed <video> (requestVideoFrameCallback): when each frame is expected on
  screen.

processed per second = new numbers back from the server per second (a frame the server did not
process never comes back; a frame it sends again is counted once). camera-to-screen = display
time of number n - camera arrival of the same n, for each new frame. Targets: >= 27 processed
per second, camera-to-screen p50 <= 110 ms. On a busy machine the page's own work is delayed
too (fewer frames presented than decoded); take the figures on a quiet one.

The same run first measures the floor of the stack: the same app and browser with the camera
callback handing every frame back as it came (engine off, a sitecustomize on the server's
PYTHONPATH), then the real Mirror, and prints both and their ratio. Targets against the floor:
processed >= 95% of its rate, camera-to-screen p50 <= floor + 25 ms. --no-floor skips it.

--pairs N runs the floor and the Mirror N times, one after the other, and prints each pair and
the medians of the ratio and the difference: on this machine one pair can differ from the next
by 20 ms or more (the two cores are shared with other machines' work), and a difference taken
within each pair cancels a slow minute.

Usage: python benchmarks/live.py [--seconds 20] [--warmup 5] [--root DIR] [--set OPTION=VALUE]
       [--no-floor] [--pairs 1]
(--root: another checkout to run, e.g. a `git archive HEAD` copy; --set: a Streamlit option for
this run only, e.g. runner.postScriptGC=false.)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    PROBE,
    ROOT,
    add_option_argument,
    cpu_seconds,
    descendants,
    launch_browser,
    machine,
    machine_share,
    machine_ticks,
    new_page,
    percentile,
    require_chromium,
    require_model,
    streamlit_app,
    write_numbered_y4m,
)

from support.faces import astronaut_face_bgr, letterbox
from support.live_app import guess_first, start_camera, verdict_text

CLIP_FRAMES = 128  # 4.3 s at 30 fps: far longer than any latency, so a number is unambiguous


def pair(cam: list, out: list, period_ms: float) -> list[float]:
    """For each new frame on screen: its display time minus its number's camera arrival (ms).

    A frame shown again (the server had nothing newer) is not counted a second time.
    """
    by_number: dict[int, list[float]] = {}
    for n, t in cam:
        by_number.setdefault(int(n), []).append(t)
    latencies, last = [], None
    for n, t_out, *_ in out:
        if n == last:
            continue
        last = n
        times = np.asarray(by_number.get(int(n), []))
        earlier = times[(times <= t_out) & (times > t_out - period_ms)]
        if earlier.size:
            latencies.append(t_out - earlier.max())
    return latencies


def distinct_runs(out: list) -> int:
    """Frames shown with a new number (a repeat of the previous frame is not a new frame)."""
    runs, last = 0, None
    for n, *_ in out:
        if n != last:
            runs += 1
            last = n
    return runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="measured time")
    parser.add_argument("--warmup", type=float, default=5.0, help="after the first verdict")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout whose app runs")
    parser.add_argument(
        "--no-floor",
        dest="floor",
        action="store_false",
        help="skip the engine-off run (the floor of the stack) before the real Mirror",
    )
    parser.add_argument(
        "--pairs", type=int, default=1, help="floor and Mirror runs, one after the other"
    )
    add_option_argument(parser)
    args = parser.parse_args()
    if require_model() is None or not require_chromium():
        return 1
    print(machine())
    if args.set:
        print(f"streamlit options for this run: {', '.join(args.set)}")
    with tempfile.TemporaryDirectory(prefix="fv-live-") as tmp:
        tmp = Path(tmp)
        face = letterbox(astronaut_face_bgr())
        clip = write_numbered_y4m(tmp / "numbered.y4m", face, CLIP_FRAMES)
        pairs = []
        for n in range(1, max(args.pairs, 1) + 1):
            pair = f" (pair {n} of {args.pairs})" if args.pairs > 1 else ""
            floor = None
            if args.floor:
                print(f"\n== engine off: every frame goes back as it came (the floor){pair} ==")
                floor = measure(tmp, clip, args, engine_off_env(tmp / "off"))
            print(f"\n== the real Mirror{pair} ==")
            real = measure(tmp, clip, args, {})
            if not real:
                return 1
            if floor and floor.processed and floor.p50:
                pairs.append((real.processed / floor.processed, real.p50 - floor.p50))
                print(
                    f"\nMirror / floor{pair}: processed {real.processed:.1f} / "
                    f"{floor.processed:.1f} a second = {pairs[-1][0]:.1%} (target >= 95%); "
                    f"camera-to-screen p50 {real.p50:.0f} - {floor.p50:.0f} = "
                    f"{pairs[-1][1]:+.0f} ms (target <= +25 ms)"
                )
    if len(pairs) > 1:
        ratios, deltas = zip(*pairs, strict=True)
        print(
            f"\nmedian of {len(pairs)} pairs: processed {statistics.median(ratios):.1%} of the "
            f"floor (target >= 95%), camera-to-screen p50 {statistics.median(deltas):+.0f} ms "
            f"(target <= +25 ms); pairs: " + ", ".join(f"{r:.1%} {d:+.0f} ms" for r, d in pairs)
        )
    return 0


@dataclass(frozen=True)
class Figures:
    processed: float  # new frames back from the server a second
    p50: float  # camera-to-screen, ms


def measure(tmp: Path, clip: Path, args, env: dict[str, str]) -> Figures | None:
    """One server and one browser: START, a warm-up, then --seconds measured; prints figures."""
    from playwright.sync_api import sync_playwright

    engine_off = bool(env)
    with (
        streamlit_app(tmp / "streamlit.log", args.root, env, options=args.set) as server,
        sync_playwright() as p,
    ):
        browser = launch_browser(p, clip)
        page = new_page(browser, PROBE)
        page.goto(f"{server.url}/mirror")
        guess_first(page, "HAPPY", among="SURPRISED")  # the word waits for a guess
        start_camera(page)
        if engine_off:  # no verdict will come: wait for the frames instead
            first = "(engine off)"
            page.wait_for_function(
                "() => [...document.querySelectorAll('iframe')].some(f => "
                "f.contentWindow.__fvBench && f.contentWindow.__fvBench.recv.length > 0)",
                timeout=30_000,
            )
        else:
            first = verdict_text(page, timeout_ms=30_000)
        page.wait_for_timeout(args.warmup * 1000)
        frames = [f for f in page.frames if f.evaluate("!!window.__fvBench")]
        quality0 = [q for f in frames for q in f.evaluate("__fvBench.quality()")]
        server_pids = set(descendants(server.pid))
        others = [q for q in descendants(os.getpid()) if q not in server_pids]
        cpu0 = cpu_seconds([*server_pids, *others])
        ticks0 = machine_ticks()
        t_start = frames[0].evaluate("__fvBench.now()")
        page.wait_for_timeout(args.seconds * 1000)
        t_end = frames[0].evaluate("__fvBench.now()")
        cpu1 = cpu_seconds([*server_pids, *others])
        ticks1 = machine_ticks()
        quality1 = [q for f in frames for q in f.evaluate("__fvBench.quality()")]
        data = [
            json.loads(
                f.evaluate(
                    "JSON.stringify({cam: __fvBench.cam, recv: __fvBench.recv, "
                    "out: __fvBench.out, unread: __fvBench.unread, "
                    "method: __fvBench.method})"
                )
            )
            for f in frames
        ]
        caption = page.get_by_text(re.compile(r"pictures a second")).first
        server_fps = caption.inner_text() if caption.count() else "(not shown)"
        browser.close()

    def events(kind: str) -> list:
        """This kind's events inside the measured window, in time order."""
        found = [e for d in data for e in d[kind] if t_start <= e[1] <= t_end]
        return sorted(found, key=lambda e: e[1])

    cam, recv, out = events("cam"), events("recv"), events("out")
    seconds = (t_end - t_start) / 1000
    methods = {k: v for d in data for k, v in d["method"].items()}
    unread = {k: sum(d["unread"][k] for d in data) for k in ("cam", "recv", "out")}
    print(f"first verdict: {first.strip()!r}")
    print(f"measured: {seconds:.1f} s after a {args.warmup:.0f} s warm-up")
    print(f"frame taps: camera by {methods.get('cam')}; received by {methods.get('recv')}")
    if not cam or not (recv or out):
        print(
            f"nothing to measure: {len(cam)} camera frames, {len(recv)} received, {len(out)} shown"
        )
        return None
    period = CLIP_FRAMES / 30 * 1000
    print(f"camera              : {len(cam) / seconds:5.1f} frames/s  (the clip plays at 30)")
    processed = distinct_runs(recv or out) / seconds
    if recv:
        print(
            f"back from the server: {len(recv) / seconds:5.1f} frames/s decoded, "
            f"{processed:5.1f} new ones/s = processed  (target >= 27)"
        )
    print(
        f"on screen           : {len(out) / seconds:5.1f} frames/s presented to the page, "
        f"{distinct_runs(out) / seconds:5.1f} new ones/s (requestVideoFrameCallback)"
    )
    if len(quality0) == len(quality1) and quality0:
        decoded = sum(b[0] - a[0] for a, b in zip(quality0, quality1, strict=True)) / seconds
        dropped = sum(b[1] - a[1] for a, b in zip(quality0, quality1, strict=True)) / seconds
        print(
            f"video element       : {decoded:5.1f} frames/s decoded, {dropped:4.1f} dropped/s "
            f"(its own counters)"
        )
    print(f"server's own reading: {server_fps}")

    def used(pids) -> float:
        """Share of one core these processes used in the window."""
        return sum(cpu1[q] - cpu0.get(q, 0.0) for q in pids if q in cpu1) / seconds * 100

    print(
        f"CPU in the window   : server {used(server_pids):4.0f}% of a core, browser and "
        f"driver {used(others):4.0f}%, this machine has {os.cpu_count()} cores; "
        f"{machine().split(', ', 2)[2].split(', C')[0]}"
    )
    print(f"                      {machine_share(ticks0, ticks1)}")
    sizes = sorted({(w, h) for *_, w, h in out})
    print(f"shown video size    : {', '.join(f'{w}x{h}' for w, h in sizes) or '-'}")
    print(
        f"unreadable frames   : camera {unread['cam']}, received {unread['recv']}, "
        f"screen {unread['out']}"
    )
    p50 = float("nan")
    for name, shown, note in (
        ("camera-to-received ", recv, "decoded in the page, before the screen"),
        ("camera-to-screen   ", out, "target p50 <= 110 ms"),
    ):
        latencies = pair(cam, shown, period)
        if latencies:
            print(
                f"{name} : p50 {percentile(latencies, 50):5.0f} ms  "
                f"p95 {percentile(latencies, 95):5.0f} ms  min {min(latencies):4.0f}  "
                f"max {max(latencies):4.0f}  ({len(latencies)} frames; {note})"
            )
            if shown is out:
                p50 = percentile(latencies, 50)
        else:
            print(f"{name} : no frame paired")
    return Figures(processed, p50)


# Loaded by the engine-off server (PYTHONPATH): the camera callback hands every frame back as
# it came, so what is left is the stack itself (WebRTC, Streamlit, the page, the browser).
_ENGINE_OFF_SITE = """
import importlib.util, sys


class _Hook:
    def find_spec(self, name, path=None, target=None):
        if name != "demos.engine.camera_stream":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        run = spec.loader.exec_module

        def exec_module(module):
            run(module)
            module.CameraStream.on_frame = lambda self, bgr: bgr

        spec.loader.exec_module = exec_module
        return spec


sys.meta_path.insert(0, _Hook())
"""


def engine_off_env(folder: Path) -> dict[str, str]:
    """Environment for a server whose camera callback passes frames through untouched."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sitecustomize.py").write_text(_ENGINE_OFF_SITE)
    path = os.pathsep.join(p for p in (str(folder), os.environ.get("PYTHONPATH", "")) if p)
    return {"PYTHONPATH": path}


if __name__ == "__main__":
    raise SystemExit(main())
