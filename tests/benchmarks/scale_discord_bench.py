"""1,000 quiz games at once through the Discord layer, against the local fake API
(``python tests/benchmarks/scale_discord_bench.py [--games N] [--database-url URL]``).

The companion of ``plm-trivia bench --scale`` (which runs the sessions without the Discord
layer, since the core may not import discord): here every game is started with a real
``/quiz start`` interaction in its own channel, every question is posted, edited and
revealed through discord.py's HTTP client to the fake server, players click the buttons
(component interactions), and ``/ask`` interactions arrive at a steady rate. Reported:
event-loop lag (p50, p99, max; the fake server runs in the same loop, so its work counts
against the bot's), memory, answers (clicks) and ``/ask`` answered per second. Printed,
never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make ``support`` (tests/support) importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from support.fake_discord import CHANNEL_ID, GUILD_ID, Actor, DiscordHarness, FakeDiscord, iter_components, pointed_at

from bot.benchmarks.scale import LagMeter, _pct, rss_mb
from bot.config import Settings
from bot.quiz.questions import question_pool
from bot.service import TriviaService
from bot.store.quiz import QuizStore

ROOT = Path(__file__).resolve().parents[2]


def _fire(harness: DiscordHarness, payload: dict[str, Any]) -> None:
    """Hand an interaction to the bot without waiting for it (as the gateway does)."""
    harness.fake.register_interaction(payload)
    harness.bot._connection.parsers["INTERACTION_CREATE"](payload)  # type: ignore[attr-defined]


def _in_channel(payload: dict[str, Any], channel_id: int) -> dict[str, Any]:
    payload["channel_id"] = str(channel_id)
    payload["channel"] = {**payload["channel"], "id": str(channel_id)}
    return payload


class Crowd:
    """Players who click a few moments after each question is posted."""

    def __init__(self, harness: DiscordHarness, time_limit: float, players: int = 3) -> None:
        self.harness = harness
        self.time_limit = time_limit
        self.players = players
        self.rng = random.Random(1)
        self.seen: set[int] = set()
        self.read = 0
        self.clicks = 0
        self.late = 0  # clicks on a question already closed

    def scan(self) -> None:
        fake = self.harness.fake
        loop = asyncio.get_running_loop()
        new, self.read = fake.requests[self.read :], len(fake.requests)
        for request in new:
            if request.route != "channel_message" or not request.message_id or request.message_id in self.seen:
                continue
            message = fake.stored_messages[request.message_id]
            if not (message["embeds"] and message["embeds"][0].get("title", "").startswith("Question ")):
                continue
            self.seen.add(request.message_id)
            ids = [c["custom_id"] for c in iter_components(message) if c["type"] == 2]
            for p in range(self.players):
                user = Actor(id=500_000_000_000_000_000 + int(message["channel_id"]) * 10 + p, name=f"player{p}")
                loop.call_later(
                    self.rng.uniform(0.3, self.time_limit * 0.8), self.click, message, self.rng.choice(ids), user
                )

    def click(self, message: dict[str, Any], custom_id: str, user: Actor) -> None:
        try:
            payload = self.harness.payloads.component(message, custom_id, user)
        except AssertionError:  # the buttons were disabled: the round closed first
            self.late += 1
            return
        _fire(self.harness, _in_channel(payload, int(message["channel_id"])))
        self.clicks += 1


async def _measure(
    games: int, url: str | None, asks_per_second: float, time_limit: int, spread: float
) -> dict[str, float]:
    from bot.frontends.discord.client import create_bot

    knowledge = ROOT / "knowledge"
    service = TriviaService(knowledge)
    service.load()
    prompts = [q.prompt for q in question_pool(service.kb).draw(100, seed=1)]
    with tempfile.TemporaryDirectory() as tmp:
        database = url or str(Path(tmp) / "quiz.sqlite3")
        store = await QuizStore.open(database)
        await store.update_guild_settings(GUILD_ID, rounds=2)
        async with store.db.transaction() as tx:  # 10 s is the shortest /quiz settings allows; the test goes below
            await tx.execute(
                "UPDATE guild_settings SET time_per_question = ? WHERE guild_id = ?", (time_limit, GUILD_ID)
            )
        await store.close()
        settings = Settings(_env_file=None, discord_token="bench-token", knowledge_dir=knowledge, dev_guild_id=None,  # type: ignore[call-arg]
                            database_path=Path(tmp) / "quiz.sqlite3", database_url=url)  # fmt: skip
        fake = FakeDiscord()
        await fake.start()
        try:
            with pointed_at(fake):
                bot = create_bot(settings, service)
                harness = DiscordHarness(bot, fake)
                await harness.login()
                try:
                    return await _run(harness, games, prompts, asks_per_second, time_limit, spread)
                finally:
                    await bot.close()
        finally:
            await fake.close()


async def _run(
    harness: DiscordHarness, games: int, prompts: list[str], asks_per_second: float, time_limit: int, spread: float
) -> dict[str, float]:
    cog: Any = harness.bot.get_cog("Quiz")  # type: ignore[attr-defined]
    cog.between_rounds = 1.0
    crowd = Crowd(harness, time_limit=float(time_limit))
    base = rss_mb()
    meter = LagMeter(peak_rss=base)
    ticker = asyncio.create_task(meter.run())
    asked = 0
    answered_before = len(harness.fake.requests)

    async def ask_traffic() -> None:
        nonlocal asked
        user_ids = iter(range(600_000_000_000_000_000, 700_000_000_000_000_000))
        while meter.running:
            _fire(
                harness,
                harness.payloads.command("ask", Actor(id=next(user_ids)), question=prompts[asked % len(prompts)]),
            )
            asked += 1
            await asyncio.sleep(1 / asks_per_second)

    async def watch() -> None:
        while meter.running:
            crowd.scan()
            await asyncio.sleep(0.1)

    tasks = [asyncio.create_task(ask_traffic()), asyncio.create_task(watch())]
    started = time.perf_counter()
    for i in range(games):  # a different starter each (commands have per-user cooldowns)
        starter = Actor(id=400_000_000_000_000_000 + i, name=f"starter{i}")
        _fire(harness, _in_channel(harness.payloads.command("quiz start", starter), CHANNEL_ID + 1 + i))
        if i % 10 == 9:  # starts spread over one question's time: games do not all close rounds in one instant
            await asyncio.sleep(spread * 10 / games)
    running = 0
    for _ in range(1200):  # until every game has started and ended (at most 120 s)
        await asyncio.sleep(0.1)
        running = max(running, len(cog.sessions))
        if time.perf_counter() - started > 5 and not cog.sessions:
            break
    elapsed = time.perf_counter() - started
    meter.running = False
    await asyncio.gather(ticker, *tasks)
    callbacks = [r for r in harness.fake.requests[answered_before:] if r.route == "interaction_callback"]
    return {
        "games": float(games),
        "most_running_at_once": float(running),
        "lag_p50_ms": _pct(meter.lags, 50),
        "lag_p99_ms": _pct(meter.lags, 99),
        "lag_max_ms": max(meter.lags, default=0.0),
        "rss_base_mb": base,
        "rss_peak_mb": meter.peak_rss,
        "kb_per_game": (meter.peak_rss - base) * 1024 / games,
        "clicks_per_second": crowd.clicks / elapsed,
        "late_clicks": float(crowd.late),
        "asks_per_second": asked / elapsed,
        "interaction_callbacks": float(len(callbacks)),
        "seconds": elapsed,
    }


def run(
    games: int = 1000,
    url: str | None = None,
    asks_per_second: float = 45.0,
    *,
    time_limit: int = 10,
    spread: float | None = None,
    quiet: bool = False,
) -> dict[str, float]:
    """``spread``: seconds over which the games start (default one question's time; 0: all in one burst)."""
    spread = float(time_limit) if spread is None else spread
    # (games start in tens: 0 s apart for a burst)
    logger = logging.getLogger("discord")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        results = asyncio.run(_measure(games, url, asks_per_second, time_limit, spread))
    finally:
        logger.setLevel(level)
    if not quiet:
        print(f"Discord layer at scale, against the local fake API ({results['seconds']:.0f} s):")
        print(
            f"  {results['games']:.0f} games started by /quiz start over {spread:.0f} s, at most {results['most_running_at_once']:.0f} running at once, "
            f"/ask at {results['asks_per_second']:.0f}/s"
        )
        print(
            f"  event-loop lag p50 {results['lag_p50_ms']:.1f} ms, p99 {results['lag_p99_ms']:.1f} ms, max {results['lag_max_ms']:.1f} ms "
            "(target p99 ≤ 50 ms; includes the fake server's own work)"
        )
        print(
            f"  {results['clicks_per_second']:.0f} button clicks/s ({results['late_clicks']:.0f} on closed rounds), "
            f"{results['interaction_callbacks']:.0f} interaction callbacks"
        )
        print(
            f"  memory {results['rss_base_mb']:.0f} → {results['rss_peak_mb']:.0f} MB RSS, {results['kb_per_game']:.0f} KB per game"
        )
    return results


if __name__ == "__main__":  # pragma: no cover
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=1000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--spread", type=float, default=None, help="seconds over which games start (default 10)")
    args = parser.parse_args()
    run(args.games, args.database_url, spread=args.spread)
