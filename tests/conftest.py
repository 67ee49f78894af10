"""Fixtures shared by the whole suite.

PostgreSQL: ``postgres_server`` (one per run), ``postgres_url`` (a fresh database per
test) and ``database_url`` (each backend in turn); see ``tests/support/postgres.py``.
The Discord fixtures (fake API, logged-in bot, log guard that fails a test on any
ERROR from discord.py) live in ``tests/support/discord_fixtures.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from support import postgres
from support.discord_fixtures import (  # noqa: F401  (fixtures, registered by being imported here)
    bot_factory,
    fake_discord,
    harness,
    knowledge_copy,
    log_guard,
    trivia_service,
)

from bot.knowledge import KnowledgeBase, load_knowledge

KNOWLEDGE_DIR = Path(__file__).resolve().parents[1] / "knowledge"


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The shipped knowledge base, loaded once for the whole run (it is immutable)."""
    return load_knowledge(KNOWLEDGE_DIR)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[postgres.Server]:
    """One PostgreSQL server for the run; skipped without one, except in CI, where that fails."""
    reason = postgres.missing_reason()
    if reason is not None:
        postgres.skip_or_fail(reason)
    server = postgres.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server: postgres.Server) -> Iterator[str]:
    """A fresh, empty database of its own for one test."""
    name = postgres_server.create_database()
    try:
        yield postgres_server.url(name)
    finally:
        postgres_server.drop_database(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each backend in turn: a new SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "data" / "quiz.sqlite3")
    return str(request.getfixturevalue("postgres_url"))
