"""What a quiz looks like in Discord: embeds, the answer buttons, and the channel presenter.

One message per question, edited in place as hints arrive and when the answer is
revealed (the buttons then show the right option and go grey); one message at the
end with the standings. Nothing else is posted in the channel: answers in buttons
mode are confirmed ephemerally to the player alone.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import discord
from discord.utils import escape_markdown

from bot.frontends.discord.embeds import COLOURS, clip
from bot.frontends.discord.views import NO_PINGS, polite_failure
from bot.quiz import render
from bot.quiz.game import RoundResult, RoundState, Standings
from bot.quiz.hints import Hint
from bot.store.model import Leaderboard

if TYPE_CHECKING:
    from bot.quiz.session import QuizSession

log = logging.getLogger(__name__)

QUIZ_COLOUR = COLOURS["answered"]
BUTTON_LABEL_MAX = 80
MEDALS = {1: "🥇", 2: "🥈", 3: "🥉"}


def _footer(session: QuizSession, current: RoundState) -> str:
    q = current.question
    how = "Pick a button: one answer each." if session.game.mode == "buttons" else "Type your answer in the channel."
    if q.clue_ladder:
        how += " More clues come one at a time: the earlier you answer, the more you score."
    return f"{q.difficulty.title()} · {q.category} · {session.config.time_limit:.0f} s · {how}"


def question_embed(session: QuizSession, current: RoundState, hints: list[Hint]) -> discord.Embed:
    q = current.question
    lines = [escape_markdown(q.prompt)]
    if q.options_in_prompt or session.game.mode == "buttons":
        eliminated = hints[-1].eliminated if hints else frozenset()
        lines += ["", *(f"**{line[:2]}** {escape_markdown(line[3:])}" for line in render.option_lines(q, eliminated))]
    embed = discord.Embed(
        title=f"Question {current.number}/{len(session.game.questions)}",
        description=clip("\n".join(lines), 4000),
        colour=QUIZ_COLOUR,
    )
    if hints and q.clues:  # clues (a ladder's, an order's earliest) show in either mode: no button goes grey
        embed.add_field(
            name="Clues" if q.clue_ladder else "Hints",
            value=clip("\n".join(escape_markdown(h.text) for h in hints), 1024),
            inline=False,
        )
    elif hints and session.game.mode == "text" and not q.options_in_prompt:
        embed.add_field(name="Hints", value=clip("\n".join(f"`{h.text}`" for h in hints), 1024), inline=False)
    embed.set_footer(text=_footer(session, current))
    return embed


def reveal_embed(session: QuizSession, result: RoundResult) -> discord.Embed:
    q = result.question
    lines = [escape_markdown(q.prompt), "", f"**Answer: {escape_markdown(q.answer)}**", escape_markdown(q.fact)]
    embed = discord.Embed(
        title=f"Question {result.number}/{len(session.game.questions)} · answer",
        description=clip("\n".join(lines), 4000),
        colour=COLOURS["ok"] if result.awards else COLOURS["unknown"],
    )
    embed.add_field(name="Result", value=clip(escape_markdown(render.outcome_line(result)), 1024), inline=False)
    if q.sources:
        embed.set_footer(text=clip(f"Source: {q.sources[0]}", 2048))
    return embed


def standings_embed(standings: Standings) -> discord.Embed:
    rows = [
        f"{MEDALS.get(i, f'{i}.')} **{escape_markdown(row.name)}**: {row.points} points "
        f"({row.correct} correct, best streak {row.best_streak})"
        for i, row in enumerate(standings.rows[:10], start=1)
    ]
    description = "\n".join(
        [f"**{escape_markdown(render.winner_line(standings))}**", "", *(rows or ["No points scored."])]
    )
    embed = discord.Embed(
        title=render.standings_title(standings), description=clip(description, 4000), colour=QUIZ_COLOUR
    )
    embed.set_footer(
        text=f"{standings.rounds_played} of {standings.rounds_planned} rounds played · scores are saved: /leaderboard"
    )
    return embed


def leaderboard_embed(board: Leaderboard, title: str) -> discord.Embed:
    rows = [
        f"{MEDALS.get(row.rank, f'{row.rank}.')} **{escape_markdown(row.name or 'someone')}**: {row.points} points ({row.correct} correct)"
        for row in board.rows
    ]
    embed = discord.Embed(
        title=title, description="\n".join(rows) or "No scores yet: start a game with /quiz start!", colour=QUIZ_COLOUR
    )
    if board.me is not None:
        mine = f"#{board.me.rank} of {board.players} with {board.me.points} points ({board.me.correct} correct)"
    else:
        mine = "No points yet in this ranking."
    embed.add_field(name="Your rank", value=mine, inline=False)
    embed.set_footer(text=f"{board.players} player(s) ranked")
    return embed


class AnswerButtons(discord.ui.View):
    """One button per option for one round; each player's pick is confirmed to them alone."""

    def __init__(self, session: QuizSession, current: RoundState) -> None:
        super().__init__(timeout=None)  # the session closes the round, not a view timer
        self.session = session
        self.round = current
        for index, label in enumerate(current.question.options):
            button: discord.ui.Button[AnswerButtons] = discord.ui.Button(
                label=clip(f"{render.LETTERS[index]}) {label}", BUTTON_LABEL_MAX),
                style=discord.ButtonStyle.secondary,
                custom_id=f"quiz:{session.game_id or 0}:{current.number}:{index}",
            )
            button.callback = self._picker(index)  # type: ignore[method-assign,assignment]  # a per-button closure, as discord.py documents
            self.add_item(button)

    def _picker(self, index: int) -> Callable[[discord.Interaction[Any]], Any]:
        async def pick(interaction: discord.Interaction[Any]) -> None:
            await self.pick(interaction, index)

        return pick

    async def pick(self, interaction: discord.Interaction[Any], index: int) -> None:
        session, current = self.session, self.round
        user = interaction.user
        # A click on an older question's message is too late, whatever the game's state.
        status = session.choose(user.id, user.display_name, index) if session.game.round is current else "closed"
        option = f"{render.LETTERS[index]}) {current.question.options[index]}"
        if status == "duplicate":
            mine = current.picks[user.id][0]
            option = f"{render.LETTERS[mine]}) {current.question.options[mine]}"
        text = {
            "recorded": f"Locked in: **{escape_markdown(option)}**. The answer comes at the end of the round.",
            "duplicate": f"You already answered **{escape_markdown(option)}**: one answer per question.",
            "closed": "This question is closed.",
            "invalid": "That option was ruled out by a hint.",
        }[status]
        await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_PINGS)

    def show(self, eliminated: frozenset[int] = frozenset(), correct: int | None = None) -> None:
        """Grey out eliminated options; at the reveal, mark the right one and close them all."""
        for index, item in enumerate(self.children):
            if not isinstance(item, discord.ui.Button):
                continue
            item.disabled = correct is not None or index in eliminated
            if correct is not None and index == correct:
                item.style = discord.ButtonStyle.success

    async def on_error(
        self, interaction: discord.Interaction[Any], error: Exception, item: discord.ui.Item[Any], /
    ) -> None:
        log.error("quiz button failed", exc_info=error, extra={"user_id": interaction.user.id})
        await polite_failure(interaction)


class ChannelPresenter:
    """Shows a session in a channel: implements :class:`bot.quiz.session.Presenter`."""

    def __init__(self, channel: discord.abc.Messageable, on_end: Callable[[QuizSession], None]) -> None:
        self.channel = channel
        self.on_end = on_end
        self.message: discord.Message | None = None
        self.view: AnswerButtons | None = None
        self.hints: list[Hint] = []

    async def question(self, session: QuizSession, current: RoundState) -> None:
        self.hints = []
        self.view = AnswerButtons(session, current) if session.game.mode == "buttons" else None
        kwargs: dict[str, Any] = {"embed": question_embed(session, current, []), "allowed_mentions": NO_PINGS}
        if self.view is not None:
            kwargs["view"] = self.view
        self.message = await self.channel.send(**kwargs)

    async def hint(self, session: QuizSession, current: RoundState, hint: Hint) -> None:
        self.hints.append(hint)
        if self.message is None:
            return
        kwargs: dict[str, Any] = {"embed": question_embed(session, current, self.hints), "allowed_mentions": NO_PINGS}
        if self.view is not None:
            self.view.show(eliminated=hint.eliminated)
            kwargs["view"] = self.view
        self.message = await self.message.edit(**kwargs)

    async def reveal(self, session: QuizSession, result: RoundResult) -> None:
        view, self.view = self.view, None
        if self.message is None:
            return
        kwargs: dict[str, Any] = {"embed": reveal_embed(session, result), "allowed_mentions": NO_PINGS}
        if view is not None:
            view.show(correct=result.question.correct)
            view.stop()
            kwargs["view"] = view
        self.message = await self.message.edit(**kwargs)

    async def end(self, session: QuizSession, standings: Standings) -> None:
        self.on_end(session)
        if self.view is not None:
            self.view.stop()
        with contextlib.suppress(discord.NotFound):  # the channel is gone: nobody to tell
            await self.channel.send(embed=standings_embed(standings), allowed_mentions=NO_PINGS)
