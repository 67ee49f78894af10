"""The PostgreSQL backend (psycopg 3 with a small connection pool): several shard processes, one database.

- Each process keeps a pool of a few connections (``DATABASE_POOL_SIZE``); a connection
  is checked before use, so a restarted server costs one retry, not a dead process.
- Writes run in transactions at READ COMMITTED; the rules that must hold across
  processes (one award set per round, one report of an interrupted game) are constraints
  and conditional writes in the database, never locks in memory.
- Migrations take an advisory lock (:data:`MIGRATION_LOCK`) with a bounded wait.
- Backup: ``pg_dump --format=custom --file=plm-trivia.dump "$DATABASE_URL"`` (see deploy/README.md).
"""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

from psycopg import AsyncConnection
from psycopg_pool import AsyncConnectionPool

from bot.store.backend import Backend, Row, Transaction

#: pg_advisory_xact_lock key held while migrating ("plm-" in ASCII).
MIGRATION_LOCK = 0x706C6D2D
CONNECT_TIMEOUT = 10  # seconds, per connection attempt and for the pool to open


@functools.lru_cache(maxsize=512)
def _adapt(sql: str) -> str:
    """``?`` placeholders to psycopg's ``%s`` (a literal ``%`` doubled)."""
    return sql.replace("%", "%%").replace("?", "%s")


class _PostgresTransaction:
    def __init__(self, conn: AsyncConnection[Any]) -> None:
        self._conn = conn

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        cursor = await self._conn.execute(_adapt(sql), params) if params else await self._conn.execute(sql)
        return cursor.rowcount

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            async with self._conn.cursor() as cursor:
                await cursor.executemany(_adapt(sql), rows)

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        cursor = await self._conn.execute(_adapt(sql), params) if params else await self._conn.execute(sql)
        return [tuple(row) for row in await cursor.fetchall()]


class PostgresBackend(Backend):
    dialect = "postgresql"

    def __init__(self, pool: AsyncConnectionPool[Any]) -> None:
        self._pool = pool

    @classmethod
    async def connect(cls, url: str, *, pool_size: int = 4) -> PostgresBackend:
        pool: AsyncConnectionPool[Any] = AsyncConnectionPool(
            url,
            min_size=1,
            max_size=max(1, pool_size),
            kwargs={"autocommit": True, "connect_timeout": CONNECT_TIMEOUT},
            check=AsyncConnectionPool.check_connection,
            timeout=30,  # longest wait for a free connection before an error
            open=False,
        )
        try:
            await pool.open(wait=True, timeout=CONNECT_TIMEOUT)
        except BaseException:
            await pool.close()
            raise
        return cls(pool)

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        async with self._pool.connection() as conn:
            return await _PostgresTransaction(conn).fetchall(sql, params)

    async def batches(self, sql: str, size: int = 5000) -> AsyncIterator[list[Row]]:
        async with self._pool.connection() as conn, conn.transaction(), conn.cursor(name="plm_batches") as cursor:
            await cursor.execute(sql)
            while rows := await cursor.fetchmany(size):
                yield [tuple(row) for row in rows]

    async def reset_ids(self, tx: Transaction, table: str) -> None:
        await tx.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL)"
            f" FROM {table}"
        )

    @asynccontextmanager
    async def transaction(self, *, exclusive: bool = False) -> AsyncIterator[_PostgresTransaction]:
        async with self._pool.connection() as conn, conn.transaction():
            if exclusive:
                await conn.execute("SET LOCAL lock_timeout = '60s'")
                await conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            yield _PostgresTransaction(conn)

    async def tables(self) -> dict[str, tuple[str, ...]]:
        out: dict[str, list[str]] = {}
        for table, column in await self.fetchall(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"
        ):
            out.setdefault(str(table), []).append(str(column))
        for (index,) in await self.fetchall("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"):
            out[str(index)] = ["index"]
        return {name: tuple(columns) for name, columns in out.items()}

    async def close(self) -> None:
        await self._pool.close(timeout=5)
