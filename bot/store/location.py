"""Where the quiz database is: ``DATABASE_URL`` (or the older ``DATABASE_PATH``) to a backend.

- ``postgresql://user:password@host:5432/dbname`` (or ``postgres://``): PostgreSQL;
- ``sqlite:///relative/path.sqlite3``, ``sqlite:////absolute/path.sqlite3``, or a plain
  file path: SQLite (the default, ``data/plm-trivia.sqlite3``).
"""

from __future__ import annotations

from pathlib import Path

from bot.store.backend import Backend

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres(target: Path | str) -> bool:
    return str(target).startswith(POSTGRES_SCHEMES)


def sqlite_path(target: Path | str) -> str:
    """The file a SQLite target names (``sqlite:///a/b`` → ``a/b``)."""
    text = str(target)
    if text.startswith("sqlite:///"):
        return text.removeprefix("sqlite:///")
    if text.startswith("sqlite:"):
        return text.removeprefix("sqlite:")
    return text


def describe(target: Path | str) -> str:
    """The target for a log line or an error, without a password."""
    text = str(target)
    if is_postgres(text) and "@" in text:
        scheme, rest = text.split("://", 1)
        credentials, host = rest.rsplit("@", 1)
        return f"{scheme}://{credentials.split(':', 1)[0]}:***@{host}" if ":" in credentials else text
    return text


async def connect(target: Path | str, *, pool_size: int = 4) -> Backend:
    """A backend for the target, not yet migrated (see :func:`bot.store.migrations.migrate`)."""
    if is_postgres(target):
        from bot.store.postgres import PostgresBackend

        return await PostgresBackend.connect(str(target), pool_size=pool_size)
    from bot.store.sqlite import SQLiteBackend

    return await SQLiteBackend.connect(sqlite_path(target))


async def open_migrated(target: Path | str, *, pool_size: int = 4) -> Backend:
    """Connect to ``target`` and bring its schema up to date; closed again if the migration fails."""
    from bot.store.migrations import migrate  # (migrations import the backends: late, like connect's)

    db = await connect(target, pool_size=pool_size)
    try:
        await migrate(db)
    except BaseException:
        await db.close()
        raise
    return db
