"""The daily question's store on both backends: settings, one post per day, one answer per member,
reveals, restarts, and adopting a SQLite file written by the old SQLite-only daily store."""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import psycopg
import pytest

from bot.store import location
from bot.store.check import check
from bot.store.daily import DailyAnswer, DailyPost, DailyStore, Tally
from bot.store.daily_store import TABLES, SQLDailyStore
from bot.store.migrations import SCHEMA_VERSION, SchemaTooNew, current_version, migrate
from bot.store.quiz import QuizStore

UTC = dt.UTC
GUILD, OTHER_GUILD, CHANNEL = 11, 12, 21
D = dt.date(2026, 10, 3)
AT = dt.time(18, 0, tzinfo=UTC)
NOON = dt.datetime(2026, 10, 3, 12, tzinfo=UTC)
VIOLATION = (sqlite3.IntegrityError, psycopg.IntegrityError)


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[SQLDailyStore]:
    opened = await SQLDailyStore.open(database_url)
    yield opened
    await opened.close()


def a_post(day: dt.date = D, guild: int = GUILD, key: str = "q:1", correct: int = 1) -> DailyPost:
    return DailyPost(
        guild_id=guild, day=day, channel_id=CHANNEL, question_key=key, prompt=f"Question {key}?",
        options=("A one", "B two", "C three", "D four"), correct=correct, answer="B two",
        reveal="B two won. More notes.", posted_at=dt.datetime.combine(day, AT),
    )  # fmt: skip


def an_answer(user: int, correct: bool, day: dt.date = D, guild: int = GUILD, option: int | None = 1) -> DailyAnswer:
    return DailyAnswer(
        guild_id=guild, day=day, user_id=user, name=f"user{user}", option=option, correct=correct,
        answered_at=dt.datetime.combine(day, AT) + dt.timedelta(minutes=user),
    )  # fmt: skip


def test_the_store_is_a_daily_store(store: SQLDailyStore) -> None:
    checked: DailyStore = store  # mypy checks the Protocol here; this checks nothing is missing at runtime
    assert all(hasattr(checked, name) for name in DailyStore.__dict__ if not name.startswith("_"))


async def test_its_tables_come_with_the_quiz_schema(database_url: str) -> None:
    store = await SQLDailyStore.open(database_url)
    try:
        assert await current_version(store.db) == SCHEMA_VERSION
        assert set(TABLES) <= set(await store.db.tables())
    finally:
        await store.close()
    quiz = await QuizStore.open(database_url)  # the same database, the same version: one schema
    try:
        assert await quiz.schema_version() == SCHEMA_VERSION
    finally:
        await quiz.close()


async def test_a_newer_database_is_refused(database_url: str) -> None:
    await (await SQLDailyStore.open(database_url)).close()
    db = await location.connect(database_url)
    async with db.transaction() as tx:
        await tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'future', 0)", (SCHEMA_VERSION + 1,)
        )
    await db.close()
    with pytest.raises(SchemaTooNew, match="newer"):
        await SQLDailyStore.open(database_url)


async def _raw(url: str, sql: str, params: tuple[object, ...]) -> None:
    """One statement past the store, straight to the database."""
    db = await location.connect(url)
    try:
        async with db.transaction() as tx:
            await tx.execute(sql, params)
    finally:
        await db.close()


async def test_settings_set_change_and_turn_off(store: SQLDailyStore) -> None:
    assert await store.config(GUILD) is None
    first = await store.configure(GUILD, CHANNEL, AT, NOON)
    assert (first.channel_id, first.at, first.enabled, first.since) == (CHANNEL, AT, True, NOON)
    later = NOON + dt.timedelta(hours=1)
    moved = await store.configure(GUILD, 99, dt.time(7, 30, tzinfo=UTC), later)
    assert (moved.channel_id, moved.at.hour, moved.at.minute, moved.since) == (99, 7, 30, later)
    assert await store.disable(GUILD)
    assert not await store.disable(GUILD)  # already off
    off = await store.config(GUILD)
    assert off is not None and not off.enabled
    assert [c.guild_id for c in await store.configs()] == [GUILD]
    assert (await store.configure(GUILD, CHANNEL, AT, later)).enabled  # set again: on again


async def test_one_post_per_guild_per_day(store: SQLDailyStore, database_url: str) -> None:
    assert await store.claim_post(a_post())
    assert not await store.claim_post(a_post(key="q:2"))  # the day is taken, whatever the question
    assert await store.claim_post(a_post(guild=OTHER_GUILD))
    assert await store.claim_post(a_post(day=D + dt.timedelta(days=1), key="q:2"))
    stored = await store.post(GUILD, D)
    assert stored is not None and stored.question_key == "q:1" and stored.options == a_post().options
    with pytest.raises(VIOLATION):  # the database itself holds the rule, not only this class
        await _raw(
            database_url,
            "INSERT INTO daily_posts (guild_id, day, channel_id, question_key, prompt, options, correct, answer,"
            " reveal, posted_at) VALUES (?, ?, 1, 'x', 'x', '[]', 0, 'x', 'x', 0)",
            (GUILD, D.isoformat()),
        )


async def test_a_post_that_could_not_be_sent_is_given_back(store: SQLDailyStore) -> None:
    assert await store.claim_post(a_post())
    await store.release_post(GUILD, D)
    assert await store.post(GUILD, D) is None
    assert await store.claim_post(a_post())
    await store.set_message(GUILD, D, 555)
    await store.release_post(GUILD, D)  # sent: stays
    stored = await store.post(GUILD, D)
    assert stored is not None and stored.message_id == 555


async def test_one_answer_per_member_per_day_and_the_first_stands(store: SQLDailyStore, database_url: str) -> None:
    await store.claim_post(a_post())
    recorded, standing = await store.record_answer(an_answer(1, correct=False, option=0))
    assert recorded and not standing.correct
    recorded, standing = await store.record_answer(an_answer(1, correct=True, option=1))
    assert not recorded and not standing.correct and standing.option == 0
    assert (await store.record_answer(an_answer(2, correct=True)))[0]
    assert await store.tally(GUILD, D) == Tally(answered=2, right=1)
    assert [a.user_id for a in await store.right_answers(GUILD, D)] == [2]
    with pytest.raises(VIOLATION):
        await _raw(
            database_url,
            "INSERT INTO daily_answers (guild_id, day, user_id, name, correct, answered_at) VALUES (?, ?, 1, 'x', 1, 0)",
            (GUILD, D.isoformat()),
        )


async def test_simultaneous_answers_from_two_connections_count_once(database_url: str) -> None:
    one, two = await SQLDailyStore.open(database_url), await SQLDailyStore.open(database_url)
    await one.claim_post(a_post())
    results = await asyncio.gather(
        *(store.record_answer(an_answer(7, correct=n % 2 == 0, option=n % 4)) for n, store in enumerate([one, two] * 5))
    )
    assert sum(recorded for recorded, _ in results) == 1
    assert len({standing for _, standing in results}) == 1  # everyone is told the same answer stands
    claims = await asyncio.gather(*(s.claim_post(a_post(day=D + dt.timedelta(days=1))) for s in [one, two] * 3))
    assert claims.count(True) == 1
    reveals = await asyncio.gather(*(s.claim_reveal(GUILD, D, NOON) for s in [one, two] * 3))
    assert reveals.count(True) == 1
    assert (await one.tally(GUILD, D)).answered == 1
    await one.close()
    await two.close()


async def test_answers_racing_the_reveal_are_all_in_its_tally(database_url: str) -> None:
    answering, revealing = await SQLDailyStore.open(database_url), await SQLDailyStore.open(database_url)
    try:
        await answering.claim_post(a_post())

        async def answer(user: int) -> bool:
            try:
                return (await answering.record_answer(an_answer(user, correct=True)))[0]
            except LookupError:  # revealed first: closed
                return False

        async def reveal() -> Tally:
            await asyncio.sleep(0)  # let some answers start first
            assert await revealing.claim_reveal(GUILD, D, NOON)
            return await revealing.tally(GUILD, D)

        *recorded, at_reveal = await asyncio.gather(*(answer(u) for u in range(1, 41)), reveal())
        assert at_reveal.answered == sum(recorded) == (await answering.tally(GUILD, D)).answered
    finally:
        await answering.close()
        await revealing.close()


async def test_no_answer_without_an_open_post(store: SQLDailyStore) -> None:
    with pytest.raises(LookupError):
        await store.record_answer(an_answer(1, correct=True))
    await store.claim_post(a_post())
    assert await store.claim_reveal(GUILD, D, NOON)
    with pytest.raises(LookupError):  # revealed: closed for answers
        await store.record_answer(an_answer(1, correct=True))


async def test_a_reveal_happens_once(store: SQLDailyStore) -> None:
    await store.claim_post(a_post())
    assert [p.day for p in await store.open_posts()] == [D]
    assert (await store.current_post(GUILD)) is not None
    claims = await asyncio.gather(*(store.claim_reveal(GUILD, D, NOON) for _ in range(5)))
    assert claims.count(True) == 1
    assert await store.open_posts() == [] and await store.current_post(GUILD) is None
    await store.release_reveal(GUILD, D)  # the message failed: open again for the next try
    assert [p.day for p in await store.open_posts()] == [D]


async def test_a_restart_keeps_everything(database_url: str) -> None:
    before = await SQLDailyStore.open(database_url)
    await before.configure(GUILD, CHANNEL, AT, NOON)
    await before.claim_post(a_post())
    await before.set_message(GUILD, D, 777)
    await before.record_answer(an_answer(1, correct=True))
    await before.close()

    after = await SQLDailyStore.open(database_url)
    config = await after.config(GUILD)
    assert config is not None and config.at == AT and config.since == NOON
    post = await after.current_post(GUILD)
    assert post is not None and post.day == D and post.message_id == 777 and post.revealed_at is None
    assert not (await after.record_answer(an_answer(1, correct=False)))[0]  # still answered
    assert await after.tally(GUILD, D) == Tally(1, 1)
    assert await after.recent_keys(GUILD) == ["q:1"]
    await after.close()


async def test_streaks_run_over_posted_days(store: SQLDailyStore) -> None:
    days = [D + dt.timedelta(days=n) for n in (0, 1, 3)]  # day 2 was never posted (bot down)
    for n, day in enumerate(days):
        await store.claim_post(a_post(day=day, key=f"q:{n}"))
    for day in days:
        await store.record_answer(an_answer(1, correct=True, day=day))  # right every day
    await store.record_answer(an_answer(2, correct=True, day=days[0]))
    await store.record_answer(an_answer(2, correct=False, day=days[1]))
    await store.record_answer(an_answer(2, correct=True, day=days[2]))
    await store.record_answer(an_answer(3, correct=False, day=days[2]))
    await store.record_answer(an_answer(4, correct=True, day=days[2]))  # a newcomer
    assert await store.streaks(GUILD, days[2]) == {1: 3, 2: 1, 4: 1}
    assert await store.streaks(GUILD, days[1]) == {1: 2}
    assert await store.recent_keys(GUILD, limit=2) == ["q:2", "q:1"]


async def test_streaks_are_per_guild(store: SQLDailyStore) -> None:
    for guild in (GUILD, OTHER_GUILD):
        await store.claim_post(a_post(guild=guild))
    await store.claim_post(a_post(guild=GUILD, day=D + dt.timedelta(days=1)))
    await store.record_answer(an_answer(1, correct=True, guild=GUILD))
    await store.record_answer(an_answer(1, correct=True, guild=GUILD, day=D + dt.timedelta(days=1)))
    await store.record_answer(an_answer(1, correct=True, guild=OTHER_GUILD))
    assert await store.streaks(GUILD, D + dt.timedelta(days=1)) == {1: 2}
    assert await store.streaks(OTHER_GUILD, D) == {1: 1}


async def test_forgetting_a_member_deletes_their_answers(store: SQLDailyStore) -> None:
    await store.claim_post(a_post())
    await store.record_answer(an_answer(1, correct=True))
    await store.record_answer(an_answer(2, correct=True))
    assert await store.forget_user(1) == 1
    assert await store.answer(GUILD, D, 1) is None and await store.answer(GUILD, D, 2) is not None


#: What the SQLite-only daily store (before schema version 4) created in the quiz's file: its statements
#: (bot/store/daily_sqlite.py SCHEMA, comments dropped) and the version row it wrote, then a day's data.
OLD_DAILY_SCHEMA = """
CREATE TABLE IF NOT EXISTS daily_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS daily_config (
    guild_id INTEGER PRIMARY KEY, channel_id INTEGER NOT NULL, post_time TEXT NOT NULL,
    enabled INTEGER NOT NULL DEFAULT 1, since REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS daily_posts (
    guild_id INTEGER NOT NULL, day TEXT NOT NULL, channel_id INTEGER NOT NULL, message_id INTEGER,
    question_key TEXT NOT NULL, prompt TEXT NOT NULL, options TEXT NOT NULL, correct INTEGER NOT NULL,
    answer TEXT NOT NULL, reveal TEXT NOT NULL, posted_at REAL NOT NULL, revealed_at REAL,
    PRIMARY KEY (guild_id, day)
);
CREATE INDEX IF NOT EXISTS daily_posts_open ON daily_posts(revealed_at) WHERE revealed_at IS NULL;
CREATE TABLE IF NOT EXISTS daily_answers (
    guild_id INTEGER NOT NULL, day TEXT NOT NULL, user_id INTEGER NOT NULL, name TEXT NOT NULL,
    option INTEGER, correct INTEGER NOT NULL, answered_at REAL NOT NULL,
    PRIMARY KEY (guild_id, day, user_id),
    FOREIGN KEY (guild_id, day) REFERENCES daily_posts(guild_id, day) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS daily_answers_user ON daily_answers(user_id);
INSERT INTO daily_meta VALUES ('schema_version', 1);
INSERT INTO daily_config VALUES (11, 21, '18:00', 1, 1791028800.0);
INSERT INTO daily_posts VALUES (11, '2026-10-03', 21, 777, 'q:1', 'Question q:1?',
    '["A one", "B two", "C three", "D four"]', 1, 'B two', 'B two won. More notes.', 1791050400.0, NULL);
INSERT INTO daily_answers VALUES (11, '2026-10-03', 1, 'user1', 1, 1, 1791050460.0);
"""


@pytest.mark.parametrize("quiz_version", [0, 3])  # a file with only the daily tables, or the quiz's too
async def test_a_file_from_the_old_sqlite_daily_store_is_adopted(tmp_path: Path, quiz_version: int) -> None:
    path = tmp_path / "old.sqlite3"
    if quiz_version:
        db = await location.connect(path)
        await migrate(db, target=quiz_version)
        await db.close()
    with sqlite3.connect(path) as old:
        old.executescript(OLD_DAILY_SCHEMA)

    store = await SQLDailyStore.open(path)
    try:
        assert await current_version(store.db) == SCHEMA_VERSION
        tables = await store.db.tables()
        assert "daily_meta" not in tables  # the old version row: schema_migrations has this step now
        assert (await check(store.db))[1] == []
        config = await store.config(GUILD)
        assert config is not None and config.at == AT and config.enabled
        post = await store.current_post(GUILD)
        assert post == DailyPost(
            guild_id=GUILD, day=D, channel_id=CHANNEL, question_key="q:1", prompt="Question q:1?",
            options=("A one", "B two", "C three", "D four"), correct=1, answer="B two",
            reveal="B two won. More notes.", posted_at=dt.datetime.combine(D, AT), message_id=777,
        )  # fmt: skip
        assert not (await store.record_answer(an_answer(1, correct=False)))[0]  # the old answer stands
        assert (await store.record_answer(an_answer(2, correct=True)))[0]
        assert await store.tally(GUILD, D) == Tally(2, 2)
        assert not await store.claim_post(a_post(key="q:2"))  # the old rows keep their rules
    finally:
        await store.close()
    fresh = await SQLDailyStore.open(tmp_path / "fresh.sqlite3")
    try:
        assert await fresh.db.tables() == tables  # the same tables, columns and indexes as a new file
    finally:
        await fresh.close()
