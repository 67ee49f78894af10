"""``/help``: every command the bot registered, with an example, built from the command tree."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.frontends.discord.embeds import COLOURS, clip
from bot.frontends.discord.exts._base import TriviaCog, everywhere, guild_install, per_user_cooldown
from bot.frontends.discord.views import NO_PINGS

if TYPE_CHECKING:
    from bot.frontends.discord.client import TriviaBot

EXAMPLES = {
    "ask": "/ask question: who won in 2015?",
    "winner": "/winner year: 2015",
    "race": "/race year: 2011",
    "driver": "/driver name: Capello",
    "team": "/team name: Audi Sport North America",
    "manufacturer": "/manufacturer name: Porsche",
    "records": "/records table: Manufacturers",
    "history": "/history topic: Founding",
    "about": "/about",
    "reload": "/reload (operators only)",
    "daily set": "/daily set time: 18:00 (server admins; UTC)",
    "daily answer": "/daily answer answer: 2015",
}


def _usage(command: app_commands.Command[Any, Any, Any]) -> str:
    options = " ".join(f"{p.display_name}:" if p.required else f"[{p.display_name}:]" for p in command.parameters)
    return f"/{command.qualified_name} {options}".strip()


class Help(TriviaCog):
    def help_embed(self) -> discord.Embed:
        kb = self.kb
        embed = discord.Embed(
            title="Petit Le Mans trivia: commands",
            description=(
                f"I know every Petit Le Mans from {kb.first_year} to {kb.last_year}: winners, records, history. "
                f"Ask with `/ask`, or mention me with a question, e.g. “@{self.bot.user.name if self.bot.user else 'bot'} "
                "who won in 2015?”. In DMs, just type the question."
            ),
            colour=COLOURS["answered"],
        )
        commands: list[app_commands.Command[Any, Any, Any]] = []
        for item in self.bot.tree.get_commands(type=discord.AppCommandType.chat_input):
            if isinstance(item, app_commands.Group):
                commands.extend(c for c in item.walk_commands() if isinstance(c, app_commands.Command))
            elif isinstance(item, app_commands.Command):
                commands.append(item)
        for command in sorted(commands, key=lambda c: (c.qualified_name == "reload", c.qualified_name))[:25]:
            example = EXAMPLES.get(command.qualified_name)
            value = command.description + (f"\n`{example}`" if example else "")
            embed.add_field(name=clip(_usage(command), 256), value=clip(value, 1024), inline=False)
        stats = kb.stats
        embed.set_footer(text=f"Knowledge: {stats['races']} races, {stats['drivers']} drivers, {stats['facts']} facts")
        return embed

    @app_commands.command(name="help", description="What this bot can do, with examples")
    @everywhere
    @guild_install
    @per_user_cooldown(3, 30.0)
    async def help(self, interaction: discord.Interaction[Any]) -> None:
        await interaction.response.send_message(embed=self.help_embed(), ephemeral=True, allowed_mentions=NO_PINGS)


async def setup(bot: TriviaBot) -> None:
    await bot.add_cog(Help(bot))
