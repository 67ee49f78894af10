"""/about shows the version, the knowledge base's extent and content hash, and the sources."""

from __future__ import annotations

from support.fake_discord import DiscordHarness


async def test_about_names_the_version_and_the_knowledge_it_answers_from(harness: DiscordHarness) -> None:
    exchange = await harness.command("about")
    assert exchange.ephemeral
    fields = {f["name"]: f["value"] for f in exchange.embed["fields"]}
    kb = harness.bot.service.kb
    assert fields["Version"].startswith("plm-trivia ")
    assert fields["Content hash"] == kb.content_hash
    assert f"{kb.stats['races']} races" in fields["Knowledge"] and str(kb.last_year) in fields["Knowledge"]
    assert "Sources" in fields
