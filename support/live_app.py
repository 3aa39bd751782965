"""Run the real app with `python -m demos.serve` on 127.0.0.1, and Debian's Chromium with a fake
camera."""

from __future__ import annotations

import base64
import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "artifacts" / "screenshots"  # looked at by people, not committed
# One argv element: no DNS lookups leave the machine, loopback still resolves.
NO_OUTSIDE_DNS = "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class Server:
    url: str
    pid: int
    log: Path
    seconds_to_healthy: float = 0.0  # from just before the process was made to the first 200
    healthy_at: float = 0.0  # time.perf_counter() when it answered


@contextlib.contextmanager
def streamlit_server(
    env: dict[str, str],
    log: Path,
    drop: tuple[str, ...] = (),
    module: str = "demos.serve",
    root: Path = ROOT,
    options: Sequence[str] = (),
    port: int | None = None,
) -> Iterator[Server]:
    """`python -m demos.serve` as a user would start it (in `root`); yields it once healthy.

    env adds to (and drop removes from) this process's environment; options are Streamlit
    config options for this run only, as "section.name=value"; port: a given one (a browser's
    cache belongs to an address), else a free one. The health check is polled every 20 ms, so
    seconds_to_healthy also serves the start-up benchmark.
    """
    port = port or free_port()
    full_env = {k: v for k, v in {**os.environ, **env}.items() if k not in drop}
    url = f"http://127.0.0.1:{port}"
    with open(log, "wb") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [
                *(sys.executable, "-m", module, "--server.port", str(port)),
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
            now = time.perf_counter()
            yield Server(url, proc.pid, log, now - t0, now)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def chromium_args(y4m: Path | None) -> list[str]:
    args = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        NO_OUTSIDE_DNS,
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
    ]
    if y4m is not None:
        args.append(f"--use-file-for-fake-video-capture={y4m}")
    return args


def open_chromium(
    playwright,
    profile: Path,
    chromium: str,
    args: list[str],
    size: tuple[int, int] = (1400, 1800),
    **options,
):
    """Debian's Chromium, headless, with its own throw-away profile and a window of `size`."""
    return playwright.chromium.launch_persistent_context(
        str(profile),
        executable_path=chromium,
        headless=True,
        args=args,
        viewport={"width": size[0], "height": size[1]},
        **options,
    )


# Runs in every frame (the camera lives in the component's iframe): remember each camera
# track in the top window so the test can ask later whether it really ended.
TRACK_SPY = """
(() => {
  const md = navigator.mediaDevices;
  if (!md) return;
  const original = md.getUserMedia.bind(md);
  md.getUserMedia = async (constraints) => {
    const stream = await original(constraints);
    (window.top.__fvTracks = window.top.__fvTracks || []).push(...stream.getVideoTracks());
    return stream;
  };
})();
"""


def live_tracks(page) -> int:
    return page.evaluate("(window.__fvTracks || []).filter(t => t.readyState === 'live').length")


def start_camera(page) -> None:
    frame = page.frame_locator('iframe[title*="webrtc"]')
    frame.get_by_role("button", name=re.compile("START")).click()


def guess_first(page, choice: str, among: str) -> None:
    """Give a page's guess (the answer waits for it): click `choice` in the radio group that
    also offers `among` (so not the language switch)."""
    group = page.get_by_role("radiogroup").filter(has_text=among).first
    group.locator("label").filter(has_text=re.compile(rf"^{re.escape(choice)}$")).click()


def verdict_text(page, timeout_ms: int = 15_000) -> str:
    """Wait until the page text shows a verdict, and return it (the first, where a page shows
    several: Two machines writes fv-verdict-recipes and fv-verdict-learned)."""
    locator = page.locator('[data-testid^="fv-verdict"]', has_text="reads as")
    locator.first.wait_for(timeout=timeout_ms)
    return locator.first.inner_text()


def hosts(urls: list[str]) -> set[str]:
    return {
        urlparse(u).hostname for u in urls if urlparse(u).scheme in ("http", "https", "ws", "wss")
    }


def shoot(page, name: str) -> None:
    """A full-page screenshot in artifacts/screenshots/."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def ws_handshake(url: str, host: str | None = None, origin: str | None = None) -> int:
    """The HTTP status a WebSocket handshake to the app's stream gets (101 = accepted).

    host and origin are sent as given (a browser would not let a page forge Host).
    """
    parsed = urlparse(url)
    lines = [
        "GET /_stcore/stream HTTP/1.1",
        f"Host: {host or parsed.netloc}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        f"Sec-WebSocket-Key: {base64.b64encode(os.urandom(16)).decode()}",
        "Sec-WebSocket-Version: 13",
    ]
    if origin:
        lines.append(f"Origin: {origin}")
    with socket.create_connection((parsed.hostname, parsed.port), timeout=15) as conn:
        conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        status = conn.recv(4096).split(b"\r\n", 1)[0].decode(errors="replace")
    return int(status.split()[1])


# Loaded by the server (PYTHONPATH) only in tests and benchmarks that ask for it: it writes one
# line, "open" or "closed" and the time, each time a live camera's face engine (VIDEO mode) is
# made or closed. Counts and times only, nothing a camera saw.
_ENGINE_LOG_SITE = """
import importlib.util, os, sys, threading, time

_LOG = os.environ["FV_ENGINE_LOG"]
_LOCK = threading.Lock()


def _write(event):
    with _LOCK, open(_LOG, "a") as f:
        f.write(f"{time.time():.3f} {event}\\n")


def _patch(module):
    engine = module.FaceEngine
    init, close = engine.__init__, engine.close

    def counted_init(self, model_path, video=True, *args, **kwargs):
        init(self, model_path, video, *args, **kwargs)
        self._fv_video = video
        if video:
            _write("open")

    def counted_close(self):
        close(self)
        if getattr(self, "_fv_video", False):
            _write("closed")

    engine.__init__, engine.close = counted_init, counted_close


class _Hook:
    def find_spec(self, name, path=None, target=None):
        if name != "demos.engine.face_engine":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        run = spec.loader.exec_module

        def exec_module(module):
            run(module)
            _patch(module)

        spec.loader.exec_module = exec_module
        return spec


sys.meta_path.insert(0, _Hook())
"""


def engine_log_env(folder: Path) -> tuple[dict[str, str], Path]:
    """Environment for streamlit_server() that makes the server log its live face engines."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sitecustomize.py").write_text(_ENGINE_LOG_SITE)
    log = folder / "engines.log"
    path = os.pathsep.join(p for p in (str(folder), os.environ.get("PYTHONPATH", "")) if p)
    return {"PYTHONPATH": path, "FV_ENGINE_LOG": str(log)}, log


def engine_events(log: Path) -> list[tuple[float, str]]:
    """(time, "open" or "closed") for each live face engine the server made or closed."""
    if not log.exists():
        return []
    return [(float(t), e) for t, e in (line.split() for line in log.read_text().splitlines())]


def open_engines(log: Path) -> int:
    events = [e for _, e in engine_events(log)]
    return events.count("open") - events.count("closed")


# What MediaPipe names the threads of its graph (a face engine's own threads).
MEDIAPIPE_THREAD = "drishti"


def server_threads(pid: int, named: str | None = None) -> int:
    """The server process's threads, as the system counts them (Python's and native ones);
    named: only those the system knows by that name (native threads name themselves)."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except FileNotFoundError:
        return 0
    if named is None:
        return len(tasks)
    found = 0
    for task in tasks:
        with contextlib.suppress(OSError):  # the thread ended meanwhile
            found += Path(f"/proc/{pid}/task/{task}/comm").read_text().strip() == named
    return found
