"""``/reload``: re-read the knowledge directory, validate it fully, swap it in atomically.

Only operators (owners of the application and ADMIN_IDS) may reload; the check runs in
the bot, and ``default_permissions`` additionally hides the command from members who
are not administrators. A broken knowledge base is refused with its ``file:line``
errors while the old one keeps serving.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.frontends.discord.embeds import COLOURS, clip
from bot.frontends.discord.exts._base import TriviaCog, everywhere, guild_install, operator_only, per_user_cooldown
from bot.frontends.discord.views import NO_PINGS
from bot.knowledge import KnowledgeError
from bot.service import ReloadSummary

if TYPE_CHECKING:
    from bot.frontends.discord.client import TriviaBot

log = logging.getLogger(__name__)
SHOWN_ISSUES = 15


def summary_embed(summary: ReloadSummary) -> discord.Embed:
    changes = "\n".join(f"• {line}" for line in summary.lines())
    stats = summary.stats
    embed = discord.Embed(
        title="Knowledge reloaded" if summary.changed else "Knowledge reloaded: no changes",
        description=clip(changes, 4000),
        colour=COLOURS["ok"],
    )
    embed.add_field(name="Now serving", value=f"{stats.get('races', 0)} races · {stats.get('facts', 0)} facts · "
                    f"{stats.get('drivers', 0)} drivers · {stats.get('teams', 0)} teams", inline=False)  # fmt: skip
    embed.set_footer(text=f"Loaded and validated in {summary.seconds * 1000:.0f} ms")
    return embed


def refused_embed(error: KnowledgeError) -> discord.Embed:
    shown = [clip(str(issue), 300) for issue in error.issues[:SHOWN_ISSUES]]
    more = len(error.issues) - len(shown)
    body = "\n".join(shown) + (f"\n… and {more} more" if more > 0 else "")
    embed = discord.Embed(
        title=f"Reload refused: {len(error.issues)} problem(s)",
        description=clip(f"The previous knowledge is still being served.\n```\n{clip(body, 3800)}\n```", 4096),
        colour=COLOURS["error"],
    )
    embed.set_footer(text="Fix the files, check with `plm-trivia validate`, then /reload again.")
    return embed


class Admin(TriviaCog):
    @app_commands.command(name="reload", description="Operators: reload the knowledge base from disk")
    @app_commands.default_permissions(administrator=True)
    @everywhere
    @guild_install
    @operator_only()
    @per_user_cooldown(2, 30.0)
    async def reload(self, interaction: discord.Interaction[Any]) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        log.info("reload requested", extra={"user_id": interaction.user.id, "guild_id": interaction.guild_id})
        try:
            summary = await self.bot.reload_knowledge(source=f"/reload by {interaction.user.id}")
        except KnowledgeError as exc:
            await interaction.followup.send(embed=refused_embed(exc), ephemeral=True, allowed_mentions=NO_PINGS)
            return
        await interaction.followup.send(embed=summary_embed(summary), ephemeral=True, allowed_mentions=NO_PINGS)


async def setup(bot: TriviaBot) -> None:
    await bot.add_cog(Admin(bot))
