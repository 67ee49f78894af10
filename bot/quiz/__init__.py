"""Quiz mode: questions generated from the knowledge base, fair matching, hints, scores that last.

Nothing in this package imports discord: the console and the Discord extension are two
front ends over the same :class:`~bot.quiz.game.Game` rules.
"""

from bot.quiz.game import Game, RoundResult, Standings
from bot.quiz.matching import Judgement, Matcher, Verdict
from bot.quiz.model import CATEGORIES, DIFFICULTIES, MODES, Question
from bot.quiz.questions import NoQuestions, QuestionPool, question_pool
from bot.quiz.session import QuizSession, SessionConfig
from bot.quiz.start import GameRequest, GameSetupError, new_game

__all__ = [
    "CATEGORIES",
    "DIFFICULTIES",
    "MODES",
    "Game",
    "GameRequest",
    "GameSetupError",
    "Judgement",
    "Matcher",
    "NoQuestions",
    "Question",
    "QuestionPool",
    "QuizSession",
    "RoundResult",
    "SessionConfig",
    "Standings",
    "Verdict",
    "new_game",
    "question_pool",
]
