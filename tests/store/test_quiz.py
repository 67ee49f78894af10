"""The quiz store on both backends: scores across restart and crash, leaderboards, settings, privacy,
one award set per round, shard-scoped recovery."""

from __future__ import annotations

import asyncio
import datetime as dt
import subprocess
import sys
import textwrap
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from support.store_helpers import Wall, play_round, totals_disagreements

from bot.knowledge import KnowledgeBase
from bot.quiz.clock import LoopClock
from bot.quiz.game import Game, RoundResult, RoundState, Standings
from bot.quiz.hints import Hint
from bot.quiz.matching import Matcher
from bot.quiz.questions import question_pool
from bot.quiz.session import QuizSession, SessionConfig
from bot.store.check import check
from bot.store.model import GuildSettings, shard_of
from bot.store.quiz import QuizStore
from bot.store.recorder import StoreRecorder

ROOT = Path(__file__).resolve().parents[2]
NOV_15 = dt.datetime(2026, 11, 15, 12, tzinfo=dt.UTC).timestamp()
OCT_15 = dt.datetime(2026, 10, 15, 12, tzinfo=dt.UTC).timestamp()


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[QuizStore]:
    opened = await QuizStore.open(database_url, wall=Wall(NOV_15))
    yield opened
    await opened.close()


async def test_scores_survive_a_restart(database_url: str, kb: KnowledgeBase) -> None:
    store = await QuizStore.open(database_url, wall=Wall(NOV_15))
    game_id = await store.create_game(guild_id=1, channel_id=2, started_by=7, mode="buttons", rounds=3)
    await store.record_round(game_id, 1, play_round(kb, {7: "ann", 8: "bob"}, 1))
    await store.record_round(game_id, 1, play_round(kb, {7: "ann"}, 2))
    await store.finish_game(game_id, "finished")
    before = await store.leaderboard(guild_id=1)
    await store.close()

    store = await QuizStore.open(database_url, wall=Wall(NOV_15))
    after = await store.leaderboard(guild_id=1)
    await store.close()
    assert after == before
    assert [r.name for r in after.rows] == ["ann", "bob"] and after.rows[0].correct == 2


async def test_leaderboard_scopes_periods_and_own_rank(kb: KnowledgeBase, database_url: str) -> None:
    wall = Wall(OCT_15)
    store = await QuizStore.open(database_url, wall=wall)
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
    for table in ("scores", "answers", "players", "totals"):
        assert await store.db.scalar(f"SELECT COUNT(*) FROM {table} WHERE user_id = 7") == 0
    assert await store.db.scalar("SELECT COUNT(*) FROM games WHERE started_by = 7") == 0
    assert (await store.leaderboard(guild_id=1)).players == 1  # the count of players follows
    assert (await check(store.db))[1] == []
    assert await store.forget_user(7) == 0


async def test_a_round_is_awarded_once_whoever_records_it_again(kb: KnowledgeBase, store: QuizStore) -> None:
    game = await store.create_game(guild_id=1, channel_id=2, started_by=7, mode="buttons", rounds=2)
    assert await store.record_round(game, 1, play_round(kb, {7: "ann"}, 1)) is True
    before = await store.leaderboard(guild_id=1)
    assert await store.record_round(game, 1, play_round(kb, {7: "ann"}, 1)) is False  # a retry
    assert await store.record_round(game, 1, play_round(kb, {8: "bob"}, 1)) is False  # another process's view
    assert await store.leaderboard(guild_id=1) == before
    assert await store.db.scalar("SELECT COUNT(*) FROM scores WHERE game_id = ?", (game,)) == 1
    assert await store.db.scalar("SELECT COUNT(*) FROM players WHERE user_id = 8") == 0


async def test_totals_follow_the_ledger_per_server_and_month(kb: KnowledgeBase, store: QuizStore) -> None:
    wall = store.wall
    assert isinstance(wall, Wall)
    for guild, month_offset in ((1, 0), (2, 0), (1, 40 * 86400)):
        wall.now = NOV_15 + month_offset  # the last game falls in December
        game = await store.create_game(guild_id=guild, channel_id=guild, started_by=1, mode="buttons", rounds=3)
        for n in range(1, 4):
            await store.record_round(game, guild, play_round(kb, {10 + n: f"p{n}", 20: "all"}, n))
    assert await totals_disagreements(store.db) == []
    assert (await check(store.db))[1] == []  # every scope and month, player counts, rank buckets
    december = await store.leaderboard(guild_id=1, period="this-month", user_id=20)
    assert december.players == 4 and december.me is not None and december.me.correct == 3
    wall.now = NOV_15
    november = await store.leaderboard(guild_id=None, period="this-month", user_id=20)
    assert november.me is not None and november.me.correct == 6 and november.players == 4
    all_time = await store.leaderboard(guild_id=None, user_id=20)
    assert all_time.rows[0].user_id == 20 and all_time.rows[0].correct == 9 and all_time.players == 4


async def test_recovery_touches_only_this_process_shards(store: QuizStore) -> None:
    guilds = [(shard << 22) + 99 for shard in range(4)]  # a guild on each of 4 shards
    assert [shard_of(g, 4) for g in guilds] == [0, 1, 2, 3]
    for guild in guilds:
        await store.create_game(guild_id=guild, channel_id=guild, started_by=1, mode="buttons", rounds=1)
    mine = await store.recover(shard_count=4, shard_ids=[1, 3])
    assert sorted(g.guild_id or 0 for g in mine) == [guilds[1], guilds[3]]
    statuses = dict(await store.db.fetchall("SELECT guild_id, status FROM games"))
    assert [statuses[g] for g in guilds] == ["running", "abandoned", "running", "abandoned"]
    assert await store.recover(shard_count=4, shard_ids=[1, 3]) == []  # reported once
    others = await store.recover(shard_count=4, shard_ids=[0, 2])
    assert sorted(g.guild_id or 0 for g in others) == [guilds[0], guilds[2]]


CRASH_SCRIPT = textwrap.dedent(
    """
    import asyncio, os, sys
    from bot.knowledge import load_knowledge
    from bot.quiz.game import Game
    from bot.quiz.matching import Matcher
    from bot.quiz.questions import question_pool
    from bot.store.quiz import QuizStore
    from bot.store.recorder import StoreRecorder

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


async def test_finished_rounds_count_after_a_crash_mid_game(database_url: str) -> None:
    done = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-c", CRASH_SCRIPT, database_url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 9, done.stderr
    points = int(done.stdout.strip())
    store = await QuizStore.open(database_url)
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
    assert await store.db.scalar("SELECT status FROM games WHERE id = ?", (game_id,)) == "finished"
    assert set(await store.recent_questions(2)) == {q.key for q in questions}
