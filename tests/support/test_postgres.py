"""The throwaway-server helper: without binaries the PostgreSQL tests skip, with the reason, except in CI."""

from __future__ import annotations

import pytest
from support import postgres


def test_missing_binaries_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TEST_DATABASE_URL", raising=False)
    monkeypatch.setattr(postgres, "find_binary", lambda name: None)
    reason = postgres.missing_reason()
    assert reason is not None and "initdb" in reason and "TEST_DATABASE_URL" in reason


def test_a_given_server_needs_no_binaries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEST_DATABASE_URL", "postgresql://somewhere/db")
    monkeypatch.setattr(postgres, "find_binary", lambda name: None)
    assert postgres.missing_reason() is None
    assert postgres.Server("postgresql://somewhere/postgres").url("t1") == "postgresql://somewhere/t1"


def test_skipped_locally_failed_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no server"):
        postgres.skip_or_fail("no server")
    monkeypatch.setenv("CI", "1")
    with pytest.raises(pytest.fail.Exception, match="CI is set"):
        postgres.skip_or_fail("no server")
