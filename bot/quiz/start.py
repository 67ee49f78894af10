"""Starting a game: the one place both front ends turn "a quiz, please" into a :class:`Game`.

The console and the Discord cog differ in how they show a game and whether they keep
scores, not in what a valid request is or how questions are drawn: settings are checked
here (so a bad difficulty reads the same everywhere) and the questions come from the
knowledge base's shared :class:`~bot.quiz.questions.QuestionPool`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.knowledge import KnowledgeBase
from bot.quiz.game import Game
from bot.quiz.matching import Matcher
from bot.quiz.model import CATEGORIES, DIFFICULTIES, MODES, Category, Difficulty, Mode
from bot.quiz.questions import NoQuestions, question_pool

MAX_ROUNDS = 30


class GameSetupError(ValueError):
    """The request cannot start a game; the message is written for the player."""


@dataclass(frozen=True, slots=True)
class GameRequest:
    """What a player asked for. ``difficulty`` and ``category`` are checked, not trusted."""

    rounds: int = 10
    difficulty: str | None = None
    category: str | None = None
    mode: str = "text"
    time_limit: float | None = 30.0  # None: untimed (the console)
    hints: bool = True
    seed: int | None = None
    recent: Mapping[str, float] = field(default_factory=dict)  # question key → when this channel saw it


def new_game(kb: KnowledgeBase, request: GameRequest) -> Game:
    """A game for ``request``, or :class:`GameSetupError` saying what to change."""
    difficulty = _difficulty(request.difficulty)
    category = _category(request.category)
    mode = _mode(request.mode)
    if not 1 <= request.rounds <= MAX_ROUNDS:
        raise GameSetupError(f"The number of rounds must be between 1 and {MAX_ROUNDS}.")
    try:
        questions = question_pool(kb).draw(
            request.rounds, seed=request.seed, difficulty=difficulty, category=category, recent=request.recent
        )
    except NoQuestions as exc:
        raise GameSetupError("There are no questions for that difficulty and category. Try fewer filters.") from exc
    return Game(
        questions, Matcher(kb), mode=mode, time_limit=request.time_limit, hints_enabled=request.hints, seed=request.seed
    )


def _difficulty(value: str | None) -> Difficulty | None:
    for known in DIFFICULTIES:
        if value == known:
            return known
    if value is None:
        return None
    raise GameSetupError(f"Unknown difficulty {value!r}: choose {', '.join(DIFFICULTIES)}.")


def _category(value: str | None) -> Category | None:
    for known in CATEGORIES:
        if value == known:
            return known
    if value is None:
        return None
    raise GameSetupError(f"Unknown category {value!r}: choose {', '.join(CATEGORIES)}.")


def _mode(value: str) -> Mode:
    for known in MODES:
        if value == known:
            return known
    raise GameSetupError(f"Unknown mode {value!r}: choose {', '.join(MODES)}.")
