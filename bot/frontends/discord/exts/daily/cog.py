"""``/daily`` (set, off, show, answer): one Petit Le Mans question a day per server.

An admin (Manage Server) sets a channel and a time (UTC); at that time the bot posts
the day's question (:mod:`bot.quiz.daily` chooses it), members answer until the next
post time with the buttons or ``/daily answer`` (told privately whether they were
right), and then the reveal follows: the answer, one sentence of fact, how many
answered and got it right, and the daily streaks.

Everything lives in the database (:class:`~bot.store.daily.DailyStore`), so a restart
keeps the answers and still reveals. A scheduler (``tasks.loop``, started once the bot
is connected) calls :meth:`DailyCog.tick` every 30 seconds with :attr:`DailyCog.now`;
tests replace that clock and call ``tick`` themselves, so nothing sleeps.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot.frontends.discord.exts._base import TriviaCog, per_user_cooldown
from bot.frontends.discord.exts.daily.ui import DailyButton, answer_view, question_embed, reveal_embed
from bot.frontends.discord.views import NO_PINGS, send_notice
from bot.quiz import daily as rules  # (the name "daily" is the command group)
from bot.quiz.matching import Matcher
from bot.quiz.questions import question_pool
from bot.store.daily import DailyAnswer, DailyConfig, DailyPost, DailyStore
from bot.store.daily_store import SQLDailyStore

if TYPE_CHECKING:
    from bot.frontends.discord.client import TriviaBot

log = logging.getLogger(__name__)

TICK_SECONDS = 30.0
#: Sending a post or a reveal is tried this often per day before the bot gives up on it.
MAX_TRIES = 3
_NEEDED = ("view_channel", "send_messages", "embed_links")
_POSTABLE = (discord.ChannelType.text, discord.ChannelType.news)


class TextChannelOption(app_commands.Transformer):
    """A text or announcement channel, taken as Discord sends it (no channel cache needed)."""

    @property
    def type(self) -> discord.AppCommandOptionType:
        return discord.AppCommandOptionType.channel

    @property
    def channel_types(self) -> list[discord.ChannelType]:
        return list(_POSTABLE)

    async def transform(self, interaction: discord.Interaction[Any], value: Any, /) -> Any:
        return value


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class DailyCog(TriviaCog, name="Daily"):
    daily = app_commands.Group(
        name="daily",
        description="The daily Petit Le Mans question: one a day per server, with streaks",
        allowed_contexts=app_commands.AppCommandContext(guild=True, dm_channel=False, private_channel=False),
        allowed_installs=app_commands.AppInstallationType(guild=True, user=False),
    )

    def __init__(self, bot: TriviaBot) -> None:
        super().__init__(bot)
        self._store: DailyStore | None = None
        self._store_lock = asyncio.Lock()
        self._tick_lock = asyncio.Lock()
        self._failures: Counter[tuple[str, int, dt.date]] = Counter()
        self.now: Callable[[], dt.datetime] = utc_now  # tests put a fixed clock here

    # -- lifecycle -------------------------------------------------------------------------------
    async def store(self) -> DailyStore:
        """The quiz's database (``DATABASE_URL``, else the SQLite file), opened on first use."""
        async with self._store_lock:
            if self._store is None:
                settings = self.bot.settings
                self._store = await SQLDailyStore.open(settings.database, pool_size=settings.database_pool_size)
            return self._store

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(DailyButton)
        if self.bot.is_ready():  # loaded again on a running bot: on_ready will not come
            self.scheduler.start()

    async def cog_unload(self) -> None:
        self.scheduler.cancel()
        self.bot.remove_dynamic_items(DailyButton)
        if self._store is not None:
            await self._store.close()
            self._store = None

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        if not self.scheduler.is_running():
            self.scheduler.start()

    @tasks.loop(seconds=TICK_SECONDS)
    async def scheduler(self) -> None:
        try:
            await self.tick()
        except Exception:  # tasks.loop would stop for good on an exception; the next tick may do better
            log.exception("daily tick failed")

    # -- the day's work ----------------------------------------------------------------------------
    async def tick(self, guild_id: int | None = None) -> None:
        """Reveal every question whose day is over, then post every question that is due.

        Safe to call at any time and from several processes: posts and reveals are claimed
        in the database first, so each happens once. ``guild_id`` limits it to one guild.
        """
        async with self._tick_lock:
            now = self.now()
            store = await self.store()
            configs = {c.guild_id: c for c in await store.configs() if guild_id in (None, c.guild_id)}
            for post in await store.open_posts():
                if guild_id not in (None, post.guild_id):
                    continue
                config = configs.get(post.guild_id)
                at = config.at if config is not None and config.enabled else None
                if rules.reveal_due(post.day, now, at):
                    await self._guarded("reveal", post.guild_id, self._reveal(store, post, config, now))
            for config in configs.values():
                day = rules.post_due(now, config.at, config.since) if config.enabled else None
                if day is not None:
                    await self._guarded("post", config.guild_id, self._post(store, config, day, now))

    async def _guarded(self, what: str, guild_id: int, work: Coroutine[Any, Any, None]) -> None:
        # One guild's trouble (a deleted channel, a bad row) never stops the others or the loop.
        try:
            await work
        except Exception:
            log.exception("daily %s failed", what, extra={"guild_id": guild_id})

    def _gave_up(self, what: str, guild_id: int, day: dt.date) -> bool:
        return self._failures[(what, guild_id, day)] >= MAX_TRIES

    async def _post(self, store: DailyStore, config: DailyConfig, day: dt.date, now: dt.datetime) -> None:
        if self._gave_up("post", config.guild_id, day) or await store.post(config.guild_id, day) is not None:
            return
        recent = await store.recent_keys(config.guild_id)
        # Off the loop: the first question of a knowledge base builds its question pool.
        question = await asyncio.to_thread(rules.daily_question, question_pool(self.kb), config.guild_id, day, recent)
        post = DailyPost(
            guild_id=config.guild_id, day=day, channel_id=config.channel_id, question_key=question.key,
            prompt=question.prompt, options=question.options, correct=question.correct, answer=question.answer,
            reveal=question.fact, posted_at=now,
        )  # fmt: skip
        if not await store.claim_post(post):
            return  # posted already (by another process, or a tick that raced this one)
        channel = self.bot.get_partial_messageable(config.channel_id, guild_id=config.guild_id)
        try:
            message = await channel.send(
                embed=question_embed(post, rules.day_end(day, config.at)), view=answer_view(post),
                allowed_mentions=NO_PINGS,
            )  # fmt: skip
        except discord.HTTPException as exc:
            self._failures[("post", config.guild_id, day)] += 1
            await store.release_post(config.guild_id, day)
            log.warning("daily: could not post in channel %s: %s", config.channel_id, exc)
            return
        await store.set_message(config.guild_id, day, message.id)
        late = (now - rules.day_start(day, config.at)).total_seconds() > 2 * TICK_SECONDS
        log.info(
            "daily question posted",
            extra={"guild_id": config.guild_id, "day": day.isoformat(), "key": question.key, "late": late},
        )

    async def _reveal(self, store: DailyStore, post: DailyPost, config: DailyConfig | None, now: dt.datetime) -> None:
        if self._gave_up("reveal", post.guild_id, post.day) or not await store.claim_reveal(
            post.guild_id, post.day, now
        ):
            return
        tally = await store.tally(post.guild_id, post.day)
        right = await store.right_answers(post.guild_id, post.day)
        streaks = await store.streaks(post.guild_id, post.day)
        next_at = rules.next_post(now, config.at) if config is not None and config.enabled else None
        channel = self.bot.get_partial_messageable(post.channel_id, guild_id=post.guild_id)
        reference = (
            discord.MessageReference(message_id=post.message_id, channel_id=post.channel_id, fail_if_not_exists=False)
            if post.message_id
            else None
        )
        try:
            kwargs: dict[str, Any] = {"reference": reference} if reference else {}
            await channel.send(
                embed=reveal_embed(post, tally, right, streaks, next_at), allowed_mentions=NO_PINGS, **kwargs
            )
        except discord.HTTPException as exc:
            self._failures[("reveal", post.guild_id, post.day)] += 1
            if not self._gave_up("reveal", post.guild_id, post.day):
                await store.release_reveal(post.guild_id, post.day)
            log.warning("daily: could not reveal in channel %s: %s", post.channel_id, exc)
            return
        if post.message_id:
            with contextlib.suppress(discord.HTTPException):  # the question was deleted: the reveal still stands
                await channel.get_partial_message(post.message_id).edit(
                    view=answer_view(post, closed=True), allowed_mentions=NO_PINGS
                )
        log.info(
            "daily question revealed",
            extra={"guild_id": post.guild_id, "day": post.day.isoformat(), "answered": tally.answered},
        )

    async def forget_user(self, user_id: int) -> int:
        """Delete a member's daily answers (``/quiz forget-me``); returns how many went."""
        return await (await self.store()).forget_user(user_id)

    # -- admin: /daily set, /daily off ---------------------------------------------------------------
    async def _refused(self, interaction: discord.Interaction[Any]) -> bool:
        if interaction.permissions.manage_guild or await self.bot.is_operator(interaction.user):
            return False
        await send_notice(
            interaction, "Not allowed", "Only server admins (Manage Server) can set up or turn off the daily question."
        )
        return True

    @daily.command(name="set", description="Server admins: post the daily question in a channel at a time (UTC)")
    @app_commands.describe(
        time="When to post it each day, HH:MM in UTC (for example 18:00)",
        channel="Where to post it (default: this channel)",
    )
    async def set_daily(
        self,
        interaction: discord.Interaction[Any],
        time: str,
        channel: app_commands.Transform[app_commands.AppCommandChannel, TextChannelOption] | None = None,
    ) -> None:
        if await self._refused(interaction):
            return
        try:
            at = rules.parse_time(time)
        except ValueError as exc:
            await send_notice(interaction, "Not a time", str(exc))
            return
        if channel is not None and channel.type not in _POSTABLE:
            await send_notice(interaction, "Not a text channel", "Pick a text or announcement channel.")
            return
        channel_id = channel.id if channel is not None else interaction.channel_id
        if channel_id is None or interaction.guild_id is None:
            await send_notice(interaction, "Servers only", "The daily question runs in a server channel.")
            return
        if channel is None:
            missing = [p for p in _NEEDED if not getattr(interaction.app_permissions, p)]
            if missing:
                await send_notice(
                    interaction, "I can't post here", f"I need these permissions in this channel: {', '.join(missing)}."
                )
                return
        now = self.now()
        await (await self.store()).configure(interaction.guild_id, channel_id, at, now)
        first = rules.next_post(now, at)
        text = (
            f"The daily question will be posted in <#{channel_id}> every day at **{rules.format_time(at)} UTC**; "
            f"the first one <t:{int(first.timestamp())}:R>. Answers are open until the next one, then the answer "
            "and the streaks are posted."
        )
        await send_notice(interaction, "Daily question set", text, kind="ok")

    @daily.command(name="off", description="Server admins: stop the daily question (today's answer is revealed now)")
    async def off(self, interaction: discord.Interaction[Any]) -> None:
        if await self._refused(interaction):
            return
        guild_id = interaction.guild_id or 0
        store = await self.store()
        if not await store.disable(guild_id):
            await send_notice(interaction, "Already off", "This server has no daily question. `/daily set` starts one.")
            return
        open_now = await store.current_post(guild_id) is not None
        more = " Today's question is revealed now." if open_now else ""
        await send_notice(interaction, "Daily question off", f"No more daily questions here.{more}", kind="ok")
        await self.tick(guild_id)

    # -- playing: /daily show, /daily answer, the buttons -------------------------------------------------
    async def _open_post(self, interaction: discord.Interaction[Any], day: dt.date | None = None) -> DailyPost | None:
        """The guild's question open for answers (``day``'s, if given), or None after telling the member why."""
        store = await self.store()
        guild_id = interaction.guild_id or 0
        post = await store.post(guild_id, day) if day is not None else await store.current_post(guild_id)
        config = await store.config(guild_id)
        at = config.at if config is not None and config.enabled else None
        if post is None:
            await send_notice(interaction, "No daily question", "There is no daily question open in this server.")
            return None
        if post.revealed_at is not None or rules.reveal_due(post.day, self.now(), at):
            await send_notice(interaction, "Closed", "That daily question is closed: its answer is posted.")
            return None
        return post

    def _reveal_at(self, post: DailyPost, config: DailyConfig | None) -> dt.datetime | None:
        return rules.day_end(post.day, config.at) if config is not None and config.enabled else None

    @daily.command(name="show", description="Show today's daily question (only to you), with its buttons")
    async def show(self, interaction: discord.Interaction[Any]) -> None:
        post = await self._open_post(interaction)
        if post is None:
            return
        config = await (await self.store()).config(post.guild_id)
        await interaction.response.send_message(
            embed=question_embed(post, self._reveal_at(post, config)), view=answer_view(post), ephemeral=True,
            allowed_mentions=NO_PINGS,
        )  # fmt: skip

    @daily.command(
        name="answer", description="Answer today's daily question (one answer a day; only you see the verdict)"
    )
    @app_commands.describe(answer="Your answer, typed (a name, a year, a number, true or false, or a letter A-D)")
    @per_user_cooldown(3, 30.0)
    async def answer(self, interaction: discord.Interaction[Any], answer: app_commands.Range[str, 1, 200]) -> None:
        post = await self._open_post(interaction)
        if post is None:
            return
        store = await self.store()
        if await store.answer(post.guild_id, post.day, interaction.user.id) is not None:
            await self._already(interaction, post)
            return
        try:
            question = rules.realize(question_pool(self.kb), post.question_key, post.guild_id, post.day)
        except KeyError:
            question = None
        if question is None or question.prompt != post.prompt or question.options != post.options:
            # The knowledge was reloaded and the question changed: the buttons still judge it as posted.
            await send_notice(interaction, "Use the buttons", "Today's question can only be answered with its buttons.")
            return
        ruling = rules.rule_answer(question, answer, Matcher(self.kb))
        if not ruling.record:
            text = (
                "More than one person or team goes by that name: be more specific. That did not count as your answer."
                if ruling.reason == "ambiguous"
                else "That reads as no answer at all: try again."
            )
            await send_notice(interaction, "Not counted", text)
            return
        await self._record(interaction, post, ruling, None)

    async def pick(self, interaction: discord.Interaction[Any], day: dt.date, option: int) -> None:
        """A daily button was clicked (called by :class:`~.ui.DailyButton`)."""
        post = await self._open_post(interaction, day)
        if post is None:
            return
        if not 0 <= option < len(post.options):
            await send_notice(interaction, "Closed", "That button belongs to another question.")
            return
        await self._record(interaction, post, rules.rule_button(post.correct, option), option)

    async def _record(
        self, interaction: discord.Interaction[Any], post: DailyPost, ruling: rules.Ruling, option: int | None
    ) -> None:
        store = await self.store()
        user = interaction.user
        candidate = DailyAnswer(
            guild_id=post.guild_id, day=post.day, user_id=user.id, name=user.display_name, option=option,
            correct=ruling.correct, answered_at=self.now(),
        )  # fmt: skip
        try:
            recorded, _ = await store.record_answer(candidate)
        except LookupError:
            await send_notice(interaction, "Closed", "That daily question is closed: its answer is posted.")
            return
        if not recorded:
            await self._already(interaction, post)
            return
        config = await store.config(post.guild_id)
        reveal_at = self._reveal_at(post, config)
        when = f" <t:{int(reveal_at.timestamp())}:R>" if reveal_at else " soon"
        if ruling.correct:
            await send_notice(
                interaction, "Right!", f"Your answer is in and it is right. The answer and the streaks are posted{when}.",
                kind="ok",
            )  # fmt: skip
        else:
            detail = " (it names only some of what was asked)" if ruling.reason == "partial" else ""
            await send_notice(
                interaction, "Not right", f"Your answer is in, but it is not right{detail}. The answer is posted{when}."
            )

    async def _already(self, interaction: discord.Interaction[Any], post: DailyPost) -> None:
        await send_notice(
            interaction,
            "Already answered",
            "You have answered today's question: one answer a day. See you at the reveal!",
        )


async def setup(bot: TriviaBot) -> None:
    await bot.add_cog(DailyCog(bot))


__all__ = ["DailyCog", "setup"]
