"""Shared pieces of the extensions: the cog base, checks, cooldowns and safe autocomplete."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

import discord
from discord import app_commands
from discord.ext import commands

from bot.qa.answer import Answer, Candidate

if TYPE_CHECKING:
    from bot.frontends.discord.client import TriviaBot
    from bot.knowledge import KnowledgeBase
    from bot.qa.engine import Engine

log = logging.getLogger(__name__)

PROFILE_KINDS = ("driver", "team", "manufacturer", "car")
AUTOCOMPLETE_LIMIT = 25  # Discord's maximum number of choices

#: Trivia commands work in servers and in DMs with the bot.
everywhere = app_commands.allowed_contexts(guilds=True, dms=True, private_channels=False)
guild_install = app_commands.allowed_installs(guilds=True, users=False)


def per_user_cooldown(rate: int, per: float) -> Callable[[Any], Any]:
    """At most ``rate`` uses per ``per`` seconds for each user (in every server and DM)."""
    return app_commands.checks.cooldown(rate, per, key=lambda interaction: interaction.user.id)


class NotOperator(app_commands.CheckFailure):
    """The user is neither an owner of the application nor in ADMIN_IDS."""


def operator_only() -> Callable[[Any], Any]:
    """A check in the bot itself: Discord's default_permissions only hides the command."""

    async def predicate(interaction: discord.Interaction[Any]) -> bool:
        client = interaction.client
        is_operator = getattr(client, "is_operator", None)
        if is_operator is not None and await is_operator(interaction.user):
            return True
        raise NotOperator("operators only")

    return app_commands.check(predicate)


def profile_candidate(kind: str, ref: Any) -> Candidate:
    """A clarify option that, when picked, shows ``ref``'s profile (see :meth:`TriviaCog.resolve`)."""
    return Candidate(label=ref.name, question=f"/{kind} {ref.name}", entity=ref)


class TriviaCog(commands.Cog):
    """Base of the trivia cogs: reads the *current* engine at every use (reloads swap it)."""

    def __init__(self, bot: TriviaBot) -> None:
        self.bot = bot

    @property
    def engine(self) -> Engine:
        return self.bot.service.engine

    @property
    def kb(self) -> KnowledgeBase:
        return self.bot.service.kb

    def resolve(self, candidate: Candidate) -> Answer:
        """What picking a clarify option answers: a profile for /driver-style picks, else a re-ask."""
        ref = candidate.entity
        if ref is not None and ref.kind in PROFILE_KINDS and candidate.question.startswith(f"/{ref.kind} "):
            return self.engine.profile(ref.kind, ref.id)
        return self.engine.ask(candidate.question)


C = TypeVar("C", bound=TriviaCog)
Choices = list[app_commands.Choice[Any]]


def safe_autocomplete(
    func: Callable[[C, discord.Interaction[Any], str], Coroutine[Any, Any, Choices]],
) -> Callable[[C, discord.Interaction[Any], str], Coroutine[Any, Any, Choices]]:
    """Autocomplete that never raises (discord.py would only log it) and never exceeds 25 choices."""

    @functools.wraps(func)
    async def wrapper(self: C, interaction: discord.Interaction[Any], current: str) -> Choices:
        try:
            choices = await func(self, interaction, str(current or "")[:100])
        except Exception:
            command = interaction.command.qualified_name if interaction.command else "?"
            log.exception("autocomplete failed", extra={"command": command, "user_id": interaction.user.id})
            return []
        return choices[:AUTOCOMPLETE_LIMIT]

    return wrapper


__all__ = [
    "AUTOCOMPLETE_LIMIT",
    "PROFILE_KINDS",
    "NotOperator",
    "TriviaCog",
    "everywhere",
    "guild_install",
    "operator_only",
    "per_user_cooldown",
    "profile_candidate",
    "safe_autocomplete",
]
