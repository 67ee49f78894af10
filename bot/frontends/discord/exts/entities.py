"""``/driver``, ``/team`` and ``/manufacturer``: wins, years, cars, co-drivers, class wins.

Autocomplete offers entities ranked by the engine (rapidfuzz), the entity id as the
value. Text typed without picking a suggestion is matched exactly (name, alias or
id); anything looser is offered back as a choice rather than guessed.
"""

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
    profile_candidate,
    safe_autocomplete,
)
from bot.frontends.discord.views import send_answer
from bot.qa.answer import Answer, clarify, unknown
from bot.qa.normalize import normalize

if TYPE_CHECKING:
    from bot.frontends.discord.client import TriviaBot

Name = app_commands.Range[str, 1, 100]
_PLURAL = {"driver": "drivers", "team": "teams", "manufacturer": "manufacturers"}


class Entities(TriviaCog):
    def choices(self, kind: str, current: str) -> Choices:
        refs = self.engine.suggest(kind, current, AUTOCOMPLETE_LIMIT)
        return [app_commands.Choice(name=ref.name[:100], value=ref.id) for ref in refs[:AUTOCOMPLETE_LIMIT]]

    def lookup(self, kind: str, value: str) -> Answer:
        """The profile for ``value`` (an id from autocomplete, or typed text), or a clarify/unknown."""
        table = self.kb.table_of(kind)
        if value in table:
            return self.engine.profile(kind, value)
        wanted = normalize(value)
        if wanted:
            names = {e.id: [normalize(n) for n in (e.name, *e.aliases)] for e in table.values()}
            exact = [id_ for id_, forms in names.items() if wanted in forms]
            if len(exact) == 1:
                return self.engine.profile(kind, exact[0])
            # Whole words of one name only ("capello", "van der zande"): unambiguous, so answer.
            words = [id_ for id_, forms in names.items() if any(f" {wanted} " in f" {form} " for form in forms)]
            if len(words) == 1 and not exact:
                return self.engine.profile(kind, words[0])
        refs = self.engine.suggest(kind, value, 5) if wanted else []
        if not refs:
            return unknown(
                f"I don't know a {kind} called “{value[:80]}”. I know the {len(table)} {_PLURAL[kind]} "
                f"of the Petit Le Mans results from {self.kb.first_year} to {self.kb.last_year}; "
                "start typing and pick one of the suggestions.",
                "profile",
            )
        # Close but not exact: ask rather than guess (a confident wrong answer is the worst outcome).
        candidates = [profile_candidate(kind, ref) for ref in refs]
        return clarify(f"Which {kind} do you mean by “{value[:80]}”?", candidates, "profile")

    async def _show(self, interaction: discord.Interaction[Any], kind: str, name: str) -> None:
        await send_answer(interaction, self.lookup(kind, name.strip()), resolver=self.resolve)

    @app_commands.command(name="driver", description="A driver's Petit Le Mans record: wins, years, cars, co-drivers")
    @app_commands.describe(name="Start typing a name, e.g. Capello or Tom Kristensen")
    @everywhere
    @guild_install
    @per_user_cooldown(6, 30.0)
    async def driver(self, interaction: discord.Interaction[Any], name: Name) -> None:
        await self._show(interaction, "driver", name)

    @app_commands.command(name="team", description="A team's Petit Le Mans record: wins, years, drivers, class wins")
    @app_commands.describe(name="Start typing a team, e.g. Audi Sport or Wayne Taylor")
    @everywhere
    @guild_install
    @per_user_cooldown(6, 30.0)
    async def team(self, interaction: discord.Interaction[Any], name: Name) -> None:
        await self._show(interaction, "team", name)

    @app_commands.command(name="manufacturer", description="A manufacturer's Petit Le Mans record: wins, years, cars")
    @app_commands.describe(name="Start typing a make, e.g. Audi or Porsche")
    @everywhere
    @guild_install
    @per_user_cooldown(6, 30.0)
    async def manufacturer(self, interaction: discord.Interaction[Any], name: Name) -> None:
        await self._show(interaction, "manufacturer", name)

    @driver.autocomplete("name")
    @safe_autocomplete
    async def _driver_name(self, interaction: discord.Interaction[Any], current: str) -> Choices:
        return self.choices("driver", current)

    @team.autocomplete("name")
    @safe_autocomplete
    async def _team_name(self, interaction: discord.Interaction[Any], current: str) -> Choices:
        return self.choices("team", current)

    @manufacturer.autocomplete("name")
    @safe_autocomplete
    async def _manufacturer_name(self, interaction: discord.Interaction[Any], current: str) -> Choices:
        return self.choices("manufacturer", current)


async def setup(bot: TriviaBot) -> None:
    await bot.add_cog(Entities(bot))
