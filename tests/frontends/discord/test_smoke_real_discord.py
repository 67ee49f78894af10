"""Smoke test against the real Discord API; skipped unless DISCORD_TOKEN is set.

It logs in over HTTP (no gateway), checks the application, and validates the command
schema locally. It syncs only to DEV_GUILD_ID when that is set too: never globally.
"""

from __future__ import annotations

import os

import pytest
from support.discord_fixtures import make_settings
from support.fake_discord import schema_problems

from bot.service import TriviaService

pytestmark = pytest.mark.skipif(not os.environ.get("DISCORD_TOKEN"), reason="needs DISCORD_TOKEN (real Discord)")


async def test_login_and_schema_against_real_discord(trivia_service: TriviaService) -> None:
    import discord

    from bot.frontends.discord.client import create_bot

    guild_id = int(os.environ["DEV_GUILD_ID"]) if os.environ.get("DEV_GUILD_ID") else None
    bot = create_bot(make_settings(discord_token=os.environ["DISCORD_TOKEN"], dev_guild_id=guild_id), trivia_service)
    async with bot:
        await bot.login(os.environ["DISCORD_TOKEN"])  # syncs to DEV_GUILD_ID in setup_hook when set
        assert bot.user is not None and bot.application_id is not None
        payload = [c.to_dict(bot.tree) for c in bot.tree.get_commands()]
        assert schema_problems(payload) == []
        if guild_id:
            synced = await bot.tree.fetch_commands(guild=discord.Object(id=guild_id))
            assert {c.name for c in synced} >= {"ask", "winner", "reload"}
