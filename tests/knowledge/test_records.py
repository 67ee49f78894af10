"""Derived records agree with the published statistics in shared/reference.

The expected figures below are copied from overall-winners-notes.md §4 and
facts.md ("Most wins"); the knowledge base only stores results, so these tests
prove the derivation, not a second copy of the numbers.

The reference's statistics cover 1998-2025, so the checks run on those races: adding
next year's race to ``knowledge/`` leaves them true.
"""

from __future__ import annotations

import pytest

from bot.knowledge import KnowledgeBase
from bot.knowledge.records import longest_run
from bot.qa.engine import Engine

REFERENCE_SPAN = range(1998, 2026)  # the years overall-winners-notes.md §4 counts


@pytest.fixture(scope="module")
def kb(kb: KnowledgeBase) -> KnowledgeBase:
    """The shipped knowledge base, cut to the races the reference's statistics count."""
    return KnowledgeBase(
        races=[race for year, race in kb.races.items() if year in REFERENCE_SPAN],
        drivers=kb.drivers.values(), teams=kb.teams.values(), manufacturers=kb.manufacturers.values(),
        cars=kb.cars.values(), classes=kb.classes.values(), facts=kb.facts,
    )  # fmt: skip


DRIVERS = {  # overall-winners-notes.md §4.1 (Capello and McNish also in facts.md "Most wins")
    "Rinaldo Capello": [2000, 2002, 2006, 2007, 2008],
    "Allan McNish": [2000, 2006, 2007, 2008],
    "Emanuele Pirro": [2001, 2005, 2008],
    "Franck Montagny": [2009, 2010, 2011],
    "Stéphane Sarrazin": [2009, 2010, 2011],
    "Renger van der Zande": [2018, 2020, 2024],
    "Frank Biela": [2001, 2005],
    "JJ Lehto": [2003, 2004],
    "Neel Jani": [2012, 2013],
    "Nicolas Prost": [2012, 2013],
    "Jordan Taylor": [2014, 2018],
    "Scott Dixon": [2020, 2024],
    "Oliver Jarvis": [2021, 2022],
    "Hélio Castroneves": [2022, 2023],
    "Tom Blomqvist": [2022, 2023],
}
MANUFACTURERS = {  # §4.2, by car make
    "Audi": 9, "Cadillac": 5, "Peugeot": 3, "Acura": 2, "Lola": 2, "Ferrari": 1, "Panoz": 1,
    "Chevrolet": 1, "Porsche": 1, "Ligier": 1, "Nissan": 1, "Mazda": 1,
}  # fmt: skip
TEAMS = {  # §4.3
    "Audi Sport North America": [2000, 2001, 2002, 2006, 2007, 2008],
    "Champion Racing": [2003, 2004, 2005],
    "Wayne Taylor Racing": [2014, 2018, 2020],
    "Rebellion Racing": [2012, 2013],
    "Action Express Racing": [2019, 2025],
}


def by_name(kb: KnowledgeBase, kind: str) -> dict[str, list[int]]:
    return {kb.name(kind, r.id): list(r.overall_years) for r in kb.records.all(kind) if r.overall_years}


def test_every_multiple_winner_and_their_years(kb: KnowledgeBase) -> None:
    derived = {name: years for name, years in by_name(kb, "driver").items() if len(years) >= 2}
    assert derived == DRIVERS


def test_distinct_drivers_share_the_wins(kb: KnowledgeBase) -> None:
    assert kb.records.distinct_winners("driver") == 51
    assert len(kb.races) == len(REFERENCE_SPAN)


def test_wins_by_manufacturer(kb: KnowledgeBase) -> None:
    assert {name: len(years) for name, years in by_name(kb, "manufacturer").items()} == MANUFACTURERS


def test_wins_by_team(kb: KnowledgeBase) -> None:
    derived = by_name(kb, "team")
    for name, years in TEAMS.items():
        assert derived[name] == years, name
    peugeot = [years for name, years in derived.items() if "Peugeot" in name]
    shank = [years for name, years in derived.items() if "Shank" in name]
    assert peugeot == [[2009, 2010, 2011]]
    assert shank == [[2016, 2022, 2023]]
    # "Single wins went to ..." (six teams): everyone else won once.
    assert sorted(len(y) for n, y in derived.items() if len(y) == 1) == [1] * 6


def test_most_wins_tables_lead_with_the_record_holders(kb: KnowledgeBase) -> None:
    assert kb.name("driver", kb.records.table("driver")[0].id) == "Rinaldo Capello"
    assert kb.name("team", kb.records.table("team")[0].id) == "Audi Sport North America"
    assert kb.name("manufacturer", kb.records.table("manufacturer")[0].id) == "Audi"


def test_three_in_a_row(kb: KnowledgeBase) -> None:
    """§4.1: four drivers won three years in a row; nobody did more."""
    runs = {kb.name("driver", r.id): longest_run(r.overall_years) for r in kb.records.all("driver")}
    three = {name for name, run in runs.items() if run and run[1] - run[0] == 2}
    assert three == {"Rinaldo Capello", "Allan McNish", "Franck Montagny", "Stéphane Sarrazin"}
    assert all(run is None or run[1] - run[0] <= 2 for run in runs.values())


def test_audi_run_ended_in_2009(kb: KnowledgeBase) -> None:
    audi = next(r for r in kb.records.all("manufacturer") if kb.name("manufacturer", r.id) == "Audi")
    assert longest_run(audi.overall_years) == (2000, 2008)


def test_diesel_and_gt_firsts_from_results(kb: KnowledgeBase) -> None:
    """§4.4: the only GT-class overall winner is 2015's Porsche."""
    gt_overall = [y for y, r in kb.races.items() if r.overall.class_ == "gtlm"]
    assert gt_overall == [2015]
    assert [y for y, r in kb.races.items() if r.shortened] == [2009, 2015]


@pytest.mark.parametrize(
    ("longest", "expected"), [([], None), ([2001], (2001, 2001)), ([1, 2, 4, 5, 6], (4, 6)), ([1, 2, 4, 5], (1, 2))]
)
def test_longest_run(longest: list[int], expected: tuple[int, int] | None) -> None:
    assert longest_run(longest) == expected


# Placings and poles the reference states (overall-winners-notes.md §2 source table and §3
# conflicts 6 and 13; facts.md §4 lap records; class-winners.yaml notes for 2012, 2013, 2015).
POLE_DRIVERS = {
    1999: "David Brabham", 2000: "Allan McNish", 2003: "Marco Werner", 2004: "James Weaver",
    2005: "Hayanari Shimoda", 2008: "Stéphane Sarrazin", 2010: "Anthony Davidson", 2011: "Anthony Davidson",
    2012: "Neel Jani", 2015: "Richard Westbrook",
}  # fmt: skip
POLE_CARS = {2006: "88", 2013: "12", 2019: "31", 2021: "31"}  # the reference names only the car
SECOND_PLACE = {  # year: drivers the reference places second overall
    2009: {"Nicolas Minassian", "Pedro Lamy"},
    2012: {"Scott Tucker", "Christophe Bouchut", "Luis Diaz"},
    2013: {"Scott Tucker", "Ryan Briscoe", "Marino Franchitti"},
}
THIRD_PLACE = {2015: {"João Barbosa", "Christian Fittipaldi", "Sébastien Bourdais"}}


def test_recorded_poles_agree_with_the_reference(kb: KnowledgeBase) -> None:
    for year, driver in POLE_DRIVERS.items():
        pole = kb.races[year].pole_position
        assert pole is not None and pole.driver and kb.name("driver", pole.driver) == driver, year
    for year, number in POLE_CARS.items():
        pole = kb.races[year].pole_position
        assert pole is not None and pole.car_number == number, year


def test_recorded_podiums_agree_with_the_reference(kb: KnowledgeBase) -> None:
    for places, position in ((SECOND_PLACE, 2), (THIRD_PLACE, 3)):
        for year, drivers in places.items():
            placing = next(p for p in kb.races[year].podium if p.position == position)
            assert {kb.name("driver", d) for d in placing.drivers} == drivers, year
    # 1999: "BMW 2nd and 3rd" (BMW press release, in the source table)
    assert all(p.car_name and "BMW" in p.car_name for p in kb.races[1999].podium)


def test_derived_pole_and_podium_counts_include_what_the_reference_states(kb: KnowledgeBase) -> None:
    """Davidson's two poles (2010, 2011) and Tucker's two second places (2012, 2013) come out of the tables."""
    poles = Engine(kb).records("poles").lines
    assert any(line.endswith("Anthony Davidson: 2 (2010 and 2011)") for line in poles)
    podiums = Engine(kb).records("podiums").lines
    tucker = next(line for line in podiums if "Scott Tucker:" in line)
    assert "2012" in tucker and "2013" in tucker
    capello = next(line for line in podiums if "Rinaldo Capello:" in line)
    assert all(str(y) in capello for y in DRIVERS["Rinaldo Capello"])  # every win is a podium
