"""Privacy, proven: every page walked in a real browser on a machine with only loopback, with
the files, the network and the memory checked around it. PRIVACY.md maps each promise here."""

from __future__ import annotations

import ipaddress
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from demos import _catalog as catalog
from demos.engine import model_file
from support import faces
from support.live_app import hosts

from .conftest import ROOT, need

pytestmark = [pytest.mark.browser, pytest.mark.model]
REPORT = ROOT / "artifacts" / "privacy-walk.txt"


def snapshot(root: Path, skip: tuple[Path, ...] = ()) -> dict[str, tuple[int, int]]:
    """path -> (size, mtime_ns) of every file below root, leaving out the skipped folders."""
    found = {}
    skip = tuple(str(s) for s in skip)
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not os.path.join(folder, d).startswith(skip)]
        for name in files:
            path = os.path.join(folder, name)
            try:
                st = os.lstat(path)
            except OSError:
                continue
            found[path] = (st.st_size, st.st_mtime_ns)
    return found


def changes(before: dict, after: dict) -> list[str]:
    return sorted(p for p in after if before.get(p) != after[p])


def is_loopback(address: str, unspecified_ok: bool = False) -> bool:
    """127.x or ::1; "unspecified" (0.0.0.0) only where allowed: a peer not yet connected."""
    ip = ipaddress.ip_address(address.rsplit(":", 1)[0])
    mapped = getattr(ip, "ipv4_mapped", None)
    return (
        ip.is_loopback
        or bool(mapped and mapped.is_loopback)
        or (unspecified_ok and ip.is_unspecified)
    )


@pytest.fixture(scope="module")
def walk(chromium, model_path, tmp_path_factory):
    """Run tests/walk.py in a network namespace of its own; snapshot files around it."""
    need(
        shutil.which("unshare") is not None and shutil.which("ip") is not None,
        "unshare and ip (util-linux, iproute2) are needed for the offline walk",
    )
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
    need(probe.returncode == 0, f"cannot make a network namespace: {probe.stderr.decode()}")
    work = tmp_path_factory.mktemp("walk")
    app_home, app_tmp = work / "app-home", work / "app-tmp"
    app_tmp.mkdir()
    # Provision both models into the documented user cache under the app's home, offline,
    # so the walk sees the second machine read every face too.
    cache = app_home / ".cache" / "face-value"
    model_file.install_from(model_path, cache / model_file.MODEL_FILENAME)
    expression = model_file.check(spec=model_file.EXPRESSION)
    need(expression.ready, f"expression model not ready at {expression.path}")
    model_file.install_from(expression.path, cache / model_file.EXPRESSION_FILENAME)
    # Installing includes one start-up cost outside the walk: mediapipe pulls in matplotlib,
    # which writes a list of the system's fonts to ~/.cache/matplotlib the first time. It is
    # made once per machine and holds nothing about anyone (see PRIVACY.md).
    subprocess.run(
        [sys.executable, "-c", "import mediapipe"],
        check=True,
        capture_output=True,
        env={**os.environ, "HOME": str(app_home)},
    )
    clip = faces.write_y4m(work / "camera.y4m", faces.astronaut_face_bgr())
    report_file = work / "report.json"
    system_tmp = Path(tempfile.gettempdir()).resolve()
    basetemp = tmp_path_factory.getbasetemp().resolve()
    watched = {
        "app home": (app_home, ()),
        "app temp": (app_tmp, ()),
        "working directory": (ROOT, (ROOT / ".git", ROOT / "artifacts")),
        "system temp": (system_tmp, (basetemp,)),
    }
    before = {name: snapshot(root, skip) for name, (root, skip) in watched.items()}
    # Loopback, plus a pretend LAN card (a veth pair with a private address inside this
    # namespace only), so "listens on loopback only" is tested where there is something else.
    command = (
        "ip link set lo up && ip link add fv0 type veth peer name fv1 && "
        "ip addr add 10.99.0.1/24 dev fv0 && ip link set fv0 up && ip link set fv1 up && "
        f"exec {sys.executable} -m tests.walk --report {report_file} "
        f"--app-home {app_home} --app-tmp {app_tmp} --clip {clip} --chromium {chromium} "
        f"--workdir {work}"
    )
    # The browser's own profile and temp files go to the test's folder, not the real home.
    env = {**os.environ, "HOME": str(work / "browser-home"), "TMPDIR": str(work)}
    run = subprocess.run(
        ["unshare", "-n", "sh", "-c", command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, f"the offline walk failed:\n{run.stdout}\n{run.stderr}"
    after = {name: snapshot(root, skip) for name, (root, skip) in watched.items()}
    report = json.loads(report_file.read_text())
    report["files"] = {
        name: {"checked": len(after[name]), "changed": changes(before[name], after[name])}
        for name in watched
    }
    report["model_cache"] = str(app_home / ".cache" / "face-value")
    _write_summary(report)
    return report


def _write_summary(report: dict) -> None:
    lines = ["Privacy walk (own network namespace: loopback and a pretend LAN card, no way out)"]
    lines += [
        f"page {p['path'] or '/'}: camera={p['camera']} verdict={p['verdict']!r}"
        for p in report["pages"]
    ]
    lines.append(
        f"browser requests: {len(report['requests'])}, hosts: {sorted(hosts(report['requests']))}"
    )
    cands = [e for e in report["ice"] if e["kind"] != "config"]
    lines.append(
        f"ICE candidates: {len(cands)}, types: {sorted({_cand_type(e['line']) for e in cands})}"
    )
    lines.append(
        f"server sockets seen: {len(report['sockets'])} in {report['socket_samples']} samples"
    )
    lines.append(f"knocks from elsewhere: {report['foreign']}")
    attempts = Path(report["audit_log"]).read_text().splitlines()
    lines.append(
        f"server network attempts (audit hook): {len(attempts)} distinct, "
        f"to {sorted({a.split()[1] for a in attempts})}; this machine: {report['local_addresses']}"
    )
    for name, info in report["files"].items():
        lines.append(f"files in {name}: {info['checked']} checked, {len(info['changed'])} changed")
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


def _cand_type(line: str) -> str:
    match = re.search(r" typ (\w+)", line)
    return match.group(1) if match else "?"


def test_the_walk_visits_every_page_in_the_navigation(walk):
    visited = [p["path"] for p in walk["pages"]]
    assert visited == ["/" + p.url_path for p in catalog.pages()]
    assert len(visited) >= 3
    # Every page with a live camera had it started during the walk.
    assert [p["path"] for p in walk["pages"] if p["camera"]] == [
        "/" + p.url_path for p in catalog.pages() if p.camera
    ]


def test_the_walk_answers_the_before_and_after_statements_wherever_they_are_asked(walk):
    # Answered on the welcome page, at the last step and on the kiosk: the file, log and
    # network checks of the same walk cover the answers (they live in the session only).
    answered = [p["path"] for p in walk["pages"] if p.get("beliefs")]
    assert answered == ["/", "/learn-more", "/kiosk"]


def test_the_live_camera_works_with_no_network_at_all(walk):
    cameras = [p for p in walk["pages"] if p["camera"]]
    assert cameras, "no page with a camera was walked"
    assert all("reads as HAPPY" in p["verdict"] for p in cameras)


def test_every_browser_request_stays_on_this_computer(walk):
    assert len(walk["requests"]) > 20
    assert hosts(walk["requests"]) <= {"127.0.0.1", "localhost"}


def test_webrtc_uses_host_candidates_and_no_ice_servers(walk):
    configs = [e["servers"] for e in walk["ice"] if e["kind"] == "config"]
    assert configs and all(c in ("[]", "null") for c in configs), configs
    candidates = [e for e in walk["ice"] if e["kind"] in ("local", "remote")]
    assert {e["kind"] for e in candidates} == {"local", "remote"}
    assert {_cand_type(e["line"]) for e in candidates} == {"host"}


def test_the_server_talks_to_nothing_but_this_computer(walk):
    sockets = walk["sockets"]
    assert walk["socket_samples"] > 20 and sockets
    # Bound to loopback (never to every interface, never to the pretend LAN address), and
    # talking to loopback or to no one yet.
    outside = [s for s in sockets if not is_loopback(s[1]) or not is_loopback(s[2], True)]
    assert outside == []
    assert any(s[0].startswith("udp") for s in sockets)  # the WebRTC sockets were seen too


def test_the_server_never_even_tries_to_reach_another_computer(walk):
    # Every address the server looked up, connected or sent to (an audit hook in the server).
    # The browser's WebRTC checks may come from this machine's own pretend-LAN address: that
    # is still this computer, so it counts as home. Anything else would be another computer.
    attempts = Path(walk["audit_log"]).read_text().split()
    addresses = set(attempts[1::2])
    assert addresses, "the audit hook saw nothing: it was not installed"
    home = set(walk["local_addresses"])
    assert "10.99.0.1" in home
    outside = sorted(
        a for a in addresses if a != "localhost" and a not in home and not is_loopback(a + ":0")
    )
    assert outside == []


def test_other_sites_and_other_host_names_are_refused(walk):
    # The same walk's audit (the test above) proves the refusals asked no outside server.
    knocks = walk["foreign"]
    assert knocks["own origin"] == 101  # the handshake itself works
    assert knocks["foreign origin"] == 403
    assert knocks["foreign host"] == 403  # DNS rebinding
    assert knocks["page elsewhere"] != "open"


def test_the_server_listens_on_127_0_0_1_only(walk):
    listening = [s for s in walk["sockets"] if s[3] == "LISTEN"]
    assert listening
    assert all(s[1].startswith("127.0.0.1:") for s in listening), listening


def test_no_file_appears_or_changes_during_the_walk(walk):
    assert walk["files"]["working directory"]["checked"] > 20
    for name, info in walk["files"].items():
        assert info["changed"] == [], f"{name}: {info['changed']}"


def test_the_server_log_holds_no_measurements_or_image_data(walk):
    log = Path(walk["server_log"]).read_text(errors="replace")
    assert "You can now view" in log  # the log was really captured
    forbidden = [
        r"reads as",
        r"\b(HAPPY|SAD|ANGRY|SURPRISED|AFRAID|DISGUSTED|NEUTRAL)\b",
        r"lip_corner|brow_lower|jaw_drop|blendshape",
        r"array\(",
        r"[A-Za-z0-9+/=]{200,}",
        r"JFIF|PNG\r?\n",
    ]
    for pattern in forbidden:
        assert not re.search(pattern, log), pattern
