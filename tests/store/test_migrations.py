"""Migrations on both backends: from empty and from every older version to the same schema; atomic steps."""

from __future__ import annotations

import asyncio

import pytest

from bot.store import location
from bot.store.check import check
from bot.store.migrations import MIGRATIONS, SCHEMA_VERSION, Migration, SchemaTooNew, current_version, migrate
from bot.store.quiz import QuizStore

#: Data as each older version could hold it, inserted before upgrading from that version.
SEED: dict[int, list[str]] = {
    1: [
        "INSERT INTO games (guild_id, channel_id, mode, rounds, started_at) VALUES (4194304, 2, 'text', 3, 1700000000)",
        "INSERT INTO rounds (game_id, number, question_key, outcome, hints, attempts, duration, ended_at)"
        " VALUES (1, 1, 'q1', 'answered', 0, 1, 3.5, 1700000100)",
        "INSERT INTO rounds (game_id, number, question_key, outcome, hints, attempts, duration, ended_at)"
        " VALUES (1, 2, 'q2', 'answered', 0, 1, 2.5, 1700000200)",
        "INSERT INTO scores (guild_id, user_id, game_id, round_number, points, awarded_at)"
        " VALUES (4194304, 7, 1, 1, 30, 1700000100)",  # November 2023
        "INSERT INTO scores (guild_id, user_id, game_id, round_number, points, awarded_at)"
        " VALUES (4194304, 8, 1, 2, 20, 1700000200)",
        "INSERT INTO players (user_id, name, updated_at) VALUES (7, 'ann', 0)",
        "INSERT INTO guild_settings (guild_id, rounds, updated_at) VALUES (4194304, 5, 0)",
    ],
}

#: A version-2 database: the same data with the totals that version kept (its own backfill computes them).
SEED[2] = SEED[1] + [s for s in MIGRATIONS[1].statements("sqlite") if "INSERT INTO" in s]


def test_the_shipped_steps_are_numbered_without_gaps() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, SCHEMA_VERSION + 1))
    for step in MIGRATIONS:
        for dialect in ("sqlite", "postgresql"):
            assert step.statements(dialect), (step.name, dialect)  # type: ignore[arg-type]
            assert not any("ID_PRIMARY_KEY" in s or "MONTH_OF" in s for s in step.statements(dialect))  # type: ignore[arg-type]


async def test_from_empty_and_from_every_older_version_the_schema_is_the_same(database_url: str) -> None:
    db = await location.connect(database_url)
    try:
        assert await current_version(db) == 0
        assert await migrate(db) == list(range(1, SCHEMA_VERSION + 1))
        fresh = await db.tables()
        assert await migrate(db) == []  # nothing left to do
    finally:
        await db.close()
    for start in range(1, SCHEMA_VERSION):
        await _reset(database_url)
        db = await location.connect(database_url)
        try:
            assert await migrate(db, target=start) == list(range(1, start + 1))
            async with db.transaction() as tx:
                for statement in SEED.get(start, []):
                    await tx.execute(_spelled(statement, db.dialect))
            assert await migrate(db) == list(range(start + 1, SCHEMA_VERSION + 1))
            assert await db.tables() == fresh, f"upgraded from version {start}"
        finally:
            await db.close()
        if start in SEED:
            await _check_seed_survived(database_url)


def _spelled(statement: str, dialect: str) -> str:
    if dialect == "postgresql":  # the backfill was taken in SQLite's spelling
        return statement.replace(
            "strftime('%Y-%m', awarded_at, 'unixepoch')",
            "to_char(to_timestamp(awarded_at) AT TIME ZONE 'UTC', 'YYYY-MM')",
        )
    return statement


async def _check_seed_survived(url: str) -> None:
    store = await QuizStore.open(url, wall=lambda: 1700000300.0)  # still November 2023
    try:
        board = await store.leaderboard(guild_id=4194304, user_id=8)
        assert [(r.user_id, r.name, r.points) for r in board.rows] == [(7, "ann", 30), (8, "", 20)]
        assert board.players == 2 and board.me is not None and board.me.rank == 2
        assert (await check(store.db))[1] == []  # totals and rank buckets agree with the ledger
        month = await store.leaderboard(guild_id=None, period="this-month")
        assert [r.points for r in month.rows] == [30, 20]
        assert (await store.guild_settings(4194304)).rounds == 5
        assert await store.create_game(guild_id=1, channel_id=1, started_by=1, mode="text", rounds=1) == 2  # ids go on
    finally:
        await store.close()


async def _reset(url: str) -> None:
    """Empty the database (the same one, so each start version is tested on the fixture's backend)."""
    db = await location.connect(url)
    try:
        tables = [name for name, columns in (await db.tables()).items() if columns != ("index",)]
        async with db.transaction() as tx:
            for table in tables:
                await tx.execute(
                    f"DROP TABLE IF EXISTS {table} CASCADE"
                    if db.dialect == "postgresql"
                    else f"DROP TABLE IF EXISTS {table}"
                )
            if db.dialect == "sqlite":
                await tx.execute("PRAGMA user_version = 0")
    finally:
        await db.close()


async def test_a_failed_step_leaves_the_previous_version(database_url: str) -> None:
    broken = (
        *MIGRATIONS,
        Migration(
            SCHEMA_VERSION + 1, "broken", "CREATE TABLE half (x INTEGER);\nINSERT INTO no_such_table VALUES (1);\n"
        ),
    )
    db = await location.connect(database_url)
    try:
        with pytest.raises(Exception, match="no_such_table"):
            await migrate(db, broken)
        assert await current_version(db) == SCHEMA_VERSION
        assert "half" not in await db.tables()  # the step's first statement went with it
    finally:
        await db.close()


async def test_a_newer_database_is_refused(database_url: str) -> None:
    db = await location.connect(database_url)
    try:
        await migrate(db)
        with pytest.raises(SchemaTooNew, match="newer"):
            await migrate(db, MIGRATIONS[:-1])
    finally:
        await db.close()


async def test_processes_starting_together_apply_each_step_once(database_url: str) -> None:
    backends = [await location.connect(database_url) for _ in range(3)]
    try:
        applied = await asyncio.gather(*(migrate(db) for db in backends))
        assert sorted(v for steps in applied for v in steps) == list(range(1, SCHEMA_VERSION + 1))
        versions = await backends[0].fetchall("SELECT version FROM schema_migrations ORDER BY version")
        assert [v for (v,) in versions] == list(range(1, SCHEMA_VERSION + 1))
    finally:
        for db in backends:
            await db.close()
