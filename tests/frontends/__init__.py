"""Tests of bot/frontends."""
