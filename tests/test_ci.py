"""``.ci/run``: the README's test command, exactly, with the PostgreSQL server installed when missing."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text()
    command = re.search(r"Run the tests[^\n]*\n\n```sh\n(.+?)\n```", readme, re.S)
    assert command is not None
    script = (ROOT / ".ci" / "run").read_text().splitlines()
    assert script[-1] == command[1].strip()


def test_ci_installs_postgresql_when_initdb_is_missing_and_makes_its_tests_required() -> None:
    script = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"if ! .*initdb.*; then", script)
    assert "apt-get install -y" in script and re.search(r"install [^\n]*\bpostgresql$", script, re.M)
    assert 'export CI="${CI:-1}"' in script  # with CI set, tests/conftest.py fails instead of skipping
