"""What the benchmark scripts share: the app server, the browser, a numbered camera clip, RSS.

Not a script. The scripts put the repository root on sys.path through this module, so
`support.faces` and `support.live_app` (the helpers the browser tests use) import from here too.
"""

from __future__ import annotations

import contextlib
import os
import platform
import shutil
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from demos.engine import model_file  # noqa: E402
from support.live_app import Server, chromium_args, streamlit_server  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


# ---------------------------------------------------------------- figures


def percentile(values: Sequence[float], q: float) -> float:
    return float(np.percentile(np.asarray(values, dtype=float), q))


def machine() -> str:
    cpus = os.cpu_count()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"machine: {platform.machine()}, {cpus} cores, load average {load}, "
        f"{platform.python_implementation()} {platform.python_version()}"
    )


# ---------------------------------------------------------------- memory


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(FileNotFoundError, ProcessLookupError):
            kids += [int(k) for k in (task / "children").read_text().split()]
    return kids


def rss_mb(pid: int | None = None, children: bool = True) -> float:
    """Resident memory of a process (this one by default) and, recursively, its children."""
    pid = os.getpid() if pid is None else pid
    total, todo, seen = 0, [pid], set()
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        total += _rss_kb(p)
        if children:
            todo += _children(p)
    return total / 1024


def _cpu_ticks(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime
    except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
        return 0


def descendants(pid: int) -> list[int]:
    """pid and every process below it."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        if p not in found:
            found.append(p)
            todo += _children(p)
    return found


def machine_ticks() -> tuple[int, int, int]:
    """The whole machine's CPU ticks so far: (all, idle, stolen by the host for other machines)."""
    try:
        line = Path("/proc/stat").read_text().split("\n", 1)[0]
    except OSError:  # not Linux: machine_share() then says it has no ticks
        return 0, 0, 0
    fields = [int(x) for x in line.split()[1:9]]
    # user, nice, system, idle, iowait, irq, softirq, steal
    return sum(fields), fields[3] + fields[4], fields[7]


def machine_share(before: tuple[int, int, int], after: tuple[int, int, int]) -> str:
    """How busy the whole machine was between two machine_ticks(), and how much the host took.

    A virtual machine's cores are shared: time "stolen" is time this machine wanted a core and
    the host gave it to another machine, which no figure of ours can see otherwise.
    """
    total, idle, steal = (b - a for a, b in zip(before, after, strict=True))
    if total <= 0:
        return "whole machine: (no ticks)"
    return (
        f"whole machine busy {(total - idle - steal) / total:.0%} of its cores, "
        f"{steal / total:.1%} stolen by the host"
    )


def cpu_seconds(pids: Sequence[int]) -> dict[int, float]:
    """CPU time (user + system) each of these processes has used so far."""
    tick = os.sysconf("SC_CLK_TCK")
    return {p: _cpu_ticks(p) / tick for p in pids}


# ---------------------------------------------------------------- the app


def streamlit_app(
    log: Path,
    root: Path = ROOT,
    env: dict[str, str] | None = None,
    options: Sequence[str] = (),
    port: int | None = None,
) -> contextlib.AbstractContextManager[Server]:
    """support.live_app.streamlit_server with the checked face model passed on explicitly."""
    model = {"FACE_VALUE_MODEL": str(model_file.check().path)}
    return streamlit_server({**model, **(env or {})}, log, root=root, options=options, port=port)


# Loaded by the server (PYTHONPATH) only when a benchmark asks for a trace: it marks, with the
# wall clock in ms, each script run, the WebRTC offer and answer, when the face engine starts
# and is ready, the first frame in and out, the first verdict read and the first verdict the
# page asked for. Times only, nothing else.
_TRACE_SITE = """
import importlib.util, os, sys, threading, time

_LOG = os.environ["FV_TRACE"]
_LOCK = threading.Lock()
_DONE = set()


def mark(event, once=True):
    with _LOCK:
        if once and event in _DONE:
            return
        _DONE.add(event)
        with open(_LOG, "a") as f:
            f.write(f"{time.time() * 1000:.1f} {event}\\n")


def _patch(live):
    engine_init = live.FaceEngine.__init__

    def init(self, *args, **kwargs):
        mark("engine start", once=False)
        engine_init(self, *args, **kwargs)
        mark("engine ready", once=False)

    live.FaceEngine.__init__ = init
    on_frame, snapshot = live.CameraStream.on_frame, live.CameraStream.snapshot

    def frame(self, bgr):
        mark("first frame in")
        out = on_frame(self, bgr)
        mark("first frame out")
        latest = self._latest
        if latest is not None and latest.verdict is not None:
            mark("first verdict read")
        return out

    def snap(self):
        s = snapshot(self)
        if s.analysis is not None and s.analysis.verdict is not None:
            mark("first verdict on the page")
        return s

    live.CameraStream.on_frame, live.CameraStream.snapshot = frame, snap


def _patch_runner(module):
    run = module.ScriptRunner._run_script
    count = iter(range(1, 1 << 30))

    def _run_script(self, rerun_data):
        n = next(count)
        mark(f"script run {n} start", once=False)
        try:
            return run(self, rerun_data)
        finally:
            mark(f"script run {n} end", once=False)

    module.ScriptRunner._run_script = _run_script


def _patch_pc(module):
    pc = module.RTCPeerConnection
    remote, local = pc.setRemoteDescription, pc.setLocalDescription

    async def set_remote(self, description):
        mark("webrtc offer in")
        return await remote(self, description)

    async def set_local(self, description):
        result = await local(self, description)
        mark("webrtc answer ready")
        return result

    pc.setRemoteDescription, pc.setLocalDescription = set_remote, set_local


_PATCHES = {
    "demos.engine.camera_stream": _patch,
    "streamlit.runtime.scriptrunner.script_runner": _patch_runner,
    "aiortc.rtcpeerconnection": _patch_pc,
}


class _Hook:
    def find_spec(self, name, path=None, target=None):
        patch = _PATCHES.pop(name, None)
        if patch is None:
            return None
        sys.meta_path.remove(self)  # find the module the ordinary way, not through this hook
        try:
            spec = importlib.util.find_spec(name)
        finally:
            if _PATCHES:
                sys.meta_path.insert(0, self)
        run = spec.loader.exec_module

        def exec_module(module):
            run(module)
            patch(module)

        spec.loader.exec_module = exec_module
        return spec


sys.meta_path.insert(0, _Hook())
"""


def trace_env(folder: Path) -> tuple[dict[str, str], Path]:
    """Environment for streamlit_app() that makes the server write a timing trace (times only)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sitecustomize.py").write_text(_TRACE_SITE)
    log = folder / "trace.log"
    path = os.pathsep.join(p for p in (str(folder), os.environ.get("PYTHONPATH", "")) if p)
    return {"PYTHONPATH": path, "FV_TRACE": str(log)}, log


def read_trace(log: Path) -> dict[str, float]:
    """First time (ms since the epoch) of each traced event."""
    events: dict[str, float] = {}
    if log.exists():
        for line in log.read_text().splitlines():
            t, event = line.split(" ", 1)
            events.setdefault(event, float(t))
    return events


def add_option_argument(parser) -> None:
    """--set section.name=value (repeatable): try a Streamlit option without editing config.toml."""
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="SECTION.NAME=VALUE",
        help="a Streamlit config option for this run, e.g. runner.postScriptGC=false",
    )


def require_model() -> Path | None:

    status = model_file.check()
    if not status.ready:
        print(f"face model not ready at {status.path}: {status.state.value}")
        print("provision it first: python -m demos.engine.model_file where  (see README)")
        return None
    return status.path


def require_chromium() -> bool:
    if not Path(CHROMIUM).exists():
        print(f"Debian's chromium not found at {CHROMIUM} (apt-get install chromium)")
        return False
    return True


def launch_browser(playwright, y4m: Path | None):
    """Debian's headless Chromium with the fake camera playing `y4m`, as the browser tests do."""
    return playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=chromium_args(y4m)
    )


def new_page(browser, init_script: str | None = None):
    context = browser.new_context(viewport={"width": 1400, "height": 2000})
    if init_script:
        context.add_init_script(init_script)
    return context.new_page()


# ---------------------------------------------------------------- a numbered camera clip

# Each frame carries its number in big black/white blocks in the left margin of the
# letterboxed face (below the overlay's caption band, clear of the face): one column of
# bits, one of their complements, so a block smeared by video compression is detected.
BITS = 7  # numbers 0..127; the clip is shorter, so a number is unique for seconds
_BLOCK = 40
_TOP = 120
_COLUMNS = (8, 52)  # x of the bit column and of the complement column, 40 px wide each


def stamp(bgr: np.ndarray, index: int) -> np.ndarray:
    """A copy of a 640x480 frame with `index` drawn into it."""
    out = bgr.copy()
    for k in range(BITS):
        bit = (index >> (BITS - 1 - k)) & 1
        y = _TOP + k * _BLOCK
        for col, value in zip(_COLUMNS, (bit, 1 - bit), strict=True):
            out[y : y + _BLOCK, col : col + _BLOCK] = 255 if value else 0
    return out


def decode(gray: np.ndarray) -> int | None:
    """The number stamp() drew, read from a grayscale 640x480 frame; None if unreadable."""
    value = 0
    for k in range(BITS):
        cy = _TOP + k * _BLOCK + _BLOCK // 2
        a, b = (int(gray[cy, x + _BLOCK // 2]) for x in _COLUMNS)
        if abs(a - b) < 60:
            return None
        value = value << 1 | (a > b)
    return value


# The same reading in JavaScript, on a frame drawn at 160x120 (a quarter in each direction).
DECODE_JS = f"""
function fvDecode(ctx) {{
  const d = ctx.getImageData(0, 0, 160, 120).data;
  const lum = (x, y) => {{ const i = (y * 160 + x) * 4; return (d[i] + 2 * d[i+1] + d[i+2]) / 4; }};
  let v = 0;
  for (let k = 0; k < {BITS}; k++) {{
    const cy = Math.round(({_TOP} + k * {_BLOCK} + {_BLOCK // 2}) / 4);
    const a = lum(Math.round(({_COLUMNS[0]} + {_BLOCK // 2}) / 4), cy);
    const b = lum(Math.round(({_COLUMNS[1]} + {_BLOCK // 2}) / 4), cy);
    if (Math.abs(a - b) < 60) return null;
    v = (v << 1) | (a > b ? 1 : 0);
  }}
  return v;
}}
"""


def write_clip(path: Path, frames: Sequence[np.ndarray], fps: int = 30) -> Path:
    """A YUV4MPEG2 4:2:0 clip of these BGR frames, the format Chromium's fake camera plays."""
    h, w = frames[0].shape[:2]
    with open(path, "wb") as out:
        out.write(f"YUV4MPEG2 W{w} H{h} F{fps}:1 Ip A1:1 C420jpeg\n".encode())
        for bgr in frames:
            out.write(b"FRAME\n")
            out.write(cv2.cvtColor(bgr, cv2.COLOR_BGR2YUV_I420).tobytes())
    return path


def write_numbered_y4m(path: Path, bgr: np.ndarray, frames: int = 90, fps: int = 30) -> Path:
    """A clip of one 640x480 picture whose frames are numbered 0..frames-1 (Chromium loops it)."""
    assert frames <= 2**BITS
    return write_clip(path, [stamp(bgr, i) for i in range(frames)], fps)


# Runs in every frame before its own scripts. Frames are read off the main thread where it can
# (a worker reading a MediaStreamTrackProcessor), so a busy page does not delay the stamps.
PROBE = (
    DECODE_JS
    + """
(() => {
  if (window.__fvBench) return;
  const B = window.__fvBench = {cam: [], recv: [], out: [], unread: {cam: 0, recv: 0, out: 0},
                                method: {}, local: new Set()};
  const now = () => performance.timeOrigin + performance.now();
  B.now = now;
  const WORKER = fvDecode.toString() + `
    self.onmessage = async ({data: {kind, readable}}) => {
      const ctx = new OffscreenCanvas(160, 120).getContext('2d', {willReadFrequently: true});
      const reader = readable.getReader();
      for (;;) {
        const {value, done} = await reader.read();
        if (done) return;
        const t = performance.timeOrigin + performance.now();
        ctx.drawImage(value, 0, 0, 160, 120);
        value.close();
        self.postMessage([kind, fvDecode(ctx), t]);
      }
    };`;
  const record = (kind, n, t) => {
    if (n === null) B.unread[kind]++; else B[kind].push([n, t]);
  };
  // Every frame of a track, as it arrives: its number and the moment.
  function tap(kind, track) {
    if (!window.MediaStreamTrackProcessor) {
      B.method[kind] = 'none: no MediaStreamTrackProcessor in this browser';
      return;
    }
    const readable = new MediaStreamTrackProcessor({track}).readable;
    try {
      const url = URL.createObjectURL(new Blob([WORKER], {type: 'text/javascript'}));
      const worker = new Worker(url);
      worker.onmessage = ({data: [k, n, t]}) => record(k, n, t);
      worker.onerror = (e) => { B.method[kind] = 'worker failed: ' + e.message; };
      worker.postMessage({kind, readable}, [readable]);
      B.method[kind] = 'MediaStreamTrackProcessor in a worker';
    } catch (e) {
      B.method[kind] = 'MediaStreamTrackProcessor on the main thread (' + e + ')';
      const ctx = new OffscreenCanvas(160, 120).getContext('2d', {willReadFrequently: true});
      const reader = readable.getReader();
      (async () => {
        for (;;) {
          const {value, done} = await reader.read();
          if (done) return;
          const t = now();
          ctx.drawImage(value, 0, 0, 160, 120);
          value.close();
          record(kind, fvDecode(ctx), t);
        }
      })();
    }
  }
  // The camera: a clone of the track getUserMedia hands the component.
  const md = navigator.mediaDevices;
  if (md) {
    const original = md.getUserMedia.bind(md);
    md.getUserMedia = async (constraints) => {
      const stream = await original(constraints);
      B.local.add(stream.id);
      const track = stream.getVideoTracks()[0];
      if (track) tap('cam', track.clone());
      return stream;
    };
  }
  // What the server sends back: a clone of the received track, decoded, before the screen.
  const PC = window.RTCPeerConnection;
  if (PC) {
    const Wrapped = function (...args) {
      const pc = new PC(...args);
      pc.addEventListener('track', (e) => {
        if (e.track.kind === 'video') tap('recv', e.track.clone());
      });
      return pc;
    };
    Wrapped.prototype = PC.prototype;
    Object.setPrototypeOf(Wrapped, PC);
    window.RTCPeerConnection = Wrapped;
  }
  // The screen: every frame the processed <video> presents, and when it is expected on screen.
  function watch(v) {
    v.__fvWatched = true;
    const canvas = document.createElement('canvas');
    canvas.width = 160; canvas.height = 120;
    const ctx = canvas.getContext('2d', {willReadFrequently: true});
    const cb = (_, meta) => {
      const src = v.srcObject;
      if (src && !B.local.has(src.id)) {
        ctx.drawImage(v, 0, 0, 160, 120);
        const n = fvDecode(ctx);
        if (n === null) B.unread.out++;
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


def growth_report(samples: list[tuple[int, float, int | None]], warmup: int, unit: str) -> None:
    """samples: (position, RSS MB, Python objects or None); warm-up in the unit of position.

    Growth from the end of the warm-up to the last sample and to the peak, the median level of
    the first and last tenth after warm-up, and a least-squares trend. Target: within 5%.
    """
    first = samples[0]
    settled = next((s for s in samples if s[0] >= warmup), samples[-1])
    last = samples[-1]
    after = [s for s in samples if s[0] >= settled[0]]
    peak = max(samples, key=lambda s: s[1])
    peak_after = max(after, key=lambda s: s[1])
    xs = np.array([s[0] for s in after], float)
    ys = np.array([s[1] for s in after], float)
    slope = float(np.polyfit(xs, ys, 1)[0]) if len(after) > 2 and np.ptp(xs) > 0 else 0.0
    print(f"RSS first     : {first[1]:7.1f} MB  at {first[0]:,} {unit}")
    print(f"RSS settled   : {settled[1]:7.1f} MB  at {settled[0]:,} {unit} (end of warm-up)")
    print(f"RSS last      : {last[1]:7.1f} MB  at {last[0]:,} {unit}")
    print(f"RSS peak      : {peak[1]:7.1f} MB  at {peak[0]:,} {unit}")
    print(
        f"growth        : {(last[1] - settled[1]) / settled[1] * 100:+.1f}% settled to last, "
        f"{(peak_after[1] - settled[1]) / settled[1] * 100:+.1f}% settled to peak "
        f"(target within 5%)"
    )
    # RSS swings as the allocator takes and returns memory; a tenth of the run at each end,
    # by median, says whether the level moved rather than where one sample fell.
    k = max(1, len(after) // 10)
    early, late = statistics.median(ys[:k]), statistics.median(ys[-k:])
    print(
        f"level         : {early:.1f} MB just after warm-up, {late:.1f} MB at the end "
        f"({(late - early) / early * 100:+.1f}%; medians of {k} samples each)"
    )
    scale = 10_000 if unit == "frames" else 100
    print(
        f"trend         : {slope * scale:+.2f} MB per {scale:,} {unit} after warm-up"
        " (least squares)"
    )
    if settled[2] is not None:
        print(f"python objects: {settled[2]:,} settled, {last[2]:,} last")
