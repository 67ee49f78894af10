"""``plm-trivia db check``: is the schema current, and do the derived tables agree with the ledger?

Reads everything once (a full scan, fine for an operator's check, never done by the bot):
the totals and player counts must equal what the points ledger sums to, and every award
must belong to a recorded round, and every daily answer to a posted daily question.
"""

from __future__ import annotations

from collections import Counter

from bot.store.backend import Backend
from bot.store.daily_store import TABLES as DAILY_TABLES
from bot.store.migrations import SCHEMA_VERSION, current_version
from bot.store.model import ALL_TIME, EVERYWHERE, month_key


async def check(db: Backend) -> tuple[list[str], list[str]]:
    """(facts, problems): an empty problem list means the database is healthy."""
    version = await current_version(db)
    if version != SCHEMA_VERSION:
        hint = "run plm-trivia db migrate" if version < SCHEMA_VERSION else "upgrade the bot"
        return [], [f"schema at version {version}, this bot expects {SCHEMA_VERSION}: {hint}"]
    facts = [f"schema at version {version} (current)"]
    for table in ("games", "rounds", "scores", "players", *DAILY_TABLES):
        facts.append(f"{table}: {await db.scalar(f'SELECT COUNT(*) FROM {table}')} rows")
    problems = []
    orphans = await db.scalar(
        "SELECT COUNT(*) FROM scores s WHERE NOT EXISTS"
        " (SELECT 1 FROM rounds r WHERE r.game_id = s.game_id AND r.number = s.round_number)"
    )
    if orphans:
        problems.append(f"{orphans} award(s) without their round")
    problems += await _daily_problems(db)
    expected = await _totals_from_ledger(db)
    stored: dict[tuple[int, str, int], tuple[int, int]] = {}
    async for rows in db.batches("SELECT scope, period, user_id, points, correct FROM totals"):
        stored.update({(int(s), str(p), int(u)): (int(pts), int(c)) for s, p, u, pts, c in rows})
    wrong = sorted(k for k in expected.keys() | stored.keys() if expected.get(k) != stored.get(k))
    if wrong:
        problems.append(f"{len(wrong)} total(s) disagree with the ledger, e.g. {wrong[0]}")
    counts = Counter((scope, period) for scope, period, _ in stored)
    players = {
        (int(s), str(p)): int(n) for s, p, n in await db.fetchall("SELECT scope, period, players FROM scope_players")
    }
    if {k: v for k, v in players.items() if v} != dict(counts):
        problems.append("player counts (scope_players) disagree with the totals")
    buckets = Counter((scope, period, points) for (scope, period, _), (points, _) in stored.items())
    stored_buckets = {
        (int(s), str(p), int(pts)): int(n)
        for s, p, pts, n in await db.fetchall("SELECT scope, period, points, players FROM rank_buckets")
    }
    if {k: v for k, v in stored_buckets.items() if v} != dict(buckets):
        problems.append("rank buckets disagree with the totals")
    return facts, problems


async def _daily_problems(db: Backend) -> list[str]:
    """Answers belong to a post (a foreign key, but SQLite enforces those only when asked to)."""
    problems = []
    orphans = await db.scalar(
        "SELECT COUNT(*) FROM daily_answers a WHERE NOT EXISTS"
        " (SELECT 1 FROM daily_posts p WHERE p.guild_id = a.guild_id AND p.day = a.day)"
    )
    if orphans:
        problems.append(f"{orphans} daily answer(s) without their post")
    return problems


async def _totals_from_ledger(db: Backend) -> dict[tuple[int, str, int], tuple[int, int]]:
    sums: dict[tuple[int, str, int], list[int]] = {}
    async for rows in db.batches("SELECT guild_id, user_id, points, awarded_at FROM scores"):
        for guild_id, user_id, points, awarded_at in rows:
            scopes = [EVERYWHERE] if guild_id in (None, EVERYWHERE) else [int(guild_id), EVERYWHERE]
            for scope in scopes:
                for period in (ALL_TIME, month_key(float(awarded_at))):
                    entry = sums.setdefault((scope, period, int(user_id)), [0, 0])
                    entry[0] += int(points)
                    entry[1] += 1
    return {key: (points, count) for key, (points, count) in sums.items()}
