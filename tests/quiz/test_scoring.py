"""Points shrink with time and hints; a streak adds a capped bonus."""

from __future__ import annotations

from bot.quiz.scoring import award


def test_fast_answer_without_hints_gets_full_points() -> None:
    assert award("easy", 0, 30, 0, 1).total == 10
    assert award("medium", 0, 30, 0, 1).total == 20
    assert award("hard", 0, 30, 0, 1).total == 30


def test_points_shrink_with_time_to_half_at_the_buzzer() -> None:
    totals = [award("hard", t, 30, 0, 1).total for t in (0, 10, 20, 30, 60)]
    assert totals == sorted(totals, reverse=True)
    assert totals[3] == totals[4] == 15


def test_points_shrink_with_hints_but_never_below_the_floor() -> None:
    totals = [award("hard", 0, 30, h, 1).total for h in range(6)]
    assert totals[0] > totals[1] > totals[2]
    assert min(totals) == 12  # 40 % of 30


def test_streak_bonus_grows_then_caps() -> None:
    bonuses = [award("easy", 0, 30, 0, s).streak_bonus for s in range(1, 7)]
    assert bonuses == [0, 5, 10, 15, 15, 15]


def test_untimed_games_ignore_time() -> None:
    assert award("easy", 1000, None, 0, 1).total == 10
