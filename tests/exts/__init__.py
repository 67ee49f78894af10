"""Tests of bot.exts."""
