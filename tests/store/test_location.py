"""DATABASE_URL: which backend a target names, and how it is shown without its password."""

from __future__ import annotations

from pathlib import Path

from bot.store.location import describe, is_postgres, sqlite_path


def test_postgresql_urls_and_everything_else_is_sqlite() -> None:
    assert is_postgres("postgresql://plm@db:5432/plm_trivia") and is_postgres("postgres://db/x")
    assert not is_postgres("data/plm-trivia.sqlite3") and not is_postgres(Path("/var/lib/x.sqlite3"))
    assert not is_postgres("sqlite:///data/x.sqlite3")


def test_sqlite_targets_name_their_file() -> None:
    assert sqlite_path("sqlite:///data/x.sqlite3") == "data/x.sqlite3"
    assert sqlite_path("sqlite:////var/lib/x.sqlite3") == "/var/lib/x.sqlite3"
    assert sqlite_path(Path("data/x.sqlite3")) == "data/x.sqlite3"


def test_a_password_is_never_shown() -> None:
    shown = describe("postgresql://plm:s3cret@db:5432/plm_trivia")
    assert "s3cret" not in shown and shown == "postgresql://plm:***@db:5432/plm_trivia"
    assert describe("postgresql://plm@db/x") == "postgresql://plm@db/x"
    assert describe("data/x.sqlite3") == "data/x.sqlite3"
