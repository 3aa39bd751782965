"""Where the server's time goes during a live Mirror session: py-spy on `streamlit run app.py`.

Runs benchmarks/live.py (the real app, headless Chromium, the fake camera) and, once the
session is live, samples the server with py-spy for --seconds. Prints the share of busy samples
per kind of work (MediaPipe, the rest of the engine, the overlay, VP8 encode/decode, frame
conversion, Streamlit script runs, garbage collection, the network loop), then live.py's own
figures. Waiting threads are left out (py-spy's default), so MediaPipe's inference, which runs
in its own C++ threads while the Python caller waits, shows only as the calling frames; pass
--native to see inside it (slower, and the sampling itself takes CPU from the session).

Needs py-spy (PyPI, not a dependency of Face Value): pip install py-spy
Usage: python benchmarks/profile_live.py [--seconds 20] [--rate 50] [--native] [--set OPT=VAL]
"""

from __future__ import annotations

import argparse
import collections
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

# The first rule whose text is found in a stack names its kind (most specific first).
GC = "garbage collection (Streamlit's gc.collect after a script run)"
KINDS = [
    ("VP8 encode (aiortc, to the browser)", ("Vp8Encoder",)),
    ("VP8 decode (aiortc, from the camera)", ("Vp8Decoder",)),
    ("MediaPipe (detect_for_video and its results)", ("mediapipe/",)),
    ("overlay (demos/engine/draw.py)", ("demos/engine/draw.py",)),
    ("rest of the engine (measure, classify, frames)", ("demos/engine/",)),
    ("frame conversion (av to/from numpy)", ("to_ndarray", "from_ndarray", "demos/ui/camera.py")),
    ("Streamlit script runs (pages, fragments)", ("ScriptRunner",)),
    ("WebRTC transport (RTP, SRTP, ICE)", ("aiortc/", "pylibsrtp", "aioice")),
]


# A stack ending in one of these is a thread waiting, which py-spy does not always recognise.
WAITING = (
    "Condition.wait",
    "Event.wait",
    "Queue.get",
    "Selector.select",
    "polling_path_watcher.py:90",  # the config watcher's sleep
    "_worker (concurrent/futures/thread.py:81)",  # a pool thread waiting for work
)


def server_pid(parent: int, timeout: float = 60) -> int | None:
    """The `streamlit run` process that live.py (pid `parent`) starts."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = subprocess.run(
            ["pgrep", "-P", str(parent), "-f", "demos.serve"], capture_output=True, text=True
        ).stdout.split()
        if found:
            return int(found[0])
        time.sleep(0.2)
    return None


def kind_of(stack: str) -> str:
    """The kind of work a sampled stack (frames joined by ';', outermost first) was doing."""
    # gc.collect is C, so the sample ends in its caller; anything deeper (media file
    # clean-up, in the same function) ends elsewhere.
    if stack.rsplit(";", 1)[-1].startswith("ScriptRunner._on_script_finished"):
        return GC
    for name, marks in KINDS:
        if any(m in stack for m in marks):
            return name
    return "other (event loop, sockets, threads)"


def main() -> int:
    """Profile one live session and print the shares, then live.py's figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--rate", type=int, default=50, help="py-spy samples per second")
    parser.add_argument("--native", action="store_true", help="include C/C++ frames")
    parser.add_argument("--set", action="append", default=[], help="a Streamlit option for live.py")
    args = parser.parse_args()
    spy = shutil.which("py-spy")
    if spy is None:
        print("not profiled: py-spy is not installed (pip install py-spy)")
        return 2
    with tempfile.TemporaryDirectory(prefix="fv-profile-") as tmp:
        raw = Path(tmp) / "profile.txt"
        # --no-floor: the engine-off run would come first and be the server profiled.
        live_cmd = [sys.executable, str(HERE / "live.py"), "--no-floor"]
        live_cmd += ["--seconds", str(args.seconds + 10)]
        live_cmd += [f"--set={s}" for s in args.set]
        live = subprocess.Popen(live_cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        pid = server_pid(live.pid)
        if pid is None:
            live.kill()
            live.wait()
            print("not profiled: the app server did not start")
            return 1
        time.sleep(15)  # page, START, first verdict and live.py's warm-up
        record = [spy, "record", "--pid", str(pid), "--duration", str(int(args.seconds))]
        record += ["--rate", str(args.rate), "--format", "raw", "--output", str(raw)]
        record += ["--nonblocking"] + (["--native"] if args.native else [])
        spied = subprocess.run(record, capture_output=True, text=True)
        figures, _ = live.communicate(timeout=300)
        if not raw.exists():
            print(f"not profiled: py-spy failed: {spied.stderr.strip()[-500:]}")
            return 1
        counts: collections.Counter[str] = collections.Counter()
        waiting = 0
        for line in raw.read_text().splitlines():
            stack, _, n = line.rpartition(" ")
            if not (stack and n.isdigit()):
                continue
            if any(w in stack.rsplit(";", 1)[-1] for w in WAITING):
                waiting += int(n)
            else:
                counts[kind_of(stack)] += int(n)
    total = sum(counts.values()) or 1
    print(
        f"server pid {pid}: {total} busy samples in {args.seconds:.0f} s at {args.rate} Hz "
        f"({waiting} more of threads waiting, left out)"
    )
    print(f"  = {total / args.rate / args.seconds:.2f} threads busy on average (any thread)")
    for name, n in counts.most_common():
        print(f"  {n / total * 100:5.1f}%  {name}")
    print("live.py during the profile (py-spy's sampling takes CPU too):")
    print(figures.decode(errors="replace"), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
