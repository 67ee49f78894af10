"""Tests of bot/frontends/console."""
