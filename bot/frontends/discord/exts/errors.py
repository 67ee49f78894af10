"""The one place where application-command errors are answered and logged.

Expected refusals (cooldowns, checks, operators only) get a friendly ephemeral
message; anything else is logged with its context (command, options, user, guild)
and the user gets a polite ephemeral apology, never a traceback.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.frontends.discord.embeds import clip
from bot.frontends.discord.exts._base import NotOperator
from bot.frontends.discord.views import polite_failure, send_notice

if TYPE_CHECKING:
    from bot.frontends.discord.client import TriviaBot

log = logging.getLogger(__name__)


def interaction_context(interaction: discord.Interaction[Any]) -> dict[str, Any]:
    """What to log about an interaction: enough to reproduce, never the token."""
    options = {k: clip(str(v), 200) for k, v in vars(interaction.namespace).items()}
    return {
        "command": interaction.command.qualified_name if interaction.command else None,
        "options": options,
        "user_id": interaction.user.id if interaction.user else None,
        "guild_id": interaction.guild_id,
        "channel_id": interaction.channel_id,
        "interaction_id": interaction.id,
    }


class ErrorHandler(commands.Cog):
    """Installs itself as the command tree's error handler while loaded."""

    def __init__(self, bot: TriviaBot) -> None:
        self.bot = bot
        self._previous = bot.tree.on_error

    async def cog_load(self) -> None:
        self.bot.tree.on_error = self.on_app_command_error  # type: ignore[method-assign]  # discord.py documents replacing this handler; it is declared as a method

    async def cog_unload(self) -> None:
        self.bot.tree.on_error = self._previous  # type: ignore[method-assign]  # discord.py documents replacing this handler; it is declared as a method

    async def on_app_command_error(
        self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError
    ) -> None:
        context = interaction_context(interaction)
        try:
            await self._answer(interaction, error, context)
        except discord.HTTPException:
            # Even the apology failed (interaction expired?): the log is all we can do.
            log.warning("could not answer a failed interaction", extra=context)

    async def _answer(
        self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError, context: dict[str, Any]
    ) -> None:
        if isinstance(error, app_commands.CommandOnCooldown):
            await send_notice(
                interaction,
                "Easy on the throttle",
                f"You're going a bit fast. Try again in {max(1, round(error.retry_after))} s.",
            )
        elif isinstance(error, NotOperator):
            log.warning("refused an operator command to a non-operator", extra=context)
            await send_notice(
                interaction,
                "Operators only",
                "Only the bot's operators can do that. If you run this bot, add your user id to ADMIN_IDS.",
                kind="error",
            )
        elif isinstance(error, app_commands.NoPrivateMessage):
            await send_notice(interaction, "Servers only", "That command works in a server, not in DMs.")
        elif isinstance(
            error, (app_commands.MissingPermissions, app_commands.MissingRole, app_commands.MissingAnyRole)
        ):
            log.info("refused for missing permissions", extra=context)
            await send_notice(interaction, "Not allowed", "You don't have the permissions that command needs.")
        elif isinstance(error, app_commands.BotMissingPermissions):
            log.warning("bot lacks permissions: %s", ", ".join(error.missing_permissions), extra=context)
            await send_notice(interaction, "I can't do that here", "I'm missing permissions in this channel.")
        elif isinstance(error, app_commands.CheckFailure):
            log.info("check failed: %s", type(error).__name__, extra=context)
            await send_notice(interaction, "Not available here", "You can't use that command here.")
        elif isinstance(error, app_commands.TransformerError):
            await send_notice(
                interaction,
                "I didn't understand that",
                f"“{clip(str(error.value), 80)}” isn't a value I can use there.",
            )
        elif isinstance(error, (app_commands.CommandNotFound, app_commands.CommandSignatureMismatch)):
            log.warning("command out of sync with Discord: %s", error, extra=context)
            await send_notice(interaction, "Command out of date", "That command changed; please try again in a minute.")
        elif _expired(error):
            # Discord's 3 s to answer ran out (a slow network, a busy loop): nothing to tell the user with.
            log.warning("interaction expired before it was answered", extra=context)
        else:
            original = getattr(error, "original", error)
            log.error("command failed: %s", type(original).__name__, exc_info=original, extra=context)
            await polite_failure(interaction)


def _expired(error: Exception) -> bool:
    original = getattr(error, "original", error)
    return isinstance(original, discord.NotFound) and original.code == 10062  # Unknown interaction


async def setup(bot: TriviaBot) -> None:
    await bot.add_cog(ErrorHandler(bot))
