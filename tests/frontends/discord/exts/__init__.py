"""Tests of bot.frontends.discord.exts."""
