"""Stands in for streamlit-webrtc's component inside AppTest, where it cannot render."""

from __future__ import annotations

from types import SimpleNamespace

import av
import numpy as np

from .faces import letterbox


class FakeWebRtc:
    """Stands in for webrtc_streamer: records what it was given, reports a chosen state."""

    def __init__(self) -> None:
        self.calls: list[dict] = []
        self.playing = True
        self.fail = False

    def __call__(self, **kwargs):
        if self.fail:
            raise RuntimeError("WebRTC failed")
        self.calls.append(kwargs)
        return SimpleNamespace(state=SimpleNamespace(playing=self.playing, signalling=False))

    def feed(self, bgr: np.ndarray, times: int = 3) -> np.ndarray:
        callback = self.calls[-1]["video_frame_callback"]
        frame = av.VideoFrame.from_ndarray(letterbox(bgr), format="bgr24")
        out = None
        for _ in range(times):
            out = callback(frame)
        return out.to_ndarray(format="bgr24")
