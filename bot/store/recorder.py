"""Records one session's game into a :class:`~bot.store.quiz.QuizStore` (the session's ``Recorder``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.quiz.game import RoundResult, RoundState, Standings

if TYPE_CHECKING:
    from bot.store.quiz import QuizStore


class StoreRecorder:
    def __init__(self, store: QuizStore, game_id: int, *, guild_id: int | None, channel_id: int) -> None:
        self.store = store
        self.game_id = game_id
        self.guild_id = guild_id
        self.channel_id = channel_id

    async def asked(self, current: RoundState) -> None:
        await self.store.mark_asked(self.channel_id, current.question.key)

    async def finished(self, result: RoundResult) -> None:
        await self.store.record_round(self.game_id, self.guild_id, result)

    async def ended(self, standings: Standings) -> None:
        await self.store.finish_game(self.game_id, standings.reason)
