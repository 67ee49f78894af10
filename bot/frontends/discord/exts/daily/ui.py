"""What the daily question looks like in Discord: the question, its buttons, the reveal.

The buttons are a :class:`discord.ui.DynamicItem`: the day and the option ride in the
``custom_id``, so a click still works after a restart without keeping a view per message.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Any

import discord
from discord.utils import escape_markdown

from bot.frontends.discord.embeds import COLOURS, clip
from bot.frontends.discord.views import polite_failure
from bot.quiz import daily
from bot.quiz.render import LETTERS
from bot.store.daily import DailyAnswer, DailyPost, Tally

log = logging.getLogger(__name__)

DAILY_COLOUR = COLOURS["answered"]
BUTTON_LABEL_MAX = 80
STREAKS_SHOWN = 10


def _when(moment: dt.datetime) -> str:
    """An absolute time people read in their own time zone (Discord renders ``<t:...>``), plus UTC."""
    return f"<t:{int(moment.timestamp())}:t> ({moment:%H:%M} UTC)"


def question_embed(post: DailyPost, reveal_at: dt.datetime | None) -> discord.Embed:
    lines = [escape_markdown(post.prompt), ""]
    lines += [f"**{LETTERS[i]})** {escape_markdown(label)}" for i, label in enumerate(post.options)]
    embed = discord.Embed(
        title=f"Daily question · {post.day:%A %d %B %Y}", description=clip("\n".join(lines), 4000), colour=DAILY_COLOUR
    )
    until = f" until {_when(reveal_at)}" if reveal_at else ""
    embed.add_field(
        name="How to play",
        value=f"Pick a button or type `/daily answer`{until}. One answer each; only you see whether you were right.",
        inline=False,
    )
    embed.set_footer(text="Answer and streaks at the end of the day · get it right every day for a streak")
    return embed


def reveal_embed(
    post: DailyPost, tally: Tally, right: list[DailyAnswer], streaks: dict[int, int], next_at: dt.datetime | None
) -> discord.Embed:
    counts = "Nobody answered." if tally.answered == 0 else f"{tally.answered} answered, {tally.right} got it right."
    lines = [
        f"**Answer: {escape_markdown(post.answer)}**",
        escape_markdown(daily.first_sentence(post.reveal)),
        "",
        counts,
    ]
    embed = discord.Embed(
        title=f"Daily question · {post.day:%A %d %B %Y} · answer",
        description=clip("\n".join(lines), 4000),
        colour=DAILY_COLOUR,
    )
    ranked = sorted(right, key=lambda a: (-streaks.get(a.user_id, 1), a.answered_at))[:STREAKS_SHOWN]
    if ranked:
        rows = [f"**{escape_markdown(a.name or 'someone')}**: {_days(streaks.get(a.user_id, 1))}" for a in ranked]
        if len(right) > len(ranked):
            rows.append(f"… and {len(right) - len(ranked)} more")
        embed.add_field(name="Daily streaks", value=clip("\n".join(rows), 1024), inline=False)
    embed.set_footer(text=f"Next question at {next_at:%H:%M} UTC" if next_at else "The daily question is off")
    return embed


def _days(n: int) -> str:
    return f"{n} day{'' if n == 1 else 's'} in a row" if n > 1 else "1 day"


def answer_view(post: DailyPost, *, closed: bool = False) -> discord.ui.View:
    """One button per option; ``closed``: all grey, the right one green (after the reveal)."""
    view = discord.ui.View(timeout=None)
    for index, label in enumerate(post.options):
        button = DailyButton(post.day, index, clip(f"{LETTERS[index]}) {label}", BUTTON_LABEL_MAX))
        if closed:
            button.item.disabled = True
            if index == post.correct:
                button.item.style = discord.ButtonStyle.success
        view.add_item(button)
    return view


class DailyButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"plm-daily:(?P<day>\d{8}):(?P<option>\d{1,2})"
):
    """A daily answer button; the guild comes from the click, the day and option from the id."""

    def __init__(self, day: dt.date, option: int, label: str = "?") -> None:
        super().__init__(
            discord.ui.Button(
                label=label, style=discord.ButtonStyle.secondary, custom_id=f"plm-daily:{day:%Y%m%d}:{option}"
            )
        )
        self.day = day
        self.option = option

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> DailyButton:
        day = dt.datetime.strptime(match["day"], "%Y%m%d").date()
        return cls(day, int(match["option"]), getattr(item, "label", None) or "?")

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        cog: Any = interaction.client.get_cog("Daily")
        try:
            if cog is None:
                raise RuntimeError("the daily cog is not loaded")
            await cog.pick(interaction, self.day, self.option)
        except Exception:
            # discord.py would only log it; the member is told something went wrong.
            log.exception("daily button failed", extra={"user_id": interaction.user.id})
            await polite_failure(interaction)


__all__ = ["DailyButton", "answer_view", "question_embed", "reveal_embed"]
