"""/help lists every registered command with an example."""

from __future__ import annotations

from support.fake_discord import DiscordHarness


async def test_help_lists_every_command(harness: DiscordHarness) -> None:
    exchange = await harness.command("help")
    assert exchange.ephemeral
    names = " ".join(f["name"] for f in exchange.embed["fields"])
    for command in harness.fake.schema():
        assert f"/{command['name']}" in names
    assert "/ask question: who won in 2015?" in exchange.text()
    assert "1998" in exchange.embed["description"]
