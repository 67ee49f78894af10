"""``/ask`` and mentions: any question in plain words, answered by the engine.

"@bot who won in 2015?" is answered exactly like ``/ask``. Messages that mention the
bot carry their content without the privileged message-content intent; in DMs every
message is a question. Mentions share a per-user cooldown; over it, the bot stays
quiet rather than add to channel noise.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.frontends.discord.exts._base import TriviaCog, everywhere, guild_install, per_user_cooldown
from bot.frontends.discord.views import reply_answer, send_answer
from bot.qa.answer import Answer
from bot.qa.conversation import ContextStore, Dialogue

if TYPE_CHECKING:
    from bot.frontends.discord.client import TriviaBot

log = logging.getLogger(__name__)

QUESTION_MAX = 300  # longer input is cut before it reaches the engine


class Ask(TriviaCog):
    def __init__(self, bot: TriviaBot) -> None:
        super().__init__(bot)
        self._mention_cooldown = commands.CooldownMapping.from_cooldown(5, 30.0, commands.BucketType.user)
        # One context per (guild, channel, user), shared by /ask, mentions and DMs: follow-ups
        # ("and in 2016?") resolve against the same person's last question in the same place.
        self.contexts = ContextStore()

    def answer(self, guild_id: int | None, channel_id: int | None, user_id: int, question: str) -> Answer:
        """Answer in the user's context; the engine is read now, so a reload applies at once."""
        key = (guild_id or "dm", channel_id, user_id)
        return Dialogue(self.engine, self.contexts).ask(key, question)

    @app_commands.command(name="ask", description="Ask anything about Petit Le Mans: winners, records, history")
    @app_commands.describe(question="For example: who won in 2015? · how many wins does Dindo Capello have?")
    @everywhere
    @guild_install
    @per_user_cooldown(5, 30.0)
    async def ask(
        self, interaction: discord.Interaction[Any], question: app_commands.Range[str, 1, QUESTION_MAX]
    ) -> None:
        answer = self.answer(interaction.guild_id, interaction.channel_id, interaction.user.id, question[:QUESTION_MAX])
        await send_answer(interaction, answer, resolver=self.resolve)

    # -- mentions and DMs -----------------------------------------------------------------------
    def question_in(self, message: discord.Message) -> str | None:
        """The question a message asks the bot, or ``None`` when it does not address the bot."""
        me = self.bot.user
        if me is None or message.author.bot or message.webhook_id is not None or message.is_system():
            return None
        if isinstance(message.channel, discord.DMChannel):
            text = message.content
        elif any(user.id == me.id for user in message.mentions):
            # Only a direct mention counts: @everyone and role pings are not questions to us.
            text = re.sub(rf"<@!?{me.id}>", " ", message.content)
        else:
            return None
        return " ".join(text.split())[:QUESTION_MAX]

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        question = self.question_in(message)
        if question is None:
            return
        if self._mention_cooldown.update_rate_limit(message):
            log.debug("mention ignored: user over the cooldown", extra={"user_id": message.author.id})
            return
        try:
            guild_id = message.guild.id if message.guild else None
            answer = self.answer(guild_id, message.channel.id, message.author.id, question)
            await reply_answer(message, answer, resolver=self.resolve)
        except discord.Forbidden:
            log.info("cannot reply in this channel", extra={"channel_id": message.channel.id})
        except Exception:
            # Listener errors would otherwise go to discord.py's on_error (a bare traceback).
            log.exception(
                "mention answer failed",
                extra={"user_id": message.author.id, "channel_id": message.channel.id, "question": question[:200]},
            )


async def setup(bot: TriviaBot) -> None:
    await bot.add_cog(Ask(bot))
