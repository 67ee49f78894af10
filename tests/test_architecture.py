"""The core never imports discord: the console runs, and is tested, without it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORE = ("knowledge", "qa", "quiz")


def test_core_modules_do_not_mention_discord_imports() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for package in CORE
        for path in (ROOT / "bot" / package).rglob("*.py")
        if any(line.lstrip().startswith(("import discord", "from discord")) for line in path.read_text().splitlines())
    ]
    assert offenders == []


def test_importing_the_core_and_the_cli_loads_no_discord() -> None:
    modules = [f"bot.{p.relative_to(ROOT / 'bot').with_suffix('').as_posix().replace('/', '.')}" for package in CORE
               for p in (ROOT / "bot" / package).rglob("*.py") if p.name != "__init__.py"]  # fmt: skip
    code = "import sys, importlib\n" + "".join(
        f"importlib.import_module({m!r})\n" for m in ["bot", "bot.cli", *modules]
    )
    code += (
        "assert not [m for m in sys.modules if m == 'discord' or m.startswith('discord.')], 'discord was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
