"""Poles and fastest laps over several races: counted, ranked and listed as such, never as wins.

Expected figures come from the races' researched records, so the tests hold as years are added.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bot.knowledge import KnowledgeBase
from bot.qa.engine import Engine


@pytest.fixture(scope="module")
def engine(kb: KnowledgeBase) -> Engine:
    return Engine(kb, today=lambda: dt.date(2026, 11, 25))


def poles(kb: KnowledgeBase) -> dict[str, list[int]]:
    per: dict[str, list[int]] = {}
    for y, race in kb.races.items():
        if race.pole_position and race.pole_position.driver:
            per.setdefault(race.pole_position.driver, []).append(y)
    return per


def test_the_most_poles_are_counted_from_the_pole_records(engine: Engine, kb: KnowledgeBase) -> None:
    per = poles(kb)
    best = max(len(v) for v in per.values())
    answer = engine.ask("who has the most poles")
    assert answer.intent == "session" and answer.text.startswith(f"Most recorded poles: {best}")
    for driver, years in per.items():
        if len(years) == best:
            assert kb.name("driver", driver) in answer.text


def test_a_drivers_poles(engine: Engine, kb: KnowledgeBase) -> None:
    driver, years = max(poles(kb).items(), key=lambda kv: (len(kv[1]), kv[0]))
    name = kb.name("driver", driver)
    answer = engine.ask(f"how many poles does {name} have")
    assert answer.intent == "session" and f"has {len(years)} recorded pole" in answer.text


def test_low_confidence_poles_say_so(engine: Engine, kb: KnowledgeBase) -> None:
    low = [
        (y, r.pole_position.driver)
        for y, r in kb.races.items()
        if r.pole_position and r.pole_position.confidence == "low"
    ]
    for year, driver in low:
        if driver:
            answer = engine.ask(f"how many poles does {kb.name('driver', driver)} have")
            assert f"{year} at low confidence" in answer.text


def test_poles_since_a_year_list_each_race(engine: Engine, kb: KnowledgeBase) -> None:
    since = kb.last_year - 5
    answer = engine.ask(f"pole sitters since {since}")
    for y, race in kb.races.items():
        if y >= since and race.pole_position and race.pole_position.driver:
            assert f"{y}: {kb.name('driver', race.pole_position.driver)}" in answer.text


def test_different_pole_sitters_are_counted(engine: Engine, kb: KnowledgeBase) -> None:
    answer = engine.ask("how many different pole sitters")
    assert answer.text.startswith(f"{len(poles(kb))} different drivers took the pole")


def test_poles_by_team_are_declined(engine: Engine) -> None:
    answer = engine.ask("how many poles has audi had")
    assert answer.status == "unknown" and "by driver" in answer.text


def test_one_races_pole_is_still_the_race_lookup(engine: Engine) -> None:
    assert engine.ask("who was on pole in 2012").intent == "pole"
