"""Start-up: `streamlit run app.py` to healthy, and START on the Mirror to the first verdict.

Each round starts a fresh server (so the Mirror, MediaPipe and the model load cold, as on a
kiosk in the morning) and a fresh browser context in Debian's headless Chromium with a fake
camera playing a real face (support/faces.py). It times:

- launch to healthy: process creation to the first 200 from /_stcore/health;
- page ready: navigation to /mirror until the START button shows, by the page's own clock
  (the moment the button is in the camera component's frame and that frame has its height on
  the page). Playwright's own wait is printed beside it: it looks again after 20, 50, 100 and
  then 500 ms, so it sees START up to half a second late. Two visitors each round, each the
  first after a start: a browser that never opened Face Value (empty cache: it loads all of
  Streamlit's scripts), then, after the server is started again at the same address, the same
  browser (its cache kept, as a kiosk's Chromium or a teacher's browser keeps it); and, to
  compare, a new browser as the next visitor of that server (what any visitor waits);
- START to first verdict: the click until "reads as ..." shows in data-testid="fv-verdict"
  (the page redraws its numbers every 0.5 s, so up to 0.5 s of this is that redraw);
  on the way, when the camera's first frame reached the page and when the first frame came
  back from the server (streamlit-webrtc returns camera frames as they are until the first one
  has been read; frames numbered and read as benchmarks/live.py does);
  and, unless --no-trace, when the server made the face engine, read the first frame and first
  had a verdict (a sitecustomize on the server's PYTHONPATH wraps CameraStream and FaceEngine to
  write those times, and nothing else, to a file).

Prints every round and the median. Targets: first verdict <= 3 s after START; START shown
<= 2 s after opening /mirror. --settle S opens the page S seconds after the server is healthy
(a kiosk's first visitor comes minutes after the start; the server loads MediaPipe, the model
and WebRTC and runs the first page once meanwhile: demos/serve.py warm_up), 0 opens it at once.

Usage: python benchmarks/startup.py [--rounds 3] [--root DIR] [--set SECTION.NAME=VALUE]
       [--no-trace] [--settle 0]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    PROBE,
    ROOT,
    add_option_argument,
    launch_browser,
    machine,
    read_trace,
    require_chromium,
    require_model,
    streamlit_app,
    trace_env,
    write_numbered_y4m,
)

from support.faces import astronaut_face_bgr, letterbox
from support.live_app import free_port, guess_first, verdict_text

# In every frame: when the camera component's START button is first there (its own frame) and
# when that frame first has a height on the page (the top frame). Times only.
SHOWN = """
(() => {
  if (window.__fvShown) return;
  const S = window.__fvShown = {};
  const now = () => performance.timeOrigin + performance.now();
  const look = () => {
    // Asked each time: an iframe's first, empty document hands its window to the page it loads.
    if (location.pathname.includes('webrtc_streamer')) {
      for (const b of document.querySelectorAll('button'))
        if (/start/i.test(b.textContent) && b.getBoundingClientRect().height > 0) S.at = now();
    } else {
      const f = document.querySelector('iframe[title*="webrtc"]');
      if (f && f.getBoundingClientRect().height > 0) S.at = now();
    }
    if (S.at === undefined) setTimeout(look, 5);
  };
  look();
})();
"""


@dataclass(frozen=True)
class Shown:
    page: float  # opened to START shown, by the page's clock
    driver: float  # the same, as Playwright's wait saw it


@dataclass(frozen=True)
class Round:
    healthy: float  # launch to /_stcore/health
    fresh: Shown  # a browser with an empty cache, the first visitor after a start
    ready: Shown  # the same browser (cache kept), the first visitor after the next start
    later: Shown  # another browser with an empty cache, right after: not the first visitor
    camera: float  # START to the camera's first frame in the page
    back: float  # START to the first frame back from the server (returned as is until one is read)
    verdict: float  # START to the verdict on the page
    text: str
    server: dict[str, float]  # START to each event the server traced (s)


def open_mirror(context, url: str):
    """Open /mirror in a new tab; returns the tab, its START button and when START showed."""
    page = context.new_page()
    t0_ms, t0 = time.time() * 1000, time.perf_counter()
    page.goto(f"{url}/mirror")
    start = page.frame_locator('iframe[title*="webrtc"]').get_by_role(
        "button", name=re.compile("START")
    )
    start.wait_for(timeout=60_000)
    driver = time.perf_counter() - t0
    times = []
    deadline = time.monotonic() + 5
    while len(times) < 2 and time.monotonic() < deadline:
        times = [t for f in page.frames if (t := f.evaluate("window.__fvShown?.at")) is not None]
    shown = (max(times) - t0_ms) / 1000 if len(times) == 2 else float("nan")
    return page, start, Shown(shown, driver)


def one_round(
    playwright,
    clip: Path,
    log: Path,
    root: Path,
    options: list[str],
    trace: bool,
    settle: float = 0.0,
) -> Round:
    env, trace_log = trace_env(log.with_suffix(".trace")) if trace else ({}, None)
    port = free_port()  # both servers at one address: a browser's cache belongs to it
    browser = launch_browser(playwright, clip)
    try:
        context = browser.new_context(viewport={"width": 1400, "height": 2000})
        context.add_init_script(PROBE + SHOWN)
        with streamlit_app(log.with_suffix(".first.log"), root, {}, options, port) as first:
            time.sleep(max(0.0, settle - (time.perf_counter() - first.healthy_at)))
            page, _, fresh = open_mirror(context, first.url)
            page.close()
        with streamlit_app(log, root, env, options, port) as server:
            time.sleep(max(0.0, settle - (time.perf_counter() - server.healthy_at)))
            page, start, ready = open_mirror(context, server.url)
            other = browser.new_context(viewport={"width": 1400, "height": 2000})
            other.add_init_script(PROBE + SHOWN)
            later = open_mirror(other, server.url)[2]
            other.close()
            guess_first(page, "HAPPY", among="SURPRISED")  # the word waits for a guess
            t_click = page.evaluate("__fvBench.now()")  # ms, the same clock in every frame
            start.click()
            text = verdict_text(page, timeout_ms=60_000)
            t_verdict = page.evaluate("__fvBench.now()")
            firsts = {"cam": [], "recv": []}
            for frame in page.frames:
                if frame.evaluate("!!window.__fvBench"):
                    for kind, times in firsts.items():
                        times += frame.evaluate(f"__fvBench.{kind}.map(e => e[1])")
    finally:
        browser.close()

    def since_click(times: list[float]) -> float:
        return (min(times) - t_click) / 1000 if times else float("nan")

    return Round(
        first.seconds_to_healthy,
        fresh,
        ready,
        later,
        since_click(firsts["cam"]),
        since_click(firsts["recv"]),
        (t_verdict - t_click) / 1000,
        text.strip(),
        {k: (t - t_click) / 1000 for k, t in read_trace(trace_log).items()} if trace_log else {},
    )


def print_trace(server: dict[str, float]) -> None:
    """The server's side after START: script runs, WebRTC, the engine, the first frames."""
    runs = []
    for name, t in server.items():
        if name.startswith("script run ") and name.endswith(" start"):
            end = server.get(name[: -len("start")] + "end")
            if end is not None and end >= 0:
                runs.append((t, end))
    runs.sort()
    print(
        "  script runs after START: "
        + ", ".join(f"{max(a, 0):.2f}-{b:.2f}" for a, b in runs)
        + " s"
    )
    steps = sorted(
        ((k, t) for k, t in server.items() if not k.startswith("script run ") and t >= 0),
        key=lambda kv: kv[1],
    )
    print("  server after START: " + ", ".join(f"{k} {t:.2f} s" for k, t in steps))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout whose app runs")
    add_option_argument(parser)
    parser.add_argument(
        "--no-trace",
        dest="trace",
        action="store_false",
        help="do not load the server-side timing trace (benchmarks/common.py)",
    )
    parser.add_argument(
        "--settle", type=float, default=0.0, help="seconds after healthy before the page opens"
    )
    args = parser.parse_args()
    if require_model() is None or not require_chromium():
        return 1
    from playwright.sync_api import sync_playwright

    print(machine())
    if args.set:
        print(f"streamlit options for this run: {', '.join(args.set)}")
    rounds: list[Round] = []
    with tempfile.TemporaryDirectory(prefix="fv-startup-") as tmp, sync_playwright() as p:
        face = letterbox(astronaut_face_bgr())
        clip = write_numbered_y4m(Path(tmp) / "numbered.y4m", face, 30)
        for i in range(args.rounds):
            r = one_round(
                p, clip, Path(tmp) / f"s{i}.log", args.root, args.set, args.trace, args.settle
            )
            rounds.append(r)
            print(
                f"round {i + 1}: launch to healthy {r.healthy:5.2f} s; /mirror to START shown: "
                f"new browser {r.fresh.page:4.2f} s (Playwright saw it at {r.fresh.driver:4.2f}), "
                f"browser that had opened it {r.ready.page:4.2f} s ({r.ready.driver:4.2f}), "
                f"a new browser as the next visitor {r.later.page:4.2f} s; "
                f"after START: camera {r.camera:4.2f} s, first frame back {r.back:4.2f} s, "
                f"verdict {r.verdict:4.2f} s  ({r.text!r})"
            )
            if r.server:
                print_trace(r.server)

    def median(name: str) -> float:
        return statistics.median(getattr(r, name) for r in rounds)

    def shown(name: str, field: str = "page") -> float:
        return statistics.median(getattr(getattr(r, name), field) for r in rounds)

    n = args.rounds
    print(f"median of {n}: launch to healthy {median('healthy'):.2f} s")
    for name, who in (
        ("fresh", "a new browser (empty cache)"),
        ("ready", "a browser that had opened Face Value before (its cache kept)"),
    ):
        print(
            f"median of {n}: /mirror opened to START shown, {who}: {shown(name):.2f} s by the "
            f"page's clock ({shown(name, 'driver'):.2f} s as Playwright saw it), opened "
            f"{args.settle:.0f} s after healthy  (target <= 2 s)"
        )
    print(
        f"median of {n}: the same for a new browser as the visitor after the first (a warm "
        f"server, for comparison): {shown('later'):.2f} s by the page's clock"
    )
    print(
        f"median of {n}: START to the camera's first frame {median('camera'):.2f} s, to the "
        f"first frame back from the server {median('back'):.2f} s"
    )
    print(f"median of {n}: START to first verdict {median('verdict'):.2f} s  (target <= 3 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
