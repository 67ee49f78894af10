"""The container health check reads the heartbeat file's age."""

from __future__ import annotations

import os
from pathlib import Path

from bot.health import check, main


def test_fresh_heartbeat_is_healthy(tmp_path: Path) -> None:
    beat = tmp_path / "beat"
    beat.write_text("1")
    assert check(beat, 120)[0]
    assert main(["--file", str(beat)]) == 0


def test_stale_or_missing_heartbeat_is_unhealthy(tmp_path: Path) -> None:
    beat = tmp_path / "beat"
    assert check(beat, 120) == (False, f"{beat} does not exist yet (starting, or never connected)")
    beat.write_text("1")
    old = beat.stat().st_mtime - 600
    os.utime(beat, (old, old))
    ok, message = check(beat, 120)
    assert not ok and "old" in message
    assert main(["--file", str(beat)]) == 1
    assert not check(None, 120)[0]
