"""Start-up: `streamlit run app.py` to healthy, and START on the Mirror to the first verdict.

Each round starts a fresh server (so the Mirror, MediaPipe and the model load cold, as on a
kiosk in the morning) and a fresh browser context in Debian's headless Chromium with a fake
camera playing a real face (tests/faces.py). It times:

- launch to healthy: process creation to the first 200 from /_stcore/health;
- page ready: navigation to /mirror until the START button shows;
- START to first verdict: the click until "reads as ..." shows in data-testid="fv-verdict"
  (the page redraws its numbers every 0.5 s, so up to 0.5 s of this is that redraw).

Prints every round and the median. Target: first verdict <= 3 s after START.

Usage: python benchmarks/startup.py [--rounds 3] [--root DIR] [--set SECTION.NAME=VALUE]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    ROOT,
    add_option_argument,
    launch_browser,
    machine,
    new_page,
    require_chromium,
    require_model,
    streamlit_app,
)

from tests.faces import astronaut_face_bgr, write_y4m
from tests.live_app import verdict_text


def one_round(
    playwright, clip: Path, log: Path, root: Path, options: list[str]
) -> tuple[float, float, float, str]:
    with streamlit_app(log, root, options=options) as server:
        browser = launch_browser(playwright, clip)
        try:
            page = new_page(browser)
            t0 = time.perf_counter()
            page.goto(f"{server.url}/mirror")
            start = page.frame_locator('iframe[title*="webrtc"]').get_by_role(
                "button", name=re.compile("START")
            )
            start.wait_for(timeout=60_000)
            ready = time.perf_counter() - t0
            t0 = time.perf_counter()
            start.click()
            text = verdict_text(page, timeout_ms=60_000)
            first = time.perf_counter() - t0
        finally:
            browser.close()
    return server.seconds_to_healthy, ready, first, text.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout whose app runs")
    add_option_argument(parser)
    args = parser.parse_args()
    if require_model() is None or not require_chromium():
        return 1
    from playwright.sync_api import sync_playwright

    print(machine())
    if args.set:
        print(f"streamlit options for this run: {', '.join(args.set)}")
    rounds = []
    with tempfile.TemporaryDirectory(prefix="fv-startup-") as tmp, sync_playwright() as p:
        clip = write_y4m(Path(tmp) / "astronaut.y4m", astronaut_face_bgr())
        for i in range(args.rounds):
            healthy, ready, first, text = one_round(
                p, clip, Path(tmp) / f"s{i}.log", args.root, args.set
            )
            rounds.append((healthy, ready, first))
            print(
                f"round {i + 1}: launch to healthy {healthy:5.2f} s, /mirror ready {ready:5.2f} s, "
                f"START to first verdict {first:5.2f} s  ({text!r})"
            )
    healthy, ready, first = (statistics.median(col) for col in zip(*rounds, strict=True))
    print(f"median of {args.rounds}: launch to healthy {healthy:.2f} s")
    print(f"median of {args.rounds}: /mirror ready (START shown) {ready:.2f} s")
    print(f"median of {args.rounds}: START to first verdict {first:.2f} s  (target <= 3 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
