"""``plm-trivia run`` and ``plm-trivia sync``: start the bot, or register its commands on purpose.

Both return a process exit status: 0 on success, 1 when the knowledge base or Discord
refuses, 2 when the configuration is missing (no ``DISCORD_TOKEN``). Logs are
structured (one JSON object per line by default) and pass through a filter that
blanks the token wherever it might appear.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import re
import signal
import sys
import time
from typing import Any, TextIO

from pydantic import ValidationError

from bot.config import Settings, describe_errors

log = logging.getLogger("bot.frontends.discord.runner")

NO_TOKEN = """\
DISCORD_TOKEN is not set, so the bot cannot connect to Discord.

Get a token: https://discord.com/developers/applications -> your application -> Bot ->
Reset Token, then put it in the environment or in a .env file next to where you run the bot:

    DISCORD_TOKEN=your-token-here

deploy/README.md walks through creating the application and inviting the bot.
The offline console (plm-trivia ask / repl / quiz) needs no token."""

_STANDARD_ATTRS = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "taskName"}


_URL_TOKEN = re.compile(r"(/(?:interactions|webhooks)/\d+/)[A-Za-z0-9_.\-]{20,}")


class RedactFilter(logging.Filter):
    """Replaces every secret in a record's message and arguments with ``[redacted]``."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]  # short ones too: a 5-character token is still the token

    def filter(self, record: logging.LogRecord) -> bool:
        # Interaction and webhook tokens are secrets whether or not a bot token is set.
        message = record.getMessage()
        clean = self._clean(message)
        if clean != message:
            record.msg, record.args = clean, ()
        for key, value in list(vars(record).items()):
            if key not in _STANDARD_ATTRS and isinstance(value, str):
                setattr(record, key, self._clean(value))
        return True

    def _clean(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "[redacted]")
        # Interaction tokens ride in callback and webhook URLs (discord.webhook logs them at DEBUG).
        return _URL_TOKEN.sub(r"\1[redacted]", text)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, extra fields, exception."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRS and not key.startswith("_"):
                data[key] = value if isinstance(value, (str, int, float, bool, type(None), list, dict)) else repr(value)
        if record.exc_info:
            data["exc"] = self.formatException(record.exc_info)
        return json.dumps(data, default=repr, ensure_ascii=False)


class KeyValueFormatter(logging.Formatter):
    """Human-readable lines with the extra fields appended as key=value."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)-7s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        extra = {k: v for k, v in vars(record).items() if k not in _STANDARD_ATTRS and not k.startswith("_")}
        return line + ("  " + " ".join(f"{k}={v!r}" for k, v in extra.items()) if extra else "")


def configure_logging(settings: Settings, stream: TextIO | None = None) -> logging.Handler:
    """Structured logs to ``stream`` (stderr), token redacted, level from LOG_LEVEL."""
    handler = logging.StreamHandler(stream or sys.stderr)
    target = stream or sys.stderr
    as_json = settings.log_format == "json" or (settings.log_format == "auto" and not target.isatty())
    handler.setFormatter(JsonFormatter() if as_json else KeyValueFormatter())  # text for people, JSON for collectors
    handler.addFilter(RedactFilter([settings.token or ""]))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level)
    logging.getLogger("discord.http").setLevel(max(logging.INFO, root.level))  # DEBUG there dumps payloads
    return handler


def _require_token(settings: Settings) -> str | None:
    if settings.token:
        return settings.token
    print(NO_TOKEN, file=sys.stderr)
    return None


def _load_service(settings: Settings) -> Any:
    """The knowledge, loaded and validated before anything connects (fail fast, with reasons)."""
    from bot.knowledge import KnowledgeError
    from bot.service import TriviaService

    service = TriviaService(settings.knowledge_dir)
    try:
        summary = service.load()
    except KnowledgeError as exc:
        print(f"The knowledge base in {settings.knowledge_dir} is invalid:", file=sys.stderr)
        for issue in exc.issues:
            print(f"  {issue}", file=sys.stderr)
        return None
    log.info("knowledge loaded", extra={"stats": summary.stats, "ms": round(summary.seconds * 1000)})
    return service


def _prepare(settings: Settings | None, overrides: dict[str, Any]) -> tuple[Settings, str, Any] | int:
    """Settings, token and loaded knowledge, or the exit status that explains what is missing."""
    try:
        settings = settings or Settings()
    except ValidationError as exc:
        print("Invalid configuration:\n" + "\n".join(f"  {line}" for line in describe_errors(exc)), file=sys.stderr)
        return 2
    if overrides:
        settings = settings.model_copy(update=overrides)
    token = _require_token(settings)
    if token is None:
        return 2
    configure_logging(settings)
    service = _load_service(settings)
    if service is None:
        return 1
    return settings, token, service


def run(settings: Settings | None = None, **overrides: Any) -> int:
    """Run the bot until it is stopped (SIGINT/SIGTERM); SIGHUP reloads the knowledge."""
    prepared = _prepare(settings, overrides)
    if isinstance(prepared, int):
        return prepared
    settings, token, service = prepared
    try:
        return asyncio.run(_run(settings, service, token))
    except KeyboardInterrupt:
        return 0


async def _run(settings: Settings, service: Any, token: str) -> int:
    from bot.frontends.discord.client import create_bot

    bot = create_bot(settings, service)
    loop = asyncio.get_running_loop()
    stops = (signal.SIGTERM, signal.SIGINT)
    for signum in stops:
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signum, functools.partial(_stop, bot, signum))
    try:
        return await _serve(bot, token)
    finally:
        for signum in stops:
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.remove_signal_handler(signum)


async def _serve(bot: Any, token: str) -> int:
    import discord

    try:
        async with bot:
            await bot.start(token)
    except discord.LoginFailure:
        log.error("Discord rejected DISCORD_TOKEN: reset it in the Developer Portal and update the configuration")
        return 1
    except discord.PrivilegedIntentsRequired:
        log.error(
            "QUIZ_MESSAGE_CONTENT=true needs the Message Content intent enabled in the Developer Portal (Bot page)"
        )
        return 1
    except Exception:
        log.exception(
            "the bot stopped on an unexpected error"
        )  # one structured record, then a restart by the supervisor
        return 1
    log.info("stopped")
    return 0


def _stop(bot: Any, signum: int) -> None:
    log.info("signal %s received: shutting down", signal.Signals(signum).name)
    asyncio.get_running_loop().create_task(bot.close(), name="plm-shutdown")


def sync(
    settings: Settings | None = None, guild_id: int | None = None, *, clear: bool = False, **overrides: Any
) -> int:
    """Register the slash commands: globally (takes up to an hour to show) or to one guild (instant).

    ``clear`` removes a guild's own copy (left by ``sync --guild``): after a global sync the
    guild would otherwise show every command twice.
    """
    prepared = _prepare(settings, overrides)
    if isinstance(prepared, int):
        return prepared
    settings, token, service = prepared
    try:
        names = asyncio.run(sync_commands(settings, service, token, guild_id, clear=clear))
    except Exception as exc:  # report, don't dump a traceback on the operator
        print(f"Sync failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    if clear:
        print(f"Cleared the guild-only commands of guild {guild_id}; the global ones remain.")
        return 0
    where = f"guild {guild_id}" if guild_id else "all servers (global; may take up to an hour to appear)"
    print(f"Synced {len(names)} commands to {where}: {', '.join('/' + n for n in names)}")
    return 0


async def sync_commands(
    settings: Settings, service: Any, token: str, guild_id: int | None, *, clear: bool = False
) -> list[str]:
    """Log in over HTTP only (no gateway), sync, log out; returns the synced command names."""
    import discord

    from bot.frontends.discord.client import create_bot

    # No development-guild sync at login here: this command syncs exactly where asked.
    bot = create_bot(settings.model_copy(update={"dev_guild_id": None, "heartbeat_file": None}), service)
    async with bot:
        await bot.login(token)
        if guild_id is not None and clear:
            guild = discord.Object(id=guild_id)
            bot.tree.clear_commands(guild=guild)
            synced = await bot.tree.sync(guild=guild)  # an empty list: the guild's copy is gone
        elif guild_id is not None:
            guild = discord.Object(id=guild_id)
            bot.tree.copy_global_to(guild=guild)
            synced = await bot.tree.sync(guild=guild)
        else:
            synced = await bot.tree.sync()
    return [command.name for command in synced]


__all__ = ["NO_TOKEN", "JsonFormatter", "RedactFilter", "configure_logging", "run", "sync", "sync_commands"]
