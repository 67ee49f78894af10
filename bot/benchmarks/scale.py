"""Scale figures for ``plm-trivia bench --scale``: printed, never asserted (machines are noisy).

- **One process, many games**: 1,000 quiz games at once (buttons mode, as the bot runs
  them: one :class:`~bot.quiz.session.QuizSession` each, with hints, timers and a store
  recorder) while ``/ask`` questions flow through the engine. Players click at random
  moments after each question is shown. Reported: event-loop lag (how late a 10 ms
  timer fires; p50, p99, max), memory (RSS) and memory per running game, answers per
  second. The sessions and ``/ask`` run in-process without the Discord layer (the core
  may not import discord): embeds and HTTP are not in these figures; the Discord layer's
  own latencies are ``python tests/benchmarks/discord_bench.py``. Rounds are shortened
  (5 s instead of 30 s) so the run takes seconds: more events per second than real play.
- **The store at 1 million rows**: a ledger of 1,000,000 awards by 100,000 players in one
  server, totals and rank buckets computed from it by the migrations' own backfills; then ``/leaderboard``
  (page + own rank + player count) p50/p99 for the server and everywhere, the rank of the
  last-placed player (the worst case for a rank), and rounds recorded per second.
- **Two processes, one PostgreSQL**: :mod:`bot.benchmarks.contest` with 10,000 contested
  rounds: awards per second, lost rounds and double awards (targets 0 and 0).
"""

from __future__ import annotations

import asyncio
import random
import resource
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from bot.knowledge import KnowledgeBase, load_knowledge
from bot.qa.engine import Engine
from bot.quiz import render
from bot.quiz.clock import LoopClock
from bot.quiz.game import RoundResult, RoundState, Standings
from bot.quiz.hints import Hint
from bot.quiz.questions import question_pool
from bot.quiz.session import QuizSession, SessionConfig
from bot.quiz.start import GameRequest, new_game
from bot.store.location import describe, is_postgres
from bot.store.migrations import MIGRATIONS
from bot.store.quiz import QuizStore
from bot.store.recorder import StoreRecorder

SEED_GUILD = 2 << 22  # the 1-million-row server (the contest uses 1 << 22, the games 1000 << 22 on)
TICK = 0.010


def _pct(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))] if ordered else 0.0


def rss_mb() -> float:
    """Resident memory now (Linux /proc), else the peak so far."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass
class LagMeter:
    """How late a repeating 10 ms timer fires: the event loop's lag, sampled all run long."""

    lags: list[float] = field(default_factory=list)
    peak_rss: float = 0.0
    running: bool = True

    async def run(self) -> None:
        last_rss = 0.0
        while self.running:
            start = time.perf_counter()
            await asyncio.sleep(TICK)
            self.lags.append(max(0.0, time.perf_counter() - start - TICK) * 1000)
            if start - last_rss > 0.5:
                self.peak_rss, last_rss = max(self.peak_rss, rss_mb()), start


class Players:
    """A presenter that renders what the bot would show and has players click on each question."""

    def __init__(self, players: int, time_limit: float, seed: int) -> None:
        self.players = players
        self.time_limit = time_limit
        self.rng = random.Random(seed)
        self.answers = 0
        self.rendered = 0

    async def question(self, session: QuizSession, current: RoundState) -> None:
        self.rendered += len(render.header(current.question, current.number, 3)) + sum(
            map(len, render.option_lines(current.question))
        )
        loop = asyncio.get_running_loop()
        for p in range(self.players):
            right = self.rng.random() < 0.6
            option = (
                current.question.correct if right else (current.question.correct + 1) % len(current.question.options)
            )
            player = (session.channel_id or 0) * 10 + p
            loop.call_later(self.rng.uniform(0.3, self.time_limit * 0.9), self._click, session, player, option)

    def _click(self, session: QuizSession, player: int, option: int) -> None:
        if session.running:
            session.choose(player, f"player{player}", option)
            self.answers += 1

    async def hint(self, session: QuizSession, current: RoundState, hint: Hint) -> None:
        self.rendered += len(hint.text)

    async def reveal(self, session: QuizSession, result: RoundResult) -> None:
        self.rendered += sum(map(len, render.reveal_lines(result)))

    async def end(self, session: QuizSession, standings: Standings) -> None:
        self.rendered += sum(map(len, render.standings_lines(standings)))


async def games_figures(
    kb: KnowledgeBase, store: QuizStore, *, games: int = 1000, rounds: int = 3, time_limit: float = 5.0,
    asks_per_second: float = 50.0,
) -> dict[str, float]:  # fmt: skip
    engine = Engine(kb)
    prompts = [q.prompt for q in question_pool(kb).draw(100, seed=1)]
    players = Players(3, time_limit, seed=1)
    config = SessionConfig(time_limit=time_limit, between_rounds=1.0)
    base = rss_mb()
    meter = LagMeter(peak_rss=base)
    ticker = asyncio.create_task(meter.run())
    asked = 0

    async def ask_traffic() -> None:
        nonlocal asked
        while meter.running:
            engine.ask(prompts[asked % len(prompts)])  # in the loop, as the /ask command does
            asked += 1
            await asyncio.sleep(1 / asks_per_second)

    asking = asyncio.create_task(ask_traffic())
    started = time.perf_counter()
    sessions = []
    for i in range(games):
        game = await asyncio.to_thread(
            new_game, kb, GameRequest(rounds=rounds, mode="buttons", time_limit=time_limit, seed=i)
        )
        guild, channel = (1000 + i % 50) << 22, 10_000 + i
        game_id = await store.create_game(
            guild_id=guild, channel_id=channel, started_by=None, mode="buttons", rounds=rounds
        )
        recorder = StoreRecorder(store, game_id, guild_id=guild, channel_id=channel)
        session = QuizSession(game, players, config=config, clock=LoopClock(), recorder=recorder, channel_id=channel,
                              guild_id=guild, game_id=game_id)  # fmt: skip
        session.start()
        sessions.append(session)
    all_running = time.perf_counter()
    running_rss = rss_mb()
    await asyncio.wait_for(
        asyncio.gather(*(s.wait_closed() for s in sessions)), timeout=rounds * (time_limit + 10) + 120
    )
    elapsed = time.perf_counter() - started
    meter.running = False
    await ticker
    await asking
    return {
        "games": games,
        "start_seconds": all_running - started,
        "lag_p50_ms": _pct(meter.lags, 50),
        "lag_p99_ms": _pct(meter.lags, 99),
        "lag_max_ms": max(meter.lags, default=0.0),
        "rss_base_mb": base,
        "rss_peak_mb": meter.peak_rss,
        "mb_per_game": (max(running_rss, meter.peak_rss) - base) / games,
        "answers_per_second": players.answers / elapsed,
        "asks_per_second": asked / elapsed,
        "rounds_recorded": float(
            await store.db.scalar("SELECT COUNT(*) FROM rounds WHERE game_id >= ?", (sessions[0].game_id,))
        ),
    }


async def seed_ledger(store: QuizStore, *, rows: int, players: int, batch: int = 500) -> None:
    """``rows`` awards by ``players`` players in one server over ~45 days; totals from the ledger."""
    now = store.wall()
    async with store.db.transaction() as tx:
        for first in range(0, players, batch):
            ids = range(first, min(players, first + batch))
            await tx.execute(
                f"INSERT INTO players (user_id, name, updated_at) VALUES {', '.join(['(?, ?, ?)'] * len(ids))}",
                [v for uid in ids for v in (uid + 1, f"player{uid + 1}", now)],
            )
        for first in range(0, rows, batch):
            chunk = range(first, min(rows, first + batch))
            await tx.execute(
                "INSERT INTO scores (guild_id, user_id, game_id, round_number, points, awarded_at) VALUES "
                + ", ".join(["(?, ?, ?, ?, ?, ?)"] * len(chunk)),
                [v for i in chunk for v in (SEED_GUILD, (i * 7919) % players + 1, -(i // 10) - 1, i % 10 + 1,
                                             10 + (i * 31) % 90, now - (i % 45) * 86400.0)],
            )  # fmt: skip
        backfill = [s for step in MIGRATIONS[1:] for s in step.statements(store.db.dialect) if "INSERT INTO" in s]
        for statement in backfill:  # the same SQL that builds totals from an older database's ledger
            await tx.execute(statement)
    async with store.db.transaction() as tx:
        await tx.execute("ANALYZE")


async def store_figures(
    store: QuizStore, kb: KnowledgeBase, *, rows: int, players: int, samples: int = 200, recorded_rounds: int = 500
) -> dict[str, float]:
    started = time.perf_counter()
    await seed_ledger(store, rows=rows, players=players)
    seeded = time.perf_counter() - started
    rng = random.Random(2)
    pages: dict[str, list[float]] = {"server": [], "everywhere": [], "this_month": []}
    for _ in range(samples):
        user = rng.randrange(1, players + 1)
        for name, kwargs in (("server", {"guild_id": SEED_GUILD}), ("everywhere", {"guild_id": None}),
                             ("this_month", {"guild_id": SEED_GUILD, "period": "this-month"})):  # fmt: skip
            start = time.perf_counter()
            await store.leaderboard(user_id=user, **kwargs)
            pages[name].append((time.perf_counter() - start) * 1000)
    last = await store.db.fetchone(
        "SELECT user_id FROM totals WHERE scope = ? AND period = 'all' ORDER BY points, user_id DESC LIMIT 1",
        (SEED_GUILD,),
    )
    assert last is not None
    worst = []
    for _ in range(max(10, samples // 10)):
        start = time.perf_counter()
        board = await store.leaderboard(guild_id=SEED_GUILD, user_id=int(last[0]))
        worst.append((time.perf_counter() - start) * 1000)
    assert board.me is not None
    figures = {f"leaderboard_{k}_p50_ms": _pct(v, 50) for k, v in pages.items()}
    figures |= {f"leaderboard_{k}_p99_ms": _pct(v, 99) for k, v in pages.items()}
    figures |= {"leaderboard_last_rank_p50_ms": _pct(worst, 50), "last_rank": float(board.me.rank),
                "seed_seconds": seeded, "rows": float(rows), "players": float(board.players)}  # fmt: skip
    figures |= await recording_figures(store, kb, rounds=recorded_rounds)
    return figures


async def recording_figures(
    store: QuizStore, kb: KnowledgeBase, *, rounds: int = 500, concurrent: int = 20
) -> dict[str, float]:
    """Rounds recorded per second: one game after another, and ``concurrent`` games at once."""
    from bot.benchmarks.contest import GUILD

    game = new_game(kb, GameRequest(rounds=1, mode="buttons", time_limit=30, seed=3))
    current = game.next_round(0)
    for p in range(3):
        game.choose(5_000_000 + p, f"rec{p}", current.question.correct, p)
    template = game.close("timeout", 30)

    async def play(game_id: int, count: int) -> None:
        # each game its own players, as in real servers (shared players would only measure row locks)
        awards = tuple(replace(a, player=int(a.player) + game_id * 10) for a in template.awards)  # type: ignore[call-overload]
        for n in range(1, count + 1):
            await store.record_round(game_id, GUILD + 7, replace(template, number=n, awards=awards))

    async def new() -> int:
        return await store.create_game(guild_id=GUILD + 7, channel_id=1, started_by=None, mode="buttons", rounds=rounds)

    start = time.perf_counter()
    await play(await new(), rounds)
    serial = rounds / (time.perf_counter() - start)
    ids = [await new() for _ in range(concurrent)]
    start = time.perf_counter()
    await asyncio.gather(*(play(i, rounds // concurrent) for i in ids))
    parallel = (rounds // concurrent) * concurrent / (time.perf_counter() - start)
    return {"rounds_per_second_serial": serial, "rounds_per_second_concurrent": parallel}


async def _empty(url: str) -> bool:
    store = await QuizStore.open(url)
    try:
        return not await store.db.scalar("SELECT COUNT(*) FROM games") and not await store.db.scalar(
            "SELECT COUNT(*) FROM scores"
        )
    finally:
        await store.close()


@dataclass(frozen=True, slots=True)
class Scale:
    """How big a run: the defaults are the issue's figures; the tests use small ones."""

    rows: int = 1_000_000
    players: int = 100_000
    games: int = 1000
    game_rounds: int = 3
    time_limit: float = 5.0
    contest_rounds: int = 10_000
    contest_start_delay: float = 5.0
    recorded_rounds: int = 500
    samples: int = 200  # leaderboard calls timed per kind


async def _measure(knowledge: Path, url: str | None, scale: Scale) -> dict[str, Any]:
    kb = load_knowledge(knowledge)
    out: dict[str, Any] = {}
    if url is not None and not await _empty(url):
        raise SystemExit(f"{describe(url)}: not empty. The scale benchmark fills its database: give it a scratch one.")
    with tempfile.TemporaryDirectory() as tmp:
        targets = {"sqlite": str(Path(tmp) / "scale.sqlite3")}
        if url is not None:
            targets["postgresql" if is_postgres(url) else "given sqlite"] = url
        for name, target in targets.items():
            store = await QuizStore.open(target)
            try:
                out[f"store[{name}]"] = await store_figures(
                    store,
                    kb,
                    rows=scale.rows,
                    players=scale.players,
                    recorded_rounds=scale.recorded_rounds,
                    samples=scale.samples,
                )
                if name != "sqlite" or url is None:
                    out[f"games[{name}]"] = await games_figures(
                        kb, store, games=scale.games, rounds=scale.game_rounds, time_limit=scale.time_limit
                    )
            finally:
                await store.close()
    if url is not None and is_postgres(url):
        from bot.benchmarks.contest import run_contest

        result = await run_contest(
            url, knowledge, games=max(1, scale.contest_rounds // 100), rounds=min(100, scale.contest_rounds),
            start_delay=scale.contest_start_delay,
        )  # fmt: skip
        out["contest"] = {"rounds": result.rounds, "claimed": result.claimed, "awards_per_second": result.awards_per_second,
                          "lost": result.lost, "double": result.double, "totals_agree": result.totals_agree}  # fmt: skip
    return out


def run(knowledge: Path | str, url: str | None = None, scale: Scale | None = None) -> dict[str, Any]:
    """Measure and print the scale figures; returns them."""
    figures = asyncio.run(_measure(Path(knowledge), url, scale or Scale()))
    write = sys.stdout.write
    for key, values in figures.items():
        if key.startswith("games["):
            write(f"scale {key}: {values['games']:.0f} games at once + /ask at {values['asks_per_second']:.0f}/s: "
                  f"event-loop lag p50 {values['lag_p50_ms']:.1f} ms, p99 {values['lag_p99_ms']:.1f} ms, "
                  f"max {values['lag_max_ms']:.1f} ms (target p99 ≤ 50 ms); {values['answers_per_second']:.0f} answers/s; "
                  f"memory {values['rss_base_mb']:.0f} → {values['rss_peak_mb']:.0f} MB RSS, "
                  f"{values['mb_per_game'] * 1024:.0f} KB per running game; {values['rounds_recorded']:.0f} rounds recorded\n")  # fmt: skip
        elif key.startswith("store["):
            write(f"scale {key}: {values['rows']:,.0f} ledger rows, {values['players']:,.0f} players (seeded in "
                  f"{values['seed_seconds']:.0f} s): /leaderboard page + own rank p50/p99: server "
                  f"{values['leaderboard_server_p50_ms']:.2f}/{values['leaderboard_server_p99_ms']:.2f} ms, everywhere "
                  f"{values['leaderboard_everywhere_p50_ms']:.2f}/{values['leaderboard_everywhere_p99_ms']:.2f} ms, this month "
                  f"{values['leaderboard_this_month_p50_ms']:.2f}/{values['leaderboard_this_month_p99_ms']:.2f} ms "
                  f"(target ≤ 20 ms); last place (rank {values['last_rank']:,.0f}) {values['leaderboard_last_rank_p50_ms']:.2f} ms; "
                  f"rounds recorded {values['rounds_per_second_serial']:.0f}/s one game, "
                  f"{values['rounds_per_second_concurrent']:.0f}/s 20 games at once\n")  # fmt: skip
        else:
            write(f"scale contest: 2 processes, 1 PostgreSQL, {values['rounds']:,} contested rounds: "
                  f"{values['awards_per_second']:.0f} awards/s, claimed {values['claimed'][0]} + {values['claimed'][1]}, "
                  f"{values['lost']} lost, {values['double']} double (targets 0, 0), "
                  f"totals {'agree' if values['totals_agree'] else 'DISAGREE'} with the ledger\n")  # fmt: skip
    if url is None:
        write("scale: two-process figures need PostgreSQL: plm-trivia bench --scale --database-url postgresql://...\n")
    return figures
