"""The live region speaks changes only, at most every few seconds."""

from __future__ import annotations

from demos.ui.announce import Announcement, next_announcement


def test_the_first_reading_is_said_at_once():
    assert next_announcement(None, "HAPPY", 10.0) == Announcement("HAPPY", 10.0)


def test_the_same_reading_is_not_said_again():
    said = Announcement("HAPPY", 10.0)
    assert next_announcement(said, "HAPPY", 60.0) is said


def test_a_change_waits_until_the_last_announcement_is_old_enough():
    said = Announcement("HAPPY", 10.0)
    assert next_announcement(said, "SAD", 12.0) is said
    assert next_announcement(said, "SAD", 14.0) == Announcement("SAD", 14.0)


def test_every_zero_says_each_change_at_once():
    said = Announcement("HAPPY", 10.0)
    assert next_announcement(said, "SAD", 10.0, every=0) == Announcement("SAD", 10.0)
