"""The Discord client: :class:`TriviaBot` and the :func:`create_bot` factory.

Tests, the benchmark and ``plm-trivia run`` build the bot the same way. Nothing is
registered on a module-level bot: commands live in extensions under ``bot/exts``,
loaded in :meth:`TriviaBot.setup_hook`. Commands are synced to the development guild
at start when one is configured, never globally on every start (``plm-trivia sync``
does that on purpose).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import pkgutil
import signal
import threading
import time
from collections.abc import Sequence
from typing import Any

import discord
from discord.ext import commands, tasks

import bot.frontends.discord.exts
from bot.config import Settings
from bot.knowledge import KnowledgeError
from bot.service import ReloadSummary, TriviaService

log = logging.getLogger(__name__)

#: What the bot needs in a channel to answer mentions: View Channel (1024), Send Messages (2048),
#: Embed Links (16384) and Read Message History (65536, to reply to the question) = 84992.
#: Slash-command replies go through the interaction webhook and need no permission at all.
BOT_PERMISSIONS = discord.Permissions(
    view_channel=True, send_messages=True, embed_links=True, read_message_history=True
)


def invite_url(application_id: int, permissions: discord.Permissions = BOT_PERMISSIONS) -> str:
    """The OAuth2 URL that adds the bot with the ``bot`` and ``applications.commands`` scopes."""
    return discord.utils.oauth_url(application_id, permissions=permissions, scopes=("bot", "applications.commands"))


#: Loaded first so the central error handler is in place before any command runs.
_FIRST = ("bot.frontends.discord.exts.errors",)


def discover_extensions() -> list[str]:
    """Every module in ``bot/exts`` with a ``setup`` (private ``_modules`` skipped), errors first."""
    found = [
        f"{bot.frontends.discord.exts.__name__}.{m.name}"
        for m in pkgutil.iter_modules(bot.frontends.discord.exts.__path__)
        if not m.name.startswith("_")
    ]
    return [e for e in _FIRST if e in found] + sorted(e for e in found if e not in _FIRST)


def build_intents(settings: Settings) -> discord.Intents:
    """The least the bot needs: guilds, plus messages to answer mentions and DMs.

    Messages that mention the bot (and DMs) carry their content without the privileged
    message-content intent; only the quiz, when configured, asks for it.
    """
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_messages = True
    intents.dm_messages = True
    intents.message_content = settings.quiz_message_content
    return intents


class TriviaBot(commands.AutoShardedBot):
    """The Petit Le Mans trivia bot: slash commands over :class:`TriviaService`."""

    def __init__(self, settings: Settings, service: TriviaService, *, extensions: Sequence[str] | None = None) -> None:
        # A text bot never joins voice: discord.py's start-up warnings about PyNaCl and davey are noise.
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
        super().__init__(
            command_prefix=commands.when_mentioned,  # required by commands.Bot; no prefix commands exist
            help_command=None,
            intents=build_intents(settings),
            allowed_mentions=discord.AllowedMentions.none(),
            shard_count=settings.shard_count,
            shard_ids=list(settings.shard_ids) or None,  # type: ignore[arg-type]  # None = all shards; discord.py annotates list[int]
            chunk_guilds_at_startup=False,
            member_cache_flags=discord.MemberCacheFlags.none(),
            max_messages=None,
            activity=discord.Game(name="/ask about Petit Le Mans"),
        )
        self.settings = settings
        self.service = service
        self.initial_extensions = list(extensions) if extensions is not None else discover_extensions()
        self.started_at = time.time()
        self._signals_installed = False

    # -- startup ---------------------------------------------------------------------------------
    async def setup_hook(self) -> None:
        if not self.service.loaded:
            await self.service.reload()  # off the event loop; a broken directory stops the start
        for extension in self.initial_extensions:
            await self.load_extension(extension)
        log.info("extensions loaded", extra={"extensions": self.initial_extensions})
        if self.settings.dev_guild_id:
            guild = discord.Object(id=self.settings.dev_guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("commands synced to the development guild", extra={"guild_id": guild.id, "commands": len(synced)})
        self._install_signal_handlers()
        if self.settings.heartbeat_file:
            self.heartbeat.start()

    def _install_signal_handlers(self) -> None:
        """SIGHUP reloads the knowledge (Unix, main thread only)."""
        if not hasattr(signal, "SIGHUP") or threading.current_thread() is not threading.main_thread():
            return
        try:
            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self._on_sighup)
        except (NotImplementedError, RuntimeError):  # pragma: no cover - platform without signals
            return
        self._signals_installed = True

    def _on_sighup(self) -> None:
        log.info("SIGHUP received: reloading the knowledge base")
        task = asyncio.get_running_loop().create_task(self.reload_knowledge(source="SIGHUP"), name="plm-sighup-reload")
        task.add_done_callback(_swallow_reload_error)

    async def close(self) -> None:
        if self._signals_installed:
            with contextlib.suppress(Exception):
                asyncio.get_running_loop().remove_signal_handler(signal.SIGHUP)
            self._signals_installed = False
        if self.heartbeat.is_running():
            self.heartbeat.cancel()
        await super().close()

    # -- behaviour -------------------------------------------------------------------------------
    async def on_ready(self) -> None:
        log.info(
            "connected",
            extra={
                "user": str(self.user),
                "guilds": len(self.guilds),
                "shards": sorted(self.shards),
                "invite": invite_url(self.application_id) if self.application_id else None,
            },
        )

    async def on_message(self, message: discord.Message, /) -> None:
        # No prefix commands: without this override commands.Bot would try to parse every
        # mention as one and log CommandNotFound. Mentions are answered by bot.frontends.discord.exts.ask.
        return

    async def is_operator(self, user: discord.abc.User) -> bool:
        """Owners of the application and the configured ADMIN_IDS may run admin commands."""
        if user.id in self.settings.admin_ids:
            return True
        return await self.is_owner(user)

    async def reload_knowledge(self, *, source: str) -> ReloadSummary:
        """Reload through the service; logs either way, raises :class:`KnowledgeError` when refused."""
        try:
            summary = await self.service.reload()
        except KnowledgeError as exc:
            log.warning("reload (%s) refused with %d problem(s)", source, len(exc.issues))
            raise
        log.info("reload (%s) done", source, extra={"changes": summary.lines(), "stats": summary.stats})
        return summary

    @tasks.loop(seconds=30)
    async def heartbeat(self) -> None:
        """Touch the heartbeat file while connected: the container's health check reads its age."""
        if self.settings.heartbeat_file and self.connected:
            path = self.settings.heartbeat_file
            await asyncio.to_thread(path.write_text, f"{time.time():.0f}\n")

    @property
    def connected(self) -> bool:
        """Ready, and every shard of this process has an open gateway connection."""
        if not self.is_ready() or self.is_closed():
            return False
        return all(not shard.is_closed() for shard in self.shards.values())


def _swallow_reload_error(task: asyncio.Task[Any]) -> None:
    # A refused SIGHUP reload is already logged with its reasons; don't let asyncio
    # report "exception was never retrieved" on top.
    if not task.cancelled():
        exc = task.exception()
        if exc is not None and not isinstance(exc, KnowledgeError):
            log.error("SIGHUP reload failed", exc_info=exc)


def create_bot(
    settings: Settings | None = None, service: TriviaService | None = None, *, extensions: Sequence[str] | None = None
) -> TriviaBot:
    """A configured, not yet connected bot; settings come from the environment when omitted."""
    settings = settings or Settings()
    service = service or TriviaService(settings.knowledge_dir)
    return TriviaBot(settings, service, extensions=extensions)


__all__ = ["BOT_PERMISSIONS", "TriviaBot", "build_intents", "create_bot", "discover_extensions", "invite_url"]
