"""The Fake it rules, with an injected clock."""

import pytest

from demos.engine.game import GOAL, HOLD_SECONDS, TARGETS, start, step


def hold(game, label, t0, seconds, every=0.25):
    t = t0
    while t <= t0 + seconds + 1e-9:
        game = step(game, label, t)
        t += every
    return game, t


def test_a_label_held_for_a_moment_is_ticked_off():
    game, _ = hold(start(0.0), "happy", 1.0, HOLD_SECONDS)
    assert game.done == ("happy",)


def test_a_label_flashed_too_briefly_is_not_ticked():
    game = step(start(0.0), "happy", 1.0)
    game = step(game, "happy", 1.0 + HOLD_SECONDS / 2)
    game = step(game, "sad", 1.0 + HOLD_SECONDS)
    assert game.done == ()


def test_neutral_and_no_face_break_a_hold():
    game = step(start(0.0), "angry", 1.0)
    game = step(game, None, 1.5)
    game = step(game, "angry", 1.6)
    game = step(game, "angry", 2.0)
    assert game.done == ()
    game = step(game, "neutral", 2.7)
    assert game.holding is None


def test_each_label_counts_once_and_four_win():
    game, t = start(0.0), 0.0
    for label in [*TARGETS[:GOAL], TARGETS[0]]:
        game, t = hold(game, label, t, HOLD_SECONDS)
    assert game.done == TARGETS[:GOAL]
    assert game.won


def test_nothing_counts_after_the_time_is_up():
    game = start(0.0, duration=10.0)
    game, _ = hold(game, "happy", 9.5, 2.0)
    assert game.done == () and game.finished(11.0) and game.remaining(11.0) == 0.0


def test_the_round_ends_early_when_every_label_is_done():
    game, t = start(0.0, duration=600.0), 0.0
    for label in TARGETS:
        game, t = hold(game, label, t, HOLD_SECONDS)
    assert game.finished(t) and game.remaining(t) > 0


def test_a_round_needs_a_positive_duration():
    with pytest.raises(ValueError):
        start(0.0, duration=0)
