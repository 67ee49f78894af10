"""PostgreSQL only: several OS processes writing one database (SQLite is one process by design)."""

from __future__ import annotations

from pathlib import Path

from bot.benchmarks.contest import run_contest
from bot.store.check import check
from bot.store.postgres import _adapt
from bot.store.quiz import QuizStore

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


def test_placeholders_are_adapted_for_psycopg() -> None:
    assert _adapt("SELECT ? % ?, 'a'") == "SELECT %s %% %s, 'a'"


async def test_two_processes_recording_the_same_rounds_award_each_exactly_once(postgres_url: str) -> None:
    result = await run_contest(postgres_url, KNOWLEDGE, games=20, rounds=10, start_delay=3.0)
    assert (result.rounds, result.lost, result.double) == (200, 0, 0)
    assert sum(result.claimed) == 200  # every round recorded by exactly one of the two
    assert result.totals_agree
    store = await QuizStore.open(postgres_url)
    try:
        assert (await check(store.db))[1] == []  # player counts and rank buckets too, after all that contention
    finally:
        await store.close()
