"""Persistence: schema and migrations, scores across restart and crash, leaderboards, settings, privacy."""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from pathlib import Path

import pytest

from bot.knowledge import KnowledgeBase
from bot.quiz.clock import LoopClock
from bot.quiz.game import Game, RoundResult, RoundState, Standings
from bot.quiz.hints import Hint
from bot.quiz.matching import Matcher
from bot.quiz.questions import question_pool
from bot.quiz.session import QuizSession, SessionConfig
from bot.store.sqlite import SCHEMA_VERSION, GuildSettings, QuizStore, StoreRecorder, month_start

ROOT = Path(__file__).resolve().parents[2]
NOV_15 = dt.datetime(2026, 11, 15, 12, tzinfo=dt.UTC).timestamp()
OCT_15 = dt.datetime(2026, 10, 15, 12, tzinfo=dt.UTC).timestamp()


class Wall:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "quiz.sqlite3"


@pytest.fixture
async def store(db_path: Path) -> AsyncIterator[QuizStore]:
    opened = await QuizStore.open(db_path, wall=Wall(NOV_15))
    yield opened
    await opened.close()


def play_round(kb: KnowledgeBase, winners: dict[int, str], number: int = 1, seed: int = 1) -> RoundResult:
    """A closed buttons round where ``winners`` picked the right option (in that order)."""
    question = question_pool(kb).draw(1, seed=seed + number)[0]
    game = Game([question], Matcher(kb), mode="buttons", time_limit=30)
    game.next_round(0)
    for i, (player, name) in enumerate(winners.items()):
        game.choose(player, name, question.correct, i)
    result = game.close("timeout", 30)
    return replace(result, number=number)


async def test_new_database_gets_the_schema_in_wal_mode(store: QuizStore, db_path: Path) -> None:
    assert await store.schema_version() == SCHEMA_VERSION
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"games", "rounds", "answers", "scores", "players", "guild_settings", "recent_questions"} <= tables


async def test_reopening_does_not_migrate_twice_and_a_newer_schema_is_refused(db_path: Path) -> None:
    await (await QuizStore.open(db_path)).close()  # creates and migrates
    store = await QuizStore.open(db_path)
    assert await store.schema_version() == SCHEMA_VERSION
    await store.close()
    with sqlite3.connect(db_path) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(RuntimeError, match="newer"):
        await QuizStore.open(db_path)


async def test_a_failed_migration_leaves_the_old_version(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import bot.store.sqlite as module

    monkeypatch.setattr(module, "MIGRATIONS", (*module.MIGRATIONS, "CREATE TABLE broken (;"))
    monkeypatch.setattr(module, "SCHEMA_VERSION", len(module.MIGRATIONS))
    with pytest.raises(sqlite3.OperationalError):
        await QuizStore.open(db_path)
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == len(module.MIGRATIONS) - 1


async def test_scores_survive_a_restart(db_path: Path, kb: KnowledgeBase) -> None:
    store = await QuizStore.open(db_path, wall=Wall(NOV_15))
    game_id = await store.create_game(guild_id=1, channel_id=2, started_by=7, mode="buttons", rounds=3)
    await store.record_round(game_id, 1, play_round(kb, {7: "ann", 8: "bob"}, 1))
    await store.record_round(game_id, 1, play_round(kb, {7: "ann"}, 2))
    await store.finish_game(game_id, "finished")
    before = await store.leaderboard(guild_id=1)
    await store.close()

    store = await QuizStore.open(db_path, wall=Wall(NOV_15))
    after = await store.leaderboard(guild_id=1)
    await store.close()
    assert after == before
    assert [r.name for r in after.rows] == ["ann", "bob"] and after.rows[0].correct == 2


async def test_leaderboard_scopes_periods_and_own_rank(kb: KnowledgeBase, db_path: Path) -> None:
    wall = Wall(OCT_15)
    store = await QuizStore.open(db_path, wall=wall)
    old = await store.create_game(guild_id=1, channel_id=2, started_by=1, mode="buttons", rounds=1)
    await store.record_round(old, 1, play_round(kb, {50: "old-timer"}, 1))
    wall.now = NOV_15
    game = await store.create_game(guild_id=1, channel_id=2, started_by=1, mode="buttons", rounds=20)
    for n in range(1, 13):  # 12 players, player p scores in rounds 1..p
        await store.record_round(game, 1, play_round(kb, {p: f"p{p}" for p in range(12, n - 1, -1)}, n))
    other = await store.create_game(guild_id=9, channel_id=3, started_by=1, mode="buttons", rounds=1)
    await store.record_round(other, 9, play_round(kb, {99: "elsewhere"}, 1))

    server = await store.leaderboard(guild_id=1, user_id=50)
    assert len(server.rows) == 10 and server.players == 13
    assert server.rows[0].name == "p12" and server.rows[0].rank == 1
    assert server.me is not None and server.me.name == "old-timer" and server.me.rank > 10  # outside the top, shown

    month = await store.leaderboard(guild_id=1, period="this-month", user_id=50)
    assert month.me is None and month.players == 12  # the October points do not count this month

    everywhere = await store.leaderboard(guild_id=None, user_id=99)
    assert everywhere.players == 14 and everywhere.me and everywhere.me.name == "elsewhere"
    ranks = [r.rank for r in everywhere.rows]
    assert ranks == sorted(ranks)
    await store.close()


async def test_ties_share_a_rank(kb: KnowledgeBase, store: QuizStore) -> None:
    game = await store.create_game(guild_id=1, channel_id=2, started_by=1, mode="text", rounds=1)
    result = play_round(kb, {1: "ann"}, 1)
    await store.record_round(game, 1, result)
    second = await store.create_game(guild_id=1, channel_id=2, started_by=1, mode="text", rounds=1)
    await store.record_round(second, 1, play_round(kb, {2: "bob"}, 1))  # same question, same points
    board = await store.leaderboard(guild_id=1)
    assert [r.rank for r in board.rows] == [1, 1]


def test_month_start() -> None:
    assert month_start(NOV_15) == dt.datetime(2026, 11, 1, tzinfo=dt.UTC).timestamp()


async def test_guild_settings(store: QuizStore) -> None:
    assert await store.guild_settings(5) == GuildSettings()
    changed = await store.update_guild_settings(5, time_per_question=45, mode="text")
    assert changed == GuildSettings(time_per_question=45, rounds=10, hints=True, mode="text")
    assert await store.guild_settings(5) == changed
    assert (await store.update_guild_settings(5, hints=False)).time_per_question == 45
    for bad in ({"time_per_question": 5}, {"rounds": 0}, {"mode": "telepathy"}, {"colour": "red"}):
        with pytest.raises(ValueError):
            await store.update_guild_settings(5, **bad)
    assert await store.guild_settings(5) == GuildSettings(time_per_question=45, rounds=10, hints=False, mode="text")


async def test_recent_questions_per_channel(store: QuizStore) -> None:
    wall = store.wall
    assert isinstance(wall, Wall)
    await store.mark_asked(1, "a")
    wall.now += 10
    await store.mark_asked(1, "b")
    await store.mark_asked(2, "a")
    wall.now += 10
    await store.mark_asked(1, "a")  # asked again: the newer time counts
    assert await store.recent_questions(1) == {"a": NOV_15 + 20, "b": NOV_15 + 10}
    assert await store.recent_questions(3) == {}


async def test_forget_me_deletes_a_users_data(kb: KnowledgeBase, store: QuizStore) -> None:
    game = await store.create_game(guild_id=1, channel_id=2, started_by=7, mode="buttons", rounds=2)
    await store.record_round(game, 1, play_round(kb, {7: "ann", 8: "bob"}, 1))
    assert await store.forget_user(7) > 0
    board = await store.leaderboard(guild_id=None, user_id=7)
    assert [r.name for r in board.rows] == ["bob"] and board.me is None
    db = store._db
    for table in ("scores", "answers", "players"):
        async with db.execute(f"SELECT COUNT(*) FROM {table} WHERE user_id = 7") as cursor:
            assert (await cursor.fetchone())[0] == 0  # type: ignore[index]
    async with db.execute("SELECT COUNT(*) FROM games WHERE started_by = 7") as cursor:
        assert (await cursor.fetchone())[0] == 0  # type: ignore[index]
    assert await store.forget_user(7) == 0


CRASH_SCRIPT = textwrap.dedent(
    """
    import asyncio, os, sys
    from bot.knowledge import load_knowledge
    from bot.quiz.game import Game
    from bot.quiz.matching import Matcher
    from bot.quiz.questions import question_pool
    from bot.store.sqlite import QuizStore, StoreRecorder

    async def main(path):
        kb = load_knowledge("knowledge")
        store = await QuizStore.open(path)
        game_id = await store.create_game(guild_id=1, channel_id=2, started_by=7, mode="text", rounds=5)
        recorder = StoreRecorder(store, game_id, guild_id=1, channel_id=2)
        game = Game(question_pool(kb).draw(5, seed=3), Matcher(kb), time_limit=30)
        for _ in range(2):
            current = game.next_round(0)
            await recorder.asked(current)
            outcome = game.answer(7, "ann", current.question.options[current.question.correct], 1)
            assert outcome.status == "won", outcome
            await recorder.finished(outcome.result)
        current = game.next_round(0)
        await recorder.asked(current)
        print(sum(s.points for s in game.scores.values()), flush=True)
        os._exit(9)  # the process dies mid-round: no close, no commit of anything pending

    asyncio.run(main(sys.argv[1]))
    """
)


async def test_finished_rounds_count_after_a_crash_mid_game(db_path: Path) -> None:
    done = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-c", CRASH_SCRIPT, str(db_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 9, done.stderr
    points = int(done.stdout.strip())
    store = await QuizStore.open(db_path)
    interrupted = await store.recover()
    assert len(interrupted) == 1
    game = interrupted[0]
    assert (game.channel_id, game.rounds_played) == (2, 2)
    assert game.scores == ((7, "ann", points),)
    board = await store.leaderboard(guild_id=1)
    assert board.rows[0].points == points and board.rows[0].correct == 2
    assert await store.recover() == []  # marked abandoned: reported once
    assert len(await store.recent_questions(2)) == 3  # the question asked when it died counts as seen
    await store.close()


class Quiet:
    async def question(self, session: QuizSession, current: RoundState) -> None: ...
    async def hint(self, session: QuizSession, current: RoundState, hint: Hint) -> None: ...
    async def reveal(self, session: QuizSession, result: RoundResult) -> None: ...
    async def end(self, session: QuizSession, standings: Standings) -> None: ...


async def eventually(condition: Callable[[], bool], seconds: float = 5.0) -> None:
    for _ in range(int(seconds / 0.01)):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("condition not reached")


async def test_a_session_records_into_the_store(kb: KnowledgeBase, store: QuizStore) -> None:
    questions = question_pool(kb).draw(2, seed=5)
    game_id = await store.create_game(guild_id=1, channel_id=2, started_by=7, mode="text", rounds=2)
    session = QuizSession(
        Game(questions, Matcher(kb), time_limit=30), Quiet(), config=SessionConfig(time_limit=30, between_rounds=0.01),
        clock=LoopClock(), recorder=StoreRecorder(store, game_id, guild_id=1, channel_id=2), game_id=game_id,
    )  # fmt: skip
    session.start()
    for question in questions:
        await eventually(lambda q=question: session.state == "asking" and session.game.round.question is q)  # type: ignore[misc,union-attr]
        assert session.answer(7, "ann", question.options[question.correct]).status == "won"
    await session.wait_closed()
    board = await store.leaderboard(guild_id=1)
    assert board.rows[0].correct == 2
    async with store._db.execute("SELECT status FROM games WHERE id = ?", (game_id,)) as cursor:
        assert (await cursor.fetchone())[0] == "finished"  # type: ignore[index]
    assert set(await store.recent_questions(2)) == {q.key for q in questions}
