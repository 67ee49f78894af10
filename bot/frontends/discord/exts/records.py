"""``/records``: the records tables, paged, with a chart where a picture says it better.

The manufacturers table comes with a timeline of wins by manufacturer over the
years, rendered in a worker thread after the interaction is deferred.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.frontends.discord.charts import render_wins_chart_async
from bot.frontends.discord.exts._base import TriviaCog, everywhere, guild_install, per_user_cooldown
from bot.frontends.discord.views import send_answer

if TYPE_CHECKING:
    from bot.frontends.discord.client import TriviaBot

TABLES = [
    app_commands.Choice(name="Drivers: most overall wins", value="drivers"),
    app_commands.Choice(name="Teams: most overall wins", value="teams"),
    app_commands.Choice(name="Manufacturers: most overall wins (with chart)", value="manufacturers"),
    app_commands.Choice(name="Cars: most overall wins", value="cars"),
    app_commands.Choice(name="Class wins by team", value="classes"),
    app_commands.Choice(name="Laps: winners' lap counts", value="laps"),
    app_commands.Choice(name="Podiums: most overall top-three finishes", value="podiums"),
    app_commands.Choice(name="Poles: most overall pole positions", value="poles"),
]
CHART_FILE = "wins-by-manufacturer.png"


class RecordCommands(TriviaCog):
    @app_commands.command(
        name="records", description="Petit Le Mans records tables: drivers, teams, makes, classes, laps, podiums, poles"
    )
    @app_commands.describe(table="Which table to show")
    @app_commands.choices(table=TABLES)
    @everywhere
    @guild_install
    @per_user_cooldown(3, 30.0)
    async def records(self, interaction: discord.Interaction[Any], table: app_commands.Choice[str]) -> None:
        engine = self.engine  # one snapshot: a reload during the defer must not pair an old table with a new chart
        answer = engine.records(table.value)
        if table.value != "manufacturers":
            await send_answer(interaction, answer, resolver=self.resolve)
            return
        # Rendering a chart is the one slow thing here: defer first, draw off the event loop.
        await interaction.response.defer(thinking=True)
        png = await render_wins_chart_async(engine.kb)
        await send_answer(
            interaction, answer, resolver=self.resolve, file=discord.File(io.BytesIO(png), filename=CHART_FILE)
        )


async def setup(bot: TriviaBot) -> None:
    await bot.add_cog(RecordCommands(bot))
