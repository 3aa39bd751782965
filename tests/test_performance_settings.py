"""Settings the live video depends on for its speed (measured by benchmarks/live.py)."""

from __future__ import annotations

import tomllib

from streamlit import config as streamlit_config

from .conftest import ROOT


def test_live_pages_do_not_force_a_full_garbage_collection_after_every_run():
    # A live page reruns twice a second; a forced full collection each time held Python for
    # ~140 ms and the Mirror fell from 25 to 5 frames a second.
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["runner"]["postScriptGC"] is False
    # Streamlit ignores an option it does not know: a rename upstream must fail here.
    assert "runner.postScriptGC" in streamlit_config.get_config_options()
