"""``plm-trivia bench --scale`` runs on both backends and prints every figure (small sizes; no timing asserted)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.benchmarks.scale import Scale, run
from bot.store.quiz import QuizStore

ROOT = Path(__file__).resolve().parents[2]
SMALL = Scale(
    rows=3000, players=300, games=8, game_rounds=1, time_limit=1.0, contest_rounds=100, contest_start_delay=3.0
)


def test_scale_figures_on_sqlite_alone(capsys: pytest.CaptureFixture[str]) -> None:
    figures = run(ROOT / "knowledge", None, SMALL)
    out = capsys.readouterr().out
    store, games = figures["store[sqlite]"], figures["games[sqlite]"]
    assert store["rows"] == 3000 and store["players"] == 300 and store["last_rank"] > 1
    assert games["games"] == 8 and games["rounds_recorded"] == 8
    for key in ("lag_p50_ms", "lag_p99_ms", "answers_per_second", "mb_per_game", "rss_peak_mb"):
        assert key in games
    assert "event-loop lag p50" in out and "/leaderboard page" in out and "need PostgreSQL" in out


def test_scale_figures_with_postgresql_include_the_two_process_contest(
    postgres_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    figures = run(ROOT / "knowledge", postgres_url, SMALL)
    contest = figures["contest"]
    assert (contest["rounds"], contest["lost"], contest["double"], contest["totals_agree"]) == (100, 0, 0, True)
    assert sum(contest["claimed"]) == 100
    assert {"store[sqlite]", "store[postgresql]", "games[postgresql]"} <= set(figures)
    assert "scale contest: 2 processes" in capsys.readouterr().out


def test_a_database_with_data_is_refused(tmp_path: Path) -> None:
    url = str(tmp_path / "real.sqlite3")

    async def fill() -> None:
        store = await QuizStore.open(url)
        await store.create_game(guild_id=1, channel_id=1, started_by=1, mode="text", rounds=1)
        await store.close()

    asyncio.run(fill())
    with pytest.raises(SystemExit, match="not empty"):
        run(ROOT / "knowledge", url, SMALL)
