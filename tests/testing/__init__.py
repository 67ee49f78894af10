"""Tests of bot.testing."""
