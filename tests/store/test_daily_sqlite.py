"""The daily question's SQLite store: settings, one post per day, one answer per member, reveals, restarts."""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.store.daily import DailyAnswer, DailyPost, DailyStore, Tally
from bot.store.daily_sqlite import SCHEMA_VERSION, SqliteDailyStore
from bot.store.sqlite import QuizStore

UTC = dt.UTC
GUILD, OTHER_GUILD, CHANNEL = 11, 12, 21
D = dt.date(2026, 10, 3)
AT = dt.time(18, 0, tzinfo=UTC)
NOON = dt.datetime(2026, 10, 3, 12, tzinfo=UTC)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "quiz.sqlite3"


@pytest.fixture
async def store(db_path: Path) -> AsyncIterator[SqliteDailyStore]:
    opened = await SqliteDailyStore.open(db_path)
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


def test_the_sqlite_store_is_a_daily_store(store: SqliteDailyStore) -> None:
    checked: DailyStore = store  # mypy checks the Protocol here; this checks nothing is missing at runtime
    assert all(hasattr(checked, name) for name in DailyStore.__dict__ if not name.startswith("_"))


async def test_schema_has_its_own_version_row_beside_the_quiz_store(db_path: Path) -> None:
    quiz = await QuizStore.open(db_path)
    quiz_version = await quiz.schema_version()
    store = await SqliteDailyStore.open(db_path)
    assert await store.schema_version() == SCHEMA_VERSION
    assert await quiz.schema_version() == quiz_version  # PRAGMA user_version is the quiz store's alone
    await store.close()
    again = await SqliteDailyStore.open(db_path)  # CREATE IF NOT EXISTS: opening twice is fine
    assert await again.schema_version() == SCHEMA_VERSION
    await again.close()
    await quiz.close()


async def test_a_newer_schema_is_refused(db_path: Path) -> None:
    await (await SqliteDailyStore.open(db_path)).close()
    with sqlite3.connect(db_path) as db:
        db.execute("UPDATE daily_meta SET value = ? WHERE key = 'schema_version'", (SCHEMA_VERSION + 1,))
    with pytest.raises(RuntimeError, match="newer"):
        await SqliteDailyStore.open(db_path)


async def test_settings_set_change_and_turn_off(store: SqliteDailyStore) -> None:
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


async def test_one_post_per_guild_per_day(store: SqliteDailyStore, db_path: Path) -> None:
    assert await store.claim_post(a_post())
    assert not await store.claim_post(a_post(key="q:2"))  # the day is taken, whatever the question
    assert await store.claim_post(a_post(guild=OTHER_GUILD))
    assert await store.claim_post(a_post(day=D + dt.timedelta(days=1), key="q:2"))
    stored = await store.post(GUILD, D)
    assert stored is not None and stored.question_key == "q:1" and stored.options == a_post().options
    with sqlite3.connect(db_path) as db, pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO daily_posts (guild_id, day, channel_id, question_key, prompt, options, correct, answer,"
            " reveal, posted_at) VALUES (?, ?, 1, 'x', 'x', '[]', 0, 'x', 'x', 0)",
            (GUILD, D.isoformat()),
        )  # the database itself holds the rule, not only this class


async def test_a_post_that_could_not_be_sent_is_given_back(store: SqliteDailyStore) -> None:
    assert await store.claim_post(a_post())
    await store.release_post(GUILD, D)
    assert await store.post(GUILD, D) is None
    assert await store.claim_post(a_post())
    await store.set_message(GUILD, D, 555)
    await store.release_post(GUILD, D)  # sent: stays
    stored = await store.post(GUILD, D)
    assert stored is not None and stored.message_id == 555


async def test_one_answer_per_member_per_day_and_the_first_stands(store: SqliteDailyStore, db_path: Path) -> None:
    await store.claim_post(a_post())
    recorded, standing = await store.record_answer(an_answer(1, correct=False, option=0))
    assert recorded and not standing.correct
    recorded, standing = await store.record_answer(an_answer(1, correct=True, option=1))
    assert not recorded and not standing.correct and standing.option == 0
    assert (await store.record_answer(an_answer(2, correct=True)))[0]
    assert await store.tally(GUILD, D) == Tally(answered=2, right=1)
    assert [a.user_id for a in await store.right_answers(GUILD, D)] == [2]
    with sqlite3.connect(db_path) as db, pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO daily_answers (guild_id, day, user_id, name, correct, answered_at) VALUES (?, ?, 1, 'x', 1, 0)",
            (GUILD, D.isoformat()),
        )


async def test_simultaneous_answers_from_two_connections_count_once(db_path: Path) -> None:
    one, two = await SqliteDailyStore.open(db_path), await SqliteDailyStore.open(db_path)
    await one.claim_post(a_post())
    results = await asyncio.gather(
        *(store.record_answer(an_answer(7, correct=n % 2 == 0, option=n % 4)) for n, store in enumerate([one, two] * 5))
    )
    assert sum(recorded for recorded, _ in results) == 1
    assert len({standing for _, standing in results}) == 1  # everyone is told the same answer stands
    claims = await asyncio.gather(*(s.claim_post(a_post(day=D + dt.timedelta(days=1))) for s in [one, two] * 3))
    assert claims.count(True) == 1
    assert (await one.tally(GUILD, D)).answered == 1
    await one.close()
    await two.close()


async def test_no_answer_without_an_open_post(store: SqliteDailyStore) -> None:
    with pytest.raises(LookupError):
        await store.record_answer(an_answer(1, correct=True))
    await store.claim_post(a_post())
    assert await store.claim_reveal(GUILD, D, NOON)
    with pytest.raises(LookupError):  # revealed: closed for answers
        await store.record_answer(an_answer(1, correct=True))


async def test_a_reveal_happens_once(store: SqliteDailyStore) -> None:
    await store.claim_post(a_post())
    assert [p.day for p in await store.open_posts()] == [D]
    assert (await store.current_post(GUILD)) is not None
    claims = await asyncio.gather(*(store.claim_reveal(GUILD, D, NOON) for _ in range(5)))
    assert claims.count(True) == 1
    assert await store.open_posts() == [] and await store.current_post(GUILD) is None
    await store.release_reveal(GUILD, D)  # the message failed: open again for the next try
    assert [p.day for p in await store.open_posts()] == [D]


async def test_a_restart_keeps_everything(db_path: Path) -> None:
    before = await SqliteDailyStore.open(db_path)
    await before.configure(GUILD, CHANNEL, AT, NOON)
    await before.claim_post(a_post())
    await before.set_message(GUILD, D, 777)
    await before.record_answer(an_answer(1, correct=True))
    await before.close()

    after = await SqliteDailyStore.open(db_path)
    config = await after.config(GUILD)
    assert config is not None and config.at == AT and config.since == NOON
    post = await after.current_post(GUILD)
    assert post is not None and post.day == D and post.message_id == 777 and post.revealed_at is None
    assert not (await after.record_answer(an_answer(1, correct=False)))[0]  # still answered
    assert await after.tally(GUILD, D) == Tally(1, 1)
    assert await after.recent_keys(GUILD) == ["q:1"]
    await after.close()


async def test_streaks_run_over_posted_days(store: SqliteDailyStore) -> None:
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


async def test_streaks_are_per_guild(store: SqliteDailyStore) -> None:
    for guild in (GUILD, OTHER_GUILD):
        await store.claim_post(a_post(guild=guild))
    await store.claim_post(a_post(guild=GUILD, day=D + dt.timedelta(days=1)))
    await store.record_answer(an_answer(1, correct=True, guild=GUILD))
    await store.record_answer(an_answer(1, correct=True, guild=GUILD, day=D + dt.timedelta(days=1)))
    await store.record_answer(an_answer(1, correct=True, guild=OTHER_GUILD))
    assert await store.streaks(GUILD, D + dt.timedelta(days=1)) == {1: 2}
    assert await store.streaks(OTHER_GUILD, D) == {1: 1}


async def test_forgetting_a_member_deletes_their_answers(store: SqliteDailyStore) -> None:
    await store.claim_post(a_post())
    await store.record_answer(an_answer(1, correct=True))
    await store.record_answer(an_answer(2, correct=True))
    assert await store.forget_user(1) == 1
    assert await store.answer(GUILD, D, 1) is None and await store.answer(GUILD, D, 2) is not None
