"""What the daily question keeps: its records and the :class:`DailyStore` interface.

It is implemented once, on the quiz's database and either backend, by
:class:`bot.store.daily_store.SQLDailyStore` (tables from the versioned migrations).
Uniqueness (one post per guild per day, one answer per member per day, one reveal per
post) is the database's job, in its keys and conditional writes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from bot.quiz.daily import RECENT


@dataclass(frozen=True, slots=True)
class DailyConfig:
    guild_id: int
    channel_id: int
    at: dt.time
    enabled: bool
    since: dt.datetime


@dataclass(frozen=True, slots=True)
class DailyPost:
    """A day's question as it was posted: enough to show, judge buttons and reveal after a reload."""

    guild_id: int
    day: dt.date
    channel_id: int
    question_key: str
    prompt: str
    options: tuple[str, ...]
    correct: int
    answer: str
    reveal: str
    posted_at: dt.datetime
    message_id: int | None = None
    revealed_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class DailyAnswer:
    guild_id: int
    day: dt.date
    user_id: int
    name: str
    option: int | None
    correct: bool
    answered_at: dt.datetime


@dataclass(frozen=True, slots=True)
class Tally:
    answered: int
    right: int


class DailyStore(Protocol):
    """Where the daily question's settings, posts and answers live (the quiz database, either backend)."""

    async def close(self) -> None: ...
    async def config(self, guild_id: int) -> DailyConfig | None: ...
    async def configs(self) -> list[DailyConfig]: ...
    async def configure(self, guild_id: int, channel_id: int, at: dt.time, now: dt.datetime) -> DailyConfig: ...
    async def disable(self, guild_id: int) -> bool: ...
    async def claim_post(self, post: DailyPost) -> bool: ...
    async def release_post(self, guild_id: int, day: dt.date) -> None: ...
    async def set_message(self, guild_id: int, day: dt.date, message_id: int) -> None: ...
    async def post(self, guild_id: int, day: dt.date) -> DailyPost | None: ...
    async def current_post(self, guild_id: int) -> DailyPost | None: ...
    async def open_posts(self) -> list[DailyPost]: ...
    async def recent_keys(self, guild_id: int, limit: int = RECENT) -> list[str]: ...
    async def record_answer(self, answer: DailyAnswer) -> tuple[bool, DailyAnswer]: ...
    async def answer(self, guild_id: int, day: dt.date, user_id: int) -> DailyAnswer | None: ...
    async def claim_reveal(self, guild_id: int, day: dt.date, now: dt.datetime) -> bool: ...
    async def release_reveal(self, guild_id: int, day: dt.date) -> None: ...
    async def tally(self, guild_id: int, day: dt.date) -> Tally: ...
    async def right_answers(self, guild_id: int, day: dt.date) -> list[DailyAnswer]: ...
    async def streaks(self, guild_id: int, day: dt.date) -> dict[int, int]: ...
    async def forget_user(self, user_id: int) -> int: ...


__all__ = ["DailyAnswer", "DailyConfig", "DailyPost", "DailyStore", "Tally"]
