"""The live Mirror in a real browser: frames processed per second, and camera-to-screen latency.

`streamlit run app.py`, then Debian's headless Chromium opens /mirror with a fake camera playing
a 30 fps clip of a real face (tests/faces.py) whose every frame carries its number as big
black/white blocks (benchmarks/common.py). START is clicked as a learner would; after the first
verdict and a warm-up, for --seconds the page records:

- camera: every frame of a clone of the camera track (MediaStreamTrackProcessor, inside the
  component's iframe), its number and the moment it arrived (performance.now());
- screen: every frame the processed <video> presents (requestVideoFrameCallback), its number
  and its expected display time.

camera-to-screen = display time of number n - arrival time of the same n. processed per second
= distinct numbers shown per second (a frame the server did not process never appears; a
repeated frame is counted once). Targets: >= 27 fps processed, p50 <= 110 ms.

Usage: python benchmarks/live.py [--seconds 20] [--warmup 5] [--root DIR]
(--root: another checkout to run, e.g. a `git archive HEAD` copy.)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    DECODE_JS,
    ROOT,
    launch_browser,
    machine,
    new_page,
    percentile,
    require_chromium,
    require_model,
    streamlit_app,
    write_numbered_y4m,
)

from tests.faces import astronaut_face_bgr, letterbox
from tests.live_app import start_camera, verdict_text

CLIP_FRAMES = 90  # 3 s at 30 fps: far longer than any latency, so a number is never ambiguous

# Runs in every frame before its own scripts: taps the camera and watches every <video>.
PROBE = (
    DECODE_JS
    + """
(() => {
  if (window.__fvBench) return;
  const B = window.__fvBench = {cam: [], out: [], outUnread: 0, camUnread: 0, method: null,
                                recording: false, local: new Set()};
  const now = () => performance.timeOrigin + performance.now();
  const md = navigator.mediaDevices;
  if (md) {
    const original = md.getUserMedia.bind(md);
    md.getUserMedia = async (constraints) => {
      const stream = await original(constraints);
      B.local.add(stream.id);
      const track = stream.getVideoTracks()[0];
      if (track) tapCamera(track.clone());
      return stream;
    };
  }
  function tapCamera(track) {
    const canvas = new OffscreenCanvas(160, 120);
    const ctx = canvas.getContext('2d', {willReadFrequently: true});
    if (window.MediaStreamTrackProcessor) {
      B.method = 'MediaStreamTrackProcessor';
      const reader = new MediaStreamTrackProcessor({track}).readable.getReader();
      (async () => {
        for (;;) {
          const {value, done} = await reader.read();
          if (done) return;
          const t = now();
          ctx.drawImage(value, 0, 0, 160, 120);
          value.close();
          if (!B.recording) continue;
          const n = fvDecode(ctx);
          if (n === null) B.camUnread++; else B.cam.push([n, t]);
        }
      })();
    } else {  // fallback: a hidden local <video>, its frames as they are presented
      B.method = 'requestVideoFrameCallback on a local video';
      const v = document.createElement('video');
      v.muted = true; v.srcObject = new MediaStream([track]); v.play();
      const cb = (_, meta) => {
        ctx.drawImage(v, 0, 0, 160, 120);
        if (B.recording) {
          const n = fvDecode(ctx);
          if (n === null) B.camUnread++;
          else B.cam.push([n, performance.timeOrigin + meta.presentationTime]);
        }
        v.requestVideoFrameCallback(cb);
      };
      v.requestVideoFrameCallback(cb);
    }
  }
  function watch(v) {
    v.__fvWatched = true;
    const canvas = document.createElement('canvas');
    canvas.width = 160; canvas.height = 120;
    const ctx = canvas.getContext('2d', {willReadFrequently: true});
    const cb = (_, meta) => {
      const src = v.srcObject;
      if (B.recording && src && !B.local.has(src.id)) {
        ctx.drawImage(v, 0, 0, 160, 120);
        const n = fvDecode(ctx);
        if (n === null) B.outUnread++;
        else B.out.push([n, performance.timeOrigin + meta.expectedDisplayTime,
                         meta.presentedFrames, v.videoWidth, v.videoHeight]);
      }
      v.requestVideoFrameCallback(cb);
    };
    v.requestVideoFrameCallback(cb);
  }
  setInterval(() => document.querySelectorAll('video').forEach(v => v.__fvWatched || watch(v)),
              100);
  B.quality = () => [...document.querySelectorAll('video')]
    .filter(v => v.srcObject && !B.local.has(v.srcObject.id))
    .map(v => { const q = v.getVideoPlaybackQuality();
                return [q.totalVideoFrames, q.droppedVideoFrames]; });
})();
"""
)


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
    args = parser.parse_args()
    if require_model() is None or not require_chromium():
        return 1
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="fv-live-") as tmp:
        tmp = Path(tmp)
        clip = write_numbered_y4m(
            tmp / "numbered.y4m", letterbox(astronaut_face_bgr()), CLIP_FRAMES
        )
        with streamlit_app(tmp / "streamlit.log", args.root) as server, sync_playwright() as p:
            browser = launch_browser(p, clip)
            page = new_page(browser, PROBE)
            page.goto(f"{server.url}/mirror")
            start_camera(page)
            first = verdict_text(page, timeout_ms=30_000)
            page.wait_for_timeout(args.warmup * 1000)
            frames = [f for f in page.frames if f.evaluate("!!window.__fvBench")]
            quality0 = [q for f in frames for q in f.evaluate("window.__fvBench.quality()")]
            for f in frames:
                f.evaluate("window.__fvBench.recording = true")
            page.wait_for_timeout(args.seconds * 1000)
            for f in frames:
                f.evaluate("window.__fvBench.recording = false")
            quality1 = [q for f in frames for q in f.evaluate("window.__fvBench.quality()")]
            data = [
                f.evaluate(
                    "JSON.stringify({cam: __fvBench.cam, out: __fvBench.out, "
                    "method: __fvBench.method, camUnread: __fvBench.camUnread, "
                    "outUnread: __fvBench.outUnread})"
                )
                for f in frames
            ]
            caption = page.get_by_text(re.compile(r"pictures a second")).first
            server_fps = caption.inner_text() if caption.count() else "(not shown)"
            browser.close()

    runs = [json.loads(d) for d in data]
    cam = [e for r in runs for e in r["cam"]]
    out = [e for r in runs for e in r["out"]]
    method = next((r["method"] for r in runs if r["method"]), None)
    print(machine())
    print(f"first verdict: {first.strip()!r}")
    print(f"measured: {args.seconds:.0f} s after a {args.warmup:.0f} s warm-up")
    if not cam or not out:
        print(
            f"nothing to measure: {len(cam)} camera frames, {len(out)} shown frames "
            f"(camera tap: {method})"
        )
        return 1
    camera_fps = len(cam) / args.seconds
    shown_fps = len(out) / args.seconds
    processed_fps = distinct_runs(out) / args.seconds
    unique = len({int(n) for n, *_ in out})
    latencies = pair(cam, out, CLIP_FRAMES / 30 * 1000)
    decoded = sum(b[0] - a[0] for a, b in zip(quality0, quality1, strict=False)) / args.seconds
    dropped = sum(b[1] - a[1] for a, b in zip(quality0, quality1, strict=False)) / args.seconds
    presented = (out[-1][2] - out[0][2]) / args.seconds if len(out) > 1 else 0.0
    sizes = sorted({(w, h) for *_, w, h in out})
    unread = sum(r["camUnread"] for r in runs), sum(r["outUnread"] for r in runs)
    print(f"camera tap: {method}")
    print(f"camera frames/s     : {camera_fps:5.1f}  (clip plays at 30)")
    print(f"shown frames/s      : {shown_fps:5.1f}  (video frames presented, repeats included)")
    print(
        f"processed frames/s  : {processed_fps:5.1f}  (distinct camera frames shown; target >= 27)"
    )
    print(
        f"video element       : {presented:5.1f} presented/s, {decoded:5.1f} decoded/s, "
        f"{dropped:4.1f} dropped/s"
    )
    print(f"server's own reading: {server_fps}")
    print(f"shown video size    : {', '.join(f'{w}x{h}' for w, h in sizes)}")
    print(f"frames unreadable   : camera {unread[0]}, screen {unread[1]}; numbers seen {unique}")
    print(
        f"camera-to-screen    : p50 {percentile(latencies, 50):5.0f} ms  "
        f"p95 {percentile(latencies, 95):5.0f} ms  min {min(latencies):4.0f}  "
        f"max {max(latencies):4.0f}  ({len(latencies)} frames; target p50 <= 110 ms)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
