"""The client factory, intents, extension loading, start-up sync policy, sharding, SIGHUP."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import discord
import pytest
from support.discord_fixtures import ROOT, BotFactory, make_settings
from support.fake_discord import DiscordHarness, FakeDiscord

from bot.frontends.discord.client import TriviaBot, build_intents, discover_extensions
from bot.service import TriviaService


def test_import_bot_stays_free_of_discord() -> None:
    code = (
        "import sys, bot, bot.config, bot.service, bot.knowledge, bot.knowledge.diff, bot.qa.engine, bot.health\n"
        "assert 'discord' not in sys.modules, sorted(m for m in sys.modules if m.startswith('discord'))\n"
        "from bot.frontends.discord.client import create_bot\n"
        "assert 'discord' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_create_bot_reads_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from bot.frontends.discord.client import create_bot

    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.setenv("DISCORD_TOKEN", "env-token-123456")
    monkeypatch.setenv("ADMIN_IDS", "11, 22")
    monkeypatch.setenv("KNOWLEDGE_DIR", str(ROOT / "knowledge"))
    monkeypatch.setenv("SHARD_COUNT", "4")
    monkeypatch.setenv("SHARD_IDS", "2,3")
    bot = create_bot()
    assert isinstance(bot, TriviaBot) and isinstance(bot, discord.AutoShardedClient)
    assert bot.settings.admin_ids == [11, 22]
    assert bot.settings.token == "env-token-123456"
    assert bot.shard_count == 4 and bot.shard_ids == [2, 3]
    assert bot.user is None and not bot.is_ready()  # configured, not connected
    assert not bot.service.loaded  # knowledge loads off the loop in setup_hook


def test_intents_are_minimal() -> None:
    intents = build_intents(make_settings())
    expected = discord.Intents.none()
    expected.guilds = expected.guild_messages = expected.dm_messages = True
    assert intents == expected
    assert not intents.message_content and not intents.members and not intents.presences
    assert build_intents(make_settings(quiz_message_content=True)).message_content


def test_extensions_are_discovered_with_the_error_handler_first() -> None:
    extensions = discover_extensions()
    assert extensions[0] == "bot.frontends.discord.exts.errors"
    assert {"bot.frontends.discord.exts.ask", "bot.frontends.discord.exts.winners", "bot.frontends.discord.exts.entities", "bot.frontends.discord.exts.records", "bot.frontends.discord.exts.history",
            "bot.frontends.discord.exts.help", "bot.frontends.discord.exts.admin"} <= set(extensions)  # fmt: skip
    assert not any(e.rsplit(".", 1)[1].startswith("_") for e in extensions)


async def test_setup_hook_loads_knowledge_off_the_loop(fake_discord: FakeDiscord, bot_factory: BotFactory) -> None:
    service = TriviaService(ROOT / "knowledge")
    bot = bot_factory(service=service)
    await DiscordHarness(bot, fake_discord).login(sync=False)
    assert service.loaded and service.kb.stats["races"] >= 28
    assert "bot.frontends.discord.exts.ask" in bot.extensions


async def test_start_does_not_sync_without_a_dev_guild(fake_discord: FakeDiscord, bot_factory: BotFactory) -> None:
    await DiscordHarness(bot_factory(), fake_discord).login(sync=False)
    assert [r.method for r in fake_discord.requests] == ["GET", "GET"]  # /users/@me, /oauth2/applications/@me


async def test_start_syncs_to_the_dev_guild_only(fake_discord: FakeDiscord, bot_factory: BotFactory) -> None:
    bot = bot_factory(dev_guild_id=555)
    await DiscordHarness(bot, fake_discord).login(sync=False)
    puts = [r.path for r in fake_discord.requests if r.method == "PUT"]
    assert puts == [f"/applications/{fake_discord.application_id}/guilds/555/commands"]
    assert None not in fake_discord.commands  # never a global sync on start
    assert {c["name"] for c in fake_discord.schema(555)} >= {"ask", "winner", "reload"}


async def test_commands_work_when_synced_to_a_guild(fake_discord: FakeDiscord, bot_factory: BotFactory) -> None:
    h = DiscordHarness(bot_factory(dev_guild_id=555), fake_discord, guild_id=555)
    await h.login(sync=False)
    exchange = await h.command("winner", year=2015)
    assert exchange.payload["data"]["guild_id"] == "555"
    assert "Tandy" in exchange.text()


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="SIGHUP is Unix-only")
async def test_sighup_reloads_the_knowledge(
    fake_discord: FakeDiscord, bot_factory: BotFactory, knowledge_copy: Path
) -> None:
    service = TriviaService(knowledge_copy)
    service.load()
    bot = bot_factory(service=service)
    await DiscordHarness(bot, fake_discord).login(sync=False)
    before = service.kb
    assert bot._signals_installed  # otherwise SIGHUP's default action would end the test run
    (knowledge_copy / "races" / "1998.yaml").unlink()
    os.kill(os.getpid(), signal.SIGHUP)
    for _ in range(200):
        await asyncio.sleep(0.01)
        if service.kb is not before:
            break
    assert 1998 not in service.kb.races
    await bot.close()
    assert not bot._signals_installed  # the handler is removed on close


async def test_operators_are_owners_and_admin_ids(fake_discord: FakeDiscord, bot_factory: BotFactory) -> None:
    from support.discord_fixtures import ADMIN, MEMBER, OWNER

    bot = bot_factory()
    await DiscordHarness(bot, fake_discord).login(sync=False)
    users = {a.name: discord.Object(id=a.id) for a in (OWNER, ADMIN, MEMBER)}
    assert await bot.is_operator(users["owner"])  # type: ignore[arg-type]
    assert await bot.is_operator(users["admin"])  # type: ignore[arg-type]
    assert not await bot.is_operator(users["racefan"])  # type: ignore[arg-type]


async def test_heartbeat_is_written_only_when_connected(
    fake_discord: FakeDiscord, bot_factory: BotFactory, tmp_path: Path
) -> None:
    beat = tmp_path / "beat"
    bot = bot_factory(heartbeat_file=beat)
    await DiscordHarness(bot, fake_discord).login(sync=False)
    assert bot.heartbeat.is_running()
    await bot.heartbeat.coro(bot)
    assert not beat.exists()  # logged in over HTTP only: no gateway, not healthy
    await bot.close()
    assert not bot.heartbeat.is_running()


def test_invite_url_has_both_scopes_and_the_minimal_permissions() -> None:
    from bot.frontends.discord.client import BOT_PERMISSIONS, invite_url

    assert BOT_PERMISSIONS.value == 84992  # the integer deploy/README.md explains
    url = invite_url(123)
    assert "client_id=123" in url and "scope=bot+applications.commands" in url and "permissions=84992" in url


def test_example_configuration_is_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.config import Settings

    for name in ("DISCORD_TOKEN", "ADMIN_IDS", "DEV_GUILD_ID", "SHARD_COUNT", "SHARD_IDS", "LOG_LEVEL"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings(_env_file=ROOT / "deploy" / ".env.example")  # type: ignore[call-arg]
    assert settings.token is None and settings.admin_ids == [] and settings.shard_count is None
