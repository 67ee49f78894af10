"""Two processes, one PostgreSQL, the same rounds: each round must be awarded exactly once.

Each process records every round of the same games with its own player as the winner,
as two shard processes would if both believed they ran a game (say, during a hand-over).
The round's primary key decides; the check then counts rounds with no award (lost) or
with awards from both (double), and compares the totals with the ledger. Used by
``plm-trivia bench --scale`` and by the tests (with fewer rounds).

A recording process: ``python -m bot.benchmarks.contest KNOWLEDGE URL PLAYER FIRST_GAME LAST_GAME ROUNDS START_AT``.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

from bot.knowledge import load_knowledge
from bot.quiz.game import Game, RoundResult
from bot.quiz.matching import Matcher
from bot.quiz.questions import question_pool
from bot.store.quiz import QuizStore

GUILD = 1 << 22  # a guild on shard 1 of 2
PROCESS_TIMEOUT = 600.0


@dataclass(frozen=True, slots=True)
class ContestResult:
    rounds: int
    claimed: tuple[int, ...]  # rounds each process recorded first
    seconds: float  # wall time from the common start until both were done
    lost: int  # rounds with no award
    double: int  # rounds with awards from more than one process
    totals_agree: bool

    @property
    def awards_per_second(self) -> float:
        return self.rounds / self.seconds if self.seconds else 0.0


def _template(knowledge: Path, player: int) -> RoundResult:
    kb = load_knowledge(knowledge)
    question = question_pool(kb).draw(1, seed=1)[0]
    game = Game([question], Matcher(kb), mode="buttons", time_limit=30)
    game.next_round(0)
    game.choose(player, f"process-{player}", question.correct, 1)
    return game.close("timeout", 30)


async def record(
    knowledge: Path, url: str, player: int, games: range, rounds: int, start_at: float
) -> tuple[int, float]:
    """Record every round of ``games`` as won by ``player``; returns (rounds claimed, seconds)."""
    result = _template(knowledge, player)
    store = await QuizStore.open(url, pool_size=1)
    try:
        await asyncio.sleep(max(0.0, start_at - time.time()))  # both processes begin together
        claimed = 0
        for number in range(1, rounds + 1):
            for game_id in games:
                claimed += await store.record_round(game_id, GUILD, replace(result, number=number))
        return claimed, time.time() - start_at
    finally:
        await store.close()


async def run_contest(
    url: str, knowledge: Path, *, games: int, rounds: int, processes: int = 2, start_delay: float = 5.0
) -> ContestResult:
    """Create ``games`` games, have ``processes`` OS processes record all their rounds, then check."""
    store = await QuizStore.open(url)
    try:
        ids = [
            await store.create_game(guild_id=GUILD, channel_id=i, started_by=None, mode="buttons", rounds=rounds)
            for i in range(games)
        ]
        start_at = time.time() + start_delay  # time for the interpreters to start and load the knowledge
        commands = [
            [sys.executable, "-m", "bot.benchmarks.contest", str(knowledge), url, str(900_000 + p), str(ids[0]), str(ids[-1]),
             str(rounds), repr(start_at)]
            for p in range(processes)
        ]  # fmt: skip
        outputs = await asyncio.gather(*(asyncio.to_thread(_run, command) for command in commands))
        claimed = tuple(int(out["claimed"]) for out in outputs)
        seconds = max(float(out["seconds"]) for out in outputs)
        lost, double, agree = await audit(store, ids[0], ids[-1], rounds)
    finally:
        await store.close()
    return ContestResult(games * rounds, claimed, seconds, lost, double, agree)


def _run(command: list[str]) -> dict[str, float]:
    done = subprocess.run(command, capture_output=True, text=True, timeout=PROCESS_TIMEOUT, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"recording process failed ({done.returncode}): {done.stderr[-2000:]}")
    parsed: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return parsed


async def audit(store: QuizStore, first: int, last: int, rounds: int) -> tuple[int, int, bool]:
    """(rounds without an award, rounds awarded more than once, totals agree with the ledger)."""
    span = (first, last)
    awarded = await store.db.fetchall(
        "SELECT COUNT(DISTINCT user_id) FROM scores WHERE game_id BETWEEN ? AND ? GROUP BY game_id, round_number", span
    )
    expected = (last - first + 1) * rounds
    double = sum(1 for (players,) in awarded if players > 1)
    lost = expected - len(awarded)
    ledger = await store.db.fetchall(
        "SELECT user_id, SUM(points), COUNT(*) FROM scores WHERE guild_id = ? GROUP BY user_id ORDER BY user_id",
        (GUILD,),
    )
    totals = await store.db.fetchall(
        "SELECT user_id, points, correct FROM totals WHERE scope = ? AND period = 'all' ORDER BY user_id", (GUILD,)
    )
    agree = [tuple(int(v) for v in row) for row in ledger] == [tuple(int(v) for v in row) for row in totals]
    return lost, double, agree


def main(argv: list[str]) -> int:
    knowledge, url, player, first, last, rounds, start_at = argv
    games = range(int(first), int(last) + 1)
    claimed, seconds = asyncio.run(record(Path(knowledge), url, int(player), games, int(rounds), float(start_at)))
    print(json.dumps({"claimed": claimed, "seconds": seconds}), flush=True)
    return 0


if __name__ == "__main__":  # pragma: no cover - a recording process of run_contest
    sys.exit(main(sys.argv[1:]))
