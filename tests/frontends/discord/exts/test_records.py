"""/records: tables paged with buttons, and the manufacturers chart rendered off the loop."""

from __future__ import annotations

import sys
from typing import Any

import discord
import pytest
from support.discord_fixtures import OTHER
from support.fake_discord import DEFERRED_MESSAGE, MESSAGE, UPDATE_MESSAGE, DiscordHarness

from bot.frontends.discord.exts.records import CHART_FILE, TABLES


async def test_long_tables_page_with_buttons(harness: DiscordHarness) -> None:
    exchange = await harness.command("records", table="drivers")
    assert exchange.callback_type == MESSAGE
    ids = [c["custom_id"] for c in exchange.components()]
    assert ids == ["page:first", "page:prev", "page:count", "page:next", "page:last"]
    first_page = exchange.embed["description"]
    assert exchange.embed["footer"]["text"].startswith("Page 1/")
    disabled = {c["custom_id"] for c in exchange.components() if c.get("disabled")}
    assert disabled == {"page:first", "page:prev", "page:count"}

    second = await harness.click(exchange.message, "page:next")
    assert second.callback_type == UPDATE_MESSAGE
    assert second.embed["footer"]["text"].startswith("Page 2/")
    assert second.embed["description"] != first_page

    last = await harness.click(second.message, "page:last")
    total = int(last.embed["footer"]["text"].split("/")[1].split()[0])
    assert last.embed["footer"]["text"].startswith(f"Page {total}/{total}")
    assert {c["custom_id"] for c in last.components() if c.get("disabled")} == {"page:next", "page:last", "page:count"}

    back = await harness.click(last.message, "page:first")
    assert back.embed["description"] == first_page


async def test_every_line_of_the_table_is_reachable(harness: DiscordHarness) -> None:
    answer = harness.bot.service.engine.records("drivers")
    exchange = await harness.command("records", table="drivers")
    seen = exchange.embed["description"]
    message = exchange.message
    while not next(c for c in exchange.components() if c["custom_id"] == "page:next").get("disabled"):
        exchange = await harness.click(message, "page:next")
        message = exchange.message
        seen += exchange.embed["description"]
    assert all(line in seen for line in answer.lines)


async def test_only_the_asker_turns_pages(harness: DiscordHarness) -> None:
    exchange = await harness.command("records", table="drivers")
    refused = await harness.click(exchange.message, "page:next", user=OTHER)
    assert refused.callback_type == MESSAGE and refused.ephemeral
    assert harness.fake.stored_messages[int(exchange.message["id"])]["embeds"] == exchange.message["embeds"]


@pytest.mark.parametrize("table", [c.value for c in TABLES if c.value != "manufacturers"])
async def test_every_table_answers(harness: DiscordHarness, table: str) -> None:
    exchange = await harness.command("records", table=table)
    assert exchange.callback_type == MESSAGE
    assert exchange.embed["title"] == harness.bot.service.engine.records(table).title


async def test_manufacturers_come_with_a_chart(harness: DiscordHarness) -> None:
    exchange = await harness.command("records", table="manufacturers")
    assert exchange.callback_type == DEFERRED_MESSAGE  # deferred before the chart is drawn
    [png] = exchange.files
    assert png["filename"] == CHART_FILE
    assert png["data"].startswith(b"\x89PNG\r\n\x1a\n")
    assert exchange.embed["image"]["url"] == f"attachment://{CHART_FILE}"
    assert "Audi" in exchange.embed["description"]
    assert not exchange.ephemeral


async def test_buttons_are_disabled_when_the_view_times_out(
    harness: DiscordHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    import asyncio

    import bot.frontends.discord.views

    monkeypatch.setattr(bot.frontends.discord.views, "VIEW_TIMEOUT", 0.05)
    exchange = await harness.command("records", table="drivers")
    message_id = int(exchange.message["id"])
    for _ in range(100):  # the timeout runs in the background, after the interaction settled
        await asyncio.sleep(0.01)
        if any(r.route == "webhook_edit" for r in harness.fake.requests):
            break
    edit = next(r for r in harness.fake.requests if r.route == "webhook_edit")
    assert edit.message_id == message_id
    stored = harness.fake.stored_messages[message_id]
    assert all(c.get("disabled") for row in stored["components"] for c in row["components"])


async def test_a_reload_during_the_defer_keeps_table_and_chart_together(
    harness: DiscordHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = harness.bot.service
    answered_with = service.engine
    real_defer = discord.InteractionResponse.defer

    async def defer_then_reload(self: discord.InteractionResponse[Any], **kwargs: Any) -> Any:
        result = await real_defer(self, **kwargs)
        await service.reload()  # an operator's /reload lands while we are deferred
        return result

    module = sys.modules["bot.frontends.discord.exts.records"]
    drawn: list[object] = []
    real_chart = module.render_wins_chart_async

    async def chart(kb: Any) -> bytes:
        drawn.append(kb)
        return bytes(await real_chart(kb))

    monkeypatch.setattr(discord.InteractionResponse, "defer", defer_then_reload)
    monkeypatch.setattr(module, "render_wins_chart_async", chart)
    await harness.command("records", table="manufacturers")
    assert service.engine is not answered_with  # the reload happened ...
    assert drawn == [answered_with.kb]  # ... and the chart is of the same knowledge as the table
