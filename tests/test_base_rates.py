"""The checkpoint arithmetic against cases worked out by hand."""

from fractions import Fraction

import pytest

from demos.engine.base_rates import KINDS, icon_counts, icon_marks, screen, two_groups, whole


def test_the_reported_case_one_million_drivers_one_in_ten_thousand_95_95():
    s = screen(1_000_000, 10_000, 0.95, 0.95)
    assert s.guilty == 100 and s.innocent == 999_900
    assert s.caught == 95 and s.missed == 5
    assert s.flagged_innocent == 49_995 and s.passed_innocent == 949_905
    assert s.flagged == 50_090
    assert s.share_of_flags_right == Fraction(95, 50_090)  # 0.19%
    assert round(float(s.share_of_flags_right) * 100, 2) == 0.19
    assert whole(s.innocent_per_caught) == 526  # 49,995 / 95 = 526.26


def test_one_in_a_hundred_with_a_99_percent_system():
    s = screen(10_000, 100, 0.99, 0.99)
    # 100 carriers, 99 caught; 9,900 innocent, 99 flagged: half the flags are right.
    assert (s.caught, s.flagged_innocent) == (99, 99)
    assert s.share_of_flags_right == Fraction(1, 2)


def test_nobody_carrying_drugs_means_every_flag_is_innocent():
    s = screen(1_000, None, 0.95, 0.95)
    assert s.guilty == 0 and s.caught == 0
    assert s.flagged_innocent == 50
    assert s.share_of_flags_right == 0
    assert s.innocent_per_caught is None  # no smuggler to divide by


def test_a_perfectly_specific_system_flags_no_innocent_driver():
    s = screen(1_000_000, 10_000, 0.95, 1.0)
    assert s.flagged_innocent == 0
    assert s.share_of_flags_right == 1
    assert s.innocent_per_caught == 0


def test_a_system_that_flags_nobody_has_no_share_of_flags():
    s = screen(1_000, 100, 0.0, 1.0)
    assert s.flagged == 0 and s.share_of_flags_right is None


def test_rates_outside_zero_to_one_are_refused():
    with pytest.raises(ValueError):
        screen(100, 10, 1.5, 0.9)
    with pytest.raises(ValueError):
        screen(-1, 10, 0.9, 0.9)


def test_whole_rounds_half_up():
    assert [whole(Fraction(x)) for x in ("0.5", "1.49", "2.5", "526.26")] == [1, 1, 3, 526]


def test_icon_counts_add_up_and_follow_the_numbers():
    s = screen(1_000_000, 10_000, 0.95, 0.95)
    counts = icon_counts(s, 10_000)
    assert sum(counts.values()) == 10_000
    # Of 10,000 drivers: 0.95 caught, 0.05 missed, 499.95 searched, 9,499.05 drove on.
    assert counts == {"caught": 1, "missed": 0, "flagged_innocent": 500, "passed_innocent": 9_499}


def test_icon_marks_are_one_per_driver_in_kind_order():
    counts = {"caught": 2, "missed": 1, "flagged_innocent": 3, "passed_innocent": 4}
    marks = icon_marks(counts, columns=4)
    assert len(marks) == 10
    assert [k for _, _, k in marks] == [k for k in KINDS for _ in range(counts[k])]
    assert marks[4] == (0, 1, "flagged_innocent")  # fifth mark starts the second row


def test_group_b_more_often_nervous_gets_more_innocent_searches_at_the_same_guilt_rate():
    g = two_groups(10_000, 1_000, 0.95, 0.05, nervous_factor=3.0)
    assert g.a.guilty == g.b.guilty == 10
    assert g.a.flagged_innocent == Fraction(9_990) * Fraction(5, 100)
    assert g.b.flagged_innocent == 3 * g.a.flagged_innocent
