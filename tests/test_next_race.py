"""Next year's race: adding one valid race file must not turn the suite red.

Follows deploy/README.md's "add a race" steps on a copy of the shipped knowledge base
(new race file, its new driver, team, make and car), then checks that it validates,
that the engine answers it as the latest race, and that every bank case that is not a
snapshot of the current latest race (``as_of``) still gets its answer.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from bot.knowledge import KnowledgeBase, load_knowledge
from bot.qa.bank import Case, check, load_bank
from bot.qa.engine import Engine

ROOT = Path(__file__).resolve().parents[1]
BANK = load_bank(ROOT / "tests/qa/question_bank.yaml")


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + text, encoding="utf-8")


@pytest.fixture(scope="module")
def next_race(tmp_path_factory: pytest.TempPathFactory) -> tuple[KnowledgeBase, dt.date]:
    target = tmp_path_factory.mktemp("next") / "knowledge"
    shutil.copytree(ROOT / "knowledge", target)
    shipped = load_knowledge(target)
    year = shipped.last_year + 1
    (target / "races" / f"{year}.yaml").write_text(
        f"""year: {year}
edition: {shipped.races[shipped.last_year].edition + 1}
date: {year}-10-03
event_title: Motul Petit Le Mans
championships: ["IMSA WeatherTech SportsCar Championship {year}, finale"]
format: "10 hours"
confidence: high
sources: ["synthetic race for tests"]
results:
  - class: gtp
    overall: true
    car_number: "99"
    team: zephyr-racing
    drivers: [quinn-zephyrson, ulla-zephyrdottir]
    car: zephyr-z1
    laps: 400
    confidence: high
    sources: ["synthetic race for tests"]
""",
        encoding="utf-8",
    )
    _append(target / "drivers.yaml", "  - id: quinn-zephyrson\n    name: Quinn Zephyrson\n"
            "  - id: ulla-zephyrdottir\n    name: Ulla Zephyrdottir\n")  # fmt: skip
    _append(target / "teams.yaml", "  - id: zephyr-racing\n    name: Zephyr Racing\n")
    _append(target / "manufacturers.yaml", "  - id: zephyr\n    name: Zephyr\n")
    _append(target / "cars.yaml", "  - id: zephyr-z1\n    name: Zephyr Z1\n    manufacturer: zephyr\n")
    today = dt.date(year, 12, 1)
    return load_knowledge(target, today=today), today


def test_the_new_race_is_the_latest(next_race: tuple[KnowledgeBase, dt.date], kb: KnowledgeBase) -> None:
    new, today = next_race
    engine = Engine(new, today=lambda: today)
    assert new.last_year == kb.last_year + 1 and len(new.races) == len(kb.races) + 1
    assert "Quinn Zephyrson" in engine.ask("who won the latest petit le mans").text
    assert f"{len(new.races)} editions" in engine.ask("how many editions of petit le mans have been run").text


@pytest.mark.parametrize("case", [c for c in BANK if c.as_of is None], ids=lambda c: c.question[:80])
def test_every_case_that_is_not_a_snapshot_still_holds(next_race: tuple[KnowledgeBase, dt.date], case: Case) -> None:
    new, today = next_race
    outcome = check(_engine(new, today), case)
    assert outcome.ok, outcome.reason


_ENGINES: dict[int, Engine] = {}


def _engine(kb: KnowledgeBase, today: dt.date) -> Engine:
    key = id(kb)
    if key not in _ENGINES:
        _ENGINES[key] = Engine(kb, today=lambda: today)
    return _ENGINES[key]
