"""``/ask`` and mentions: any question in plain words, answered by the engine.

"@bot who won in 2015?" is answered exactly like ``/ask``. Messages that mention the
bot carry their content without the privileged message-content intent; in DMs every
message is a question. Mentions share a per-user cooldown; over it, the bot stays
quiet rather than add to channel noise.

Context is per (guild, channel, user) and shared by ``/ask``, mentions and DMs. A reply
to one of the bot's answers continues from that answer, whoever asked it: each answer
sent is remembered by its message id (bounded, for a day).
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
from bot.qa.conversation import ContextStore, Dialogue, Turn

if TYPE_CHECKING:
    from bot.frontends.discord.client import TriviaBot

log = logging.getLogger(__name__)

QUESTION_MAX = 300  # longer input is cut before it reaches the engine
#: Answers a reply can continue from: a day of them, at most this many (about 1 kB each).
REPLYABLE_ANSWERS = 20_000
REPLYABLE_FOR_S = 24 * 3600.0


class Ask(TriviaCog):
    def __init__(self, bot: TriviaBot) -> None:
        super().__init__(bot)
        self._mention_cooldown = commands.CooldownMapping.from_cooldown(5, 30.0, commands.BucketType.user)
        # One context per (guild, channel, user), shared by /ask, mentions and DMs: follow-ups
        # ("and in 2016?") resolve against the same person's last question in the same place.
        self.contexts = ContextStore()
        # The turn behind each answer the bot sent, by message id: a reply continues from it.
        self.sent = ContextStore(capacity=REPLYABLE_ANSWERS, ttl=REPLYABLE_FOR_S, max_turns=1_000_000)

    def answer(
        self, guild_id: int | None, channel_id: int | None, user_id: int, question: str, *, after: Turn | None = None
    ) -> Answer:
        """Answer in the user's context (or continuing ``after``); the engine is read now, so a reload applies."""
        return self._dialogue().ask(self._key(guild_id, channel_id, user_id), question, after=after)

    def _dialogue(self) -> Dialogue:
        return Dialogue(self.engine, self.contexts)

    @staticmethod
    def _key(guild_id: int | None, channel_id: int | None, user_id: int) -> tuple[object, ...]:
        return (guild_id or "dm", channel_id, user_id)

    def remember(self, message: object, guild_id: int | None, channel_id: int | None, user_id: int) -> None:
        """Remember the turn behind an answer just sent, so replies to ``message`` continue from it."""
        turn = self._dialogue().last(self._key(guild_id, channel_id, user_id))
        message_id = getattr(message, "id", None)
        if turn is not None and isinstance(message_id, int):
            self.sent.put(("message", message_id), turn)

    def replied_turn(self, message: discord.Message) -> Turn | None:
        """The answer ``message`` replies to, if it is one of ours we still remember."""
        reference = message.reference
        if reference is None or reference.message_id is None:
            return None
        return self.sent.get(("message", reference.message_id))

    @app_commands.command(name="ask", description="Ask anything about Petit Le Mans: winners, records, history")
    @app_commands.describe(question="For example: who won in 2015? · how many wins does Dindo Capello have?")
    @everywhere
    @guild_install
    @per_user_cooldown(5, 30.0)
    async def ask(
        self, interaction: discord.Interaction[Any], question: app_commands.Range[str, 1, QUESTION_MAX]
    ) -> None:
        where = (interaction.guild_id, interaction.channel_id, interaction.user.id)
        answer = self.answer(*where, question[:QUESTION_MAX])
        sent = await send_answer(interaction, answer, resolver=self.resolve)
        self.remember(sent, *where)

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
        elif self.replied_turn(message) is not None and message.content:
            text = message.content  # a reply to our answer (its content arrives without a ping only with the intent)
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
            where = (message.guild.id if message.guild else None, message.channel.id, message.author.id)
            answer = self.answer(*where, question, after=self.replied_turn(message))
            sent = await reply_answer(message, answer, resolver=self.resolve)
            self.remember(sent, *where)
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
