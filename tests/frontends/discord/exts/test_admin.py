"""/reload: operators only (checked in the bot), atomic swap, refusal with file:line errors."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from support.discord_fixtures import ADMIN, MEMBER, OWNER, BotFactory
from support.fake_discord import DEFERRED_MESSAGE, MESSAGE, DiscordHarness, FakeDiscord

from bot.service import TriviaService


@pytest.fixture
async def reload_harness(fake_discord: FakeDiscord, bot_factory: BotFactory, knowledge_copy: Path) -> DiscordHarness:
    """A bot serving a private copy of the knowledge, so the test may change it."""
    service = TriviaService(knowledge_copy)
    service.load()
    h = DiscordHarness(bot_factory(service=service, knowledge_dir=knowledge_copy), fake_discord)
    h.user = MEMBER
    await h.login()
    return h


async def test_reload_is_refused_to_non_operators(
    reload_harness: DiscordHarness, caplog: pytest.LogCaptureFixture
) -> None:
    service = reload_harness.bot.service
    before = service.kb
    with caplog.at_level(logging.WARNING, logger="bot.frontends.discord.exts.errors"):
        exchange = await reload_harness.command("reload", user=MEMBER)
    assert exchange.callback_type == MESSAGE and exchange.ephemeral
    assert "Only the bot's operators" in exchange.embed["description"]
    assert service.kb is before  # nothing reloaded
    refusal = next(r for r in caplog.records if "refused" in r.getMessage())
    assert refusal.user_id == MEMBER.id and refusal.command == "reload"  # type: ignore[attr-defined]


@pytest.mark.parametrize("operator", [OWNER, ADMIN], ids=["application-owner", "admin-ids"])
async def test_reload_is_accepted_for_operators(reload_harness: DiscordHarness, operator: object) -> None:
    service = reload_harness.bot.service
    before = service.kb
    exchange = await reload_harness.command("reload", user=operator)
    assert exchange.callback_type == DEFERRED_MESSAGE and exchange.ephemeral
    assert exchange.embed["title"] == "Knowledge reloaded: no changes"
    assert f"{len(before.races)} races" in exchange.text()
    assert service.kb is not before  # a fresh, fully validated knowledge base was swapped in


async def test_reload_reports_what_changed(reload_harness: DiscordHarness, knowledge_copy: Path) -> None:
    race = knowledge_copy / "races" / "2015.yaml"
    race.write_text(race.read_text().replace("edition: 18", "edition: 18\nattendance: about 30,000 (test)"))
    (knowledge_copy / "races" / "1999.yaml").unlink()
    exchange = await reload_harness.command("reload", user=OWNER)
    description = exchange.embed["description"]
    assert exchange.embed["title"] == "Knowledge reloaded"
    assert "races: ~2015; -1999" in description
    after = await reload_harness.command("winner", year=1999)
    assert "no record of a 1999 race" in after.embed["description"]


async def test_broken_knowledge_is_refused_and_old_answers_keep_coming(
    reload_harness: DiscordHarness, knowledge_copy: Path
) -> None:
    service = reload_harness.bot.service
    before = service.kb
    good = (await reload_harness.command("winner", year=2015)).embed

    race = knowledge_copy / "races" / "2015.yaml"
    race.write_text(race.read_text().replace("edition: 18", "edition: eighteen"))
    track = knowledge_copy / "facts" / "track.yaml"
    track.write_text(track.read_text().replace("confidence: high", "confidence: certain", 1))

    exchange = await reload_harness.command("reload", user=OWNER)
    assert exchange.ephemeral
    embed = exchange.embed
    assert embed["title"].startswith("Reload refused")
    assert "still being served" in embed["description"]
    assert re.search(r"knowledge/races/2015\.yaml:\d+: edition: ", embed["description"])
    assert re.search(r"knowledge/facts/track\.yaml:13: facts\[0\]\.confidence: ", embed["description"])

    assert service.kb is before
    assert (await reload_harness.command("winner", year=2015)).embed == good


async def test_reload_command_is_hidden_by_default_permissions(harness: DiscordHarness) -> None:
    reload = next(c for c in harness.fake.schema() if c["name"] == "reload")
    assert str(reload["default_member_permissions"]) == "8"  # administrators; the bot checks operators itself
    everyone_else = [c for c in harness.fake.schema() if c["name"] != "reload"]
    assert all(c.get("default_member_permissions") is None for c in everyone_else)
