"""The checkpoint arithmetic against cases worked out by hand."""

import itertools
from fractions import Fraction
from statistics import NormalDist

import pytest

from demos.engine.base_rates import (
    CARRIER_MEAN,
    DEFAULT_THRESHOLD,
    INNOCENT_MEAN,
    KINDS,
    RATE_STEP,
    SPREAD,
    THRESHOLDS,
    GroupRow,
    GroupRows,
    TwoGroups,
    dial,
    group_rows,
    icon_counts,
    icon_marks,
    round_people,
    screen,
    screen_at,
    two_groups,
)


def test_the_reported_case_one_million_drivers_one_in_ten_thousand_95_95():
    s = screen(1_000_000, 10_000, 0.95, 0.95)
    assert s.guilty == 100 and s.innocent == 999_900
    assert s.caught == 95 and s.missed == 5
    assert s.flagged_innocent == 49_995 and s.passed_innocent == 949_905
    assert s.flagged == 50_090
    assert s.share_of_flags_right == Fraction(95, 50_090)  # 0.19%
    assert round(float(s.share_of_flags_right) * 100, 2) == 0.19
    assert round_people(s.innocent_per_caught) == 526  # 49,995 / 95 = 526.26


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
    assert [round_people(Fraction(x)) for x in ("0.5", "1.49", "2.5", "526.26")] == [1, 1, 3, 526]


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


# Every setting the Checkpoint's sliders allow, coarsely: drivers, 1 in N, sensitivity,
# specificity, and how much more often group B is flagged when innocent.
GRID = tuple(
    itertools.product(
        (1_000, 10_000, 100_000, 1_000_000),
        (100, 1_000, 10_000, 100_000),
        (0.5, 0.8, 0.95, 0.975, 1.0),
        (0.5, 0.7, 0.9, 0.95, 0.999, 1.0),
        (1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0),
    )
)


def disagreements(groups: TwoGroups, rows: GroupRows) -> list[str]:
    """Where the two rows, or the sentence comparing them, contradict each other or the sums."""
    problems = []
    # What a reader can work out from each row: searched minus innocent = smugglers caught.
    implied = {row.searched - row.innocent_searched for row in (rows.a, rows.b)}
    if implied != {rows.a.caught}:
        problems.append(f"the rows imply {sorted(implied)} smugglers caught")
    if abs(rows.a.caught - groups.a.caught) > Fraction(1, 2):
        problems.append(f"{rows.a.caught} caught is not {float(groups.a.caught)} rounded")
    if not 0 <= rows.a.caught <= rows.a.guilty == rows.b.guilty:
        problems.append("more caught than carry drugs")
    if rows.b.innocent_searched < rows.a.innocent_searched:
        problems.append("group B has fewer innocent searches")
    # The "B has N times as many" sentence is the ratio of the two numbers shown above it.
    if rows.times is not None and rows.times * rows.a.innocent_searched != rows.b.innocent_searched:
        problems.append("the comparison is not the ratio of the rows")
    return problems


def test_the_two_group_rows_and_their_comparison_agree_at_every_setting():
    bad = {}
    for drivers, one_in, sens, spec, factor in GRID:
        groups = two_groups(drivers // 2, one_in, sens, 1 - spec, factor)
        if problems := disagreements(groups, group_rows(groups)):
            bad[(drivers, one_in, sens, spec, factor)] = problems
    assert bad == {}


def test_the_agreement_check_catches_rows_rounded_apart():
    # The old rows rounded "searched" and "innocent" each on its own: at the page's defaults
    # group A implied 47 smugglers caught and group B 48, though both catch 47.5.
    groups = two_groups(500_000, 10_000, 0.95, 0.05, 2.0)
    guilty = round_people(groups.a.guilty)
    old = GroupRows(
        *(
            GroupRow(
                g.drivers,
                guilty,
                round_people(g.flagged) - round_people(g.flagged_innocent),
                round_people(g.flagged_innocent),
            )
            for g in (groups.a, groups.b)
        )
    )
    assert (old.a.caught, old.b.caught) == (47, 48)
    assert "the rows imply [47, 48] smugglers caught" in disagreements(groups, old)
    rows = group_rows(groups)
    assert (rows.a.searched, rows.a.innocent_searched) == (25_046, 24_998)
    assert (rows.b.searched, rows.b.innocent_searched) == (50_043, 49_995)


# -- one dial ------------------------------------------------------------------------------------

# The page's other control: how many drivers pass, and how many of them carry drugs.
DRIVERS = (1_000, 10_000, 100_000, 1_000_000)
ONE_IN = (100, 1_000, 10_000, 100_000)


def test_the_dial_starts_at_right_95_times_in_100_with_both_groups():
    d = dial(DEFAULT_THRESHOLD)
    assert (d.sensitivity, d.false_alarm) == (Fraction(9_505, 10_000), Fraction(495, 10_000))


def test_each_rate_is_its_bell_curve_above_the_dial_rounded_once_to_a_hundredth_of_a_percent():
    # Worked out a second way: the standard library's normal distribution.
    for threshold in THRESHOLDS:
        d = dial(threshold)
        for rate, mean in ((d.sensitivity, CARRIER_MEAN), (d.false_alarm, INNOCENT_MEAN)):
            above = 1 - NormalDist(mean, SPREAD).cdf(float(threshold))
            assert rate.denominator <= RATE_STEP, threshold
            assert abs(float(rate) - above) <= 1 / (2 * RATE_STEP) + 1e-12, threshold


def test_raising_the_dial_misses_more_smugglers_and_searches_fewer_innocent_drivers():
    dials = [dial(x) for x in THRESHOLDS]
    for low, high in itertools.pairwise(dials):
        assert high.sensitivity <= low.sensitivity and high.false_alarm <= low.false_alarm
        assert (high.sensitivity, high.false_alarm) != (low.sensitivity, low.false_alarm)
    # Across the dial both numbers really move: a trade, not a free lunch.
    assert dials[0].sensitivity - dials[-1].sensitivity > Fraction(1, 2)
    assert dials[0].false_alarm - dials[-1].false_alarm > Fraction(1, 2)


def test_no_setting_catches_every_smuggler_and_flags_nobody_innocent():
    for threshold in THRESHOLDS:
        d = dial(threshold)
        assert not (d.sensitivity == 1 and d.false_alarm == 0), threshold
        # Stronger: no setting reaches either end on its own.
        assert d.false_alarm > 0 and d.sensitivity < 1, threshold


def test_a_dial_off_the_scale_is_refused():
    for wrong in (THRESHOLDS[0] - Fraction(1, 2), THRESHOLDS[-1] + Fraction(1, 2)):
        with pytest.raises(ValueError):
            dial(wrong)


def test_the_page_opening_settings_give_521_innocent_searches_per_smuggler():
    s = screen_at(1_000_000, 10_000, DEFAULT_THRESHOLD)
    assert (s.caught, s.flagged_innocent) == (Fraction("95.05"), Fraction("49495.05"))
    day = icon_counts(s, s.drivers)
    assert (day["caught"], day["flagged_innocent"]) == (95, 49_495)
    assert round_people(Fraction(49_495, 95)) == 521


def test_every_number_is_exact_and_consistent_at_every_dial_and_base_rate():
    bad = {}
    for threshold, one_in, drivers in itertools.product(THRESHOLDS, ONE_IN, DRIVERS):
        s = screen_at(drivers, one_in, threshold)
        d = dial(threshold)
        problems = []
        if not all(isinstance(getattr(s, k), Fraction) for k in (*KINDS, "guilty", "innocent")):
            problems.append("a number is not an exact fraction")
        if s.caught != s.guilty * d.sensitivity or s.flagged_innocent != s.innocent * d.false_alarm:
            problems.append("the rates are not the dial's")
        if s.caught + s.missed != s.guilty or s.flagged_innocent + s.passed_innocent != s.innocent:
            problems.append("the kinds do not add up")
        day = icon_counts(s, drivers)
        if sum(day.values()) != drivers:
            problems.append("the whole drivers do not add up to the day")
        if any(abs(day[k] - getattr(s, k)) >= 1 for k in KINDS):
            problems.append("a whole number is more than rounding away")
        groups = two_groups(drivers // 2, one_in, d.sensitivity, d.false_alarm, 2)
        problems += disagreements(groups, group_rows(groups))
        if groups.b.flagged_innocent != min(2 * groups.a.flagged_innocent, groups.b.innocent):
            problems.append("group B is not flagged twice as often (up to everyone)")
        if problems:
            bad[(threshold, one_in, drivers)] = problems
    assert bad == {}
