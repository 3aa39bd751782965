"""Checkpoint and Learn more, driven in AppTest."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from demos.ui import content

from .test_app import APP, texts


def open_page(path: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    return at.switch_page(path).run()


def headline(at: AppTest) -> str:
    return " ".join(h.value for h in at.get("html") if 'data-testid="fv-headline"' in h.value)


def test_the_default_page_gives_the_reported_numbers():
    at = open_page("demos/checkpoint.py")
    assert not at.exception
    assert "For every smuggler caught, 526 innocent drivers are searched." in headline(at)
    page = texts(at)
    assert (
        "Drivers it flags: 50,090. Carrying drugs among them: 95. "
        "Share of its flags that are right: 0.19%." in page
    )
    assert (
        "Smugglers caught: 95. Smugglers missed: 5. Innocent drivers searched: 49,995. "
        "Innocent drivers waved through: 949,905." in page
    )


def test_moving_the_sliders_changes_the_sentence():
    at = open_page("demos/checkpoint.py")
    at.select_slider(key="checkpoint.one_in").set_value(100).run()
    at.slider(key="checkpoint.spec").set_value(99.0).run()
    # 1,000,000 drivers, 1 in 100: 10,000 carriers, 9,500 caught; 990,000 x 1% = 9,900 flagged.
    assert "For every smuggler caught, about one innocent driver is searched." in headline(at)
    assert "Drivers it flags: 19,400. Carrying drugs among them: 9,500." in texts(at)


def test_a_very_specific_system_says_how_many_smugglers_per_innocent_search():
    at = open_page("demos/checkpoint.py")
    at.select_slider(key="checkpoint.one_in").set_value(100).run()
    at.slider(key="checkpoint.spec").set_value(99.9).run()
    # 9,500 caught; 990,000 x 0.1% = 990 innocent searched: about 10 smugglers per innocent.
    assert "For every 10 smugglers caught, one innocent driver is searched." in headline(at)


def test_small_numbers_agree_with_each_other():
    at = open_page("demos/checkpoint.py")
    at.select_slider(key="checkpoint.drivers").set_value(1_000).run()
    at.select_slider(key="checkpoint.one_in").set_value(1_000).run()
    # One carrier expected (0.95 caught, rounded to 1); 49.95 innocent flagged, rounded to 50.
    assert "For every smuggler caught, 50 innocent drivers are searched." in headline(at)
    assert "Drivers it flags: 51. Carrying drugs among them: 1." in texts(at)
    assert "Smugglers caught: 1. Smugglers missed: 0." in texts(at)


def test_a_perfectly_specific_system_searches_no_innocent_driver():
    at = open_page("demos/checkpoint.py")
    at.slider(key="checkpoint.spec").set_value(100.0).run()
    assert headline(at).endswith(">Nobody innocent is searched: every flag is a smuggler.</p>")


def test_the_icon_array_counts_match_the_numbers():
    at = open_page("demos/checkpoint.py")
    legend = next(m.value for m in at.markdown if "smuggler caught:" in m.value)
    assert (
        legend == "★ smuggler caught: 1 · ✕ smuggler missed: 0 · ■ innocent, searched: 500 · "
        "• innocent, drove on: 9,499"
    )
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert spec["mark"]["type"] == "point"
    assert {"shape", "color"} <= set(spec["encoding"])  # shape as well as colour


def test_the_two_groups_scenario_searches_more_of_group_b():
    at = open_page("demos/checkpoint.py")
    at.slider(key="checkpoint.factor").set_value(3.0).run()
    assert "group B has 3.0 times as many innocent members searched" in texts(at)


def test_the_two_group_rows_imply_the_same_smugglers_caught():
    at = open_page("demos/checkpoint.py")
    page = texts(at)
    for group, searched, innocent in (
        ("group_a", "25,046", "24,998"),
        ("group_b", "50,043", "49,995"),
    ):
        row = content.t(
            "checkpoint.group_row",
            "en",
            name=content.t(f"checkpoint.{group}", "en"),
            drivers="500,000",
            guilty="50",
            searched=searched,
            innocent=innocent,
        )
        assert row in page, row  # 48 smugglers caught in both rows (47.5, rounded once)


def test_learn_more_lists_every_reference_with_its_full_citation():
    at = open_page("demos/learn_more.py")
    assert not at.exception
    page = texts(at)
    for ref in content.references("en").values():
        assert ref.full in page, ref.key
    assert "(Barrett et al., 2019)" in page


def test_the_two_groups_cap_is_said_out_loud():
    at = open_page("demos/checkpoint.py")
    at.slider(key="checkpoint.spec").set_value(70.0).run()
    at.slider(key="checkpoint.factor").set_value(4.0).run()
    assert "every innocent member of group B is flagged" in texts(at)
