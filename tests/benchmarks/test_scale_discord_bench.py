"""The Discord-layer scale benchmark runs games through the fake API and reports every figure (no timing asserted)."""

from __future__ import annotations

from benchmarks import scale_discord_bench


def test_bench_reports_all_figures() -> None:
    results = scale_discord_bench.run(games=3, asks_per_second=10, time_limit=2, quiet=True)
    assert results["most_running_at_once"] == 3
    assert results["interaction_callbacks"] > 3  # the starts, the clicks and the /ask traffic were answered
    assert results["clicks_per_second"] + results["late_clicks"] > 0
    for key in ("lag_p50_ms", "lag_p99_ms", "lag_max_ms", "rss_peak_mb", "kb_per_game", "asks_per_second"):
        assert key in results
