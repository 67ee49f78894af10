"""The daily question's state in SQLite: :class:`SqliteDailyStore`, a :class:`~bot.store.daily.DailyStore`.

Self-contained beside the quiz store (:mod:`bot.store.sqlite`): the tables are its own,
created with ``CREATE TABLE IF NOT EXISTS`` in the same database file, and carry their
own version row in ``daily_meta`` (the quiz store's ``PRAGMA user_version`` is not
touched). The rules that must hold across restarts and processes hold in the database:

- one post per guild per day: ``daily_posts`` is keyed by (guild, day), and a post is
  *claimed* by inserting its row before anything is sent;
- one answer per member per day: ``daily_answers`` is keyed by (guild, day, member);
- one reveal per post: the reveal is claimed by setting ``revealed_at`` where it is NULL.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import aiosqlite

from bot.quiz import daily
from bot.store.daily import DailyAnswer, DailyConfig, DailyPost, Tally

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS daily_meta (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS daily_config (
    guild_id   INTEGER PRIMARY KEY,
    channel_id INTEGER NOT NULL,
    post_time  TEXT NOT NULL,            -- HH:MM, UTC
    enabled    INTEGER NOT NULL DEFAULT 1,
    since      REAL NOT NULL             -- when it was last set: days that began before are not posted
);
CREATE TABLE IF NOT EXISTS daily_posts (
    guild_id     INTEGER NOT NULL,
    day          TEXT NOT NULL,          -- ISO date the day starts on
    channel_id   INTEGER NOT NULL,
    message_id   INTEGER,                -- NULL between the claim and the message being sent
    question_key TEXT NOT NULL,
    prompt       TEXT NOT NULL,
    options      TEXT NOT NULL,          -- JSON list, in the order the buttons show them
    correct      INTEGER NOT NULL,
    answer       TEXT NOT NULL,
    reveal       TEXT NOT NULL,
    posted_at    REAL NOT NULL,
    revealed_at  REAL,
    PRIMARY KEY (guild_id, day)
);
CREATE INDEX IF NOT EXISTS daily_posts_open ON daily_posts(revealed_at) WHERE revealed_at IS NULL;
CREATE TABLE IF NOT EXISTS daily_answers (
    guild_id    INTEGER NOT NULL,
    day         TEXT NOT NULL,
    user_id     INTEGER NOT NULL,
    name        TEXT NOT NULL,
    option      INTEGER,                 -- the button picked; NULL for a typed answer
    correct     INTEGER NOT NULL,
    answered_at REAL NOT NULL,
    PRIMARY KEY (guild_id, day, user_id),
    FOREIGN KEY (guild_id, day) REFERENCES daily_posts(guild_id, day) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS daily_answers_user ON daily_answers(user_id);
"""


def _ts(moment: dt.datetime) -> float:
    return moment.timestamp()


def _dt(value: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(value, dt.UTC)


class SqliteDailyStore:
    """:class:`DailyStore` on an SQLite file (WAL; several connections may share it)."""

    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    @classmethod
    async def open(cls, path: Path | str) -> SqliteDailyStore:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        db = await aiosqlite.connect(str(path), isolation_level=None)  # each statement commits by itself
        try:
            await db.execute("PRAGMA journal_mode=WAL")
            await db.execute("PRAGMA synchronous=NORMAL")
            await db.execute("PRAGMA foreign_keys=ON")
            await db.execute("PRAGMA busy_timeout=5000")
            await db.executescript(f"BEGIN IMMEDIATE; {SCHEMA} COMMIT;")
            store = cls(db)
            await store._check_version()
        except BaseException:
            await db.close()
            raise
        return store

    async def _check_version(self) -> None:
        await self._db.execute(
            "INSERT OR IGNORE INTO daily_meta (key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,)
        )
        version = await self._scalar("SELECT value FROM daily_meta WHERE key = 'schema_version'")
        if int(version) > SCHEMA_VERSION:
            raise RuntimeError(f"daily schema {version} is newer than this bot ({SCHEMA_VERSION}); upgrade the bot")

    async def schema_version(self) -> int:
        return int(await self._scalar("SELECT value FROM daily_meta WHERE key = 'schema_version'"))

    async def close(self) -> None:
        await self._db.close()

    async def _scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        async with self._db.execute(sql, params) as cursor:
            row = await cursor.fetchone()
        return row[0] if row else None

    async def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        async with self._db.execute(sql, params) as cursor:
            return list(await cursor.fetchall())

    async def _change(self, sql: str, params: Sequence[Any] = ()) -> int:
        cursor = await self._db.execute(sql, params)
        count = cursor.rowcount
        await cursor.close()
        return count

    # -- settings ------------------------------------------------------------------------------
    async def config(self, guild_id: int) -> DailyConfig | None:
        rows = await self._rows(
            "SELECT guild_id, channel_id, post_time, enabled, since FROM daily_config WHERE guild_id = ?", (guild_id,)
        )
        return _config(rows[0]) if rows else None

    async def configs(self) -> list[DailyConfig]:
        """Every guild that has set the daily question up, enabled or not."""
        rows = await self._rows("SELECT guild_id, channel_id, post_time, enabled, since FROM daily_config")
        return [_config(r) for r in rows]

    async def configure(self, guild_id: int, channel_id: int, at: dt.time, now: dt.datetime) -> DailyConfig:
        await self._change(
            "INSERT INTO daily_config (guild_id, channel_id, post_time, enabled, since) VALUES (?, ?, ?, 1, ?)"
            " ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id,"
            " post_time = excluded.post_time, enabled = 1, since = excluded.since",
            (guild_id, channel_id, daily.format_time(at), _ts(now)),
        )
        config = await self.config(guild_id)
        assert config is not None
        return config

    async def disable(self, guild_id: int) -> bool:
        """Turn it off; False when it was not on."""
        return (
            await self._change("UPDATE daily_config SET enabled = 0 WHERE guild_id = ? AND enabled = 1", (guild_id,))
            > 0
        )

    # -- posts ---------------------------------------------------------------------------------
    async def claim_post(self, post: DailyPost) -> bool:
        """Reserve ``post``'s day for its guild; False when that day already has a post (here or elsewhere)."""
        values = (
            post.guild_id, post.day.isoformat(), post.channel_id, post.question_key, post.prompt,
            json.dumps(list(post.options)), post.correct, post.answer, post.reveal, _ts(post.posted_at),
        )  # fmt: skip
        inserted = await self._change(
            "INSERT OR IGNORE INTO daily_posts (guild_id, day, channel_id, message_id, question_key, prompt,"
            " options, correct, answer, reveal, posted_at) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)",
            values,
        )
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

    _POST = (
        "SELECT guild_id, day, channel_id, question_key, prompt, options, correct, answer, reveal, posted_at,"
        " message_id, revealed_at FROM daily_posts"
    )

    async def post(self, guild_id: int, day: dt.date) -> DailyPost | None:
        rows = await self._rows(f"{self._POST} WHERE guild_id = ? AND day = ?", (guild_id, day.isoformat()))
        return _post(rows[0]) if rows else None

    async def current_post(self, guild_id: int) -> DailyPost | None:
        """The guild's question still open for answers (not yet revealed), if any."""
        rows = await self._rows(
            f"{self._POST} WHERE guild_id = ? AND revealed_at IS NULL ORDER BY day DESC LIMIT 1", (guild_id,)
        )
        return _post(rows[0]) if rows else None

    async def open_posts(self) -> list[DailyPost]:
        rows = await self._rows(f"{self._POST} WHERE revealed_at IS NULL ORDER BY day")
        return [_post(r) for r in rows]

    async def recent_keys(self, guild_id: int, limit: int = daily.RECENT) -> list[str]:
        rows = await self._rows(
            "SELECT question_key FROM daily_posts WHERE guild_id = ? ORDER BY day DESC LIMIT ?", (guild_id, limit)
        )
        return [r[0] for r in rows]

    # -- answers -------------------------------------------------------------------------------
    async def record_answer(self, answer: DailyAnswer) -> tuple[bool, DailyAnswer]:
        """Record ``answer`` unless the member already answered that day: (recorded?, the answer that stands)."""
        inserted = await self._change(
            "INSERT OR IGNORE INTO daily_answers (guild_id, day, user_id, name, option, correct, answered_at)"
            " SELECT ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM daily_posts WHERE guild_id = ? AND day = ?"
            " AND revealed_at IS NULL)",
            (
                answer.guild_id, answer.day.isoformat(), answer.user_id, answer.name, answer.option,
                int(answer.correct), _ts(answer.answered_at), answer.guild_id, answer.day.isoformat(),
            ),
        )  # fmt: skip
        standing = await self.answer(answer.guild_id, answer.day, answer.user_id)
        if standing is None:
            raise LookupError(f"no open daily question for guild {answer.guild_id} on {answer.day}")
        return inserted == 1, standing

    async def answer(self, guild_id: int, day: dt.date, user_id: int) -> DailyAnswer | None:
        rows = await self._rows(
            "SELECT guild_id, day, user_id, name, option, correct, answered_at FROM daily_answers"
            " WHERE guild_id = ? AND day = ? AND user_id = ?",
            (guild_id, day.isoformat(), user_id),
        )
        return _answer(rows[0]) if rows else None

    # -- reveal --------------------------------------------------------------------------------
    async def claim_reveal(self, guild_id: int, day: dt.date, now: dt.datetime) -> bool:
        """Close ``day`` for answers and reserve its reveal; False when it was already revealed."""
        return (
            await self._change(
                "UPDATE daily_posts SET revealed_at = ? WHERE guild_id = ? AND day = ? AND revealed_at IS NULL",
                (_ts(now), guild_id, day.isoformat()),
            )
            == 1
        )

    async def release_reveal(self, guild_id: int, day: dt.date) -> None:
        """The reveal could not be sent: reopen the day, so the next tick tries again."""
        await self._change(
            "UPDATE daily_posts SET revealed_at = NULL WHERE guild_id = ? AND day = ?", (guild_id, day.isoformat())
        )

    async def tally(self, guild_id: int, day: dt.date) -> Tally:
        rows = await self._rows(
            "SELECT COUNT(*), COALESCE(SUM(correct), 0) FROM daily_answers WHERE guild_id = ? AND day = ?",
            (guild_id, day.isoformat()),
        )
        return Tally(int(rows[0][0]), int(rows[0][1]))

    async def right_answers(self, guild_id: int, day: dt.date) -> list[DailyAnswer]:
        rows = await self._rows(
            "SELECT guild_id, day, user_id, name, option, correct, answered_at FROM daily_answers"
            " WHERE guild_id = ? AND day = ? AND correct = 1 ORDER BY answered_at",
            (guild_id, day.isoformat()),
        )
        return [_answer(r) for r in rows]

    async def streaks(self, guild_id: int, day: dt.date) -> dict[int, int]:
        """Streaks through ``day`` of the members who got ``day`` right (everyone else's is 0)."""
        posted = [
            dt.date.fromisoformat(r[0])
            for r in await self._rows(
                "SELECT day FROM daily_posts WHERE guild_id = ? AND day <= ? ORDER BY day", (guild_id, day.isoformat())
            )
        ]
        rows = await self._rows(
            "SELECT a.user_id, a.day FROM daily_answers a JOIN daily_answers today"
            " ON today.guild_id = a.guild_id AND today.user_id = a.user_id AND today.day = ? AND today.correct = 1"
            " WHERE a.guild_id = ? AND a.correct = 1 AND a.day <= ?",
            (day.isoformat(), guild_id, day.isoformat()),
        )
        right: dict[int, set[dt.date]] = defaultdict(set)
        for user_id, answered_day in rows:
            right[int(user_id)].add(dt.date.fromisoformat(answered_day))
        return daily.streaks(posted, right, through=day)

    async def forget_user(self, user_id: int) -> int:
        return await self._change("DELETE FROM daily_answers WHERE user_id = ?", (user_id,))


def _config(row: Any) -> DailyConfig:
    return DailyConfig(
        guild_id=int(row[0]),
        channel_id=int(row[1]),
        at=daily.parse_time(row[2]),
        enabled=bool(row[3]),
        since=_dt(row[4]),
    )


def _post(row: Any) -> DailyPost:
    return DailyPost(
        guild_id=int(row[0]),
        day=dt.date.fromisoformat(row[1]),
        channel_id=int(row[2]),
        question_key=row[3],
        prompt=row[4],
        options=tuple(json.loads(row[5])),
        correct=int(row[6]),
        answer=row[7],
        reveal=row[8],
        posted_at=_dt(row[9]),
        message_id=int(row[10]) if row[10] is not None else None,
        revealed_at=_dt(row[11]) if row[11] is not None else None,
    )


def _answer(row: Any) -> DailyAnswer:
    return DailyAnswer(
        guild_id=int(row[0]),
        day=dt.date.fromisoformat(row[1]),
        user_id=int(row[2]),
        name=row[3],
        option=int(row[4]) if row[4] is not None else None,
        correct=bool(row[5]),
        answered_at=_dt(row[6]),
    )


__all__ = ["SCHEMA", "SCHEMA_VERSION", "SqliteDailyStore"]
