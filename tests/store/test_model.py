"""Periods and shards: the keys the store files totals and games under."""

from __future__ import annotations

import datetime as dt

from bot.store.model import month_key, month_start, shard_of

NOV_15 = dt.datetime(2026, 11, 15, 12, tzinfo=dt.UTC).timestamp()


def test_month_start() -> None:
    assert month_start(NOV_15) == dt.datetime(2026, 11, 1, tzinfo=dt.UTC).timestamp()


def test_month_key_is_the_utc_month() -> None:
    assert month_key(NOV_15) == "2026-11"
    assert month_key(dt.datetime(2026, 11, 30, 23, 59, tzinfo=dt.UTC).timestamp()) == "2026-11"
    assert month_key(dt.datetime(2026, 12, 1, tzinfo=dt.UTC).timestamp()) == "2026-12"


def test_shard_of_follows_discord() -> None:
    # Discord: shard_id = (guild_id >> 22) % num_shards; direct messages are on shard 0.
    assert shard_of(81384788765712384, 16) == (81384788765712384 >> 22) % 16
    assert shard_of(None, 16) == 0
    assert {shard_of((n << 22) | 12345, 3) for n in range(9)} == {0, 1, 2}
