"""Health check for containers: ``python -m bot.health`` exits 0 while the heartbeat is fresh.

The bot touches ``HEARTBEAT_FILE`` every 30 s while all its shards are connected;
a file older than ``--max-age`` seconds (default 120) means the bot is stuck or
disconnected. Reads settings the same way the bot does; imports no discord.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from bot.config import Settings


def check(path: Path | None, max_age: float, now: float | None = None) -> tuple[bool, str]:
    if path is None:
        return False, "HEARTBEAT_FILE is not configured"
    try:
        age = (now if now is not None else time.time()) - path.stat().st_mtime
    except FileNotFoundError:
        return False, f"{path} does not exist yet (starting, or never connected)"
    if age > max_age:
        return False, f"heartbeat is {age:.0f} s old (max {max_age:.0f} s)"
    return True, f"heartbeat {age:.0f} s ago"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.health", description=__doc__)
    parser.add_argument("--max-age", type=float, default=120.0, help="seconds (default 120)")
    parser.add_argument("--file", type=Path, default=None, help="heartbeat file (default: HEARTBEAT_FILE)")
    args = parser.parse_args(argv)
    path = args.file or Settings().heartbeat_file
    ok, message = check(path, args.max_age)
    print(("healthy: " if ok else "unhealthy: ") + message)
    return 0 if ok else 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
