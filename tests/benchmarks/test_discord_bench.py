"""The Discord benchmark runs and reports every figure (no timing assertions: see `plm-trivia bench` and `python tests/benchmarks/discord_bench.py`)."""

from __future__ import annotations

from pathlib import Path

from benchmarks import discord_bench

ROOT = Path(__file__).resolve().parents[2]


def test_bench_reports_all_figures() -> None:
    results = discord_bench.run(iterations=1, knowledge_dir=ROOT / "knowledge", quiet=True)
    for key in discord_bench.TARGETS:
        assert results[key] >= 0
    assert {"callback_p95_ms", "autocomplete_p95_ms", "reload_seconds_median", "callback_ask_median_ms"} <= set(results)
