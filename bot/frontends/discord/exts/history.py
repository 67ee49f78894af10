"""``/history topic:``: founding, format, track, firsts, incidents and more, from the facts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from rapidfuzz import fuzz, process

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
from bot.qa.answer import Answer

if TYPE_CHECKING:
    from bot.frontends.discord.client import TriviaBot


class History(TriviaCog):
    def topic_choices(self, current: str) -> Choices:
        topics = self.engine.topics()
        if current.strip():
            labels = {topic: f"{label} {topic}" for topic, label in topics}
            ranked = process.extract(current, labels, scorer=fuzz.WRatio, limit=AUTOCOMPLETE_LIMIT, score_cutoff=40)
            wanted = {key for _, _, key in ranked}
            topics = [t for t in topics if t[0] in wanted] or topics
            order = {key: i for i, (_, _, key) in enumerate(ranked)}
            topics.sort(key=lambda t: order.get(t[0], len(order)))
        return [app_commands.Choice(name=label[:100], value=topic) for topic, label in topics[:AUTOCOMPLETE_LIMIT]]

    def lookup(self, value: str) -> Answer:
        """A topic from autocomplete, or typed words: then the engine answers them as a question."""
        topics = dict(self.engine.topics())
        key = value.strip().lower()
        if key in topics:
            return self.engine.history(key)
        for topic, label in topics.items():
            if key == label.lower():
                return self.engine.history(topic)
        return self.engine.ask(value[:300])

    @app_commands.command(
        name="history", description="Petit Le Mans history: founding, format, track, firsts, incidents"
    )
    @app_commands.describe(topic="Pick a topic, or type a few words")
    @everywhere
    @guild_install
    @per_user_cooldown(6, 30.0)
    async def history(self, interaction: discord.Interaction[Any], topic: app_commands.Range[str, 1, 100]) -> None:
        await send_answer(interaction, self.lookup(topic), resolver=self.resolve)

    @history.autocomplete("topic")
    @safe_autocomplete
    async def _topic(self, interaction: discord.Interaction[Any], current: str) -> Choices:
        return self.topic_choices(current)


async def setup(bot: TriviaBot) -> None:
    await bot.add_cog(History(bot))
