"""``/about``: the version, the knowledge base it answers from (extent and content hash), the sources."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.frontends.discord.embeds import COLOURS, clip
from bot.frontends.discord.exts._base import TriviaCog, everywhere, guild_install, per_user_cooldown
from bot.frontends.discord.views import NO_PINGS
from bot.knowledge.about import about

if TYPE_CHECKING:
    from bot.frontends.discord.client import TriviaBot


class About(TriviaCog):
    def about_embed(self) -> discord.Embed:
        embed = discord.Embed(title="About this bot", colour=COLOURS["answered"])
        for label, value in about(self.kb):  # one snapshot of the knowledge base for the whole embed
            embed.add_field(name=label, value=clip(value, 1024), inline=False)
        return embed

    @app_commands.command(name="about", description="Version, knowledge base and where the facts come from")
    @everywhere
    @guild_install
    @per_user_cooldown(3, 30.0)
    async def about(self, interaction: discord.Interaction[Any]) -> None:
        await interaction.response.send_message(embed=self.about_embed(), ephemeral=True, allowed_mentions=NO_PINGS)


async def setup(bot: TriviaBot) -> None:
    await bot.add_cog(About(bot))
