"""The settings that keep Face Value on this computer."""

from __future__ import annotations

import tomllib

import aioice.ice
import ifaddr

from demos.ui import camera

from .conftest import ROOT


def unwrapped():
    """aioice's own function, even if an earlier test already ran the camera page."""
    fn = aioice.ice.get_host_addresses
    return getattr(fn, "__wrapped__", fn)


def test_streamlit_is_bound_to_loopback_with_usage_stats_off():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["address"] == "127.0.0.1"
    assert config["browser"]["serverAddress"] == "127.0.0.1"
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["fileWatcherType"] == "none"
    assert config["client"]["showErrorDetails"] == "none"


def test_webrtc_gets_an_explicit_empty_ice_server_list():
    # None and {} would make streamlit-webrtc fall back to Google's STUN server.
    assert camera.RTC_CONFIGURATION == {"iceServers": []}


def test_a_loopback_only_machine_still_offers_a_webrtc_address(monkeypatch):
    only_loopback = [ifaddr.Adapter("lo", "lo", [ifaddr.IP("127.0.0.1", 8, "lo")])]
    monkeypatch.setattr(ifaddr, "get_adapters", lambda: only_loopback)
    monkeypatch.setattr(aioice.ice, "get_host_addresses", unwrapped())
    assert aioice.ice.get_host_addresses(True, False) == []  # aioice alone finds nothing
    camera._allow_loopback_only_hosts()
    assert aioice.ice.get_host_addresses(True, False) == ["127.0.0.1"]
    camera._allow_loopback_only_hosts()  # applying it twice does not wrap it twice
    assert getattr(aioice.ice.get_host_addresses, "_face_value", False)


def test_a_machine_on_a_network_still_offers_loopback_only(monkeypatch):
    adapters = [
        ifaddr.Adapter("lo", "lo", [ifaddr.IP("127.0.0.1", 8, "lo")]),
        ifaddr.Adapter("eth0", "eth0", [ifaddr.IP("10.1.2.3", 24, "eth0")]),
    ]
    monkeypatch.setattr(ifaddr, "get_adapters", lambda: adapters)
    monkeypatch.setattr(aioice.ice, "get_host_addresses", unwrapped())
    assert aioice.ice.get_host_addresses(True, False) == ["10.1.2.3"]  # aioice alone
    camera._allow_loopback_only_hosts()
    assert aioice.ice.get_host_addresses(True, False) == ["127.0.0.1"]
    assert aioice.ice.get_host_addresses(False, True) == []
