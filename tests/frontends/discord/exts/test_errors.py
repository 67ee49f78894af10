"""One central error handler: friendly cooldowns, polite failures, context in the log."""

from __future__ import annotations

import logging
from typing import Any

import discord
import pytest
from discord import app_commands
from support.discord_fixtures import MEMBER, BotFactory, LogGuard
from support.fake_discord import AUTOCOMPLETE, MESSAGE, DiscordHarness, FakeDiscord


class Boom(RuntimeError):
    pass


@pytest.fixture
async def boom_harness(fake_discord: FakeDiscord, bot_factory: BotFactory) -> DiscordHarness:
    """The real bot plus a test-only /boom command that fails, registered before the sync."""
    bot = bot_factory()
    h = DiscordHarness(bot, fake_discord)
    h.user = MEMBER
    await h.login(sync=False)

    async def boom(interaction: discord.Interaction[Any], detail: str) -> None:
        raise Boom(f"secret internals: {detail}")

    bot.tree.add_command(app_commands.Command(name="boom", description="Always fails (test only)", callback=boom))
    await bot.tree.sync()
    return h


async def test_failures_are_logged_with_context_and_answered_politely(
    boom_harness: DiscordHarness, log_guard: LogGuard, caplog: pytest.LogCaptureFixture
) -> None:
    log_guard.allow("bot.frontends.discord.exts.errors")
    with caplog.at_level(logging.ERROR, logger="bot.frontends.discord.exts.errors"):
        exchange = await boom_harness.command("boom", detail="xyz")
    assert exchange.callback_type == MESSAGE and exchange.ephemeral
    assert exchange.embed["title"] == "Something went wrong"
    sent = str(exchange.bodies)
    assert "Traceback" not in sent and "secret internals" not in sent and "Boom" not in sent
    [record] = [r for r in caplog.records if r.name == "bot.frontends.discord.exts.errors"]
    assert isinstance(record.exc_info[1], Boom)  # type: ignore[index]
    assert record.command == "boom" and record.user_id == MEMBER.id  # type: ignore[attr-defined]
    assert record.options == {"detail": "xyz"}  # type: ignore[attr-defined]


async def test_cooldown_is_a_friendly_ephemeral_message(harness: DiscordHarness) -> None:
    for _ in range(3):
        assert not (await harness.command("winner", year=2015)).ephemeral
    answered = [await harness.command("help") for _ in range(4)]
    limited = answered[-1]
    assert limited.callback_type == MESSAGE and limited.ephemeral
    assert limited.embed["title"] == "Easy on the throttle"
    assert "Try again in" in limited.embed["description"]


async def test_cooldowns_are_per_user(harness: DiscordHarness) -> None:
    from support.discord_fixtures import OTHER

    for _ in range(3):
        await harness.command("help", user=MEMBER)
    assert (await harness.command("help", user=MEMBER)).embed["title"] == "Easy on the throttle"
    assert (await harness.command("help", user=OTHER)).embed["title"] != "Easy on the throttle"


async def test_failing_autocomplete_returns_no_choices(
    harness: DiscordHarness, log_guard: LogGuard, monkeypatch: pytest.MonkeyPatch
) -> None:
    log_guard.allow("bot.frontends.discord.exts._base")

    def broken(*args: object, **kwargs: object) -> list[object]:
        raise Boom("index broken")

    monkeypatch.setattr(harness.bot.service.engine, "suggest", broken)
    exchange = await harness.autocomplete("driver", "name", name="kris")
    assert exchange.callback_type == AUTOCOMPLETE
    assert exchange.choices == []
    assert any(r.name == "bot.frontends.discord.exts._base" for r in log_guard.records)


async def test_failing_button_is_answered_politely(
    harness: DiscordHarness, log_guard: LogGuard, monkeypatch: pytest.MonkeyPatch
) -> None:
    log_guard.allow("bot.frontends.discord.views")
    exchange = await harness.command("ask", question="taylor")

    def broken(*args: object, **kwargs: object) -> object:
        raise Boom("engine broken")

    monkeypatch.setattr(harness.bot.service.engine, "ask", broken)
    failed = await harness.click(exchange.message, "clarify:0")
    assert failed.callback_type == MESSAGE and failed.ephemeral
    assert failed.embed["title"] == "Something went wrong"
    assert [r.name for r in log_guard.records] == ["bot.frontends.discord.views"]


async def test_failing_mention_is_logged_not_raised(
    harness: DiscordHarness, log_guard: LogGuard, monkeypatch: pytest.MonkeyPatch
) -> None:
    log_guard.allow("bot.frontends.discord.exts.ask")

    def broken(*args: object, **kwargs: object) -> object:
        raise Boom("engine broken")

    monkeypatch.setattr(harness.bot.service.engine, "ask", broken)
    exchange = await harness.say(f"{harness.mention()} who won in 2015?")
    assert exchange.requests == []
    assert [r.name for r in log_guard.records] == ["bot.frontends.discord.exts.ask"]


def test_log_guard_catches_discord_errors(log_guard: LogGuard) -> None:
    logging.getLogger("discord.app_commands.tree").error("boom")
    assert [r.name for r in log_guard.unexpected()] == ["discord.app_commands.tree"]
    log_guard.records.clear()  # this test provoked it on purpose


def test_an_expired_interaction_is_a_warning_not_an_error() -> None:
    from types import SimpleNamespace

    import discord
    from discord import app_commands

    from bot.frontends.discord.exts.errors import _expired

    gone = discord.NotFound(
        SimpleNamespace(status=404, reason="Not Found"), {"code": 10062, "message": "Unknown interaction"}
    )  # type: ignore[arg-type]
    other = discord.NotFound(
        SimpleNamespace(status=404, reason="Not Found"), {"code": 10008, "message": "Unknown Message"}
    )  # type: ignore[arg-type]
    command = SimpleNamespace(name="ask")
    assert _expired(app_commands.CommandInvokeError(command, gone))  # type: ignore[arg-type]
    assert not _expired(app_commands.CommandInvokeError(command, other))  # type: ignore[arg-type]
