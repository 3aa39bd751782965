"""Base-rate arithmetic for a screening checkpoint: exact, with no rounding until the end."""

from __future__ import annotations

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


def whole(x: Fraction) -> int:
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
    drivers_each: int, one_in: int, sensitivity: float, false_alarm_a: float, nervous_factor: float
) -> TwoGroups:
    """Group B is flagged `nervous_factor` times as often when innocent (capped at 100%)."""
    false_alarm_b = min(1.0, false_alarm_a * nervous_factor)
    a = screen(drivers_each, one_in, sensitivity, 1 - false_alarm_a)
    b = screen(
        drivers_each, one_in, sensitivity, Fraction(1) - Fraction(str(round(false_alarm_b, 6)))
    )
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
    guilty, caught = whole(groups.a.guilty), whole(groups.a.caught)

    def row(g: Screening) -> GroupRow:
        return GroupRow(g.drivers, guilty, caught, whole(g.flagged_innocent))

    return GroupRows(row(groups.a), row(groups.b))
