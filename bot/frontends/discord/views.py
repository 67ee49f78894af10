"""Interactive components: a paginator for long lists, clarify buttons that re-ask, and
a Sources button on sourced answers.

Every view belongs to the person who asked (others get an ephemeral note; the Sources
button is open to anyone), disables itself when it times out, and reports its own
errors politely: discord.py would only log them. :func:`embed_and_view` picks the view
an answer needs; :func:`send_answer` and :func:`reply_answer` are the two ways the bot
delivers an answer, and both return the message sent.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import Any

import discord

from bot.frontends.discord.embeds import answer_embed, clip, notice_embed, paginate
from bot.qa.answer import Answer, Candidate
from bot.qa.conversation import sources_of

log = logging.getLogger(__name__)

#: Never ping anyone, whatever the answer or the user's input contains.
NO_PINGS = discord.AllowedMentions.none()
VIEW_TIMEOUT = 300.0

Resolver = Callable[[Candidate], Answer]


class OwnedView(discord.ui.View):
    """A view only its owner may use; it disables itself on timeout."""

    def __init__(self, owner_id: int | None, *, timeout: float | None = None) -> None:
        super().__init__(timeout=timeout if timeout is not None else VIEW_TIMEOUT)
        self.owner_id = owner_id
        self.message: discord.Message | discord.InteractionMessage | None = None

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        if self.owner_id is None or interaction.user.id == self.owner_id:
            return True
        if dict(interaction.data or {}).get("custom_id") == SOURCES_ID:
            return True  # anyone may see where an answer comes from
        await interaction.response.send_message(
            embed=notice_embed(
                "Not your question", "Only the person who asked can use these buttons. Try `/ask` yourself!"
            ),
            ephemeral=True,
            allowed_mentions=NO_PINGS,
        )
        return False

    async def on_timeout(self) -> None:
        for item in self.children:
            if isinstance(item, (discord.ui.Button, discord.ui.Select)):
                item.disabled = True
        if self.message is not None:
            with contextlib.suppress(discord.HTTPException):  # deleted, or the token expired
                await self.message.edit(view=self, allowed_mentions=NO_PINGS)

    async def on_error(
        self, interaction: discord.Interaction[Any], error: Exception, item: discord.ui.Item[Any], /
    ) -> None:
        log.error(
            "component callback failed",
            exc_info=error,
            extra={
                "view": type(self).__name__,
                "custom_id": getattr(item, "custom_id", None),
                "user_id": interaction.user.id,
            },
        )
        await polite_failure(interaction)


SOURCES_ID = "answer:sources"


class SourcesButton(discord.ui.Button["OwnedView"]):
    """Shows, to whoever presses it and only to them, the sources and confidence of the answer."""

    def __init__(self, answer: Answer) -> None:
        super().__init__(label="Sources", emoji="📚", style=discord.ButtonStyle.secondary, custom_id=SOURCES_ID)
        self.answer = answer

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        about = sources_of(self.answer)
        await interaction.response.send_message(embed=answer_embed(about), ephemeral=True, allowed_mentions=NO_PINGS)


def has_sources(answer: Answer) -> bool:
    return answer.status == "answered" and bool(answer.sources)


class Paginator(OwnedView):
    """◀ ▶ through an answer's ``lines``; the embed shows one page at a time."""

    def __init__(
        self, answer: Answer, pages: list[list[str]], owner_id: int | None, *, image_url: str | None = None
    ) -> None:
        super().__init__(owner_id)
        self.answer, self.pages, self.page, self.image_url = answer, pages, 0, image_url
        if has_sources(answer):
            self.add_item(SourcesButton(answer))
        self._sync()

    def embed(self) -> discord.Embed:
        embed = answer_embed(self.answer, page=self.page, pages=self.pages)
        if self.image_url:
            embed.set_image(url=self.image_url)
        return embed

    def _sync(self) -> None:
        last = len(self.pages) - 1
        self.first.disabled = self.previous.disabled = self.page == 0
        self.next.disabled = self.last.disabled = self.page >= last
        self.counter.label = f"{self.page + 1}/{len(self.pages)}"

    async def _show(self, interaction: discord.Interaction[Any], page: int) -> None:
        self.page = max(0, min(page, len(self.pages) - 1))
        self._sync()
        await interaction.response.edit_message(embed=self.embed(), view=self, allowed_mentions=NO_PINGS)

    @discord.ui.button(emoji="⏮", style=discord.ButtonStyle.secondary, custom_id="page:first")
    async def first(self, interaction: discord.Interaction[Any], button: discord.ui.Button[Any]) -> None:
        await self._show(interaction, 0)

    @discord.ui.button(emoji="◀", style=discord.ButtonStyle.primary, custom_id="page:prev")
    async def previous(self, interaction: discord.Interaction[Any], button: discord.ui.Button[Any]) -> None:
        await self._show(interaction, self.page - 1)

    @discord.ui.button(label="1/1", style=discord.ButtonStyle.secondary, custom_id="page:count", disabled=True)
    async def counter(self, interaction: discord.Interaction[Any], button: discord.ui.Button[Any]) -> None:
        await interaction.response.defer()  # pragma: no cover - the counter is always disabled

    @discord.ui.button(emoji="▶", style=discord.ButtonStyle.primary, custom_id="page:next")
    async def next(self, interaction: discord.Interaction[Any], button: discord.ui.Button[Any]) -> None:
        await self._show(interaction, self.page + 1)

    @discord.ui.button(emoji="⏭", style=discord.ButtonStyle.secondary, custom_id="page:last")
    async def last(self, interaction: discord.Interaction[Any], button: discord.ui.Button[Any]) -> None:
        await self._show(interaction, len(self.pages) - 1)


class ClarifyView(OwnedView):
    """One button per candidate (a select menu past five); picking one re-asks with it."""

    def __init__(self, answer: Answer, resolver: Resolver, owner_id: int | None) -> None:
        super().__init__(owner_id)
        self.answer, self.resolver = answer, resolver
        self.candidates = list(answer.candidates[:25])
        if len(self.candidates) <= 5:
            for i, candidate in enumerate(self.candidates):
                button: discord.ui.Button[ClarifyView] = discord.ui.Button(
                    label=clip(f"{i + 1}. {candidate.label}", 80),
                    style=discord.ButtonStyle.primary,
                    custom_id=f"clarify:{i}",
                )
                button.callback = self._button_callback(i)  # type: ignore[method-assign,assignment]  # a per-button closure
                self.add_item(button)
        else:
            select: discord.ui.Select[ClarifyView] = discord.ui.Select(
                custom_id="clarify:pick",
                placeholder="Which one do you mean?",
                options=[
                    discord.SelectOption(label=clip(c.label, 100), value=str(i)) for i, c in enumerate(self.candidates)
                ],
            )

            async def picked(interaction: discord.Interaction[Any]) -> None:
                await self.pick(interaction, int(select.values[0]))

            select.callback = picked  # type: ignore[method-assign]  # a closure, as discord.py documents
            self.add_item(select)

    def _button_callback(self, index: int) -> Callable[[discord.Interaction[Any]], Any]:
        async def callback(interaction: discord.Interaction[Any]) -> None:
            await self.pick(interaction, index)

        return callback

    async def pick(self, interaction: discord.Interaction[Any], index: int) -> None:
        candidate = self.candidates[index]
        answer = self.resolver(candidate)
        embed, view = embed_and_view(answer, owner_id=self.owner_id, resolver=self.resolver)
        self.stop()
        # view=None removes the buttons: the question is settled.
        await interaction.response.edit_message(embed=embed, view=view, allowed_mentions=NO_PINGS)
        if view is not None:
            view.message = interaction.message


def embed_and_view(
    answer: Answer, *, owner_id: int | None, resolver: Resolver, image_url: str | None = None
) -> tuple[discord.Embed, OwnedView | None]:
    """The embed for ``answer`` and the view it needs (clarify buttons, a paginator, or none)."""
    if answer.status == "clarify" and answer.candidates:
        return answer_embed(answer), ClarifyView(answer, resolver, owner_id)
    if answer.lines:
        pages = paginate(answer.lines)
        if len(pages) > 1:
            paginator = Paginator(answer, pages, owner_id, image_url=image_url)
            return paginator.embed(), paginator
        embed = answer_embed(answer, pages=pages)
    else:
        embed = answer_embed(answer)
    if image_url:
        embed.set_image(url=image_url)
    if has_sources(answer):
        view = OwnedView(owner_id)
        view.add_item(SourcesButton(answer))
        return embed, view
    return embed, None


async def send_answer(
    interaction: discord.Interaction[Any],
    answer: Answer,
    *,
    resolver: Resolver,
    ephemeral: bool = False,
    file: discord.File | None = None,
) -> discord.Message | discord.InteractionMessage | None:
    """Reply to an interaction with ``answer`` (a follow-up if it was deferred); the message sent."""
    image_url = f"attachment://{file.filename}" if file else None
    embed, view = embed_and_view(answer, owner_id=interaction.user.id, resolver=resolver, image_url=image_url)
    kwargs: dict[str, Any] = {"embed": embed, "ephemeral": ephemeral, "allowed_mentions": NO_PINGS}
    if view is not None:
        kwargs["view"] = view
    if file is not None:
        kwargs["file"] = file
    if interaction.response.is_done():
        message = await interaction.followup.send(wait=True, **kwargs)
        if view is not None:
            view.message = message
        return message
    callback = await interaction.response.send_message(**kwargs)
    sent = callback.resource if isinstance(callback.resource, discord.InteractionMessage) else None
    if view is not None:
        view.message = sent
    return sent


async def reply_answer(message: discord.Message, answer: Answer, *, resolver: Resolver) -> discord.Message:
    """Answer a message (a mention, a DM) in place, without pinging its author."""
    embed, view = embed_and_view(answer, owner_id=message.author.id, resolver=resolver)
    kwargs: dict[str, Any] = {"embed": embed, "allowed_mentions": NO_PINGS, "mention_author": False}
    if view is not None:
        kwargs["view"] = view
    sent = await message.reply(**kwargs)
    if view is not None:
        view.message = sent
    return sent


async def send_notice(
    interaction: discord.Interaction[Any], title: str, text: str, *, kind: str = "unknown", ephemeral: bool = True
) -> None:
    """A short message in the house style; ephemeral by default (refusals, errors)."""
    embed = notice_embed(title, text, kind=kind)
    if interaction.response.is_done():
        await interaction.followup.send(embed=embed, ephemeral=ephemeral, allowed_mentions=NO_PINGS)
    else:
        await interaction.response.send_message(embed=embed, ephemeral=ephemeral, allowed_mentions=NO_PINGS)


async def polite_failure(interaction: discord.Interaction[Any]) -> None:
    """Tell the user something broke on our side (never the traceback); swallow send failures."""
    try:
        await send_notice(
            interaction,
            "Something went wrong",
            "Sorry, that didn't work on our side. It has been logged; please try again in a moment.",
            kind="error",
        )
    except discord.HTTPException:
        log.warning("could not tell the user about a failure", extra={"interaction_id": interaction.id})


__all__ = [
    "NO_PINGS",
    "ClarifyView",
    "OwnedView",
    "Paginator",
    "Resolver",
    "SourcesButton",
    "embed_and_view",
    "polite_failure",
    "reply_answer",
    "send_answer",
    "send_notice",
]
