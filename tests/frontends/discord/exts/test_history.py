"""/history with topic autocomplete."""

from __future__ import annotations

from support.fake_discord import DiscordHarness


async def test_topic_autocomplete_lists_topics(harness: DiscordHarness) -> None:
    topics = dict(harness.bot.service.engine.topics())
    choices = (await harness.autocomplete("history", "topic", topic="")).choices
    assert {c["value"] for c in choices} == set(topics)
    assert len(choices) <= 25
    found = (await harness.autocomplete("history", "topic", topic="found")).choices
    assert found[0]["value"] == "founding"


async def test_history_topic(harness: DiscordHarness) -> None:
    expected = harness.bot.service.engine.history("founding")
    exchange = await harness.command("history", topic="founding")
    assert exchange.embed["title"] == expected.title
    assert expected.lines[0][:50] in exchange.embed["description"]


async def test_history_typed_words_are_asked(harness: DiscordHarness) -> None:
    exchange = await harness.command("history", topic="first race")
    assert "1998" in exchange.text()
