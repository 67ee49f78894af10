"""``plm-trivia db migrate | check | copy FROM TO``: the quiz database, for operators.

The database is ``--database-url``, else ``DATABASE_URL``, else ``DATABASE_PATH`` (the
same settings as the bot). Exit status: 0 done / healthy, 1 a problem found, 2 bad usage.
"""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path
from typing import TextIO

from bot.config import Settings
from bot.store import location
from bot.store.check import check
from bot.store.copy import CopyError, copy_database
from bot.store.migrations import SCHEMA_VERSION, SchemaTooNew, migrate


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    db = sub.add_parser("db", parents=[common], help="the quiz database: migrate, check, copy")
    tools = db.add_subparsers(dest="db_command", required=True, metavar="{migrate,check,copy}")
    url_help = "the database (default: $DATABASE_URL, else $DATABASE_PATH)"
    tools.add_parser("migrate", help="bring the schema up to date (back it up first)").add_argument(
        "--database-url", default=None, help=url_help
    )
    tools.add_parser("check", help="is the schema current, do the totals agree with the ledger").add_argument(
        "--database-url", default=None, help=url_help
    )
    copy = tools.add_parser("copy", help="copy every row of one database into an empty one (e.g. SQLite to PostgreSQL)")
    copy.add_argument("source", metavar="FROM", help="a SQLite path or URL, or postgresql://...")
    copy.add_argument("target", metavar="TO", help="an empty database (it is migrated first)")


def cmd_db(args: argparse.Namespace, stdout: TextIO) -> int:
    if args.db_command == "copy":
        return asyncio.run(_copy(args.source, args.target, stdout))
    url = args.database_url or Settings().database
    if args.db_command == "check" and not location.is_postgres(url) and not Path(location.sqlite_path(url)).exists():
        stdout.write(f"no database at {url}\n")  # (connecting would create an empty one)
        return 1
    return asyncio.run(_migrate(url, stdout) if args.db_command == "migrate" else _check(url, stdout))


async def _migrate(url: str, stdout: TextIO) -> int:
    db = await location.connect(url, pool_size=1)
    try:
        applied = await migrate(db)
    except SchemaTooNew as exc:
        stdout.write(f"{exc}\n")
        return 1
    finally:
        await db.close()
    done = f"applied {', '.join(map(str, applied))}" if applied else "nothing to do"
    stdout.write(f"{location.describe(url)}: schema at version {SCHEMA_VERSION} ({done})\n")
    return 0


async def _check(url: str, stdout: TextIO) -> int:
    db = await location.connect(url, pool_size=1)
    try:
        facts, problems = await check(db)
    finally:
        await db.close()
    stdout.write(f"{location.describe(url)}\n")
    for line in facts:
        stdout.write(f"  {line}\n")
    for line in problems:
        stdout.write(f"  PROBLEM: {line}\n")
    stdout.write("OK\n" if not problems else f"{len(problems)} problem(s)\n")
    return 0 if not problems else 1


async def _copy(source_url: str, target_url: str, stdout: TextIO) -> int:
    source = await location.connect(source_url, pool_size=1)
    try:
        target = await location.connect(target_url, pool_size=1)
        try:
            report = await copy_database(source, target)
        except CopyError as exc:
            stdout.write(f"not copied: {exc}\n")
            return 1
        finally:
            await target.close()
    finally:
        await source.close()
    rows = ", ".join(f"{table} {count}" for table, count in report.rows.items())
    stdout.write(f"copied {location.describe(source_url)} to {location.describe(target_url)}: {rows}\n")
    return 0
