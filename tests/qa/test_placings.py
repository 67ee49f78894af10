"""Finishing positions: second and third from each race's podium, the winner from its result.

Expected names come from the race files themselves (which the importer wrote from
docs/research/placings/), so these specify how positions are read and said, and hold
when more years are researched.
"""

from __future__ import annotations

import pytest

from bot.knowledge import KnowledgeBase
from bot.knowledge.model import Race
from bot.qa.engine import Engine


@pytest.fixture(scope="module")
def engine(kb: KnowledgeBase) -> Engine:
    return Engine(kb)


def researched(kb: KnowledgeBase, position: int) -> list[int]:
    return [y for y, r in kb.races.items() if any(p.position == position for p in r.podium)]


@pytest.mark.parametrize(("position", "words"), [(2, ["who was second in", "who finished 2nd in", "runner up"]),
                                                 (3, ["who was third in", "who came 3rd in", "third place"])])  # fmt: skip
def test_a_researched_place_names_its_crew(engine: Engine, kb: KnowledgeBase, position: int, words: list[str]) -> None:
    for year in researched(kb, position)[:6]:
        placing = next(p for p in kb.races[year].podium if p.position == position)
        for phrase in words:
            answer = engine.ask(f"{phrase} {year}")
            assert answer.status == "answered" and answer.intent == "placing", (phrase, year, answer.text)
            for driver in placing.drivers:
                assert kb.name("driver", driver) in answer.text
            for winner in kb.races[year].overall.drivers:
                if winner not in placing.drivers:
                    assert kb.name("driver", winner) not in answer.text  # never the winners, as before


def test_a_year_without_research_declines(engine: Engine, kb: KnowledgeBase) -> None:
    year = next((y for y, r in kb.races.items() if not r.podium), None)
    if year is None:
        pytest.skip("every race's podium is researched")
    answer = engine.ask(f"who was second in {year}")
    assert answer.status == "unknown" and "do not record" in answer.text


def test_places_below_third_are_not_recorded(engine: Engine) -> None:
    answer = engine.ask("who finished fourth in 2019")
    assert answer.status == "unknown" and "top three" in answer.text


def test_a_podium_lists_the_winner_then_second_and_third(engine: Engine, kb: KnowledgeBase) -> None:
    year = researched(kb, 3)[0]
    answer = engine.ask(f"{year} podium")
    first, second, third = answer.lines
    assert first.startswith("1st: ") and second.startswith("2nd: ") and third.startswith("3rd: ")
    assert kb.name("driver", kb.races[year].overall.drivers[0]) in first


def test_a_drivers_podiums_count_wins_and_places(engine: Engine, kb: KnowledgeBase) -> None:
    driver = "jordan-taylor"
    wins = [y for y, r in kb.races.items() if driver in r.overall.drivers]
    places = [y for y, r in kb.races.items() for p in r.podium if driver in p.drivers]
    answer = engine.ask("how many podiums does jordan taylor have")
    assert f"{len(wins) + len(places)} overall podium finishes" in answer.text
    if any(not r.podium for r in kb.races.values()):
        assert "not recorded for" in answer.text  # says which years it cannot count


def test_yes_no_on_the_podium(engine: Engine, kb: KnowledgeBase) -> None:
    year, third = next((y, p) for y in researched(kb, 3) for p in kb.races[y].podium if p.position == 3 and p.drivers)
    name = kb.name("driver", third.drivers[0])
    assert engine.ask(f"was {name} on the podium in {year}").text.startswith("Yes")


def test_placings_by_team_say_what_is_recorded(engine: Engine) -> None:
    answer = engine.ask("how many podiums does audi have")
    assert answer.status == "unknown" and "by driver" in answer.text


def test_pole_and_fastest_lap_come_from_their_records(engine: Engine, kb: KnowledgeBase) -> None:
    year = next(y for y, r in kb.races.items() if r.pole_position and r.pole_position.driver and r.pole_position.time)
    pole = kb.races[year].pole_position
    assert pole is not None and pole.driver is not None and pole.time is not None
    answer = engine.ask(f"who was on pole in {year}")
    assert kb.name("driver", pole.driver) in answer.text and pole.time in answer.text
    lap_year = next((y for y, r in kb.races.items() if r.fastest_lap and r.fastest_lap.time), None)
    if lap_year is not None:
        lap = kb.races[lap_year].fastest_lap
        assert lap is not None and lap.time is not None
        assert lap.time in engine.ask(f"fastest lap in {lap_year}").text


def test_a_driver_who_never_won_is_told_with_his_podiums(engine: Engine) -> None:
    answer = engine.ask("how many wins does jorg muller have")
    assert "not among the winners" in answer.text and "Recorded podium finishes" in answer.text


def _pole_won(race: Race) -> bool | None:
    """Did the pole car win? None when neither its driver nor its number is recorded."""
    pole = race.pole_position
    if pole is None or (pole.driver is None and pole.car_number is None):
        return None
    if pole.driver is not None:
        return pole.driver in race.overall.drivers
    return pole.car_number == race.overall.car_number


def test_has_the_pole_sitter_won_counts_the_recorded_years(engine: Engine, kb: KnowledgeBase) -> None:
    def disputed(race: Race) -> bool:  # the sources disagree on it (2007's lap is also called 2006's)
        return race.pole_position is not None and (race.pole_position.notes or "").startswith("Conflict")

    known = [r for r in kb.races.values() if _pole_won(r) is not None and not disputed(r)]
    won = [r.year for r in known if _pole_won(r)]
    answer = engine.ask("has the pole sitter ever won petit le mans")
    assert answer.intent == "pole-wins" and f"{len(known)} races whose pole sitter is recorded" in answer.text
    assert all(str(y) in answer.text for y in won)
    assert all(f"{r.year}" in answer.text for r in kb.races.values() if disputed(r))  # said, not counted


def test_did_the_pole_sitter_win_in_a_year_is_yes_or_no_and_names_the_winners(
    engine: Engine, kb: KnowledgeBase
) -> None:
    for race in kb.races.values():
        won = _pole_won(race)
        answer = engine.ask(f"did the pole sitter win in {race.year}")
        if won is None:
            assert answer.intent == "unknown" or "do not record" in answer.text, (race.year, answer.text)
            continue
        assert answer.text.startswith("Yes" if won else "No"), (race.year, answer.text)
        assert kb.driver_names(race.overall)[0] in answer.text


def test_pole_wins_within_a_span_count_only_its_years(engine: Engine, kb: KnowledgeBase) -> None:
    since = kb.years[len(kb.years) // 2]
    won = [r.year for r in kb.races.values() if r.year >= since and _pole_won(r)]
    answer = engine.ask(f"how many times has the pole sitter won since {since}")
    assert answer.intent == "pole-wins" and not answer.text.startswith(("Yes", "No"))
    assert f"won {len(won)} time" in answer.text and all(str(y) in answer.text for y in won)
    assert not any(f"{y} (" in answer.text for y in kb.years if y < since)
