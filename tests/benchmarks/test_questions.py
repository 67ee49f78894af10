"""``plm-trivia bench``: figures printed, with or without a checkout's question bank."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.benchmarks.questions import run_benchmarks

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


def test_with_the_bank_it_prints_accuracy_and_latency(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        "families:\n  - name: t\n    cases:\n      - q: who won in 2015\n        status: answered\n        expect: [Tandy]\n",
        encoding="utf-8",
    )
    assert run_benchmarks(KNOWLEDGE, bank, 1, quiz=False) == 0
    out = capsys.readouterr().out
    assert "accuracy: 1/1 = 100.0% right" in out
    assert "latency per question (the question bank): median" in out


def test_without_a_checkout_it_times_quiz_prompts_instead(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_benchmarks(KNOWLEDGE, tmp_path / "absent.yaml", 1, quiz=False) == 0
    out = capsys.readouterr().out
    assert "accuracy skipped" in out
    assert "latency per question (quiz prompts" in out
    assert "load + validate + index" in out and "peak memory" in out
    assert "conversation context: lookup median" in out and "per remembered user" in out
