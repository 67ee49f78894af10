"""``bench --quiz`` prints the game figures the quiz is held to (its numbers are not asserted)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.benchmarks import quiz

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


def test_prints_faults_over_simulated_games_and_timings(capsys: pytest.CaptureFixture[str]) -> None:
    figures = quiz.run(KNOWLEDGE, passes=5, rounds=3, games=30)
    out = capsys.readouterr().out
    assert "30 simulated 20-round games" in out and "with a give-away" in out
    assert "20-round game drawn in median" in out and "answer checked in median" in out
    assert figures["games_with_giveaways"] == figures["games_with_repeated_answers"] == 0
    assert figures["max_template_per_game"] <= 3
    assert {"game_20_rounds_median_ms", "answer_check_median_ms", "record_round_loop_block_max_ms"} <= figures.keys()
    assert all(value >= 0 for value in figures.values())
