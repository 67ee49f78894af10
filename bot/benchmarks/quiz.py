"""Quiz figures for ``plm-trivia bench --quiz``: printed, never asserted (machines are noisy).

- building the question bank (once per knowledge base, at start or reload);
- simulated 20-round games (10,000 by default): how many contain a give-away or a
  repeated answer (targets 0), the most questions of one template in a game (≤ 3), and
  the time to draw one (target ≤ 5 ms), as audited by :func:`bot.quiz.fairness.audit`;
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
from bot.quiz.fairness import audit
from bot.quiz.game import Game, RoundResult
from bot.quiz.matching import Matcher
from bot.quiz.model import Question
from bot.quiz.questions import QuestionPool
from bot.store.quiz import QuizStore


def _pct(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))]


def _answers(question: Question, rng: random.Random) -> list[str]:
    """What players type: the right option, a typo of it, a wrong option, filler, noise."""
    right = question.options[question.correct]
    wrong = question.options[(question.correct + 1) % len(question.options)]
    typo = right if len(right) < 6 else right[:2] + right[3:]
    return [right, typo, wrong, f"I think it was {right}", right.split()[-1], "no idea", f"{right} or {wrong}"]


def _games(bank: QuestionPool, games: int, rounds: int) -> tuple[list[float], dict[str, int]]:
    """Draw times (ms) and fault counts over ``games`` seeded games of ``rounds`` questions."""
    times = []
    faults = {"giveaways": 0, "repeated": 0, "max_template": 0, "short": 0}
    for seed in range(games):
        start = time.perf_counter()
        questions = bank.draw(rounds, seed=seed)
        times.append((time.perf_counter() - start) * 1000)
        found = audit(questions)
        faults["giveaways"] += found.giveaways > 0
        faults["repeated"] += found.repeated > 0
        faults["short"] += len(questions) < rounds
        faults["max_template"] = max(faults["max_template"], found.max_template)
    return times, faults


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


def run(
    knowledge: Path | str = Path("knowledge"), *, passes: int = 300, rounds: int = 100, games: int = 10_000
) -> dict[str, float]:
    """Measure and print the quiz figures; returns them (milliseconds)."""
    kb = load_knowledge(knowledge)
    start = time.perf_counter()
    bank = QuestionPool(kb)
    build_ms = (time.perf_counter() - start) * 1000
    generation, faults = _games(bank, games, 20)
    checking = _checking(kb, bank, passes)
    writes, stall = asyncio.run(_recording(kb, bank, rounds))
    figures = {
        "bank_build_ms": build_ms,
        "game_20_rounds_median_ms": statistics.median(generation),
        "game_20_rounds_p99_ms": _pct(generation, 99),
        "games_with_giveaways": faults["giveaways"],
        "games_with_repeated_answers": faults["repeated"],
        "games_short_of_rounds": faults["short"],
        "max_template_per_game": faults["max_template"],
        "answer_check_median_ms": statistics.median(checking),
        "answer_check_p99_ms": _pct(checking, 99),
        "record_round_median_ms": statistics.median(writes),
        "record_round_loop_block_max_ms": stall,
    }
    out = sys.stdout
    out.write(f"quiz: question bank of {len(bank.blueprints)} built in {build_ms:.1f} ms (once per knowledge base)\n")
    out.write(
        f"quiz: {games} simulated 20-round games: {faults['giveaways']} with a give-away, "
        f"{faults['repeated']} with a repeated answer, {faults['short']} short of rounds, "
        f"at most {faults['max_template']} questions of one template (targets 0, 0, 0, ≤ 3)\n"
    )
    out.write(
        f"quiz: 20-round game drawn in median {figures['game_20_rounds_median_ms']:.3f} ms, "
        f"p99 {figures['game_20_rounds_p99_ms']:.3f} ms (target ≤ 5 ms)\n"
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
