"""What the benchmark scripts share: the app server, the browser, a numbered camera clip, RSS.

Not a script. The scripts put the repository root on sys.path through this module, so
`tests.faces` and `tests.live_app` (the helpers the browser tests use) import from here too.
"""

from __future__ import annotations

import contextlib
import os
import platform
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.live_app import chromium_args, free_port  # noqa: E402

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


# ---------------------------------------------------------------- the app


@dataclass(frozen=True)
class Server:
    url: str
    pid: int
    log: Path
    seconds_to_healthy: float


@contextlib.contextmanager
def streamlit_app(
    log: Path,
    root: Path = ROOT,
    env: dict[str, str] | None = None,
    options: Sequence[str] = (),
) -> Iterator[Server]:
    """`streamlit run app.py` in `root`, as tests/live_app.py starts it; yields once healthy.

    Times launch (just before the process is created) to the first 200 from /_stcore/health,
    polled every 20 ms. A model path from demos.engine.model is passed on explicitly.
    options: Streamlit config options for this run only, as "section.name=value".
    """
    from demos.engine import model

    port = free_port()
    full_env = {**os.environ, "FACE_VALUE_MODEL": str(model.check().path), **(env or {})}
    url = f"http://127.0.0.1:{port}"
    with open(log, "wb") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [
                *(sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)),
                *(f"--{o}" for o in options),
            ],
            cwd=root,
            env=full_env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    if proc.poll() is not None or time.perf_counter() - t0 > 90:
                        raise RuntimeError(f"streamlit did not start; see {log}") from None
                    time.sleep(0.02)
            yield Server(url, proc.pid, log, time.perf_counter() - t0)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


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
    from demos.engine import model

    status = model.check()
    if not status.ready:
        print(f"face model not ready at {status.path}: {status.state.value}")
        print("provision it first: python -m demos.engine.model where  (see README)")
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
