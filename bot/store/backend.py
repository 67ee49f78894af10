"""The few database operations the store needs, which each backend provides.

SQL is written once, with ``?`` placeholders and portable types; a backend adapts the
placeholders (PostgreSQL's driver wants ``%s``). What differs between the engines is
kept here and in :data:`bot.store.migrations.DIALECTS`, nowhere else.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any, Literal, Protocol

Dialect = Literal["sqlite", "postgresql"]
Row = tuple[Any, ...]


class Transaction(Protocol):
    """Statements inside one transaction (committed when the block ends, rolled back on error)."""

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; returns how many rows it changed."""

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]: ...


class Backend(ABC):
    """A connection (or pool) to one database."""

    dialect: Dialect

    @abstractmethod
    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """A read outside any transaction."""

    async def fetchone(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        rows = await self.fetchall(sql, params)
        return rows[0] if rows else None

    async def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = await self.fetchone(sql, params)
        return row[0] if row else None

    @abstractmethod
    def batches(self, sql: str, size: int = 5000) -> AsyncIterator[list[Row]]:
        """A large read, ``size`` rows at a time (a whole table need not fit in memory)."""

    @abstractmethod
    async def reset_ids(self, tx: Transaction, table: str) -> None:
        """After rows were inserted with explicit ids: new rows continue after the largest."""

    @abstractmethod
    def transaction(self, *, exclusive: bool = False) -> AbstractAsyncContextManager[Transaction]:
        """A write transaction; ``exclusive`` also holds the database's migration lock."""

    @abstractmethod
    async def tables(self) -> dict[str, tuple[str, ...]]:
        """Every table and index of the schema: name → column names (indexes: ``("index",)``)."""

    async def legacy_version(self) -> int:
        """The schema version of a database made before ``schema_migrations`` existed."""
        return 0

    @abstractmethod
    async def close(self) -> None: ...
