"""`plm-trivia run` / `sync`: clean failures without a token, explicit sync, redacted logs."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support.discord_fixtures import make_settings
from support.fake_discord import FakeDiscord

from bot.frontends.discord import runner
from bot.service import TriviaService


@pytest.mark.parametrize("entry", [runner.run, lambda s: runner.sync(s, None)], ids=["run", "sync"])
def test_missing_token_exits_2_naming_discord_token(entry: object, capsys: pytest.CaptureFixture[str]) -> None:
    status = entry(make_settings(discord_token=None))  # type: ignore[operator]
    assert status == 2
    err = capsys.readouterr().err
    assert "DISCORD_TOKEN" in err and "discord.com/developers/applications" in err


def test_blank_token_counts_as_missing(capsys: pytest.CaptureFixture[str]) -> None:
    assert runner.run(make_settings(discord_token="   ")) == 2


def test_invalid_knowledge_exits_1_with_file_line_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runner, "configure_logging", lambda settings: None)  # keep pytest's handlers
    (tmp_path / "races").mkdir()
    (tmp_path / "races" / "2030.yaml").write_text("year: [\n")
    status = runner.run(make_settings(knowledge_dir=tmp_path))
    assert status == 1
    err = capsys.readouterr().err
    assert "is invalid" in err and "races/2030.yaml:" in err


async def test_sync_commands_globally(fake_discord: FakeDiscord, trivia_service: TriviaService) -> None:
    names = await runner.sync_commands(make_settings(dev_guild_id=777), trivia_service, "fake-token", None)
    assert {"ask", "winner", "reload"} <= set(names)
    puts = [r.path for r in fake_discord.requests if r.method == "PUT"]
    assert puts == [f"/applications/{fake_discord.application_id}/commands"]  # not the dev guild as well


async def test_sync_commands_to_one_guild(fake_discord: FakeDiscord, trivia_service: TriviaService) -> None:
    names = await runner.sync_commands(make_settings(), trivia_service, "fake-token", 4242)
    assert "ask" in names
    assert [r.path for r in fake_discord.requests if r.method == "PUT"] == [
        f"/applications/{fake_discord.application_id}/guilds/4242/commands"
    ]


@pytest.fixture
def root_logging() -> Iterator[None]:
    """configure_logging replaces the root handlers and level: put pytest's back afterwards."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def _emit(handler: logging.Handler, message: str, *args: object, **extra: object) -> str:
    record = logging.LogRecord("bot.test", logging.INFO, __file__, 1, message, args, None)
    for key, value in extra.items():
        setattr(record, key, value)
    for f in handler.filters:
        f.filter(record)  # type: ignore[union-attr]
    return handler.format(record)


@pytest.mark.usefixtures("root_logging")
def test_logs_are_json_and_never_contain_the_token() -> None:
    token = "MTIzNDU2Nzg5.secret-token-value"
    settings = make_settings(discord_token=token)
    stream = io.StringIO()
    handler = runner.configure_logging(settings, stream)
    line = _emit(handler, "connecting with %s", token, header=f"Bot {token}", guild_id=5)
    data = json.loads(line)
    assert token not in line
    assert data["msg"] == "connecting with [redacted]" and data["header"] == "Bot [redacted]"
    assert data["level"] == "INFO" and data["logger"] == "bot.test" and data["guild_id"] == 5


@pytest.mark.usefixtures("root_logging")
def test_text_log_format_has_extra_fields() -> None:
    handler = runner.configure_logging(make_settings(log_format="text"), io.StringIO())
    line = _emit(handler, "hello", guild_id=5)
    assert "bot.test: hello" in line and "guild_id=5" in line


async def test_a_rejected_token_exits_1_with_a_clear_log(
    trivia_service: TriviaService, caplog: pytest.LogCaptureFixture
) -> None:
    fake = FakeDiscord(valid_token="the-right-token")
    await fake.start()
    from support.fake_discord import pointed_at

    try:
        with pointed_at(fake), caplog.at_level(logging.ERROR, logger="bot.frontends.discord.runner"):
            status = await runner._run(make_settings(discord_token="a-wrong-token"), trivia_service, "a-wrong-token")
    finally:
        await fake.close()
    assert status == 1
    assert "Discord rejected DISCORD_TOKEN" in caplog.text
    assert "a-wrong-token" not in caplog.text
    assert not fake.unknown


@pytest.mark.parametrize("token", ["abcdefghijklmnopqrstuvwxyz.0123456789", "short"])
def test_an_invalid_configuration_never_prints_the_token(
    token: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", token)
    monkeypatch.setenv("SHARD_IDS", "5")
    monkeypatch.setenv("SHARD_COUNT", "2")
    assert runner.run() == 2
    err = capsys.readouterr().err
    assert "SHARD_IDS [5] outside 0..1" in err
    assert token[:5] not in err and token[-4:] not in err


@pytest.mark.usefixtures("root_logging")
def test_interaction_tokens_in_urls_are_redacted() -> None:
    handler = runner.configure_logging(make_settings(discord_token=None), io.StringIO())
    token = "aW50ZXJhY3Rpb246MTIzNDU2Nzg5OnNlY3JldA" * 2
    line = _emit(handler, "POST https://discord.com/api/v10/interactions/123456789/%s/callback", token)
    assert token not in line and "/interactions/123456789/[redacted]/callback" in line
    line = _emit(handler, "PATCH /webhooks/42/%s/messages/@original", token)
    assert token not in line


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.usefixtures("root_logging")
def test_logs_are_text_on_a_terminal_and_json_otherwise() -> None:
    settings = make_settings(log_format="auto")
    assert not _emit(runner.configure_logging(settings, _Tty()), "hello").startswith("{")
    assert json.loads(_emit(runner.configure_logging(settings, io.StringIO()), "hello"))["msg"] == "hello"


async def test_clearing_a_guild_removes_its_copy(fake_discord: FakeDiscord, trivia_service: TriviaService) -> None:
    await runner.sync_commands(make_settings(), trivia_service, "fake-token", 4242)
    assert fake_discord.schema(4242)
    names = await runner.sync_commands(make_settings(), trivia_service, "fake-token", 4242, clear=True)
    assert names == [] and fake_discord.schema(4242) == []


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or sys.platform == "win32", reason="needs Unix signals")
async def test_sigterm_closes_the_bot_and_run_exits_0(
    trivia_service: TriviaService, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A supervisor's SIGTERM (systemd stop, docker stop) closes the bot: games end, the database closes."""
    fake = FakeDiscord()
    await fake.start()
    from support.fake_discord import pointed_at

    seen: list[Any] = []

    async def serve(bot: Any, token: str) -> int:  # bot.start without the gateway the fake lacks
        seen.append(bot)
        async with bot:
            await bot.login(token)
            os.kill(os.getpid(), signal.SIGTERM)  # the handler _run installed must catch it
            for _ in range(500):
                if bot.is_closed():
                    break
                await asyncio.sleep(0.01)
        return 0

    monkeypatch.setattr(runner, "_serve", serve)
    try:
        with pointed_at(fake), caplog.at_level(logging.INFO, logger="bot.frontends.discord.runner"):
            status = await runner._run(make_settings(discord_token="fake-token"), trivia_service, "fake-token")
    finally:
        await fake.close()
    assert status == 0 and seen and seen[0].is_closed()
    assert "SIGTERM received: shutting down" in caplog.text
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # the handler is removed again
