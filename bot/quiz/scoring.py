"""Points: harder questions are worth more; time and hints shrink them; streaks add a bonus."""

from __future__ import annotations

from dataclasses import dataclass

from bot.quiz.model import Difficulty

BASE: dict[Difficulty, int] = {"easy": 10, "medium": 20, "hard": 30}
SLOWEST = 0.5  # an answer at the buzzer keeps half the points
HINT_COST = 0.25  # each hint takes a quarter ...
HINT_FLOOR = 0.4  # ... but never more than 60 %
STREAK_STEP = 5  # second correct round in a row +5, third +10, fourth and later +15
STREAK_CAP = 3


@dataclass(frozen=True, slots=True)
class Points:
    base: int
    time_factor: float
    hint_factor: float
    streak_bonus: int
    total: int


def award(difficulty: Difficulty, elapsed: float, time_limit: float | None, hints: int, streak: int) -> Points:
    """Points for a correct answer; ``streak`` counts this round (1 = no streak yet)."""
    base = BASE[difficulty]
    if time_limit is None or time_limit <= 0:
        time_factor = 1.0  # untimed (console)
    else:
        time_factor = 1.0 - (1.0 - SLOWEST) * min(max(elapsed / time_limit, 0.0), 1.0)
    hint_factor = max(HINT_FLOOR, 1.0 - HINT_COST * hints)
    core = max(1, round(base * time_factor * hint_factor))
    bonus = STREAK_STEP * min(max(streak - 1, 0), STREAK_CAP)
    return Points(base, round(time_factor, 3), round(hint_factor, 3), bonus, core + bonus)
