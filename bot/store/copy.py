"""Copy a whole quiz database (the daily question's tables too) to another, typically SQLite into PostgreSQL (``plm-trivia db copy FROM TO``).

The source must be at this bot's schema version (``db migrate`` it first) and is only
read; the target is migrated, must hold no quiz data, and is written in one transaction:
a failed copy leaves it empty. Stop the bot while copying, or rounds played meanwhile
are not in the copy.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.store.backend import Backend
from bot.store.daily_store import TABLES as DAILY_TABLES
from bot.store.migrations import SCHEMA_VERSION, current_version, migrate

#: Parents before children (foreign keys); any other table follows in name order.
ORDER = ("games", "rounds", "answers", "scores", "players", "guild_settings", "recent_questions", "totals",
         "scope_players", "rank_buckets", *DAILY_TABLES)  # fmt: skip
#: Tables whose ``id`` the database assigns: the target's counter must continue after the copy.
WITH_IDS = ("games", "scores")
SKIP = ("schema_migrations",)  # the target keeps its own record of how it was migrated


class CopyError(RuntimeError):
    pass


@dataclass(frozen=True, slots=True)
class CopyReport:
    rows: dict[str, int]  # table → rows copied


async def copy_database(source: Backend, target: Backend, *, batch: int = 5000) -> CopyReport:
    version = await current_version(source)
    if version != SCHEMA_VERSION:
        raise CopyError(
            f"the source is at schema version {version}, this bot at {SCHEMA_VERSION}: run db migrate on it first"
        )
    await migrate(target)
    source_tables, target_tables = await source.tables(), await target.tables()
    tables = [t for t in _ordered(source_tables) if t in target_tables]
    for table in tables:
        if await target.scalar(f"SELECT COUNT(*) FROM {table}"):
            raise CopyError(f"the target already has rows in {table}: copy only into an empty database")
    copied: dict[str, int] = {}
    async with target.transaction() as tx:
        for table in tables:
            columns = [c for c in source_tables[table] if c in target_tables[table]]
            insert = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
            copied[table] = 0
            async for rows in source.batches(f"SELECT {', '.join(columns)} FROM {table}", batch):
                await tx.executemany(insert, rows)
                copied[table] += len(rows)
            if table in WITH_IDS:
                await target.reset_ids(tx, table)
    for table, count in copied.items():
        if await target.scalar(f"SELECT COUNT(*) FROM {table}") != count:
            raise CopyError(f"{table}: the target does not hold the {count} rows copied")
    return CopyReport(copied)


def _ordered(tables: dict[str, tuple[str, ...]]) -> list[str]:
    names = [name for name, columns in tables.items() if columns != ("index",) and name not in SKIP]
    return sorted(names, key=lambda name: (ORDER.index(name) if name in ORDER else len(ORDER), name))
