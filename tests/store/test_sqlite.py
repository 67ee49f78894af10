"""The SQLite backend: WAL mode, files from before schema_migrations, refusal by older bots."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from support.store_helpers import play_round, totals_disagreements

from bot.knowledge import KnowledgeBase
from bot.store.migrations import MIGRATIONS, SCHEMA_VERSION
from bot.store.quiz import QuizStore


async def test_new_database_gets_the_schema_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "data" / "quiz.sqlite3"
    store = await QuizStore.open(path)
    assert await store.schema_version() == SCHEMA_VERSION
    await store.close()
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        # The version is also in the file header, where a bot from before schema_migrations looks:
        # it refuses a database newer than itself instead of writing into it.
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"games", "rounds", "answers", "scores", "players", "guild_settings", "recent_questions"} <= tables


async def test_a_file_from_before_schema_migrations_is_adopted_and_upgraded(tmp_path: Path, kb: KnowledgeBase) -> None:
    """Version 1 files carried their version only in PRAGMA user_version; their data is kept."""
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.executescript(MIGRATIONS[0].statements("sqlite")[0] + ";")  # games
        for statement in MIGRATIONS[0].statements("sqlite")[1:]:
            raw.execute(statement)
        raw.execute("PRAGMA user_version = 1")
        raw.execute(
            "INSERT INTO games (id, guild_id, channel_id, mode, rounds, started_at) VALUES (5, 1, 2, 'text', 3, 0)"
        )
        raw.execute(
            "INSERT INTO scores (guild_id, user_id, game_id, round_number, points, awarded_at) VALUES (1, 7, 5, 1, 40, 0)"
        )
        raw.execute("INSERT INTO players (user_id, name, updated_at) VALUES (7, 'ann', 0)")
    store = await QuizStore.open(path)
    assert await store.schema_version() == SCHEMA_VERSION
    adopted = await store.db.fetchall("SELECT version, name FROM schema_migrations ORDER BY version")
    assert adopted[0] == (1, "adopted") and [v for v, _ in adopted] == list(range(1, SCHEMA_VERSION + 1))
    board = await store.leaderboard(guild_id=1, user_id=7)
    assert [(r.name, r.points, r.correct) for r in board.rows] == [("ann", 40, 1)] and board.players == 1
    await store.record_round(5, 1, play_round(kb, {7: "ann"}, 2))
    assert await totals_disagreements(store.db) == []
    await store.close()


async def test_a_database_written_by_a_newer_bot_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "quiz.sqlite3"
    await (await QuizStore.open(path)).close()
    with sqlite3.connect(path) as raw:
        raw.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'future', 0)", (SCHEMA_VERSION + 1,)
        )
    with pytest.raises(RuntimeError, match="newer"):
        await QuizStore.open(path)
