"""``plm-trivia bench``: accuracy on the question bank, latency, load time and memory.

Figures are printed, never asserted: machines are noisy, so we quote medians and
the 99th percentile over repeated passes, and leave judging them to people.
"""

from __future__ import annotations

import gc
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path
from typing import TextIO

from bot.knowledge import load_knowledge
from bot.qa.bank import check, load_bank
from bot.qa.conversation import MAX_CONVERSATIONS, ContextStore, Dialogue, Turn
from bot.qa.engine import Engine
from bot.quiz.questions import question_pool

DEFAULT_BANK = Path("tests/qa/question_bank.yaml")


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[k]


#: Hostile or absurd messages of up to 2,000 characters (Discord's limit): none may take 5 ms.
LONG_INPUTS = {
    "2,000 spaces": " " * 2000,
    "1,000 one-letter words": "a " * 1000,
    "'who won ' x 250": "who won " * 250,
    "'and ' x 500": "and " * 500,
    "400 years": "2014 " * 400,
    "names x 130": ("capello mcnish audi " * 130)[:2000],
    "one 2,000-letter word": "é" * 2000,
    "'since 2010 and ' x 130": ("since 2010 and " * 130)[:2000],
    "2,000 question marks": "?" * 2000,
}


def _long_inputs(engine: Engine, out: TextIO) -> None:
    worst = []
    for label, text in LONG_INPUTS.items():
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            engine.ask(text)
            runs.append((time.perf_counter() - start) * 1000)
        worst.append((statistics.median(runs), label))
    slowest = max(worst)
    out.write(
        f"long inputs (up to 2,000 characters, {len(worst)} kinds): slowest median {slowest[0]:.2f} ms "
        f"({slowest[1]}); target under 5 ms\n"
    )


def _accuracy(engine: Engine, bank_path: Path, out: TextIO) -> list[str]:
    """Print the bank's score and failures; return its questions for the latency pass."""
    everything = load_bank(bank_path)
    bank = [case for case in everything if case.current(engine.kb.last_year)]
    if len(bank) < len(everything):
        out.write(f"question bank: {len(everything) - len(bank)} snapshot cases of an earlier latest race skipped\n")
    outcomes = [check(engine, case) for case in bank]
    passed = sum(o.ok for o in outcomes)
    wrong = sum(o.wrong for o in outcomes)
    out.write(
        f"accuracy: {passed}/{len(bank)} = {100 * passed / len(bank):.1f}% right; "
        f"wrong answers (answered but false): {wrong}\n"
    )
    for o in outcomes:
        if not o.ok:
            out.write(f"  FAIL {o.case.question!r}: {o.reason}\n")
    return [c.question for c in bank]


def _latency(engine: Engine, questions: list[str], repeat: int, source: str, out: TextIO) -> None:
    for q in questions:  # warm caches
        engine.ask(q)
    times = []
    for _ in range(repeat):
        for q in questions:
            start = time.perf_counter()
            engine.ask(q)
            times.append((time.perf_counter() - start) * 1000)
    out.write(
        f"latency per question ({source}): median {statistics.median(times):.3f} ms, "
        f"p99 {_percentile(times, 99):.3f} ms, max {max(times):.3f} ms ({len(times)} asks)\n"
    )


def _conversation(engine: Engine, questions: list[str], out: TextIO) -> None:
    """Context lookup and update times, and the memory a remembered user costs."""
    sample = questions[:50] or ["who won in 2015"]
    store = ContextStore(capacity=MAX_CONVERSATIONS)
    answers = [engine.ask(q) for q in sample]
    for user in range(MAX_CONVERSATIONS):  # a full store: the case the bound is for
        store.put(("guild", "channel", user), Turn(sample[user % len(sample)], answers[user % len(answers)], 0.0))
    gets, puts = [], []
    for user in range(0, MAX_CONVERSATIONS, 97):
        key = ("guild", "channel", user)
        start = time.perf_counter()
        turn = store.get(key)
        gets.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        store.put(key, turn or Turn("q", answers[0], 0.0))
        puts.append((time.perf_counter() - start) * 1000)
    # Memory per user with answers of its own (as in production), measured on a sample of users.
    users = 2000
    own = Dialogue(engine, ContextStore())
    for question in sample:  # warm the engine's caches: only the contexts should be counted
        own.ask(("warm",), question)
    own.store.forget(("warm",))
    gc.collect()
    tracemalloc.start()
    for user in range(users):
        own.ask(("guild", "channel", user), sample[user % len(sample)])
    gc.collect()
    size, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    per_user = size / users
    out.write(
        f"conversation context: lookup median {statistics.median(gets) * 1000:.1f} µs, update median "
        f"{statistics.median(puts) * 1000:.1f} µs (store full at {MAX_CONVERSATIONS:,} users); target under 50 µs\n"
    )
    out.write(
        f"conversation memory: {per_user / 1024:.1f} kB per remembered user ({users:,} measured); "
        f"{per_user * MAX_CONVERSATIONS / 2**20:.0f} MB at the bound of {MAX_CONVERSATIONS:,} users\n"
    )


def run_benchmarks(knowledge: Path, bank_path: Path | None, repeat: int, *, quiz: bool) -> int:
    out = sys.stdout
    bank_path = bank_path or DEFAULT_BANK

    # Load + validate + index, cold once (includes imports already done) and then repeated.
    load_times = []
    for _ in range(7):
        gc.collect()
        start = time.perf_counter()
        kb = load_knowledge(knowledge)
        engine = Engine(kb)
        load_times.append((time.perf_counter() - start) * 1000)
    tracemalloc.start()
    kb = load_knowledge(knowledge)
    engine = Engine(kb)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    out.write(f"knowledge: {', '.join(f'{n} {k}' for k, n in kb.stats.items())}\n")
    out.write(
        f"load + validate + index: first (cold) {load_times[0]:.1f} ms; reloads median "
        f"{statistics.median(load_times[1:]):.1f} ms (min {min(load_times[1:]):.1f}, 6 runs, warm caches)\n"
    )
    out.write(f"memory: knowledge + engine allocate {traced_peak / 2**20:.1f} MB (tracemalloc peak)\n")

    if bank_path.exists():
        questions = _accuracy(engine, bank_path, out)
        source = "the question bank"
    else:
        # An installed package has no bank: time the quiz's own questions, asked as questions.
        questions = [q.prompt for q in question_pool(kb).draw(200, seed=1)]
        source = "quiz prompts; accuracy needs the bank of a checkout"
        out.write(f"question bank {bank_path} not found: accuracy skipped\n")
    _latency(engine, questions, repeat, source, out)
    _conversation(engine, questions, out)
    _long_inputs(engine, out)

    if quiz:
        from bot.benchmarks import quiz as quiz_bench

        quiz_bench.run(knowledge)
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out.write(f"peak memory (process RSS, everything above included): {peak_rss:.1f} MB\n")
    return 0
