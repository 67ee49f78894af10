"""Question templates: each turns the knowledge base into blueprints with derived answers.

A template reads only facts of high or medium confidence, derives the accepted
answers from the data (never typed twice), and names what it asks about, what it
prints and its *topics* (see :mod:`bot.quiz.fairness`); the pool rates its difficulty
afterwards (:mod:`bot.quiz.difficulty`). One module per family of templates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from bot.quiz.model import Blueprint
from bot.quiz.templates.base import Context
from bot.quiz.templates.classes import class_winners
from bot.quiz.templates.comparisons import higher_lower, order_three, which_first
from bot.quiz.templates.facts import fact_years
from bot.quiz.templates.history import race_history
from bot.quiz.templates.numbers import car_numbers
from bot.quiz.templates.odd_one_out import odd_one_out
from bot.quiz.templates.placings import podium, sessions
from bot.quiz.templates.true_false import true_false
from bot.quiz.templates.who_am_i import who_am_i
from bot.quiz.templates.winners import crew_years, winner_drivers, winner_entities
from bot.quiz.templates.wins import records, win_years

TEMPLATES: tuple[Callable[[Context], Iterator[Blueprint]], ...] = (
    winner_drivers,
    winner_entities,
    win_years,
    records,
    class_winners,
    true_false,
    race_history,
    fact_years,
    crew_years,
    which_first,
    order_three,
    higher_lower,
    odd_one_out,
    who_am_i,
    car_numbers,
    podium,
    sessions,
)

#: How often a template is drawn relative to others (families with many variants weigh less each).
WEIGHTS: dict[str, float] = {
    "winner-driver": 3, "winner-crew": 1, "choice-winner": 2, "winner-team": 2, "winner-car": 1.5,
    "winner-manufacturer": 2, "win-year": 2, "win-count": 1.5, "first-win": 1, "last-win": 1,
    "most-wins": 1, "distinct-winners": 0.5, "streak": 1, "class-team": 1, "class-car": 1,
    "class-manufacturer": 1, "tf-manufacturer": 1.5, "tf-driver": 1.5, "shortened": 0.5,
    "edition-year": 0.5, "laps": 0.5, "car-number": 0.5, "tf-shortened": 0.5, "fact-year": 3,
    "which-first": 1.5, "order-three": 1.5, "higher-lower": 1.5, "odd-one-out": 1.5, "who-am-i": 2,
    "number-year": 0.5, "number-team": 0.5, "number-manufacturer": 0.5, "number-most": 0.25,
    "podium": 1.5, "pole": 1, "fastest-lap": 0.5, "tf-pole-won": 0.5, "crew-year": 1,
}  # fmt: skip

__all__ = ["TEMPLATES", "WEIGHTS", "Context"]
