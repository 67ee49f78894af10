"""Shared by the store tests: a settable wall clock, closed rounds, and the ledger-vs-totals audit."""

from __future__ import annotations

from dataclasses import replace

from bot.knowledge import KnowledgeBase
from bot.quiz.game import Game, RoundResult
from bot.quiz.matching import Matcher
from bot.quiz.questions import question_pool
from bot.store.backend import Backend


class Wall:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def play_round(kb: KnowledgeBase, winners: dict[int, str], number: int = 1, seed: int = 1) -> RoundResult:
    """A closed buttons round where ``winners`` picked the right option (in that order)."""
    question = question_pool(kb).draw(1, seed=seed + number)[0]
    game = Game([question], Matcher(kb), mode="buttons", time_limit=30)
    game.next_round(0)
    for i, (player, name) in enumerate(winners.items()):
        game.choose(player, name, question.correct, i)
    result = game.close("timeout", 30)
    return replace(result, number=number)


async def totals_disagreements(db: Backend) -> list[tuple[object, ...]]:
    """All-time totals (everywhere) that differ from the ledger's sums; [] when they agree."""
    ledger = {
        (uid, int(points), int(count))
        for uid, points, count in await db.fetchall(
            "SELECT user_id, SUM(points), COUNT(*) FROM scores GROUP BY user_id"
        )
    }
    totals = {
        (uid, int(points), int(correct))
        for uid, points, correct in await db.fetchall(
            "SELECT user_id, points, correct FROM totals WHERE scope = 0 AND period = 'all'"
        )
    }
    return sorted(ledger ^ totals)
