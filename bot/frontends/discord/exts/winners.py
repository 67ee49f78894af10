"""``/winner`` (overall and class winners of a year) and ``/race`` (the full race card)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.frontends.discord.exts._base import (
    AUTOCOMPLETE_LIMIT,
    Choices,
    TriviaCog,
    everywhere,
    guild_install,
    per_user_cooldown,
    safe_autocomplete,
)
from bot.frontends.discord.views import send_answer

if TYPE_CHECKING:
    from bot.frontends.discord.client import TriviaBot

Year = app_commands.Range[int, 1900, 2100]  # the engine explains years it has no race for


class Winners(TriviaCog):
    def year_choices(self, current: str) -> Choices:
        """Race years, latest first, filtered by the digits typed (``15`` finds 2015)."""
        digits = "".join(ch for ch in current if ch.isdigit())
        races = list(reversed(self.kb.races.values()))
        if digits:
            races = [r for r in races if str(r.year).startswith(digits) or str(r.year)[2:].startswith(digits)]
        return [
            app_commands.Choice(name=f"{race.year} · {race.event_title}"[:100], value=race.year)
            for race in races[:AUTOCOMPLETE_LIMIT]
        ]

    @app_commands.command(name="winner", description="Who won Petit Le Mans in a given year, overall and in each class")
    @app_commands.describe(year="The race year, e.g. 2015")
    @everywhere
    @guild_install
    @per_user_cooldown(6, 30.0)
    async def winner(self, interaction: discord.Interaction[Any], year: Year) -> None:
        await send_answer(interaction, self.engine.winner(year), resolver=self.resolve)

    @app_commands.command(name="race", description="The race card of one Petit Le Mans: date, format, winners by class")
    @app_commands.describe(year="The race year, e.g. 2015")
    @everywhere
    @guild_install
    @per_user_cooldown(6, 30.0)
    async def race(self, interaction: discord.Interaction[Any], year: Year) -> None:
        await send_answer(interaction, self.engine.race_card(year), resolver=self.resolve)

    @winner.autocomplete("year")
    @safe_autocomplete
    async def _winner_year(self, interaction: discord.Interaction[Any], current: str) -> Choices:
        return self.year_choices(current)

    @race.autocomplete("year")
    @safe_autocomplete
    async def _race_year(self, interaction: discord.Interaction[Any], current: str) -> Choices:
        return self.year_choices(current)


async def setup(bot: TriviaBot) -> None:
    await bot.add_cog(Winners(bot))
