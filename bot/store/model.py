"""What the quiz store hands out: settings, leaderboards, interrupted games, and periods."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Literal

from bot.quiz.model import MODES, Mode

Period = Literal["all-time", "this-month"]
#: Allowed ranges of the numeric per-server settings.
SETTING_LIMITS: dict[str, tuple[int, int]] = {"time_per_question": (10, 120), "rounds": (1, 30)}
#: The ``totals`` scope of the leaderboard over every server (Discord never issues id 0).
EVERYWHERE = 0
#: The ``totals`` period key of all-time points; months are keyed ``"2026-11"``.
ALL_TIME = "all"


@dataclass(frozen=True, slots=True)
class GuildSettings:
    """Per-server quiz defaults (``/quiz settings``)."""

    time_per_question: int = 30
    rounds: int = 10
    hints: bool = True
    mode: Mode = "buttons"  # needs no privileged intent

    def validated(self) -> GuildSettings:
        for name, (low, high) in SETTING_LIMITS.items():
            value = getattr(self, name)
            if not low <= value <= high:
                raise ValueError(f"{name} must be between {low} and {high}")
        if self.mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}")
        return self


@dataclass(frozen=True, slots=True)
class LeaderRow:
    rank: int
    user_id: int
    name: str
    points: int
    correct: int


@dataclass(frozen=True, slots=True)
class Leaderboard:
    rows: tuple[LeaderRow, ...]
    me: LeaderRow | None  # the asking user's own row, even when outside the top
    players: int  # how many players have points in this scope and period


@dataclass(frozen=True, slots=True)
class InterruptedGame:
    """A game that was running when the process stopped; its finished rounds still count."""

    game_id: int
    guild_id: int | None
    channel_id: int
    rounds_played: int
    scores: tuple[tuple[int, str, int], ...]  # (user id, name, points), best first


def month_start(now: float | None = None) -> float:
    """The first instant of the current calendar month, UTC."""
    today = dt.datetime.fromtimestamp(time.time() if now is None else now, dt.UTC)
    return today.replace(day=1, hour=0, minute=0, second=0, microsecond=0).timestamp()


def month_key(at: float) -> str:
    """The ``totals`` period key of the UTC month holding ``at`` (``"2026-11"``)."""
    return dt.datetime.fromtimestamp(at, dt.UTC).strftime("%Y-%m")


def shard_of(guild_id: int | None, shard_count: int) -> int:
    """Discord's shard for a guild (direct messages go to shard 0)."""
    return ((guild_id or 0) >> 22) % shard_count
