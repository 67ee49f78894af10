"""The SQLite backend (aiosqlite): the embedded default, one process, nothing to install.

- WAL journal, ``synchronous=NORMAL``: a crash loses at most the last transaction, and
  readers (leaderboards) never wait for the writer.
- aiosqlite runs SQLite in its own thread; the event loop only hands over parameters.
- One connection; an asyncio lock lets one transaction run at a time (a transaction
  spans several awaits), ``BEGIN IMMEDIATE`` takes SQLite's write lock at its start.
- Backup (safe while the bot runs, uses SQLite's online backup):
  ``sqlite3 data/plm-trivia.sqlite3 ".backup backup.sqlite3"``, or without the sqlite3 tool
  ``python -c "import sqlite3; sqlite3.connect('data/plm-trivia.sqlite3').backup(sqlite3.connect('backup.sqlite3'))"``.

The quiz's queries are in :mod:`bot.store.quiz`; this module is only the backend, so it
imports nothing of the quiz (the store's modules import one way: queries → backends).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

from bot.store.backend import Backend, Row, Transaction


class _SQLiteTransaction:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        cursor = await self._db.execute(sql, params)
        count = cursor.rowcount
        await cursor.close()
        return count

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            await self._db.executemany(sql, rows)

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        async with self._db.execute(sql, params) as cursor:
            return [tuple(row) for row in await cursor.fetchall()]


class SQLiteBackend(Backend):
    dialect = "sqlite"

    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db
        self._write = asyncio.Lock()

    @classmethod
    async def connect(cls, path: Path | str) -> SQLiteBackend:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        db = await aiosqlite.connect(str(path), isolation_level=None)  # explicit BEGIN/COMMIT below
        try:
            await db.execute("PRAGMA journal_mode=WAL")
            await db.execute("PRAGMA synchronous=NORMAL")
            await db.execute("PRAGMA foreign_keys=ON")
            await db.execute("PRAGMA busy_timeout=5000")
        except BaseException:
            await db.close()
            raise
        return cls(db)

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        # One hop to SQLite's thread: a read left open between hops would hold a snapshot, and a
        # transaction begun meanwhile on this connection then fails at once ("database is
        # locked") when another connection has written since, instead of waiting its turn.
        return [tuple(row) for row in await self._db.execute_fetchall(sql, params)]

    async def batches(self, sql: str, size: int = 5000) -> AsyncIterator[list[Row]]:
        async with self._db.execute(sql) as cursor:
            while rows := await cursor.fetchmany(size):
                yield [tuple(row) for row in rows]

    async def reset_ids(self, tx: Transaction, table: str) -> None:
        """Nothing to do: an INTEGER PRIMARY KEY continues after the largest id by itself."""

    @asynccontextmanager
    async def transaction(self, *, exclusive: bool = False) -> AsyncIterator[_SQLiteTransaction]:
        async with self._write:  # BEGIN IMMEDIATE is already exclusive among writers
            await self._db.execute("BEGIN IMMEDIATE")
            try:
                yield _SQLiteTransaction(self._db)
            except BaseException:
                await self._db.execute("ROLLBACK")
                raise
            await self._db.execute("COMMIT")

    async def tables(self) -> dict[str, tuple[str, ...]]:
        out: dict[str, tuple[str, ...]] = {}
        for kind, name in await self.fetchall(
            "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'index') AND sql IS NOT NULL"
        ):
            if kind == "index":
                out[name] = ("index",)
            else:
                out[name] = tuple(r[1] for r in await self.fetchall(f"PRAGMA table_info({name})"))
        return out

    async def legacy_version(self) -> int:
        return int(await self.scalar("PRAGMA user_version"))

    async def close(self) -> None:
        await self._db.close()


__all__ = ["SQLiteBackend"]
