"""The package's layers: each imports only the layers before it, and the core never imports discord.

The layers, first to last (``docs/architecture.md`` says what each one is for):

    knowledge → qa → quiz → service, store → benchmarks → frontends.console, frontends.discord

A front end never imports the other one, with one named exception: the console program
is also the process's entry point, and its ``run`` and ``sync`` commands start the
Discord front end (imported inside those commands, so ``ask`` never loads discord).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BOT = ROOT / "bot"
CORE = ("knowledge", "qa", "quiz")

#: What each layer may import from ``bot`` besides itself.
ALLOWED: dict[str, set[str]] = {
    "knowledge": set(),
    "qa": {"knowledge"},
    "quiz": {"knowledge", "qa"},
    "config": set(),
    "health": {"config"},
    "service": {"knowledge", "qa", "config"},
    "store": {"knowledge", "qa", "quiz"},
    "benchmarks": {"knowledge", "qa", "quiz", "store"},
    "frontends.console": {"knowledge", "qa", "quiz", "store", "benchmarks", "config"},
    "frontends.discord": {"knowledge", "qa", "quiz", "service", "store", "config", "health"},
    "frontends": set(),
    "__main__": {"frontends.console"},
}

#: Imports across front ends that are allowed, and why.
EXCEPTIONS = {
    ("bot.frontends.console.cli", "bot.frontends.discord.runner"): "`plm-trivia run` and `sync` start the Discord bot",
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> str:
    parts = module.split(".")[1:]
    if not parts:
        return ""
    return ".".join(parts[:2]) if parts[0] == "frontends" and len(parts) > 1 else parts[0]


def _bot_imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {name for name in names if name == "bot" or name.startswith("bot.")}


def _modules() -> list[Path]:
    return sorted(BOT.rglob("*.py"))


def test_every_layer_is_known() -> None:
    layers = {_layer(_module_name(path)) for path in _modules()} - {""}
    assert layers <= set(ALLOWED), f"new layer(s) {layers - set(ALLOWED)}: add them to ALLOWED and docs/architecture.md"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(BOT)))
def test_a_module_imports_only_earlier_layers(path: Path) -> None:
    module = _module_name(path)
    layer = _layer(module)
    allowed = ALLOWED.get(layer, set()) | {layer}
    wrong = [
        name
        for name in _bot_imports(path)
        if _layer(name) not in allowed and (module, name) not in EXCEPTIONS and name != "bot"
    ]
    assert wrong == [], f"{module} ({layer}) imports {wrong}; it may import {sorted(allowed)}"


def test_the_package_root_imports_nothing() -> None:
    assert _bot_imports(BOT / "__init__.py") == set()


def test_core_modules_do_not_mention_discord_imports() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for package in CORE
        for path in (BOT / package).rglob("*.py")
        if any(line.lstrip().startswith(("import discord", "from discord")) for line in path.read_text().splitlines())
    ]
    assert offenders == []


def test_importing_the_core_and_the_cli_loads_no_discord() -> None:
    modules = [_module_name(p) for package in CORE for p in (BOT / package).rglob("*.py") if p.name != "__init__.py"]
    modules += ["bot.service", "bot.store.sqlite", "bot.benchmarks.questions", "bot.benchmarks.quiz"]
    code = "import sys, importlib\n" + "".join(
        f"importlib.import_module({m!r})\n" for m in ["bot", "bot.frontends.console.cli", *modules]
    )
    code += (
        "assert not [m for m in sys.modules if m == 'discord' or m.startswith('discord.')], 'discord was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
