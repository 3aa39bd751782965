"""Server memory during a live Mirror session: RSS of `streamlit run app.py` and its children.

Starts the app, opens /mirror in Debian's headless Chromium with a fake camera playing two real
faces in turn (the astronaut smiling, Grace Hopper at rest: support/faces.py), clicks START and
keeps the session live for --seconds, sampling VmRSS from /proc/<pid>/status (the server
process and every child) once a second. Then STOP, and a last sample a few seconds later.

Prints RSS when healthy (no session yet), after the first verdict, the peak, at the end of the
session and after STOP. Target: server RSS <= 450 MB.

--visitors N: instead, a kiosk as a museum runs it (FACE_VALUE_MODE=kiosk, one browser page all
day): N visitors in turn touch start, choose the camera, press START, wait for the verdict and
touch "Start over". Each one makes and ends a real WebRTC connection and a face engine in the
real server, which soak.py --kiosk-day (AppTest) cannot. Server RSS is sampled after each
visitor; growth is reported as soak.py does (after --warmup-visitors). Target: within 5%.

--close-tab N: visitors as a workshop has them, who never press STOP: each opens /mirror in a
fresh browser context, gives a guess, presses START, waits for the verdict and closes the tab.
Server RSS and its thread count are sampled after each, then every 5 s for --idle seconds with
no visitor. Target: the level after --idle within 10% of the level after --warmup-visitors, and
the threads back to that level too.

Usage: python benchmarks/memory.py [--seconds 60] [--root DIR] [--set SECTION.NAME=VALUE]
       python benchmarks/memory.py --visitors 100 [--warmup-visitors 10]
       python benchmarks/memory.py --close-tab 100 [--warmup-visitors 10] [--idle 120]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    ROOT,
    add_option_argument,
    growth_report,
    launch_browser,
    machine,
    new_page,
    require_chromium,
    require_model,
    rss_mb,
    streamlit_app,
    write_clip,
)

from support.faces import astronaut_face_bgr, grace_hopper_bgr, letterbox
from support.live_app import guess_first, start_camera, verdict_text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the live session")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout whose app runs")
    parser.add_argument("--visitors", type=int, default=0, help="kiosk visitors (real server)")
    parser.add_argument("--warmup-visitors", type=int, default=10)
    parser.add_argument("--close-tab", type=int, default=0, help="visitors who close the tab")
    parser.add_argument("--idle", type=float, default=120.0, help="seconds idle after them")
    add_option_argument(parser)
    args = parser.parse_args()
    if require_model() is None or not require_chromium():
        return 1
    from playwright.sync_api import sync_playwright

    print(machine())
    arenas = os.environ.get("MALLOC_ARENA_MAX")
    print(f"MALLOC_ARENA_MAX: {arenas or 'not set (the app caps arenas itself at start)'}")
    if args.set:
        print(f"streamlit options for this run: {', '.join(args.set)}")
    with tempfile.TemporaryDirectory(prefix="fv-memory-") as tmp:
        tmp = Path(tmp)
        faces = [letterbox(astronaut_face_bgr()), letterbox(grace_hopper_bgr())]
        clip = write_clip(tmp / "two-faces.y4m", [faces[i // 45] for i in range(90)])
        if args.visitors:
            return kiosk_visitors(tmp, clip, args)
        if args.close_tab:
            return tab_closers(tmp, clip, args)
        with (
            streamlit_app(tmp / "streamlit.log", args.root, options=args.set) as server,
            sync_playwright() as p,
        ):
            healthy = rss_mb(server.pid)
            browser = launch_browser(p, clip)
            page = new_page(browser)
            page.goto(f"{server.url}/mirror")
            guess_first(page, "HAPPY", among="SURPRISED")  # the word waits for a guess
            start_camera(page)
            verdict_text(page, timeout_ms=60_000)
            live = rss_mb(server.pid)
            samples = [(0.0, live)]
            t0 = time.monotonic()
            while (elapsed := time.monotonic() - t0) < args.seconds:
                page.wait_for_timeout(1000)  # keeps Playwright's event loop turning
                samples.append((elapsed, rss_mb(server.pid)))
            end = samples[-1][1]
            frame = page.frame_locator('iframe[title*="webrtc"]')
            frame.get_by_role("button", name=re.compile("STOP")).click()
            page.wait_for_timeout(3000)
            stopped = rss_mb(server.pid)
            browser.close()

    peak_t, peak = max(samples, key=lambda s: s[1])
    print(f"live session: {args.seconds:.0f} s, {len(samples)} samples, server pid {server.pid}")
    print(f"RSS healthy, no session : {healthy:6.1f} MB")
    print(f"RSS at first verdict    : {live:6.1f} MB")
    print(f"RSS peak                : {peak:6.1f} MB  (at {peak_t:.0f} s; target <= 450 MB)")
    print(f"RSS end of session      : {end:6.1f} MB")
    print(f"RSS 3 s after STOP      : {stopped:6.1f} MB")
    print(f"growth during session   : {(end - live) / live * 100:+.1f}% (first verdict to end)")
    return 0


def kiosk_visitors(tmp: Path, clip: Path, args) -> int:
    """Visitors one after another on the real kiosk page; server RSS after each."""
    from playwright.sync_api import sync_playwright

    from demos.ui.content import t

    def touch(page, label: str) -> None:
        page.get_by_role("button", name=label, exact=True).click()

    problems = 0
    with (
        streamlit_app(
            tmp / "streamlit.log", args.root, {"FACE_VALUE_MODE": "kiosk"}, args.set
        ) as server,
        sync_playwright() as p,
    ):
        browser = launch_browser(p, clip)
        page = new_page(browser)
        page.goto(f"{server.url}/kiosk")
        attract = page.get_by_role("button", name=t("kiosk.touch_to_start"))
        attract.wait_for(timeout=60_000)
        samples: list[tuple[int, float, None]] = [(0, rss_mb(server.pid), None)]
        t0 = time.monotonic()
        for n in range(1, args.visitors + 1):
            try:
                touch(page, t("kiosk.touch_to_start"))
                touch(page, t("beliefs.answer.not_sure"))  # the statement before the loop
                touch(page, t("kiosk.with_camera"))  # one touch starts the camera
                verdict_text(page, timeout_ms=30_000)
                touch(page, t("kiosk.start_over"))
                attract.wait_for(timeout=30_000)
            except Exception as error:  # one stuck visitor is a finding, not the end of the day
                problems += 1
                print(f"  visitor {n}: {type(error).__name__}; reloading the page", flush=True)
                page.goto(f"{server.url}/kiosk")
                attract.wait_for(timeout=60_000)
            page.wait_for_timeout(1000)  # the camera has gone; let the server let go of it
            samples.append((n, rss_mb(server.pid), None))
            if n % 10 == 0:
                print(f"  {n:>4} visitors  {samples[-1][1]:6.1f} MB", flush=True)
        minutes = (time.monotonic() - t0) / 60
        browser.close()
    print(f"kiosk visitors: {args.visitors} in {minutes:.1f} min, real server pid {server.pid}")
    print(f"stuck visitors: {problems} (the page was reloaded for them)")
    growth_report(samples, args.warmup_visitors, "visitors")
    # Visitors that never reached a verdict made no engine: their memory says nothing.
    return 1 if problems > args.visitors // 10 else 0


def threads(pid: int) -> int:
    """The server's threads (the OS's count: Python's, MediaPipe's and WebRTC's alike)."""
    try:
        return len(os.listdir(f"/proc/{pid}/task"))
    except FileNotFoundError:
        return 0


def tab_closers(tmp: Path, clip: Path, args) -> int:
    """Visitors who start the camera, get a verdict and close the tab; then the server idles."""
    from playwright.sync_api import sync_playwright

    problems = 0
    with (
        streamlit_app(tmp / "streamlit.log", args.root, options=args.set) as server,
        sync_playwright() as p,
    ):
        browser = launch_browser(p, clip)
        healthy = (rss_mb(server.pid), threads(server.pid))
        samples: list[tuple[int, float, None]] = []
        counts: list[int] = []
        t0 = time.monotonic()
        for n in range(1, args.close_tab + 1):
            page = new_page(browser)
            try:
                page.goto(f"{server.url}/mirror")
                guess_first(page, "HAPPY", among="SURPRISED")
                start_camera(page)
                verdict_text(page, timeout_ms=30_000)
            except Exception as error:  # one stuck visitor is a finding, not the end of the day
                problems += 1
                print(f"  visitor {n}: {type(error).__name__}", flush=True)
            page.context.close()  # the tab goes, with no STOP: the server is not told
            samples.append((n, rss_mb(server.pid), None))
            counts.append(threads(server.pid))
            if n % 10 == 0:
                print(
                    f"  {n:>4} visitors  {samples[-1][1]:6.1f} MB  {counts[-1]} threads  "
                    f"({machine().split('load average ')[1].split(', C')[0]})",
                    flush=True,
                )
        minutes = (time.monotonic() - t0) / 60
        browser.close()
        idle: list[tuple[float, float, int]] = []
        t1 = time.monotonic()
        while (elapsed := time.monotonic() - t1) < args.idle:
            time.sleep(5)
            idle.append((elapsed + 5, rss_mb(server.pid), threads(server.pid)))
    print(f"visitors who closed the tab: {args.close_tab} in {minutes:.1f} min, pid {server.pid}")
    print(f"stuck visitors: {problems}")
    print(f"healthy, no visitor yet: {healthy[0]:6.1f} MB, {healthy[1]} threads")
    growth_report(samples, args.warmup_visitors, "visitors")
    settled = next((i for i, s in enumerate(samples) if s[0] >= args.warmup_visitors), 0)
    level, level_threads = samples[settled][1], counts[settled]
    for t, mb, n in idle[:: max(1, len(idle) // 6)] + idle[-1:]:
        print(f"  idle {t:5.0f} s: {mb:6.1f} MB, {n} threads")
    end, end_threads = idle[-1][1], idle[-1][2]
    change = (end - level) / level * 100
    print(
        f"after {args.idle:.0f} s idle: {end:.1f} MB, {change:+.1f}% of the level after "
        f"{samples[settled][0]} visitors ({level:.1f} MB; target: at most 10% above); threads "
        f"{end_threads} (then {level_threads}; {healthy[1]} before any visitor)"
    )
    return 1 if problems > args.close_tab // 10 or change > 10 else 0


if __name__ == "__main__":
    raise SystemExit(main())
