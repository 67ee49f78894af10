"""The daily question's state on either backend: :class:`SQLDailyStore`, a :class:`~bot.store.daily.DailyStore`.

Its tables (``daily_config``, ``daily_posts``, ``daily_answers``) are made by the
versioned migrations like the quiz's, and the SQL is the same on SQLite and PostgreSQL.
The rules that must hold across restarts and processes hold in the database:

- one post per guild per day: ``daily_posts`` is keyed by (guild, day), and a post is
  *claimed* by inserting its row (``ON CONFLICT DO NOTHING``) before anything is sent;
- one answer per member per day: ``daily_answers`` is keyed by (guild, day, member), and
  the first insert wins, whichever connection or process it came from;
- one reveal per post: the reveal is claimed by setting ``revealed_at`` where it is NULL
  (on PostgreSQL a second writer waits for the first and then finds nothing to set);
  an answer takes the same row's lock, so none slips in after the reveal.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bot.quiz import daily
from bot.store.backend import Backend, Row
from bot.store.daily import DailyAnswer, DailyConfig, DailyPost, Tally

#: The daily tables, parents first (``db copy`` writes them in this order).
TABLES = ("daily_config", "daily_posts", "daily_answers")

_POST = (
    "SELECT guild_id, day, channel_id, question_key, prompt, options, correct, answer, reveal, posted_at,"
    " message_id, revealed_at FROM daily_posts"
)
_ANSWER = "SELECT guild_id, day, user_id, name, option, correct, answered_at FROM daily_answers"
_CONFIG = "SELECT guild_id, channel_id, post_time, enabled, since FROM daily_config"


class SQLDailyStore:
    """:class:`DailyStore` over a :class:`~bot.store.backend.Backend` (the quiz database)."""

    def __init__(self, db: Backend) -> None:
        self.db = db

    @classmethod
    async def open(cls, target: Path | str, *, pool_size: int = 4) -> SQLDailyStore:
        """Connect to ``target`` (a SQLite path or a ``postgresql://`` URL) and bring its schema up to date."""
        from bot.store.location import open_migrated

        db = await open_migrated(target, pool_size=pool_size)
        return cls(db)

    async def close(self) -> None:
        await self.db.close()

    async def _change(self, sql: str, params: Sequence[Any] = ()) -> int:
        async with self.db.transaction() as tx:
            return await tx.execute(sql, params)

    # -- settings ------------------------------------------------------------------------------
    async def config(self, guild_id: int) -> DailyConfig | None:
        row = await self.db.fetchone(f"{_CONFIG} WHERE guild_id = ?", (guild_id,))
        return _config(row) if row else None

    async def configs(self) -> list[DailyConfig]:
        """Every guild that has set the daily question up, enabled or not."""
        return [_config(r) for r in await self.db.fetchall(f"{_CONFIG} ORDER BY guild_id")]

    async def configure(self, guild_id: int, channel_id: int, at: dt.time, now: dt.datetime) -> DailyConfig:
        await self._change(
            "INSERT INTO daily_config (guild_id, channel_id, post_time, enabled, since) VALUES (?, ?, ?, 1, ?)"
            " ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id,"
            " post_time = excluded.post_time, enabled = 1, since = excluded.since",
            (guild_id, channel_id, daily.format_time(at), now.timestamp()),
        )
        config = await self.config(guild_id)
        assert config is not None
        return config

    async def disable(self, guild_id: int) -> bool:
        """Turn it off; False when it was not on."""
        changed = await self._change(
            "UPDATE daily_config SET enabled = 0 WHERE guild_id = ? AND enabled = 1", (guild_id,)
        )
        return changed > 0

    # -- posts ---------------------------------------------------------------------------------
    async def claim_post(self, post: DailyPost) -> bool:
        """Reserve ``post``'s day for its guild; False when that day already has a post (here or elsewhere)."""
        inserted = await self._change(
            "INSERT INTO daily_posts (guild_id, day, channel_id, message_id, question_key, prompt, options, correct,"
            " answer, reveal, posted_at) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (guild_id, day) DO NOTHING",
            (post.guild_id, post.day.isoformat(), post.channel_id, post.question_key, post.prompt,
             json.dumps(list(post.options)), post.correct, post.answer, post.reveal, post.posted_at.timestamp()),
        )  # fmt: skip
        return inserted == 1

    async def release_post(self, guild_id: int, day: dt.date) -> None:
        """Give a claimed day back (its message could not be sent) while nobody has answered it."""
        await self._change(
            "DELETE FROM daily_posts WHERE guild_id = ? AND day = ? AND message_id IS NULL"
            " AND NOT EXISTS (SELECT 1 FROM daily_answers a WHERE a.guild_id = daily_posts.guild_id"
            " AND a.day = daily_posts.day)",
            (guild_id, day.isoformat()),
        )

    async def set_message(self, guild_id: int, day: dt.date, message_id: int) -> None:
        await self._change(
            "UPDATE daily_posts SET message_id = ? WHERE guild_id = ? AND day = ?",
            (message_id, guild_id, day.isoformat()),
        )

    async def post(self, guild_id: int, day: dt.date) -> DailyPost | None:
        row = await self.db.fetchone(f"{_POST} WHERE guild_id = ? AND day = ?", (guild_id, day.isoformat()))
        return _post(row) if row else None

    async def current_post(self, guild_id: int) -> DailyPost | None:
        """The guild's question still open for answers (not yet revealed), if any."""
        row = await self.db.fetchone(
            f"{_POST} WHERE guild_id = ? AND revealed_at IS NULL ORDER BY day DESC LIMIT 1", (guild_id,)
        )
        return _post(row) if row else None

    async def open_posts(self) -> list[DailyPost]:
        return [_post(r) for r in await self.db.fetchall(f"{_POST} WHERE revealed_at IS NULL ORDER BY day, guild_id")]

    async def recent_keys(self, guild_id: int, limit: int = daily.RECENT) -> list[str]:
        rows = await self.db.fetchall(
            "SELECT question_key FROM daily_posts WHERE guild_id = ? ORDER BY day DESC LIMIT ?", (guild_id, limit)
        )
        return [str(r[0]) for r in rows]

    # -- answers -------------------------------------------------------------------------------
    async def record_answer(self, answer: DailyAnswer) -> tuple[bool, DailyAnswer]:
        """Record ``answer`` unless the member already answered that day: (recorded?, the answer that stands).

        The first statement is a no-op write that locks the open post's row, so an answer and
        the reveal (which writes that row too) are strictly ordered on PostgreSQL as well: an
        answer recorded is in the reveal's tally, and none is recorded after it.
        """
        day = answer.day.isoformat()
        async with self.db.transaction() as tx:
            is_open = await tx.execute(
                "UPDATE daily_posts SET revealed_at = NULL WHERE guild_id = ? AND day = ? AND revealed_at IS NULL",
                (answer.guild_id, day),
            )
            inserted = is_open and await tx.execute(
                "INSERT INTO daily_answers (guild_id, day, user_id, name, option, correct, answered_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, day, user_id) DO NOTHING",
                (answer.guild_id, day, answer.user_id, answer.name, answer.option, int(answer.correct),
                 answer.answered_at.timestamp()),
            )  # fmt: skip
        standing = await self.answer(answer.guild_id, answer.day, answer.user_id)
        if standing is None:
            raise LookupError(f"no open daily question for guild {answer.guild_id} on {answer.day}")
        return inserted == 1, standing

    async def answer(self, guild_id: int, day: dt.date, user_id: int) -> DailyAnswer | None:
        row = await self.db.fetchone(
            f"{_ANSWER} WHERE guild_id = ? AND day = ? AND user_id = ?", (guild_id, day.isoformat(), user_id)
        )
        return _answer(row) if row else None

    # -- reveal --------------------------------------------------------------------------------
    async def claim_reveal(self, guild_id: int, day: dt.date, now: dt.datetime) -> bool:
        """Close ``day`` for answers and reserve its reveal; False when it was already revealed."""
        changed = await self._change(
            "UPDATE daily_posts SET revealed_at = ? WHERE guild_id = ? AND day = ? AND revealed_at IS NULL",
            (now.timestamp(), guild_id, day.isoformat()),
        )
        return changed == 1

    async def release_reveal(self, guild_id: int, day: dt.date) -> None:
        """The reveal could not be sent: reopen the day, so the next tick tries again."""
        await self._change(
            "UPDATE daily_posts SET revealed_at = NULL WHERE guild_id = ? AND day = ?", (guild_id, day.isoformat())
        )

    async def tally(self, guild_id: int, day: dt.date) -> Tally:
        row = await self.db.fetchone(
            "SELECT COUNT(*), COALESCE(SUM(correct), 0) FROM daily_answers WHERE guild_id = ? AND day = ?",
            (guild_id, day.isoformat()),
        )
        assert row is not None
        return Tally(int(row[0]), int(row[1]))

    async def right_answers(self, guild_id: int, day: dt.date) -> list[DailyAnswer]:
        rows = await self.db.fetchall(
            f"{_ANSWER} WHERE guild_id = ? AND day = ? AND correct = 1 ORDER BY answered_at, user_id",
            (guild_id, day.isoformat()),
        )
        return [_answer(r) for r in rows]

    async def streaks(self, guild_id: int, day: dt.date) -> dict[int, int]:
        """Streaks through ``day`` of the members who got ``day`` right (everyone else's is 0)."""
        through = day.isoformat()
        posted = [
            dt.date.fromisoformat(str(r[0]))
            for r in await self.db.fetchall(
                "SELECT day FROM daily_posts WHERE guild_id = ? AND day <= ? ORDER BY day", (guild_id, through)
            )
        ]
        rows = await self.db.fetchall(
            "SELECT a.user_id, a.day FROM daily_answers a JOIN daily_answers today"
            " ON today.guild_id = a.guild_id AND today.user_id = a.user_id AND today.day = ? AND today.correct = 1"
            " WHERE a.guild_id = ? AND a.correct = 1 AND a.day <= ?",
            (through, guild_id, through),
        )
        right: dict[int, set[dt.date]] = defaultdict(set)
        for user_id, answered_day in rows:
            right[int(user_id)].add(dt.date.fromisoformat(str(answered_day)))
        return daily.streaks(posted, right, through=day)

    async def forget_user(self, user_id: int) -> int:
        return await self._change("DELETE FROM daily_answers WHERE user_id = ?", (user_id,))


def _moment(value: Any) -> dt.datetime:
    return dt.datetime.fromtimestamp(float(value), dt.UTC)


def _config(row: Row) -> DailyConfig:
    guild_id, channel_id, post_time, enabled, since = row
    return DailyConfig(int(guild_id), int(channel_id), daily.parse_time(str(post_time)), bool(enabled), _moment(since))


def _post(row: Row) -> DailyPost:
    return DailyPost(
        guild_id=int(row[0]),
        day=dt.date.fromisoformat(str(row[1])),
        channel_id=int(row[2]),
        question_key=str(row[3]),
        prompt=str(row[4]),
        options=tuple(json.loads(row[5])),
        correct=int(row[6]),
        answer=str(row[7]),
        reveal=str(row[8]),
        posted_at=_moment(row[9]),
        message_id=int(row[10]) if row[10] is not None else None,
        revealed_at=_moment(row[11]) if row[11] is not None else None,
    )


def _answer(row: Row) -> DailyAnswer:
    return DailyAnswer(
        guild_id=int(row[0]),
        day=dt.date.fromisoformat(str(row[1])),
        user_id=int(row[2]),
        name=str(row[3]),
        option=int(row[4]) if row[4] is not None else None,
        correct=bool(row[5]),
        answered_at=_moment(row[6]),
    )


__all__ = ["TABLES", "SQLDailyStore"]
