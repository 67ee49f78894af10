"""Tests of bot.benchmarks."""
