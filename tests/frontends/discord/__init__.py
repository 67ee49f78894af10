"""Tests of bot/frontends/discord."""
