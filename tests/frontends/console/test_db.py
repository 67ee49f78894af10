"""``plm-trivia db``: migrate and check on both backends, copy SQLite to PostgreSQL and back."""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from support.store_helpers import play_round

from bot.frontends.console.cli import main
from bot.knowledge import KnowledgeBase
from bot.store import location
from bot.store.daily import DailyAnswer, DailyPost
from bot.store.daily_store import SQLDailyStore
from bot.store.migrations import SCHEMA_VERSION, migrate
from bot.store.quiz import QuizStore

NOV_15 = dt.datetime(2026, 11, 15, 12, tzinfo=dt.UTC).timestamp()


def db(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["db", *args])
    return code, capsys.readouterr().out


async def _fill(url: str, kb: KnowledgeBase) -> list[object]:
    """Two servers' games, settings and recent questions; returns what the bot would show."""
    store = await QuizStore.open(url, wall=lambda: NOV_15)
    try:
        for guild in (1, 2):
            game = await store.create_game(
                guild_id=guild, channel_id=guild * 10, started_by=7, mode="buttons", rounds=3
            )
            for n in range(1, 4):
                await store.record_round(game, guild, play_round(kb, {7: "ann", 8 + guild: f"p{guild}"}, n))
            await store.finish_game(game, "finished")
            await store.mark_asked(guild * 10, f"q{guild}")
        await store.update_guild_settings(2, rounds=7)
        await _fill_daily(url)
        return [*await _view(store), *await _daily_view(url)]
    finally:
        await store.close()


DAY = dt.date(2026, 11, 15)
AT = dt.datetime(2026, 11, 15, 18, tzinfo=dt.UTC)


async def _fill_daily(url: str) -> None:
    """A daily question set up, posted and answered by two members in server 1."""
    daily = await SQLDailyStore.open(url)
    try:
        await daily.configure(1, 10, AT.timetz(), AT)
        await daily.claim_post(DailyPost(1, DAY, 10, "q:1", "Which?", ("A", "B"), 1, "B", "B it was.", AT))
        await daily.set_message(1, DAY, 555)
        for user, right in ((7, True), (9, False)):
            await daily.record_answer(DailyAnswer(1, DAY, user, f"u{user}", int(right), right, AT))
    finally:
        await daily.close()


async def _daily_view(url: str) -> list[object]:
    daily = await SQLDailyStore.open(url)
    try:
        return [await daily.configs(), await daily.open_posts(), await daily.right_answers(1, DAY),
                await daily.streaks(1, DAY)]  # fmt: skip
    finally:
        await daily.close()


async def _view(store: QuizStore) -> list[object]:
    return [
        await store.leaderboard(guild_id=1, user_id=9),
        await store.leaderboard(guild_id=None, period="this-month", user_id=10),
        await store.guild_settings(2),
        await store.recent_questions(20),
    ]


async def _view_and_new_game(url: str) -> tuple[list[object], int]:
    store = await QuizStore.open(url, wall=lambda: NOV_15)
    try:
        return [*await _view(store), *await _daily_view(url)], await store.create_game(
            guild_id=1, channel_id=1, started_by=1, mode="text", rounds=1
        )
    finally:
        await store.close()


def test_migrate_then_check(database_url: str, capsys: pytest.CaptureFixture[str], kb: KnowledgeBase) -> None:
    code, out = db(capsys, "check", "--database-url", database_url)
    assert code == 1  # an empty database (or no SQLite file at all)
    code, out = db(capsys, "migrate", "--database-url", database_url)
    assert code == 0 and f"schema at version {SCHEMA_VERSION}" in out
    assert "nothing to do" in db(capsys, "migrate", "--database-url", database_url)[1]
    asyncio.run(_fill(database_url, kb))
    code, out = db(capsys, "check", "--database-url", database_url)
    assert code == 0 and out.rstrip().endswith("OK") and "scores: 12 rows" in out
    assert "daily_config: 1 rows" in out and "daily_posts: 1 rows" in out and "daily_answers: 2 rows" in out


def test_check_finds_totals_that_disagree_with_the_ledger(
    database_url: str, capsys: pytest.CaptureFixture[str], kb: KnowledgeBase
) -> None:
    asyncio.run(_fill(database_url, kb))

    async def tamper() -> None:
        backend = await location.connect(database_url)
        async with backend.transaction() as tx:
            await tx.execute("UPDATE totals SET points = points + 1 WHERE user_id = 7 AND scope = 1")
        await backend.close()

    asyncio.run(tamper())
    code, out = db(capsys, "check", "--database-url", database_url)
    assert code == 1 and "disagree with the ledger" in out


def test_check_finds_a_daily_answer_without_its_post(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kb: KnowledgeBase
) -> None:
    path = tmp_path / "bot.sqlite3"
    asyncio.run(_fill(str(path), kb))
    with sqlite3.connect(path) as raw:  # foreign keys off, as any sqlite3 shell has them
        raw.execute("DELETE FROM daily_posts")
    code, out = db(capsys, "check", "--database-url", str(path))
    assert code == 1 and "2 daily answer(s) without their post" in out


def test_an_empty_database_needs_migrate(database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    async def empty() -> None:
        await (await location.connect(database_url)).close()

    asyncio.run(empty())
    code, out = db(capsys, "check", "--database-url", database_url)
    assert code == 1 and "run plm-trivia db migrate" in out


def test_copy_sqlite_into_postgresql_and_back(
    tmp_path: Path, postgres_url: str, capsys: pytest.CaptureFixture[str], kb: KnowledgeBase
) -> None:
    sqlite = str(tmp_path / "bot.sqlite3")
    shown = asyncio.run(_fill(sqlite, kb))
    code, out = db(capsys, "copy", sqlite, postgres_url)
    assert code == 0 and "games 2" in out and "scores 12" in out and "daily_answers 2" in out
    view, game_id = asyncio.run(_view_and_new_game(postgres_url))
    assert view == shown
    assert game_id == 3  # ids continue after the copied ones
    assert db(capsys, "check", "--database-url", postgres_url)[0] == 0

    code, out = db(capsys, "copy", sqlite, postgres_url)
    assert code == 1 and "empty" in out  # never merges into a database with data

    back = str(tmp_path / "back.sqlite3")
    assert db(capsys, "copy", postgres_url, back)[0] == 0
    view, game_id = asyncio.run(_view_and_new_game(back))
    assert view[0] == shown[0] and game_id == 4


def test_copy_refuses_a_source_at_an_older_version(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    async def old() -> None:
        backend = await location.connect(tmp_path / "old.sqlite3")
        await migrate(backend, target=1)
        await backend.close()

    asyncio.run(old())
    code, out = db(capsys, "copy", str(tmp_path / "old.sqlite3"), str(tmp_path / "new.sqlite3"))
    assert code == 1 and "db migrate" in out
