"""embed_and_view(): which view an answer needs (dispatch is tested end to end in tests/exts)."""

from __future__ import annotations

import discord

from bot.frontends.discord.views import ClarifyView, Paginator, embed_and_view
from bot.qa.answer import Answer, Candidate


def _resolver(candidate: Candidate) -> Answer:
    return Answer(status="answered", text=candidate.question)


async def test_plain_answers_need_no_view() -> None:
    embed, view = embed_and_view(Answer(status="answered", text="x"), owner_id=1, resolver=_resolver)
    assert view is None and embed.description == "x"


async def test_short_lists_fit_one_embed() -> None:
    embed, view = embed_and_view(Answer(status="answered", text="t", lines=("a", "b")), owner_id=1, resolver=_resolver)
    assert view is None and embed.description == "t\n\na\nb"


async def test_long_lists_get_a_paginator_that_keeps_the_image() -> None:
    answer = Answer(status="answered", text="t", lines=tuple(f"line {i}" for i in range(40)))
    embed, view = embed_and_view(answer, owner_id=1, resolver=_resolver, image_url="attachment://c.png")
    assert isinstance(view, Paginator) and len(view.pages) == 4
    assert embed.image.url == "attachment://c.png"
    view.page = 3
    assert view.embed().image.url == "attachment://c.png"


async def test_clarify_uses_buttons_up_to_five_then_a_select() -> None:
    few = Answer(status="clarify", text="?", candidates=tuple(Candidate(f"c{i}", f"q{i}") for i in range(5)))
    _, view = embed_and_view(few, owner_id=1, resolver=_resolver)
    assert isinstance(view, ClarifyView)
    assert [type(c) for c in view.children] == [discord.ui.Button] * 5

    many = Answer(status="clarify", text="?", candidates=tuple(Candidate(f"c{i}" * 60, f"q{i}") for i in range(30)))
    _, view = embed_and_view(many, owner_id=1, resolver=_resolver)
    [select] = view.children  # type: ignore[union-attr]
    assert isinstance(select, discord.ui.Select) and len(select.options) == 25
    assert all(len(o.label) <= 100 for o in select.options)


async def test_select_pick_reasks_through_real_dispatch(fake_discord, bot_factory) -> None:  # type: ignore[no-untyped-def]
    """Past five candidates the clarify view is a select menu; picking re-asks the engine."""
    from typing import Any

    from discord import app_commands
    from support.fake_discord import UPDATE_MESSAGE, DiscordHarness

    from bot.frontends.discord.views import send_answer

    bot = bot_factory()
    h = DiscordHarness(bot, fake_discord)
    await h.login(sync=False)
    years = list(range(2010, 2018))
    answer = Answer(
        status="clarify", text="Which year?", candidates=tuple(Candidate(str(y), f"who won in {y}?") for y in years)
    )

    async def pick_year(interaction: discord.Interaction[Any]) -> None:
        await send_answer(interaction, answer, resolver=lambda c: bot.service.engine.ask(c.question))

    bot.tree.add_command(app_commands.Command(name="pickyear", description="test only", callback=pick_year))
    await bot.tree.sync()
    exchange = await h.command("pickyear")
    [select] = exchange.components()
    assert select["custom_id"] == "clarify:pick" and len(select["options"]) == 8
    picked = await h.click(exchange.message, "clarify:pick", values=["5"])  # 2015
    assert picked.callback_type == UPDATE_MESSAGE
    assert "Nick Tandy" in picked.embed["description"]
