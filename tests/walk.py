"""Walk every page of the real app in Chromium, camera started wherever there is one, and report
what crossed the network: browser requests, WebRTC candidates and the server's own sockets.

Run by tests/test_privacy.py inside a network namespace that has only loopback:
    unshare -n sh -c 'ip link set lo up && exec python -m tests.walk --report R.json ...'
It can also run on its own (without unshare) for a look.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import os
import re
import subprocess
import threading
from pathlib import Path

from demos import _catalog as catalog
from support.live_app import (
    TRACK_SPY,
    chromium_args,
    guess_first,
    open_chromium,
    start_camera,
    streamlit_server,
    verdict_text,
    ws_handshake,
)

GUESS_FIRST = ("mirror", "your_neutral")  # camera pages that show no word before a guess
FOREIGN = "evil.example"  # another web site; the test serves its one page itself

# What a page on another site can try: open the app's stream from its own origin.
KNOCK = """(url) => new Promise((done) => {
  let ws;
  try { ws = new WebSocket(url); } catch (e) { done("blocked by the browser"); return; }
  ws.onopen = () => { ws.close(); done("open"); };
  ws.onerror = () => done("refused");
  setTimeout(() => done("no answer"), 10000);
})"""

# Records every ICE candidate both sides offer, and the ICE servers a connection was given.
ICE_SPY = """
(() => {
  const Original = window.RTCPeerConnection;
  if (!Original) return;
  const log = (entry) => (window.top.__fvIce = window.top.__fvIce || []).push(entry);
  function Spy(config, ...rest) {
    log({kind: "config", servers: JSON.stringify((config && config.iceServers) || null)});
    const pc = new Original(config, ...rest);
    pc.addEventListener("icecandidate", (e) => {
      if (e.candidate && e.candidate.candidate) log({kind: "local", line: e.candidate.candidate});
    });
    const setRemote = pc.setRemoteDescription.bind(pc);
    pc.setRemoteDescription = (desc) => {
      for (const line of ((desc && desc.sdp) || "").split(/\\r?\\n/)) {
        if (line.startsWith("a=candidate:")) log({kind: "remote", line: line.slice(2)});
      }
      return setRemote(desc);
    };
    return pc;
  }
  Spy.prototype = Original.prototype;
  window.RTCPeerConnection = Spy;
})();
"""


def _hex_addr(text: str) -> str:
    host, port = text.split(":")
    raw = bytes.fromhex(host)
    if len(raw) == 4:
        ip = ipaddress.IPv4Address(raw[::-1])
    else:  # /proc stores IPv6 as four little-endian 32-bit words
        ip = ipaddress.IPv6Address(b"".join(raw[i : i + 4][::-1] for i in range(0, 16, 4)))
    return f"{ip}:{int(port, 16)}"


def sockets_of(pid: int) -> set[tuple[str, str, str, str]]:
    """(protocol, local, remote, state) of every socket the process holds right now."""
    inodes = set()
    fd_dir = Path(f"/proc/{pid}/fd")
    for fd in fd_dir.iterdir() if fd_dir.exists() else ():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    found = set()
    for proto in ("tcp", "tcp6", "udp", "udp6"):
        try:
            lines = Path(f"/proc/{pid}/net/{proto}").read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            cols = line.split()
            if cols[9] in inodes:
                state = "LISTEN" if proto.startswith("tcp") and cols[3] == "0A" else cols[3]
                found.add((proto, _hex_addr(cols[1]), _hex_addr(cols[2]), state))
    return found


class SocketWatch(threading.Thread):
    """Samples a process's sockets every 50 ms until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.seen: set[tuple[str, str, str, str]] = set()
        self.samples = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.seen |= sockets_of(self.pid)
            self.samples += 1
            self._stop_event.wait(0.05)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def walk(
    app_env: dict[str, str], drop: tuple[str, ...], clip: Path, chromium: str, workdir: Path
) -> dict:
    """Visit every page; start and stop the camera wherever there is one."""
    from playwright.sync_api import sync_playwright

    report: dict = {"pages": [], "requests": [], "ice": [], "sockets": []}
    audit = workdir / "audit.log"
    audit.touch()
    app_env = {**app_env, "FV_AUDIT_LOG": str(audit)}
    with streamlit_server(
        app_env, workdir / "streamlit.log", drop=drop, module="tests.audit_server"
    ) as server:
        report["server_log"] = str(server.log)
        report["audit_log"] = str(audit)
        watch = SocketWatch(server.pid)
        watch.start()
        with sync_playwright() as p:
            # In a namespace with only loopback, Chromium needs the last flag to offer 127.0.0.1.
            args = [*chromium_args(clip), "--allow-loopback-in-peer-connection"]
            ctx = open_chromium(p, workdir / "profile", chromium, args, (1400, 1600))
            ctx.add_init_script(TRACK_SPY)
            ctx.add_init_script(ICE_SPY)
            record = lambda r: report["requests"].append(r.url)  # noqa: E731
            ctx.on("request", record)
            page = ctx.new_page()
            for info in catalog.pages():
                page.goto(f"{server.url}/{info.url_path}")
                page.get_by_role("heading").first.wait_for(timeout=20_000)
                visit = {"path": "/" + info.url_path, "camera": False, "verdict": None}
                if info.camera:
                    page.locator('iframe[title*="webrtc"]').wait_for(timeout=20_000)
                    if info.name in GUESS_FIRST:  # the word waits for the learner's guess
                        guess_first(page, "HAPPY", among="SURPRISED")
                    start_camera(page)
                    visit["camera"] = True
                    visit["verdict"] = verdict_text(page, timeout_ms=30_000)
                    frame = page.frame_locator('iframe[title*="webrtc"]')
                    frame.get_by_role("button", name="STOP", exact=False).click()
                    page.wait_for_function(
                        "(window.__fvTracks || []).every(t => t.readyState === 'ended')"
                    )
                # Answers to the before/after statements: given here, so the file and log checks
                # around the walk cover them too (they must live in the session only).
                visit["beliefs"] = answer_statements(page, info.name)
                report["pages"].append(visit)
                report["ice"] += page.evaluate("window.__fvIce || []")
                page.evaluate("window.__fvIce = []")
            # The other site's page is served by the test itself (it never leaves the browser)
            # and is no request of the app's.
            ctx.remove_listener("request", record)
            report["foreign"] = knock_from_elsewhere(ctx, server.url)
            ctx.close()
        watch.stop()
        report["sockets"] = sorted(watch.seen)
        report["socket_samples"] = watch.samples
    return report


def answer_statements(page, name: str) -> bool:
    """Where a page asks the before/after statements, answer one as a learner would."""
    from demos.ui import beliefs
    from demos.ui.content import t

    if name in ("welcome", "learn_more"):
        first = f"1. {beliefs.statement(beliefs.STATEMENTS[0].key)}"
        group = page.get_by_role("radiogroup", name=first)
        agree = re.compile(rf"^{re.escape(t('beliefs.answer.agree'))}$")
        group.locator("label").filter(has_text=agree).click()
        group.locator("input:checked").wait_for(state="attached")
        if name == "learn_more":  # the answer is shown beside the one from the start
            page.get_by_role("heading", name=t("beliefs.compare_title")).wait_for()
        return True
    if name == "kiosk":
        page.get_by_role("button", name=t("kiosk.touch_to_start")).click()
        page.get_by_role("button", name=t("beliefs.answer.agree"), exact=True).click()
        page.get_by_role("heading", name=t("kiosk.notice_title")).wait_for()
        return True
    return False


def knock_from_elsewhere(ctx, url: str) -> dict[str, object]:
    """A page of another site opens the app's stream, then a raw handshake names another Host
    (DNS rebinding) and another Origin. Under the socket audit: none may make the server
    reach out."""
    page = ctx.new_page()
    page.route(
        f"http://{FOREIGN}/**",
        lambda route: route.fulfill(body="<title>elsewhere</title>", content_type="text/html"),
    )
    page.goto(f"http://{FOREIGN}/")
    port = url.rsplit(":", 1)[1]
    knocks = {
        "page elsewhere": page.evaluate(KNOCK, url.replace("http://", "ws://") + "/_stcore/stream"),
        "foreign origin": ws_handshake(url, origin=f"http://{FOREIGN}"),
        "foreign host": ws_handshake(
            url, host=f"{FOREIGN}:{port}", origin=f"http://{FOREIGN}:{port}"
        ),
        "own origin": ws_handshake(url, origin=url),
    }
    page.close()
    return knocks


def local_addresses() -> list[str]:
    """Every address that belongs to this machine (its own interfaces), from `ip`."""
    out = subprocess.run(["ip", "-o", "addr", "show"], capture_output=True, text=True).stdout
    return sorted({line.split()[3].split("/")[0] for line in out.splitlines()})


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--report", type=Path, required=True)
    parser.add_argument("--app-home", type=Path, required=True)
    parser.add_argument("--app-tmp", type=Path, required=True)
    parser.add_argument("--clip", type=Path, required=True)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--workdir", type=Path, required=True)
    args = parser.parse_args()
    # The app gets a home and a temp folder of its own, so anything it writes lands where the
    # test looks; the model is found the documented way (the user cache under that home).
    app_env = {"HOME": str(args.app_home), "TMPDIR": str(args.app_tmp)}
    drop = ("FACE_VALUE_MODEL", "XDG_CACHE_HOME", "FACE_VALUE_MODEL_URL")
    report = walk(app_env, drop, args.clip, args.chromium, args.workdir)
    report["local_addresses"] = local_addresses()
    args.report.write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
