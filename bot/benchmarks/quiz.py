"""Quiz figures for ``plm-trivia bench --quiz``: printed, never asserted (machines are noisy).

- building the question bank (once per knowledge base, at start or reload);
- drawing a 10-round game (target ≤ 5 ms);
- checking one typed answer, over a realistic mix (target ≤ 0.2 ms median);
- recording a round's result: how long the event loop is blocked (target ≤ 5 ms),
  measured as the longest gap a busy heartbeat task sees while rounds are written.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bot.knowledge import KnowledgeBase, load_knowledge
from bot.quiz.game import Game, RoundResult
from bot.quiz.matching import Matcher
from bot.quiz.model import Question
from bot.quiz.questions import QuestionPool
from bot.store.sqlite import QuizStore


def _pct(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))]


def _answers(question: Question, rng: random.Random) -> list[str]:
    """What players type: the right option, a typo of it, a wrong option, filler, noise."""
    right = question.options[question.correct]
    wrong = question.options[(question.correct + 1) % len(question.options)]
    typo = right if len(right) < 6 else right[:2] + right[3:]
    return [right, typo, wrong, f"I think it was {right}", right.split()[-1], "no idea", f"{right} or {wrong}"]


def _generation(bank: QuestionPool, passes: int) -> list[float]:
    times = []
    for seed in range(passes):
        start = time.perf_counter()
        bank.draw(10, seed=seed)
        times.append((time.perf_counter() - start) * 1000)
    return times


def _checking(kb: KnowledgeBase, bank: QuestionPool, questions: int) -> list[float]:
    matcher = Matcher(kb)
    rng = random.Random(1)
    sample = [b.realize(rng) for b in rng.sample(bank.blueprints, min(questions, len(bank.blueprints)))]
    for q in sample[:20]:  # warm the alias indexes, as a running bot has
        matcher.check(q, q.answer)
    times = []
    for q in sample:
        for text in _answers(q, rng):
            start = time.perf_counter()
            matcher.check(q, text)
            times.append((time.perf_counter() - start) * 1000)
    return times


async def _recording(kb: KnowledgeBase, bank: QuestionPool, rounds: int) -> tuple[list[float], float]:
    """Per-round write times, and the longest event-loop stall seen while writing."""
    results: list[RoundResult] = []
    questions = bank.draw(rounds, seed=7)
    game = Game(questions, Matcher(kb), mode="buttons", time_limit=30)
    for _ in questions:
        current = game.next_round(0)
        for player in range(8):
            game.choose(1000 + player, f"player{player}", (player % 2) and current.question.correct, player)
        results.append(game.close("timeout", 30))
    with tempfile.TemporaryDirectory() as tmp:
        store = await QuizStore.open(Path(tmp) / "bench.sqlite3")
        game_id = await store.create_game(guild_id=1, channel_id=2, started_by=1000, mode="buttons", rounds=rounds)
        stalls: list[float] = []
        running = True

        async def heartbeat() -> None:
            last = time.perf_counter()
            while running:
                await asyncio.sleep(0)
                now = time.perf_counter()
                stalls.append((now - last) * 1000)
                last = now

        beat = asyncio.create_task(heartbeat())
        await asyncio.sleep(0)
        times = []
        for result in results:
            start = time.perf_counter()
            await store.record_round(game_id, 1, result)
            times.append((time.perf_counter() - start) * 1000)
        running = False
        await beat
        await store.close()
    return times, max(stalls) if stalls else 0.0


def run(knowledge: Path | str = Path("knowledge"), *, passes: int = 300, rounds: int = 100) -> dict[str, float]:
    """Measure and print the quiz figures; returns them (milliseconds)."""
    kb = load_knowledge(knowledge)
    start = time.perf_counter()
    bank = QuestionPool(kb)
    build_ms = (time.perf_counter() - start) * 1000
    generation = _generation(bank, passes)
    checking = _checking(kb, bank, passes)
    writes, stall = asyncio.run(_recording(kb, bank, rounds))
    figures = {
        "bank_build_ms": build_ms,
        "game_10_rounds_median_ms": statistics.median(generation),
        "game_10_rounds_p99_ms": _pct(generation, 99),
        "answer_check_median_ms": statistics.median(checking),
        "answer_check_p99_ms": _pct(checking, 99),
        "record_round_median_ms": statistics.median(writes),
        "record_round_loop_block_max_ms": stall,
    }
    out = sys.stdout
    out.write(f"quiz: question bank of {len(bank.blueprints)} built in {build_ms:.1f} ms (once per knowledge base)\n")
    out.write(
        f"quiz: 10-round game drawn in median {figures['game_10_rounds_median_ms']:.3f} ms, "
        f"p99 {figures['game_10_rounds_p99_ms']:.3f} ms ({passes} games; target ≤ 5 ms)\n"
    )
    out.write(
        f"quiz: answer checked in median {figures['answer_check_median_ms']:.4f} ms, "
        f"p99 {figures['answer_check_p99_ms']:.4f} ms ({len(checking)} answers; target ≤ 0.2 ms median)\n"
    )
    out.write(
        f"quiz: round recorded in median {figures['record_round_median_ms']:.2f} ms (in SQLite's thread); "
        f"event loop blocked at most {stall:.2f} ms ({rounds} rounds; target ≤ 5 ms)\n"
    )
    return figures


if __name__ == "__main__":  # pragma: no cover - python -m bot.benchmarks.quiz
    run()
