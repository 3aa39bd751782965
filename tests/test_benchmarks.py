"""Every benchmark script still runs and prints its figures (tiny runs: these are not timings).

The figures themselves are taken on a quiet machine and quoted in the README; here a script
that no longer starts (a moved helper, a renamed option) fails before anyone needs it.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from .conftest import ROOT

NUMBER = r"[-+]?\d+(?:\.\d+)?"


def launch(script: str, *args: str, timeout: float = 300, env=None):
    """Run a benchmark script from the repository root; the finished process."""
    return subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env=env,
    )


def run(script: str, *args: str, timeout: float = 300) -> str:
    """A script's printed figures; it must exit 0."""
    done = launch(script, *args, timeout=timeout)
    assert done.returncode == 0, f"{script} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def figure(out: str, label: str) -> float:
    """The first number printed after `label`."""
    found = re.search(re.escape(label) + r"[^\d+-]*(" + NUMBER + ")", out)
    assert found, f"no figure for {label!r} in:\n{out}"
    return float(found.group(1))


@pytest.mark.model
def test_engine_benchmark_prints_both_timings_and_their_ratio(model_path):
    out = run("engine.py", "--frames", "20")
    raw, ours = figure(out, "raw mediapipe : median"), figure(out, "face value    : median")
    ratio = figure(out, "ratio (median):")
    assert raw > 0 and ours > 0
    assert ratio == pytest.approx(ours / raw, abs=0.01)
    assert figure(out, "peak RSS") > 0


@pytest.mark.model
def test_frame_soak_prints_memory_growth_and_the_frames_it_read(model_path):
    out = run("soak.py", "--frames", "300", "--every", "50", "--warmup", "100")
    assert figure(out, "frames        :") == 300
    assert figure(out, "RSS last") > 0
    figure(out, "growth        :")
    figure(out, "trend         :")


@pytest.mark.model
def test_kiosk_day_soak_walks_visitors_through_the_real_kiosk_page(model_path):
    out = run(
        "soak.py", "--kiosk-day", "--visitors", "4", "--sample-visitors", "1",
        "--warmup-visitors", "1",
    )  # fmt: skip
    assert "the kiosk page in AppTest" in out
    assert "problems      : none" in out
    figure(out, "growth        :")


@pytest.mark.browser
@pytest.mark.model
def test_live_benchmark_measures_frames_and_latency_in_chromium(model_path, chromium):
    out = run("live.py", "--seconds", "3", "--warmup", "1")
    assert figure(out, "new ones/s") > 0
    assert figure(out, "camera-to-screen    : p50") > 0
    # The whole machine's load in the same window: a minute taken by other machines shows.
    busy = [float(b) for b in re.findall(r"whole machine busy (\d+)% of its cores", out)]
    assert len(busy) == 2, out  # the floor's run and the Mirror's
    assert all(0 < b <= 100 for b in busy)
    assert re.search(r"(\d+\.\d)% stolen by the host", out)


@pytest.mark.browser
@pytest.mark.model
def test_startup_benchmark_times_launch_and_first_verdict(model_path, chromium):
    out = run("startup.py", "--rounds", "1")
    assert figure(out, "launch to healthy") > 0
    # START by the page's clock (not "nan"): a new browser, a cached one, a later visitor
    shown = re.findall(r"\): (" + NUMBER + r") s by the page's clock", out)
    assert len(shown) == 3 and all(0 < float(s) < 60 for s in shown), out
    assert figure(out, "START to first verdict") > 0


@pytest.mark.browser
@pytest.mark.model
def test_memory_benchmark_samples_the_server_during_a_live_session(model_path, chromium):
    out = run("memory.py", "--seconds", "3")
    assert figure(out, "RSS at first verdict    :") > figure(out, "RSS healthy, no session :")


@pytest.mark.browser
@pytest.mark.model
def test_memory_benchmark_walks_kiosk_visitors_through_the_real_server(model_path, chromium):
    out = run("memory.py", "--visitors", "2", "--warmup-visitors", "1")
    assert "stuck visitors: 0" in out
    assert figure(out, "RSS last") > figure(out, "RSS first")  # the engine was made
    figure(out, "growth        :")


@pytest.mark.model
def test_accuracy_benchmark_reads_labelled_photos_it_is_given(model_path, tmp_path):
    # Three public-domain photos in the layout of ../shared/data/expressions (one folder per
    # label people gave), so CI never needs the real collection.
    import cv2

    from support.faces import astronaut_face_bgr, grace_hopper_bgr

    from .checks import card_problems

    photos = tmp_path / "photos"
    for folder, name, bgr in (
        ("happiness", "astronaut.png", astronaut_face_bgr()),
        ("neutral", "grace_hopper.png", grace_hopper_bgr()),
        ("neutral", "grace_hopper_mirrored.png", cv2.flip(grace_hopper_bgr(), 1)),
    ):
        (photos / folder).mkdir(exist_ok=True, parents=True)
        assert cv2.imwrite(str(photos / folder / name), bgr)
    figures, card = tmp_path / "figures.json", tmp_path / "accuracy.json"
    out = run(
        "accuracy.py", "--photos", str(photos), "--json", str(figures),
        "--write-content", str(card),
    )  # fmt: skip
    assert "== VIDEO mode" in out and "== IMAGE mode" in out
    assert "photos: 3" in out
    for mode in ("video", "image"):
        fig = json.loads(figures.read_text())["modes"][mode]
        assert sum(fig["matrix"]["neutral"].values()) == 2
        assert fig["matrix"]["happiness"]["happy"] == 1, mode  # a posed smile reads HAPPY
        assert fig["agreement"]["happiness"]["share"] == 1.0
    assert figure(out, "average over labels:") >= 0
    figure(out, "neutral read ANGRY:")
    assert card_problems(json.loads(card.read_text())) == []


def test_accuracy_benchmark_says_so_when_the_folder_is_missing(tmp_path):
    done = launch("accuracy.py", "--photos", str(tmp_path / "nowhere"), timeout=120)
    assert done.returncode == 2
    assert "no such folder" in done.stdout


def test_peer_benchmark_says_how_to_run_fer_when_it_has_no_environment():
    done = launch("peer_fer.py", timeout=60)
    assert done.returncode == 2
    assert "fer not measured: no --python given." in done.stdout
    assert "pip install fer" in done.stdout


def test_profile_says_how_to_get_py_spy_when_it_is_missing(tmp_path):
    # py-spy is not a dependency: without it the script says so instead of failing oddly.
    done = launch("profile_live.py", timeout=60, env={"PATH": str(tmp_path)})
    assert done.returncode == 2
    assert "pip install py-spy" in done.stdout
