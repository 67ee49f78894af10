"""A throwaway PostgreSQL server for the tests: initdb + pg_ctl in a temporary directory.

Started once per pytest run (a session fixture in ``tests/conftest.py``), on a free
port on 127.0.0.1 and a private socket directory; every test gets a fresh database.
``TEST_DATABASE_URL`` points the tests at an existing server instead. As root (CI
containers) the server runs as the ``postgres`` user, since initdb refuses root.

Every call has a timeout and the server is always stopped (``-m immediate``), by the
fixture's teardown and, should that not run, at interpreter exit.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import psycopg
import pytest

CONNECT_TIMEOUT = 10


def find_binary(name: str) -> str | None:
    """``initdb`` / ``pg_ctl`` from Debian's versioned directory, else /usr/local/bin, else PATH."""
    dirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda d: int(Path(d).parent.name), reverse=True)
    for folder in (*dirs, "/usr/local/bin"):
        candidate = Path(folder) / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which(name)


def missing_reason() -> str | None:
    """Why no server can be started here, or None."""
    if os.environ.get("TEST_DATABASE_URL"):
        return None
    missing = [name for name in ("initdb", "pg_ctl") if find_binary(name) is None]
    if missing:
        return f"PostgreSQL server binaries not found ({', '.join(missing)}): apt-get install postgresql, or set TEST_DATABASE_URL"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no postgres user to run initdb as"
    return None


def skip_or_fail(reason: str) -> NoReturn:
    """Without a server the PostgreSQL tests are skipped, with the reason; in CI (``CI`` set) they fail."""
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but PostgreSQL cannot run: {reason}", pytrace=False)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@dataclass
class Server:
    """A running server (ours or TEST_DATABASE_URL's) that hands out fresh databases."""

    base_url: str  # ends with the maintenance database, e.g. .../postgres
    root: Path | None = None  # our temporary directory, None for TEST_DATABASE_URL

    def url(self, database: str) -> str:
        return self.base_url.rsplit("/", 1)[0] + f"/{database}"

    def _admin(self) -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(self.base_url, autocommit=True, connect_timeout=CONNECT_TIMEOUT)

    def create_database(self) -> str:
        name = f"plm_test_{uuid.uuid4().hex[:12]}"
        with self._admin() as conn:
            conn.execute("SET statement_timeout = '60s'")
            conn.execute(f"CREATE DATABASE {name}")
        return name

    def drop_database(self, name: str) -> None:
        with self._admin() as conn:
            conn.execute("SET statement_timeout = '60s'")
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        if self.root is None or not (self.root / "data").exists():
            return
        pg_ctl = find_binary("pg_ctl")
        assert pg_ctl is not None
        with contextlib.suppress(subprocess.TimeoutExpired):
            subprocess.run(
                _as_server_user([pg_ctl, "-D", str(self.root / "data"), "-m", "immediate", "-w", "-t", "30", "stop"]),
                capture_output=True, timeout=60, check=False,
            )  # fmt: skip
        shutil.rmtree(self.root, ignore_errors=True)


def start() -> Server:
    """TEST_DATABASE_URL's server, or a new one in a temporary directory (stopped at exit at the latest)."""
    given = os.environ.get("TEST_DATABASE_URL")
    if given:
        return Server(given)
    initdb, pg_ctl = find_binary("initdb"), find_binary("pg_ctl")
    assert initdb and pg_ctl, missing_reason()
    root = Path(tempfile.mkdtemp(prefix="plm-trivia-pg-"))
    server = Server("", root)
    atexit.register(server.stop)
    try:
        data, sockets = root / "data", root / "sockets"
        sockets.mkdir()
        if os.geteuid() == 0:  # the server user must own its directories
            entry = pwd.getpwnam("postgres")
            for path in (root, sockets):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        subprocess.run(
            _as_server_user([initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]),
            capture_output=True, timeout=120, check=True,
        )  # fmt: skip
        port = _free_port()
        options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        subprocess.run(
            _as_server_user([pg_ctl, "-D", str(data), "-o", options, "-l", str(root / "server.log"), "-w", "-t", "30",
                             "start"]),
            capture_output=True, timeout=60, check=True,
        )  # fmt: skip
        server.base_url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
        return server
    except BaseException:
        server.stop()
        raise
