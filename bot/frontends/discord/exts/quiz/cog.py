"""``/quiz`` (start, stop, skip, hint, settings, forget-me) and ``/leaderboard``.

One game per channel, each a :class:`~bot.quiz.session.QuizSession` with its own task.
Modes: ``buttons`` (multiple choice, needs no privileged intent) and ``text`` (answers
typed in the channel; offered only when the bot is configured with
``QUIZ_MESSAGE_CONTENT=true``, which asks Discord for the message-content intent).
Scores live in the quiz database (``DATABASE_URL``: SQLite by default, PostgreSQL for
several shard processes), opened on first use; games of this process's shards cut short
by a restart are reported in their channel when the bot is next ready.
"""

from __future__ import annotations

import asyncio
import logging
import random
from typing import TYPE_CHECKING, Any, Literal

import discord
from discord import app_commands
from discord.ext import commands
from discord.utils import escape_markdown

from bot.frontends.discord.embeds import notice_embed
from bot.frontends.discord.exts._base import TriviaCog, per_user_cooldown
from bot.frontends.discord.exts.quiz.ui import ChannelPresenter, leaderboard_embed
from bot.frontends.discord.views import NO_PINGS, send_notice
from bot.quiz import render
from bot.quiz.clock import Clock, LoopClock
from bot.quiz.model import CATEGORIES, DIFFICULTIES, Mode
from bot.quiz.session import QuizSession, SessionConfig
from bot.quiz.start import GameRequest, GameSetupError, new_game
from bot.store.quiz import QuizStore
from bot.store.recorder import StoreRecorder

if TYPE_CHECKING:
    from bot.frontends.discord.client import TriviaBot

log = logging.getLogger(__name__)

BETWEEN_ROUNDS = 5.0
_NEEDED = ("view_channel", "send_messages", "embed_links")
_MODE_CHOICES = [
    app_commands.Choice(name="Buttons: multiple choice", value="buttons"),
    app_commands.Choice(name="Free text: type answers in the channel", value="text"),
]


class QuizCog(TriviaCog, name="Quiz"):
    quiz = app_commands.Group(
        name="quiz",
        description="Petit Le Mans quiz: questions from the race's history, scores that last",
        allowed_contexts=app_commands.AppCommandContext(guild=True, dm_channel=False, private_channel=False),
        allowed_installs=app_commands.AppInstallationType(guild=True, user=False),
    )

    def __init__(self, bot: TriviaBot) -> None:
        super().__init__(bot)
        self.sessions: dict[int, QuizSession] = {}  # channel id → the game running there
        self._starting: set[int] = set()  # channels between "/quiz start" and the session existing
        self._told: set[tuple[int, int, int]] = set()  # (channel, round, user) told "partly right" once
        self._store: QuizStore | None = None
        self._store_lock = asyncio.Lock()
        self._recovered = False
        self.clock: Clock = LoopClock()  # tests put a ManualClock here
        self.between_rounds = BETWEEN_ROUNDS

    # -- lifecycle -------------------------------------------------------------------------------
    async def store(self) -> QuizStore:
        """The database, opened on first use (commands that never touch the quiz never create it)."""
        async with self._store_lock:
            if self._store is None:
                settings = self.bot.settings
                self._store = await QuizStore.open(settings.database, pool_size=settings.database_pool_size)
            return self._store

    async def cog_unload(self) -> None:
        # Every running game ends with its standings announced, then the database closes.
        await asyncio.gather(*(s.shutdown() for s in list(self.sessions.values())), return_exceptions=True)
        if self._store is not None:
            await self._store.close()
            self._store = None

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        if self._recovered:
            return
        self._recovered = True
        try:
            settings = self.bot.settings  # only this process's shards: the others report their own games
            interrupted = await (await self.store()).recover(
                shard_count=settings.shard_count, shard_ids=settings.shard_ids
            )
        except Exception:
            log.exception("quiz: could not check for interrupted games")
            return
        for game in interrupted:
            scores = "\n".join(f"{i}. **{escape_markdown(name or 'someone')}**: {points} points"
                               for i, (_, name, points) in enumerate(game.scores[:10], 1))  # fmt: skip
            text = (
                f"The quiz in this channel was interrupted by a restart after {game.rounds_played} round(s). "
                f"Points from finished rounds are kept.\n\n{scores or 'Nobody had scored yet.'}"
            )
            try:
                channel = self.bot.get_partial_messageable(game.channel_id, guild_id=game.guild_id)
                await channel.send(embed=notice_embed("Quiz interrupted", text), allowed_mentions=NO_PINGS)
            except discord.HTTPException:
                log.warning("quiz: could not tell channel %s about its interrupted game", game.channel_id)

    # -- helpers ---------------------------------------------------------------------------------
    async def _is_admin(self, interaction: discord.Interaction[Any]) -> bool:
        perms = interaction.permissions
        return perms.manage_guild or perms.manage_messages or await self.bot.is_operator(interaction.user)

    def _session(self, interaction: discord.Interaction[Any]) -> QuizSession | None:
        session = self.sessions.get(interaction.channel_id or 0)
        return session if session is not None and session.running else None

    def _ended(self, session: QuizSession) -> None:
        if self.sessions.get(session.channel_id or 0) is session:
            del self.sessions[session.channel_id or 0]
        self._told = {t for t in self._told if t[0] != session.channel_id}

    # -- /quiz start ------------------------------------------------------------------------------
    @quiz.command(name="start", description="Start a quiz in this channel")
    @app_commands.describe(
        rounds="How many questions (default: this server's setting)",
        difficulty="Only easy, medium or hard questions (default: a mix)",
        category="Only one kind of question (default: all kinds)",
        mode="Buttons (multiple choice) or free text (default: this server's setting)",
    )
    @app_commands.choices(
        difficulty=[app_commands.Choice(name=d, value=d) for d in DIFFICULTIES],
        category=[app_commands.Choice(name=c, value=c) for c in CATEGORIES],
        mode=_MODE_CHOICES,
    )
    @per_user_cooldown(2, 30.0)
    async def start(
        self,
        interaction: discord.Interaction[Any],
        rounds: app_commands.Range[int, 1, 30] | None = None,
        difficulty: str | None = None,
        category: str | None = None,
        mode: str | None = None,
    ) -> None:
        channel_id = interaction.channel_id
        if channel_id is None or interaction.guild_id is None:
            await send_notice(interaction, "Servers only", "Quizzes run in server channels.")
            return
        if self._session(interaction) is not None or channel_id in self._starting:
            await send_notice(
                interaction, "A quiz is already running here", "Join in, or wait for it to end (`/quiz stop` ends it)."
            )
            return
        missing = [p for p in _NEEDED if not getattr(interaction.app_permissions, p)]
        if missing:
            await send_notice(
                interaction,
                "I can't run a quiz here",
                f"I need these permissions in this channel: {', '.join(missing)}.",
            )
            return
        self._starting.add(channel_id)  # reserved before the first await: two starts cannot race
        # Acknowledge before touching the database: a busy one must not run past Discord's 3 s.
        await interaction.response.defer(thinking=True)
        try:
            await self._start(interaction, channel_id, rounds, difficulty, category, mode)
        finally:
            self._starting.discard(channel_id)

    async def _start(
        self, interaction: discord.Interaction[Any], channel_id: int, rounds: int | None,
        difficulty: str | None, category: str | None, mode: str | None,
    ) -> None:  # fmt: skip
        store = await self.store()
        settings = await store.guild_settings(interaction.guild_id or 0)
        chosen: Mode = "text" if (mode or settings.mode) == "text" else "buttons"
        note = ""
        if chosen == "text" and not self.bot.settings.quiz_message_content:
            chosen = "buttons"
            note = "Free-text answers need the message-content intent, which this bot is not set up for: playing with buttons."
        count = rounds or settings.rounds
        seed = random.randrange(2**31)  # stored with the game, so any game can be replayed
        request = GameRequest(
            count, difficulty, category, mode=chosen, time_limit=settings.time_per_question,
            hints=settings.hints, seed=seed, recent=await store.recent_questions(channel_id),
        )  # fmt: skip
        try:
            # Off the loop: the first game of a knowledge base builds its question pool.
            game = await asyncio.to_thread(new_game, self.kb, request)
        except GameSetupError as exc:
            await send_notice(interaction, "Cannot start a quiz", str(exc))
            return
        questions = game.questions
        game_id = await store.create_game(
            guild_id=interaction.guild_id, channel_id=channel_id, started_by=interaction.user.id, mode=chosen,
            rounds=len(questions), difficulty=difficulty, category=category, seed=seed,
        )  # fmt: skip
        channel = self.bot.get_partial_messageable(channel_id, guild_id=interaction.guild_id)
        session = QuizSession(
            game, ChannelPresenter(channel, self._ended), clock=self.clock, starter=interaction.user.id,
            config=SessionConfig(time_limit=settings.time_per_question, between_rounds=self.between_rounds),
            recorder=StoreRecorder(store, game_id, guild_id=interaction.guild_id, channel_id=channel_id),
            channel_id=channel_id, guild_id=interaction.guild_id, game_id=game_id,
        )  # fmt: skip
        how = "Pick a button: one answer per question." if chosen == "buttons" else "Type your answers in the channel."
        lines = [
            f"**{len(questions)} questions** · {_describe(difficulty, category)} · {settings.time_per_question} s each"
            f" · hints {'on' if settings.hints else 'off'}",
            how,
            "Faster answers and fewer hints score more; a streak of right answers earns a bonus.",
        ]
        if note:
            lines.append(f"\n{note}")
        embed = notice_embed(f"Quiz started by {interaction.user.display_name}", "\n".join(lines), kind="answered")
        await interaction.followup.send(embed=embed, allowed_mentions=NO_PINGS)
        self.sessions[channel_id] = session
        session.start()
        log.info(
            "quiz started",
            extra={"game_id": game_id, "channel_id": channel_id, "mode": chosen, "rounds": len(questions)},
        )

    # -- /quiz stop, skip, hint -------------------------------------------------------------------
    async def _controlled_session(self, interaction: discord.Interaction[Any], action: str) -> QuizSession | None:
        """This channel's session if the user may ``action`` it (its starter or a moderator), else None."""
        session = self._session(interaction)
        if session is None:
            await send_notice(interaction, "No quiz here", "There is no quiz running in this channel.")
            return None
        if interaction.user.id != session.starter and not await self._is_admin(interaction):
            await send_notice(
                interaction, "Not allowed", f"Only the person who started the quiz or a moderator can {action}."
            )
            return None
        return session

    @quiz.command(name="stop", description="End the quiz in this channel (its starter or a moderator)")
    async def stop(self, interaction: discord.Interaction[Any]) -> None:
        session = await self._controlled_session(interaction, "stop it")
        if session is None:
            return
        session.stop()
        await send_notice(
            interaction, "Stopping the quiz", "The answer and the final standings are on their way.", kind="ok"
        )

    @quiz.command(name="skip", description="Skip the current question (the quiz's starter or a moderator)")
    async def skip(self, interaction: discord.Interaction[Any]) -> None:
        session = await self._controlled_session(interaction, "skip")
        if session is None:
            return
        if session.skip():
            await send_notice(interaction, "Skipped", "Nobody scores this one; the answer is shown.", kind="ok")
        else:
            await send_notice(interaction, "Nothing to skip", "No question is open right now.")

    @quiz.command(name="hint", description="Get the next hint for the current question (costs everyone points)")
    @per_user_cooldown(1, 10.0)
    async def hint(self, interaction: discord.Interaction[Any]) -> None:
        session = self._session(interaction)
        if session is None:
            await send_notice(interaction, "No quiz here", "There is no quiz running in this channel.")
            return
        if not session.game.hints_enabled:
            await send_notice(interaction, "Hints are off", "This server plays without hints.")
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        given = await session.hint()
        text = "The hint is on the question." if given else "No more hints for this question."
        await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_PINGS)

    # -- /quiz settings, forget-me ---------------------------------------------------------------
    @quiz.command(name="settings", description="Server admins: time per question, rounds, hints, default mode")
    @app_commands.describe(
        time_per_question="Seconds per question, 10-120",
        rounds="Questions per game, 1-30",
        hints="Give hints during questions",
        mode="How games are played unless /quiz start says otherwise",
    )
    @app_commands.choices(mode=_MODE_CHOICES)
    async def settings(
        self,
        interaction: discord.Interaction[Any],
        time_per_question: app_commands.Range[int, 10, 120] | None = None,
        rounds: app_commands.Range[int, 1, 30] | None = None,
        hints: bool | None = None,
        mode: str | None = None,
    ) -> None:
        perms = interaction.permissions
        if not (perms.manage_guild or await self.bot.is_operator(interaction.user)):
            await send_notice(
                interaction, "Not allowed", "Only server admins (Manage Server) can change quiz settings."
            )
            return
        store = await self.store()
        changes = {k: v for k, v in
                   {"time_per_question": time_per_question, "rounds": rounds, "hints": hints, "mode": mode}.items()
                   if v is not None}  # fmt: skip
        try:
            current = (
                await store.update_guild_settings(interaction.guild_id or 0, **changes)
                if changes
                else (await store.guild_settings(interaction.guild_id or 0))
            )
        except ValueError as exc:
            await send_notice(interaction, "Not changed", str(exc))
            return
        text = (
            f"Time per question: **{current.time_per_question} s**\nRounds: **{current.rounds}**\n"
            f"Hints: **{'on' if current.hints else 'off'}**\nDefault mode: **{current.mode}**"
        )
        if current.mode == "text" and not self.bot.settings.quiz_message_content:
            text += "\n\nThis bot is not set up for free-text answers (message-content intent), so games use buttons."
        await send_notice(interaction, "Quiz settings updated" if changes else "Quiz settings", text, kind="ok")

    @quiz.command(name="forget-me", description="Delete your quiz scores and answers from the bot")
    async def forget_me(self, interaction: discord.Interaction[Any]) -> None:
        removed = await (await self.store()).forget_user(interaction.user.id)
        daily: Any = self.bot.get_cog("Daily")  # the daily question's answers go too
        if daily is not None:
            removed += await daily.forget_user(interaction.user.id)
        text = "Your quiz scores and answers are deleted." if removed else "The bot had no quiz data about you."
        await send_notice(interaction, "Forgotten", text, kind="ok")

    # -- /leaderboard ------------------------------------------------------------------------------
    @app_commands.command(
        name="leaderboard", description="Quiz rankings for this server or everywhere, with your own rank"
    )
    @app_commands.describe(scope="This server or all servers", period="All time or this calendar month")
    @app_commands.allowed_contexts(guilds=True, dms=True, private_channels=False)
    @app_commands.allowed_installs(guilds=True, users=False)
    @per_user_cooldown(3, 30.0)
    async def leaderboard(
        self,
        interaction: discord.Interaction[Any],
        scope: Literal["server", "global"] | None = None,
        period: Literal["all-time", "this-month"] = "all-time",
    ) -> None:
        scope = scope or ("server" if interaction.guild_id else "global")
        if scope == "server" and interaction.guild_id is None:
            await send_notice(
                interaction, "Servers only", "In DMs only the global leaderboard exists: use `scope: global`."
            )
            return
        board = await (await self.store()).leaderboard(
            guild_id=interaction.guild_id if scope == "server" else None, period=period, user_id=interaction.user.id
        )
        where = "this server" if scope == "server" else "all servers"
        when = "all time" if period == "all-time" else "this month"
        embed = leaderboard_embed(board, f"Quiz leaderboard: {where}, {when}")
        await interaction.response.send_message(embed=embed, allowed_mentions=NO_PINGS)

    # -- free-text answers ---------------------------------------------------------------------------
    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot:
            return
        session = self.sessions.get(message.channel.id)  # only server channels ever hold a game
        if session is None or session.game.mode != "text" or not message.content:
            return
        outcome = session.answer(message.author.id, message.author.display_name, message.content)
        current = session.game.round
        if outcome.status not in ("partial", "ambiguous") or current is None:
            return
        told = (message.channel.id, current.number, message.author.id)
        if told in self._told:  # one nudge per player per question: no spam
            return
        self._told.add(told)
        if outcome.status == "partial" and outcome.match:
            text = f"Partly right: {outcome.match.found} of {outcome.match.wanted} names. All of them are needed."
        else:
            text = render.which_one(outcome.match)
        try:
            await message.reply(text, mention_author=False, allowed_mentions=NO_PINGS)
        except discord.HTTPException:
            log.warning("quiz: could not nudge a player in channel %s", message.channel.id)


def _describe(difficulty: str | None, category: str | None) -> str:
    return f"{difficulty or 'mixed difficulty'} · {category or 'all categories'}"


async def setup(bot: TriviaBot) -> None:
    await bot.add_cog(QuizCog(bot))


__all__ = ["QuizCog", "setup"]
