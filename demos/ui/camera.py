"""The live camera widget: WebRTC over loopback only, frames handed to a CameraStream."""

from __future__ import annotations

import logging
import threading
from typing import Any

import streamlit as st

from demos.engine.camera_stream import CameraStream
from demos.engine.frames import to_i420

from . import camera_check
from .content import locale, t, using

log = logging.getLogger(__name__)

# An explicit empty list: streamlit-webrtc treats None and {} as "unset" and then
# contacts Google's STUN server. With no ICE servers, only host candidates are used.
RTC_CONFIGURATION: dict[str, Any] = {"iceServers": []}
PAGE_KEY = "shell.page"  # the url path of the page being shown, set by the shell
_OWNERS = "camera.owners"  # CameraStream key -> the url path of the page it belongs to
MEDIA_CONSTRAINTS: dict[str, Any] = {
    "video": {"width": {"ideal": 640}, "height": {"ideal": 480}, "frameRate": {"ideal": 30}},
    "audio": False,
}


def _allow_loopback_only_hosts() -> None:
    """Make the WebRTC server side use 127.0.0.1 only, whatever network the machine is on.

    aioice would open a socket on every interface address (the school's Wi-Fi included) and
    always skips 127.0.0.1, which on a machine with only loopback leaves no address at all.
    The browser is on this same computer, so loopback is all it needs: measured here, Chromium
    connects from its own addresses; on a loopback-only machine it needs
    --allow-loopback-in-peer-connection (see README, kiosk section).
    """
    import aioice.ice

    original = aioice.ice.get_host_addresses
    if getattr(original, "_face_value", False):
        return

    def get_host_addresses(use_ipv4: bool, use_ipv6: bool) -> list[str]:
        return ["127.0.0.1"] if use_ipv4 else []

    get_host_addresses._face_value = True  # type: ignore[attr-defined]
    get_host_addresses.__wrapped__ = original  # type: ignore[attr-defined]
    aioice.ice.get_host_addresses = get_host_addresses


# aioice checks every ~5 s that the browser still answers and gives up after this many misses.
# Its default, 6 (30 s), is for networks that lose packets; here the browser is on this same
# computer, so 2 misses (~10 s) mean the tab was closed or the computer slept, and the visitor's
# connection, threads and face engine go sooner (benchmarks/memory.py --close-tab).
CONSENT_FAILURES = 2


def _notice_a_closed_tab_sooner() -> None:
    import aioice.ice

    aioice.ice.CONSENT_FAILURES = min(aioice.ice.CONSENT_FAILURES, CONSENT_FAILURES)


def _current_frame_track():
    """The track class that sends back the frame that just came, read off the event loop.

    streamlit-webrtc's asynchronous track answers each new camera frame with the newest frame it
    had *finished*, one frame (~33 ms) behind; its synchronous one reads the frame on the event
    loop every visitor shares, which stalls Streamlit and WebRTC alike. This one reads the
    newest camera frame on a thread of its own while the loop goes on, and hands that very frame
    back the moment it is done; frames that came meanwhile are skipped, never queued.
    """
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from aiortc.mediastreams import MediaStreamError
    from streamlit_webrtc.process import MediaProcessTrack

    class CurrentFrameTrack(MediaProcessTrack):
        kind = "video"

        def __init__(self, track, processor) -> None:
            super().__init__(track, processor)
            self._pool: ThreadPoolExecutor | None = ThreadPoolExecutor(
                1, thread_name_prefix="fv-camera-frame"
            )
            self._tasks: list[asyncio.Task] = []
            self._newest = None  # the last camera frame not read yet (only the newest is kept)
            self._arrived = asyncio.Event()
            self._done: list = []  # [frame] or [exception]: the reading the sender waits for
            self._ready = asyncio.Event()

        async def _take(self) -> None:
            try:
                while True:
                    self._newest = await self.track.recv()
                    self._arrived.set()
            except Exception as exc:  # the camera's track ended (or failed)
                self._done = [exc]
                self._ready.set()

        async def _read(self) -> None:
            loop = asyncio.get_running_loop()
            while True:
                await self._arrived.wait()
                self._arrived.clear()
                frame, self._newest = self._newest, None
                try:
                    pool = self._pool
                    if pool is None:
                        return
                    out = await loop.run_in_executor(pool, self.processor.recv, frame)
                    out.pts, out.time_base = frame.pts, frame.time_base
                    self._done = [out]
                except Exception as exc:  # as the library's tracks do: the sender sees it
                    self._done = [exc]
                self._ready.set()

        async def recv(self):
            if self.readyState != "live":
                raise MediaStreamError
            if not self._tasks:  # started here, on the loop that runs the connection
                self._tasks = [asyncio.ensure_future(c) for c in (self._take(), self._read())]
            await self._ready.wait()
            self._ready.clear()
            (done,) = self._done
            if isinstance(done, BaseException):
                raise done
            return done

        def stop(self) -> None:
            if self._pool is None:  # stopped already (the camera's end stops this track too)
                return
            pool, self._pool = self._pool, None
            for task in self._tasks:
                task.cancel()
            self._newest = None  # no frame kept once the connection ends
            self._done = [MediaStreamError()]  # a sender still waiting hears the end
            self._ready.set()
            # Wait for a frame still being read (at most one, ~15 ms), as the library's own
            # track does: read after the engine closed, it would open one that nobody closes.
            pool.shutdown(wait=True, cancel_futures=True)
            self.track.stop()
            super().stop()  # tells the processor: the video ended (the engine closes)

    return CurrentFrameTrack


def _read_the_current_frame() -> None:
    """Make webrtc_streamer(async_processing=False) use CurrentFrameTrack for video."""
    import streamlit_webrtc.webrtc as webrtc

    if not getattr(webrtc.VideoProcessTrack, "_face_value", False):
        track = _current_frame_track()
        track._face_value = True  # type: ignore[attr-defined]
        webrtc.VideoProcessTrack = track


def _release_when_ended(mirror: CameraStream):
    """What to do when the connection's video ends, however it ended: close the face engine.

    STOP is also seen by the page (it stops the stream itself), but a visitor who closes the
    tab, reloads or whose computer sleeps runs no page again: without this their engine, its
    threads and memory stayed until the server stopped (the tab closed, nothing ran). It runs
    on the event loop every visitor shares, so the closing happens on a thread of its own.
    """

    def ended() -> None:
        threading.Thread(
            target=mirror.stop, kwargs={"shut": False}, name="fv-camera-ended", daemon=True
        ).start()

    return ended


def stream(key: str, model_path, caption, learned: bool = False) -> CameraStream:
    """This browser session's CameraStream for one camera widget (created on first use).

    Kept in session state, never in st.cache_resource: that one is shared by every tab.
    learned: also run the second machine on every frame (only pages that show its words).
    """
    # The overlay is drawn in the video thread, which has no session to ask for the language:
    # it reads this holder, which every run of the page keeps up to date.
    lang = st.session_state.setdefault(key + ".lang", [locale()])
    lang[0] = locale()
    live = st.session_state.get(key)
    if live is None:

        def localised(analysis):
            with using(lang[0]):
                return caption(analysis)

        live = CameraStream(model_path, localised, learned=learned)
        st.session_state[key] = live
    st.session_state.setdefault(_OWNERS, {})[key] = st.session_state.get(PAGE_KEY)
    return live


def stop_other_pages(current_page: str) -> None:
    """Stop every CameraStream that belongs to another page (the learner has left it).

    The browser ends the camera track when the page goes; this closes the face engine and
    forgets the last reading on the server side too.
    """
    for key, owner in st.session_state.get(_OWNERS, {}).items():
        live = st.session_state.get(key)
        if owner != current_page and isinstance(live, CameraStream):
            live.stop()


def release_upload(upload) -> None:
    """Drop a photo from Streamlit's upload store as soon as it has been read.

    Otherwise the store keeps every photo of the session (forgetting the widget does not
    remove it; only the end of the session does). Streamlit's own chat input does the same.
    """
    from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is not None and isinstance(ctx.uploaded_file_mgr, MemoryUploadedFileManager):
        ctx.uploaded_file_mgr.remove_file(session_id=ctx.session_id, file_id=upload.file_id)


def translations() -> dict[str, str]:
    """The component's own button and error texts, from content/."""
    keys = (
        "start",
        "stop",
        "select_device",
        "media_api_not_available",
        "device_ask_permission",
        "device_not_available",
        "device_access_denied",
    )
    return {k: t(f"mirror.{k}") for k in keys}


def live_camera(key: str, mirror: CameraStream, wanted: bool | None = None) -> bool:
    """Show START/STOP and the live overlay; returns whether the camera is playing.

    wanted: None lets the learner press the component's START/STOP; True or False means the
    page decides (the kiosk's one touch) and the component shows no buttons of its own.
    """
    import av
    from streamlit_webrtc import WebRtcMode, webrtc_streamer

    _allow_loopback_only_hosts()
    _notice_a_closed_tab_sooner()
    _read_the_current_frame()

    def callback(frame: av.VideoFrame) -> av.VideoFrame:
        # Runs in the video thread: no st.* here, and the frame never leaves this function.
        out = mirror.on_frame(frame.to_ndarray(format="bgr24"))
        # Handed to the encoder in its own format: the cheaper conversion (frames.to_i420).
        yuv = to_i420(out)
        new = (
            av.VideoFrame.from_ndarray(yuv, format="yuv420p")
            if yuv is not None
            else av.VideoFrame.from_ndarray(out, format="bgr24")
        )
        new.pts = frame.pts
        if frame.time_base is not None:
            new.time_base = frame.time_base
        return new

    try:
        ctx = webrtc_streamer(
            key=key,
            mode=WebRtcMode.SENDRECV,
            rtc_configuration=RTC_CONFIGURATION,
            media_stream_constraints=MEDIA_CONSTRAINTS,
            video_frame_callback=callback,
            on_video_ended=_release_when_ended(mirror),
            async_processing=False,  # video: CurrentFrameTrack, read off the event loop
            translations=translations(),
            desired_playing_state=wanted,
            video_html_attrs={
                "autoPlay": True,
                "controls": False,
                "muted": True,
                "style": {"width": "100%"},
            },
        )
    except Exception:  # a WebRTC failure must leave the page (and the photo option) usable
        log.exception("the live camera could not start")
        st.warning(t("mirror.device_not_available"))
        mirror.stop()
        return False
    playing = bool(ctx.state.playing)
    if playing:
        mirror.resume()
    else:
        # Stopped (or never started): close the engine and forget the last reading.
        mirror.stop()
    # The kiosk (wanted given) starts again by itself; the words name START and STOP.
    signalling = wanted is None and bool(getattr(ctx.state, "signalling", False))
    camera_check.show(key, mirror, playing, signalling)  # kind words if it failed or went quiet
    return playing
