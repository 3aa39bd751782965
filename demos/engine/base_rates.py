"""Base-rate arithmetic for a screening checkpoint: exact, with no rounding until the end."""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

# The four kinds of driver a screening makes, in the order the icon array draws them.
CAUGHT, MISSED, FLAGGED_INNOCENT, PASSED_INNOCENT = (
    "caught",
    "missed",
    "flagged_innocent",
    "passed_innocent",
)
KINDS = (CAUGHT, MISSED, FLAGGED_INNOCENT, PASSED_INNOCENT)


@dataclass(frozen=True)
class Screening:
    """Expected outcomes of screening `drivers` people (exact fractions)."""

    drivers: int
    prevalence: Fraction  # share carrying drugs
    sensitivity: Fraction  # share of carriers flagged
    specificity: Fraction  # share of innocent drivers let through

    @property
    def guilty(self) -> Fraction:
        return self.drivers * self.prevalence

    @property
    def innocent(self) -> Fraction:
        return self.drivers - self.guilty

    @property
    def caught(self) -> Fraction:
        return self.guilty * self.sensitivity

    @property
    def missed(self) -> Fraction:
        return self.guilty - self.caught

    @property
    def flagged_innocent(self) -> Fraction:
        return self.innocent * (1 - self.specificity)

    @property
    def passed_innocent(self) -> Fraction:
        return self.innocent - self.flagged_innocent

    @property
    def flagged(self) -> Fraction:
        return self.caught + self.flagged_innocent

    @property
    def share_of_flags_right(self) -> Fraction | None:
        """Of everyone flagged, the share who really carry drugs (None if nobody is flagged)."""
        return self.caught / self.flagged if self.flagged else None

    @property
    def innocent_per_caught(self) -> Fraction | None:
        """Innocent drivers searched for each smuggler caught (None if nobody is caught)."""
        return self.flagged_innocent / self.caught if self.caught else None


def screen(
    drivers: int, one_in: int | None, sensitivity: float | Fraction, specificity: float | Fraction
) -> Screening:
    """A checkpoint: `one_in` drivers carries drugs (None: nobody), rates as 0..1."""
    if drivers < 0:
        raise ValueError("drivers must be 0 or more")
    prevalence = Fraction(0) if not one_in else Fraction(1, one_in)
    sens, spec = Fraction(str(sensitivity)), Fraction(str(specificity))
    if not (0 <= sens <= 1 and 0 <= spec <= 1):
        raise ValueError("rates must be between 0 and 1")
    return Screening(drivers, prevalence, sens, spec)


# One detector, one dial. Every driver gets a "nervousness" score; innocent drivers and
# carriers score on two overlapping bell curves, and the system flags everyone above the dial.
# Raising the dial misses more carriers and searches fewer innocent drivers: the two move
# together, as in a real detector, and no setting catches everyone while flagging nobody.
INNOCENT_MEAN, CARRIER_MEAN, SPREAD = 50, 83, 10
# Half points from 45 to 88: at both ends the rates, kept to 0.01%, stay off 0% and 100%.
THRESHOLDS = tuple(Fraction(n, 2) for n in range(90, 177))
# The midpoint: it catches 95.05% of carriers and flags 4.95% of innocent drivers, the
# "right 95 times in 100" of the reported claim.
DEFAULT_THRESHOLD = Fraction(133, 2)
RATE_STEP = 10_000  # rates kept to 0.01%, so every later sum is exact


@dataclass(frozen=True)
class Dial:
    """One threshold and the two rates it gives (exact fractions, 0.01% steps)."""

    threshold: Fraction
    sensitivity: Fraction  # share of carriers scoring above the threshold
    false_alarm: Fraction  # share of innocent drivers scoring above the threshold

    @property
    def specificity(self) -> Fraction:
        return 1 - self.false_alarm


def share_above(mean: float, threshold: Fraction) -> Fraction:
    """Share of a bell curve (this mean, SPREAD) above `threshold`, rounded once to 0.01%."""
    z = (float(threshold) - mean) / SPREAD
    return Fraction(round(0.5 * math.erfc(z / math.sqrt(2)) * RATE_STEP), RATE_STEP)


def dial(threshold: Fraction | float) -> Dial:
    """The detector set to flag every driver scoring above `threshold`."""
    at = Fraction(str(threshold)) if not isinstance(threshold, Fraction) else threshold
    if not THRESHOLDS[0] <= at <= THRESHOLDS[-1]:
        raise ValueError(f"the threshold must be {THRESHOLDS[0]} to {THRESHOLDS[-1]}")
    return Dial(at, share_above(CARRIER_MEAN, at), share_above(INNOCENT_MEAN, at))


def screen_at(drivers: int, one_in: int | None, threshold: Fraction | float) -> Screening:
    """A checkpoint whose detector is set by one threshold (see `dial`)."""
    d = dial(threshold)
    return screen(drivers, one_in, d.sensitivity, d.specificity)


def round_people(x: Fraction) -> int:
    """Round half up to a whole number of people."""
    return int(x + Fraction(1, 2)) if x >= 0 else -int(-x + Fraction(1, 2))


def icon_counts(s: Screening, group: int) -> dict[str, int]:
    """How many of `group` drivers fall in each kind, rounded so they add up to `group`.

    Largest remainders: every mark stays one driver, and a kind with a share of 0.4 of a
    driver may get no mark at all (which is itself the point for rare smugglers).
    """
    if s.drivers == 0 or group == 0:
        return dict.fromkeys(KINDS, 0)
    exact = {k: getattr(s, k) * group / s.drivers for k in KINDS}
    counts = {k: int(v) for k, v in exact.items()}
    leftover = group - sum(counts.values())
    for k in sorted(KINDS, key=lambda k: exact[k] - counts[k], reverse=True)[:leftover]:
        counts[k] += 1
    return counts


def icon_marks(counts: dict[str, int], columns: int) -> list[tuple[int, int, str]]:
    """(column, row, kind) for every mark, kinds in KINDS order, filled row by row."""
    marks = []
    i = 0
    for kind in KINDS:
        for _ in range(counts[kind]):
            marks.append((i % columns, i // columns, kind))
            i += 1
    return marks


@dataclass(frozen=True)
class TwoGroups:
    """Same smuggling rate, but one group is more often nervous at checkpoints."""

    a: Screening
    b: Screening


def two_groups(
    drivers_each: int,
    one_in: int,
    sensitivity: float | Fraction,
    false_alarm_a: float | Fraction,
    nervous_factor: float | Fraction,
) -> TwoGroups:
    """Group B is flagged `nervous_factor` times as often when innocent (capped at 100%)."""
    fa_a, factor = Fraction(str(false_alarm_a)), Fraction(str(nervous_factor))
    false_alarm_b = min(Fraction(1), fa_a * factor)
    a = screen(drivers_each, one_in, sensitivity, 1 - fa_a)
    b = screen(drivers_each, one_in, sensitivity, 1 - false_alarm_b)
    return TwoGroups(a, b)


@dataclass(frozen=True)
class GroupRow:
    """One group as whole drivers, the way the page writes it."""

    drivers: int
    guilty: int
    caught: int
    innocent_searched: int

    @property
    def searched(self) -> int:
        # Derived, never rounded on its own: rounding it apart from `caught` made group A
        # imply 47 smugglers caught and group B 48 when both were 47.5.
        return self.caught + self.innocent_searched


@dataclass(frozen=True)
class GroupRows:
    a: GroupRow
    b: GroupRow

    @property
    def times(self) -> Fraction | None:
        """How many times as many innocent members of B are searched, from the shown numbers
        (None when no innocent member of A is searched)."""
        return (
            Fraction(self.b.innocent_searched, self.a.innocent_searched)
            if self.a.innocent_searched
            else None
        )


def group_rows(groups: TwoGroups) -> GroupRows:
    """Whole drivers for the two groups, the smugglers caught rounded once for both.

    Both groups carry drugs equally often and the system catches carriers equally well, so the
    carriers and the caught are the same exact numbers in both: round each once, share it.
    """
    guilty, caught = round_people(groups.a.guilty), round_people(groups.a.caught)

    def row(g: Screening) -> GroupRow:
        return GroupRow(g.drivers, guilty, caught, round_people(g.flagged_innocent))

    return GroupRows(row(groups.a), row(groups.b))
