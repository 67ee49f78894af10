"""Fixtures shared by the whole suite.

The Discord fixtures (fake API, logged-in bot, log guard that fails a test on any
ERROR from discord.py) live in ``tests/support/discord_fixtures.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
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
