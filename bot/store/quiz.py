"""The quiz store: games, rounds, answers, points, leaderboards, settings, recent questions.

One class over either backend (:mod:`bot.store.sqlite`, :mod:`bot.store.postgres`),
with the same SQL on both. What holds when several processes share one database:

- A round's row is its claim: ``INSERT ... ON CONFLICT DO NOTHING`` on the round's primary
  key decides which writer records it, and only that writer's answers and points are
  written, in the same transaction. Two processes handling one round, or a retry after a
  commit whose reply was lost, award it once.
- Leaderboard totals (per server and everywhere, all-time and per UTC month) are
  updated in that transaction too, so a page reads a few index rows, never the ledger,
  and a process dying at any moment leaves ledger and totals in agreement.
- Recovery marks interrupted games of this process's shards only, with a conditional
  update whose ``RETURNING`` rows are the games this process reports.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import fields, replace
from pathlib import Path
from typing import Any, cast

from bot.quiz.game import PlayerId, RoundResult
from bot.quiz.model import MODES, Mode
from bot.store.backend import Backend, Transaction
from bot.store.model import (
    ALL_TIME,
    EVERYWHERE,
    GuildSettings,
    InterruptedGame,
    Leaderboard,
    LeaderRow,
    Period,
    month_key,
)


class QuizStore:
    """Async access to the quiz database. Open with :meth:`open`, close with :meth:`close`."""

    def __init__(self, db: Backend, wall: Callable[[], float] = time.time) -> None:
        self.db = db
        self.wall = wall

    @classmethod
    async def open(cls, target: Path | str, *, wall: Callable[[], float] = time.time, pool_size: int = 4) -> QuizStore:
        """Connect to ``target`` (a SQLite path or a ``postgresql://`` URL) and bring its schema up to date."""
        from bot.store.location import open_migrated

        db = await open_migrated(target, pool_size=pool_size)
        return cls(db, wall)

    async def close(self) -> None:
        await self.db.close()

    async def schema_version(self) -> int:
        from bot.store.migrations import current_version

        return await current_version(self.db)

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
        async with self.db.transaction() as tx:
            rows = await tx.fetchall(
                "INSERT INTO games (guild_id, channel_id, started_by, mode, difficulty, category, rounds, seed, started_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (guild_id, channel_id, started_by, mode, difficulty, category, rounds, seed, self.wall()),
            )
        return int(rows[0][0])

    async def mark_asked(self, channel_id: int, question_key: str) -> None:
        async with self.db.transaction() as tx:
            await tx.execute(
                "INSERT INTO recent_questions (channel_id, question_key, asked_at) VALUES (?, ?, ?)"
                " ON CONFLICT (channel_id, question_key) DO UPDATE SET asked_at = excluded.asked_at",
                (channel_id, question_key, self.wall()),
            )

    async def recent_questions(self, channel_id: int) -> dict[str, float]:
        rows = await self.db.fetchall(
            "SELECT question_key, asked_at FROM recent_questions WHERE channel_id = ?", (channel_id,)
        )
        return {key: at for key, at in rows}

    async def record_round(self, game_id: int, guild_id: int | None, result: RoundResult) -> bool:
        """The round, its answers, its points and the totals, in one transaction.

        Returns False (and writes nothing) when the round was already recorded, by this
        process or another.
        """
        now = self.wall()
        winner = result.winner
        number = result.number
        points = {_uid(a.player): a.points.total for a in result.awards}
        names = {_uid(a.player): a.name for a in result.awards}
        async with self.db.transaction() as tx:
            claimed = await tx.fetchall(
                "INSERT INTO rounds (game_id, number, question_key, outcome, winner_id, hints, attempts, duration,"
                " ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (game_id, number) DO NOTHING RETURNING number",
                (game_id, number, result.question.key, result.outcome, _uid(winner.player) if winner else None,
                 result.hints, result.attempts, max(0.0, result.ended_at - result.started_at), now),
            )  # fmt: skip
            if not claimed:
                return False
            await tx.executemany(
                "INSERT INTO answers (game_id, round_number, user_id, option, correct) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (game_id, round_number, user_id) DO NOTHING",
                [(game_id, number, _uid(p), option, int(ok)) for p, option, ok in result.picks],
            )
            await tx.executemany(
                "INSERT INTO scores (guild_id, user_id, game_id, round_number, points, awarded_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [(guild_id, uid, game_id, number, total, now) for uid, total in sorted(points.items())],
            )
            await tx.executemany(
                "INSERT INTO players (user_id, name, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT (user_id) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at",
                [(uid, name, now) for uid, name in sorted(names.items())],
            )
            await _add_totals(tx, guild_id, now, points)
        return True

    async def finish_game(self, game_id: int, status: str) -> None:
        async with self.db.transaction() as tx:
            await tx.execute("UPDATE games SET status = ?, ended_at = ? WHERE id = ?", (status, self.wall(), game_id))

    async def recover(self, *, shard_count: int | None = None, shard_ids: Iterable[int] = ()) -> list[InterruptedGame]:
        """Mark games left running by a crash or restart as abandoned; return them with their scores.

        With ``shard_count`` and ``shard_ids``, only games of guilds on those shards
        (``(guild_id >> 22) % shard_count``, direct messages on shard 0): another
        process's games are its own to report. Each game is reported by one process, once.
        """
        where, params = "status = 'running'", [self.wall()]
        shards = sorted(set(shard_ids))
        if shard_count and shards:
            where += f" AND ((COALESCE(guild_id, 0) >> 22) % ?) IN ({', '.join('?' * len(shards))})"
            params += [shard_count, *shards]
        async with self.db.transaction() as tx:
            marked = await tx.fetchall(
                f"UPDATE games SET status = 'abandoned', ended_at = ? WHERE {where} RETURNING id, guild_id, channel_id",
                params,
            )
        out = []
        for game_id, guild_id, channel_id in sorted(marked):
            played = await self.db.scalar("SELECT COUNT(*) FROM rounds WHERE game_id = ?", (game_id,))
            rows = await self.db.fetchall(
                "SELECT s.user_id, COALESCE(p.name, ''), SUM(s.points) AS total FROM scores s"
                " LEFT JOIN players p ON p.user_id = s.user_id WHERE s.game_id = ?"
                " GROUP BY s.user_id, p.name ORDER BY total DESC, s.user_id",
                (game_id,),
            )
            scores = tuple((int(uid), str(name), int(total)) for uid, name, total in rows)
            out.append(InterruptedGame(int(game_id), guild_id, int(channel_id), int(played), scores))
        return out

    # -- leaderboards ----------------------------------------------------------------------------
    async def leaderboard(
        self, *, guild_id: int | None, period: Period = "all-time", user_id: int | None = None, limit: int = 10
    ) -> Leaderboard:
        """Top ``limit`` by points in a server (or globally with ``guild_id=None``), plus the user's own rank.

        Reads the totals through their rank index: the cost does not grow with the ledger.
        """
        key = (
            EVERYWHERE if guild_id is None else guild_id,
            ALL_TIME if period == "all-time" else month_key(self.wall()),
        )
        top = await self.db.fetchall(
            "SELECT t.user_id, COALESCE(p.name, ''), t.points, t.correct FROM totals t"
            " LEFT JOIN players p ON p.user_id = t.user_id WHERE t.scope = ? AND t.period = ?"
            " ORDER BY t.points DESC, t.correct DESC, t.user_id LIMIT ?",
            (*key, limit),
        )
        rows: list[LeaderRow] = []
        for i, (uid, name, points, correct) in enumerate(top):
            rank = rows[-1].rank if rows and rows[-1].points == points else i + 1  # ties share a rank
            rows.append(LeaderRow(rank, int(uid), str(name), int(points), int(correct)))
        me = None
        if user_id is not None:
            me = next((r for r in rows if r.user_id == user_id), None) or await self.rank(key, user_id)
        players = await self.db.scalar("SELECT players FROM scope_players WHERE scope = ? AND period = ?", key)
        return Leaderboard(tuple(rows), me, int(players or 0))

    async def rank(self, key: tuple[int, str], user_id: int) -> LeaderRow | None:
        """One player's row and rank: 1 + the players in the point buckets above (not a count of each player)."""
        row = await self.db.fetchone(
            "SELECT t.user_id, COALESCE(p.name, ''), t.points, t.correct FROM totals t"
            " LEFT JOIN players p ON p.user_id = t.user_id WHERE t.scope = ? AND t.period = ? AND t.user_id = ?",
            (*key, user_id),
        )
        if row is None:
            return None
        above = await self.db.scalar(
            "SELECT COALESCE(SUM(players), 0) FROM rank_buckets WHERE scope = ? AND period = ? AND points > ?",
            (*key, row[2]),
        )
        return LeaderRow(int(above) + 1, int(row[0]), str(row[1]), int(row[2]), int(row[3]))

    # -- settings --------------------------------------------------------------------------------
    async def guild_settings(self, guild_id: int) -> GuildSettings:
        row = await self.db.fetchone(
            "SELECT time_per_question, rounds, hints, mode FROM guild_settings WHERE guild_id = ?", (guild_id,)
        )
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
        async with self.db.transaction() as tx:
            await tx.execute(
                "INSERT INTO guild_settings (guild_id, time_per_question, rounds, hints, mode, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id) DO UPDATE SET"
                " time_per_question = excluded.time_per_question, rounds = excluded.rounds,"
                " hints = excluded.hints, mode = excluded.mode, updated_at = excluded.updated_at",
                (guild_id, settings.time_per_question, settings.rounds, int(settings.hints), settings.mode,
                 self.wall()),
            )  # fmt: skip
        return settings

    # -- privacy ---------------------------------------------------------------------------------
    async def forget_user(self, user_id: int) -> int:
        """Delete everything stored about a user; returns how many rows went (totals not counted: derived)."""
        counts = []
        async with self.db.transaction() as tx:
            await tx.execute(
                "UPDATE rank_buckets SET players = players - 1"
                " WHERE (scope, period, points) IN (SELECT scope, period, points FROM totals WHERE user_id = ?)",
                (user_id,),
            )
            await tx.execute(
                "UPDATE scope_players SET players = players - 1"
                " WHERE (scope, period) IN (SELECT scope, period FROM totals WHERE user_id = ?)",
                (user_id,),
            )
            await tx.execute("DELETE FROM totals WHERE user_id = ?", (user_id,))
            for sql in (
                "DELETE FROM scores WHERE user_id = ?",
                "DELETE FROM answers WHERE user_id = ?",
                "DELETE FROM players WHERE user_id = ?",
                "UPDATE rounds SET winner_id = NULL WHERE winner_id = ?",
                "UPDATE games SET started_by = NULL WHERE started_by = ?",
            ):
                counts.append(await tx.execute(sql, (user_id,)))
        return sum(counts)


async def _add_totals(tx: Transaction, guild_id: int | None, now: float, points: dict[int, int]) -> None:
    """Add a round's points to every (scope, period) they count in; count new players; move rank buckets.

    One multi-row upsert; a row whose ``correct`` comes back as 1 was just created. Each
    table's rows are written in key order, and the tables always in the same order, so two
    processes never lock the same rows in opposite orders.
    """
    if not points:
        return
    scopes = [guild_id, EVERYWHERE] if guild_id not in (None, EVERYWHERE) else [EVERYWHERE]
    periods = [ALL_TIME, month_key(now)]
    keys = sorted((scope, period, uid) for scope in scopes for period in periods for uid in points)
    changed = await tx.fetchall(
        f"INSERT INTO totals (scope, period, user_id, points, correct) VALUES {', '.join(['(?, ?, ?, ?, 1)'] * len(keys))}"
        " ON CONFLICT (scope, period, user_id) DO UPDATE SET points = totals.points + excluded.points,"
        " correct = totals.correct + 1 RETURNING scope, period, user_id, points, correct",
        [value for scope, period, uid in keys for value in (scope, period, uid, points[uid])],
    )
    new = sorted(Counter((scope, period) for scope, period, _, _, correct in changed if correct == 1).items())
    if new:
        await tx.execute(
            f"INSERT INTO scope_players (scope, period, players) VALUES {', '.join(['(?, ?, ?)'] * len(new))}"
            " ON CONFLICT (scope, period) DO UPDATE SET players = scope_players.players + excluded.players",
            [value for (scope, period), count in new for value in (scope, period, count)],
        )
    moves: Counter[tuple[int, str, int]] = Counter()
    for scope, period, uid, total, correct in changed:
        moves[(int(scope), str(period), int(total))] += 1
        if correct != 1:  # the player leaves the bucket of their previous total
            moves[(int(scope), str(period), int(total) - points[int(uid)])] -= 1
    buckets = sorted((key, delta) for key, delta in moves.items() if delta)
    if buckets:
        await tx.execute(
            f"INSERT INTO rank_buckets (scope, period, points, players) VALUES {', '.join(['(?, ?, ?, ?)'] * len(buckets))}"
            " ON CONFLICT (scope, period, points) DO UPDATE SET players = rank_buckets.players + excluded.players",
            [value for (scope, period, total), delta in buckets for value in (scope, period, total, delta)],
        )


def _uid(player: PlayerId) -> int:
    return int(cast(Any, player))  # PlayerId is any hashable; this store keys players by Discord's int ids


__all__ = ["QuizStore"]
