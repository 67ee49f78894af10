"""Fixtures for the Discord layer: the fake API, a logged-in bot, and the log guard.

Imported by ``tests/conftest.py``. Every test that uses :func:`fake_discord` also
checks, at teardown, that the bot called no unknown route and that every message it
sent blocks all pings.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from support.fake_discord import Actor, DiscordHarness, FakeDiscord, pointed_at

from bot.config import Settings
from bot.frontends.discord.client import TriviaBot, create_bot
from bot.service import TriviaService

ROOT = Path(__file__).resolve().parents[2]
KNOWLEDGE_DIR = ROOT / "knowledge"
OWNER = Actor(id=100000000000000001, name="owner")  # the application owner in FakeDiscord
ADMIN = Actor(id=100000000000000002, name="admin")  # listed in ADMIN_IDS
MEMBER = Actor(id=200000000000000001, name="racefan")  # anybody
OTHER = Actor(id=200000000000000002, name="someone-else")

#: Loggers whose ERRORs fail a test: discord.py's own, and the bot's Discord layer.
GUARDED = (
    "discord",
    "bot.frontends.discord.client",
    "bot.frontends.discord.exts",
    "bot.frontends.discord.views",
    "bot.service",
)


class LogGuard(logging.Handler):
    """Collects ERROR records of the guarded loggers; a test may allow the ones it provokes."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []
        self.allowed: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.split(".")[0] == "discord" or record.name.startswith(GUARDED):
            self.records.append(record)

    def allow(self, logger_prefix: str) -> None:
        """This test expects ERRORs from ``logger_prefix`` (e.g. the error handler's)."""
        self.allowed.append(logger_prefix)

    def unexpected(self) -> list[logging.LogRecord]:
        return [r for r in self.records if not any(r.name.startswith(p) for p in self.allowed)]


@pytest.fixture(autouse=True)
def log_guard() -> Iterator[LogGuard]:
    """Fail any test in which discord.py (or the bot's Discord layer) logs an ERROR."""
    guard = LogGuard()
    root = logging.getLogger()
    root.addHandler(guard)
    try:
        yield guard
    finally:
        root.removeHandler(guard)
    bad = guard.unexpected()
    if bad:
        lines = [f"{r.name}: {r.getMessage()}" + (f" ({r.exc_info[1]!r})" if r.exc_info else "") for r in bad]
        pytest.fail("ERROR logged during the test:\n" + "\n".join(lines), pytrace=False)


def make_settings(**overrides: Any) -> Settings:
    """Settings independent of the developer's environment and .env file."""
    values: dict[str, Any] = {
        "discord_token": "fake-token",
        "knowledge_dir": KNOWLEDGE_DIR,
        "admin_ids": [ADMIN.id],
        "dev_guild_id": None,
        "log_level": "INFO",
        "quiz_message_content": False,
        "shard_count": None,
        "shard_ids": [],
        "heartbeat_file": None,
        "database_path": ROOT / "data" / "test-unused.sqlite3",
        "database_url": None,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def trivia_service() -> TriviaService:
    """The shipped knowledge and its engine, loaded once (read-only tests share it)."""
    service = TriviaService(KNOWLEDGE_DIR)
    service.load()
    return service


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    """A private copy of the knowledge directory that a reload test may change or break."""
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, target)
    return target


@pytest.fixture
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    """The fake API, with discord.py pointed at it; checks routes and pings at teardown."""
    fake = FakeDiscord(owner_id=OWNER.id)
    await fake.start()
    with pointed_at(fake):
        yield fake
    await fake.close()
    assert not fake.unknown, f"the bot called unknown routes: {[(r.method, r.path) for r in fake.unknown]}"
    assert not fake.rejected_syncs, f"a sync was rejected: {fake.rejected_syncs}"
    violations = fake.ping_violations()
    assert not violations, "messages that could ping:\n" + "\n".join(violations)


BotFactory = Callable[..., TriviaBot]


@pytest.fixture
async def bot_factory(trivia_service: TriviaService) -> AsyncIterator[BotFactory]:
    """``bot_factory(service=..., **settings)`` builds bots with test settings; closes them after."""
    built: list[TriviaBot] = []

    def make(service: TriviaService | None = None, **settings: Any) -> TriviaBot:
        bot = create_bot(make_settings(**settings), service or trivia_service)
        built.append(bot)
        return bot

    yield make
    for bot in built:
        if not bot.is_closed():
            await bot.close()


@pytest.fixture
async def harness(fake_discord: FakeDiscord, bot_factory: BotFactory) -> AsyncIterator[DiscordHarness]:
    """A real bot logged in against the fake, commands synced globally, acting as MEMBER."""
    bot = bot_factory()
    h = DiscordHarness(bot, fake_discord)
    h.user = MEMBER
    await h.login()
    yield h


__all__ = [
    "ADMIN",
    "MEMBER",
    "OTHER",
    "OWNER",
    "LogGuard",
    "bot_factory",
    "fake_discord",
    "harness",
    "knowledge_copy",
    "log_guard",
    "make_settings",
    "trivia_service",
]
