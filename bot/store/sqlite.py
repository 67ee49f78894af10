"""Quiz persistence in SQLite: games, rounds, answers, scores, settings, recent questions.

- WAL journal, ``synchronous=NORMAL``: a crash loses at most the last transaction, and
  readers (leaderboards) never wait for the writer.
- Every round is written in one transaction with its points, at the reveal: after a
  crash or restart the finished rounds count, and :meth:`QuizStore.recover` marks the
  interrupted games so the bot can tell their channels.
- aiosqlite runs SQLite in its own thread; the event loop only hands over parameters.
- The schema carries its version in ``PRAGMA user_version``; :data:`MIGRATIONS` takes
  any older file forward, each step in a transaction.
- Backup (safe while the bot runs, uses SQLite's online backup):
  ``sqlite3 data/plm-trivia.sqlite3 ".backup backup.sqlite3"``, or without the sqlite3 tool
  ``python -c "import sqlite3; sqlite3.connect('data/plm-trivia.sqlite3').backup(sqlite3.connect('backup.sqlite3'))"``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Literal, cast

import aiosqlite

from bot.quiz.game import PlayerId, RoundResult, RoundState, Standings
from bot.quiz.model import MODES, Mode

#: Schema steps; entry ``i`` takes a database from version ``i`` to ``i + 1``.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE games (
        id          INTEGER PRIMARY KEY,
        guild_id    INTEGER,
        channel_id  INTEGER NOT NULL,
        started_by  INTEGER,
        mode        TEXT NOT NULL,
        difficulty  TEXT,
        category    TEXT,
        rounds      INTEGER NOT NULL,
        seed        INTEGER,
        status      TEXT NOT NULL DEFAULT 'running',  -- running|finished|stopped|inactive|error|shutdown|abandoned
        started_at  REAL NOT NULL,
        ended_at    REAL
    );
    CREATE INDEX games_running ON games(status) WHERE status = 'running';
    CREATE TABLE rounds (
        game_id      INTEGER NOT NULL REFERENCES games(id) ON DELETE CASCADE,
        number       INTEGER NOT NULL,
        question_key TEXT NOT NULL,
        outcome      TEXT NOT NULL,  -- answered|timeout|skipped|stopped
        winner_id    INTEGER,
        hints        INTEGER NOT NULL,
        attempts     INTEGER NOT NULL,
        duration     REAL NOT NULL,
        ended_at     REAL NOT NULL,
        PRIMARY KEY (game_id, number)
    );
    CREATE TABLE answers (  -- one per player per round: the button picked, or the winning answer
        game_id      INTEGER NOT NULL,
        round_number INTEGER NOT NULL,
        user_id      INTEGER NOT NULL,
        option       INTEGER,
        correct      INTEGER NOT NULL,
        PRIMARY KEY (game_id, round_number, user_id),
        FOREIGN KEY (game_id, round_number) REFERENCES rounds(game_id, number) ON DELETE CASCADE
    );
    CREATE INDEX answers_user ON answers(user_id);
    CREATE TABLE scores (  -- the points ledger: leaderboards sum it by server and period
        id           INTEGER PRIMARY KEY,
        guild_id     INTEGER,
        user_id      INTEGER NOT NULL,
        game_id      INTEGER NOT NULL,
        round_number INTEGER NOT NULL,
        points       INTEGER NOT NULL,
        awarded_at   REAL NOT NULL,
        UNIQUE (game_id, round_number, user_id)
    );
    CREATE INDEX scores_guild_time ON scores(guild_id, awarded_at);
    CREATE INDEX scores_time ON scores(awarded_at);
    CREATE INDEX scores_user ON scores(user_id);
    CREATE TABLE players (
        user_id    INTEGER PRIMARY KEY,
        name       TEXT NOT NULL,
        updated_at REAL NOT NULL
    );
    CREATE TABLE guild_settings (
        guild_id          INTEGER PRIMARY KEY,
        time_per_question INTEGER,
        rounds            INTEGER,
        hints             INTEGER,
        mode              TEXT,
        updated_at        REAL NOT NULL
    );
    CREATE TABLE recent_questions (
        channel_id   INTEGER NOT NULL,
        question_key TEXT NOT NULL,
        asked_at     REAL NOT NULL,
        PRIMARY KEY (channel_id, question_key)
    );
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)

Period = Literal["all-time", "this-month"]
#: Allowed ranges of the numeric per-server settings.
SETTING_LIMITS: dict[str, tuple[int, int]] = {"time_per_question": (10, 120), "rounds": (1, 30)}


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


class QuizStore:
    """Async access to the quiz database. Open with :meth:`open`, close with :meth:`close`."""

    def __init__(self, db: aiosqlite.Connection, wall: Callable[[], float] = time.time) -> None:
        self._db = db
        self._write = asyncio.Lock()  # a transaction spans several awaits: one writer at a time
        self.wall = wall

    @classmethod
    async def open(cls, path: Path | str, *, wall: Callable[[], float] = time.time) -> QuizStore:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        db = await aiosqlite.connect(str(path), isolation_level=None)  # explicit BEGIN/COMMIT below
        try:
            await db.execute("PRAGMA journal_mode=WAL")
            await db.execute("PRAGMA synchronous=NORMAL")
            await db.execute("PRAGMA foreign_keys=ON")
            await db.execute("PRAGMA busy_timeout=5000")
            store = cls(db, wall)
            await store._migrate()
        except BaseException:
            await db.close()
            raise
        return store

    async def close(self) -> None:
        await self._db.close()

    async def schema_version(self) -> int:
        return int(await self._scalar("PRAGMA user_version"))

    async def _migrate(self) -> None:
        version = await self.schema_version()
        if version > SCHEMA_VERSION:
            raise RuntimeError(f"database schema {version} is newer than this bot ({SCHEMA_VERSION}); upgrade the bot")
        for step in range(version, SCHEMA_VERSION):
            # executescript commits first; the step and its version bump then run as one script.
            await self._db.executescript(f"BEGIN; {MIGRATIONS[step]} PRAGMA user_version = {step + 1}; COMMIT;")

    async def _scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        async with self._db.execute(sql, params) as cursor:
            row = await cursor.fetchone()
        return row[0] if row else None

    async def _transaction(self, statements: Iterable[tuple[str, Sequence[Any] | list[Sequence[Any]], bool]]) -> None:
        """Run ``(sql, params, many)`` statements atomically."""
        async with self._write:
            await self._db.execute("BEGIN IMMEDIATE")
            try:
                for sql, params, many in statements:
                    if many:
                        await self._db.executemany(sql, params)
                    else:
                        await self._db.execute(sql, params)
            except BaseException:
                await self._db.execute("ROLLBACK")
                raise
            await self._db.execute("COMMIT")

    # -- games -----------------------------------------------------------------------------------
    async def create_game(
        self,
        *,
        guild_id: int | None,
        channel_id: int,
        started_by: int | None,
        mode: Mode,
        rounds: int,
        difficulty: str | None = None,
        category: str | None = None,
        seed: int | None = None,
    ) -> int:
        async with self._write:
            cursor = await self._db.execute(
                "INSERT INTO games (guild_id, channel_id, started_by, mode, difficulty, category, rounds, seed, started_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (guild_id, channel_id, started_by, mode, difficulty, category, rounds, seed, self.wall()),
            )
            game_id = cursor.lastrowid
            await cursor.close()
        assert game_id is not None
        return game_id

    async def mark_asked(self, channel_id: int, question_key: str) -> None:
        async with self._write:
            await self._db.execute(
                "INSERT INTO recent_questions (channel_id, question_key, asked_at) VALUES (?, ?, ?)"
                " ON CONFLICT (channel_id, question_key) DO UPDATE SET asked_at = excluded.asked_at",
                (channel_id, question_key, self.wall()),
            )

    async def recent_questions(self, channel_id: int) -> dict[str, float]:
        async with self._db.execute(
            "SELECT question_key, asked_at FROM recent_questions WHERE channel_id = ?", (channel_id,)
        ) as cursor:
            return {key: at for key, at in await cursor.fetchall()}

    async def record_round(self, game_id: int, guild_id: int | None, result: RoundResult) -> None:
        """The round, its answers and its points, in one transaction."""
        now = self.wall()
        winner = result.winner
        number = result.number
        points = {a.player: a.points.total for a in result.awards}
        names = {a.player: a.name for a in result.awards}
        await self._transaction([
            (
                "INSERT OR REPLACE INTO rounds (game_id, number, question_key, outcome, winner_id, hints, attempts,"
                " duration, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (game_id, number, result.question.key, result.outcome, _uid(winner.player) if winner else None,
                 result.hints, result.attempts, max(0.0, result.ended_at - result.started_at), now),
                False,
            ),
            (
                "INSERT OR REPLACE INTO answers (game_id, round_number, user_id, option, correct) VALUES (?, ?, ?, ?, ?)",
                [(game_id, number, _uid(p), option, int(ok)) for p, option, ok in result.picks],
                True,
            ),
            (
                "INSERT OR REPLACE INTO scores (guild_id, user_id, game_id, round_number, points, awarded_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [(guild_id, _uid(p), game_id, number, total, now) for p, total in points.items()],
                True,
            ),
            (
                "INSERT INTO players (user_id, name, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT (user_id) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at",
                [(_uid(p), name, now) for p, name in names.items()],
                True,
            ),
        ])  # fmt: skip

    async def finish_game(self, game_id: int, status: str) -> None:
        async with self._write:
            await self._db.execute(
                "UPDATE games SET status = ?, ended_at = ? WHERE id = ?", (status, self.wall(), game_id)
            )

    async def recover(self) -> list[InterruptedGame]:
        """Mark games left running by a crash or restart as abandoned; return them with their scores."""
        async with self._db.execute("SELECT id, guild_id, channel_id FROM games WHERE status = 'running'") as cursor:
            running = await cursor.fetchall()
        out = []
        for game_id, guild_id, channel_id in running:
            played = await self._scalar("SELECT COUNT(*) FROM rounds WHERE game_id = ?", (game_id,))
            async with self._db.execute(
                "SELECT s.user_id, COALESCE(p.name, ''), SUM(s.points) AS total FROM scores s"
                " LEFT JOIN players p ON p.user_id = s.user_id WHERE s.game_id = ?"
                " GROUP BY s.user_id ORDER BY total DESC, s.user_id",
                (game_id,),
            ) as cursor:
                scores = tuple((uid, name, total) for uid, name, total in await cursor.fetchall())
            out.append(InterruptedGame(game_id, guild_id, channel_id, played, scores))
        if running:
            async with self._write:
                await self._db.execute(
                    "UPDATE games SET status = 'abandoned', ended_at = ? WHERE status = 'running'", (self.wall(),)
                )
        return out

    # -- leaderboards ----------------------------------------------------------------------------
    async def leaderboard(
        self, *, guild_id: int | None, period: Period = "all-time", user_id: int | None = None, limit: int = 10
    ) -> Leaderboard:
        """Top ``limit`` by points in a server (or globally with ``guild_id=None``), plus the user's own rank."""
        since = month_start(self.wall()) if period == "this-month" else 0.0
        where = "awarded_at >= ?" + (" AND guild_id = ?" if guild_id is not None else "")
        params: list[Any] = [since] + ([guild_id] if guild_id is not None else [])
        ranked = (
            f"WITH totals AS (SELECT user_id, SUM(points) AS points, COUNT(*) AS correct FROM scores WHERE {where}"
            " GROUP BY user_id),"
            " ranked AS (SELECT user_id, points, correct, RANK() OVER (ORDER BY points DESC) AS rank FROM totals)"
            " SELECT r.rank, r.user_id, COALESCE(p.name, ''), r.points, r.correct FROM ranked r"
            " LEFT JOIN players p ON p.user_id = r.user_id"
        )
        async with self._db.execute(
            f"{ranked} ORDER BY r.rank, r.correct DESC, r.user_id LIMIT ?", (*params, limit)
        ) as cur:
            rows = tuple(LeaderRow(*row) for row in await cur.fetchall())
        me = None
        if user_id is not None:
            me = next((r for r in rows if r.user_id == user_id), None)
            if me is None:
                async with self._db.execute(f"{ranked} WHERE r.user_id = ?", (*params, user_id)) as cur:
                    row = await cur.fetchone()
                me = LeaderRow(*row) if row else None
        players = await self._scalar(f"SELECT COUNT(DISTINCT user_id) FROM scores WHERE {where}", params)
        return Leaderboard(rows, me, players or 0)

    # -- settings --------------------------------------------------------------------------------
    async def guild_settings(self, guild_id: int) -> GuildSettings:
        async with self._db.execute(
            "SELECT time_per_question, rounds, hints, mode FROM guild_settings WHERE guild_id = ?", (guild_id,)
        ) as cursor:
            row = await cursor.fetchone()
        defaults = GuildSettings()
        if row is None:
            return defaults
        time_per_question, rounds, hints, mode = row
        return GuildSettings(
            time_per_question=time_per_question if time_per_question is not None else defaults.time_per_question,
            rounds=rounds if rounds is not None else defaults.rounds,
            hints=bool(hints) if hints is not None else defaults.hints,
            mode=mode if mode in MODES else defaults.mode,
        )

    async def update_guild_settings(self, guild_id: int, **changes: Any) -> GuildSettings:
        """Change some settings; raise ``ValueError`` (nothing written) if a value is out of range."""
        unknown = set(changes) - {f.name for f in fields(GuildSettings)}
        if unknown:
            raise ValueError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        settings = replace(await self.guild_settings(guild_id), **changes).validated()
        async with self._write:
            await self._db.execute(
                "INSERT INTO guild_settings (guild_id, time_per_question, rounds, hints, mode, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id) DO UPDATE SET"
                " time_per_question = excluded.time_per_question, rounds = excluded.rounds,"
                " hints = excluded.hints, mode = excluded.mode, updated_at = excluded.updated_at",
                (
                    guild_id,
                    settings.time_per_question,
                    settings.rounds,
                    int(settings.hints),
                    settings.mode,
                    self.wall(),
                ),
            )
        return settings

    # -- privacy ---------------------------------------------------------------------------------
    async def forget_user(self, user_id: int) -> int:
        """Delete everything stored about a user; returns how many rows went."""
        counts = []
        async with self._write:
            await self._db.execute("BEGIN IMMEDIATE")
            try:
                for sql in (
                    "DELETE FROM scores WHERE user_id = ?",
                    "DELETE FROM answers WHERE user_id = ?",
                    "DELETE FROM players WHERE user_id = ?",
                    "UPDATE rounds SET winner_id = NULL WHERE winner_id = ?",
                    "UPDATE games SET started_by = NULL WHERE started_by = ?",
                ):
                    cursor = await self._db.execute(sql, (user_id,))
                    counts.append(cursor.rowcount)
                    await cursor.close()
            except BaseException:
                await self._db.execute("ROLLBACK")
                raise
            await self._db.execute("COMMIT")
        return sum(counts)


def _uid(player: PlayerId) -> int:
    return int(cast(Any, player))  # PlayerId is any hashable; this store keys players by Discord's int ids


class StoreRecorder:
    """Records one session's game into a :class:`QuizStore` (the session's ``Recorder``)."""

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
