"""Fixtures for the quiz tests: a small hand-made knowledge base and the real one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from bot.knowledge import KnowledgeBase
from bot.knowledge.model import Car, Driver, Fact, Manufacturer, Race, RaceClass, Result, Team

SRC = ["test fixture"]


def _race(year: int, overall: Result, *others: Result, shortened: bool = False, confidence: str = "high") -> Race:
    return Race(
        year=year,
        edition=year - 1997,
        date=dt.date(year, 10, 1),
        event_title="Petit Le Mans",
        championships=["ALMS"],
        format="1,000 miles or 10 hours",
        shortened=shortened,
        shortened_reason="rain" if shortened else None,
        confidence=confidence,  # type: ignore[arg-type]
        sources=SRC,
        results=[overall, *others],
    )


def _win(drivers: list[str], team: str, car: str, *, cls: str = "lmp1", overall: bool = True, **kw: object) -> Result:
    return Result.model_validate(
        {
            "class": cls,
            "overall": overall,
            "drivers": drivers,
            "team": team,
            "car": car,
            "confidence": "high",
            "sources": SRC,
            **kw,
        }
    )


def build_small_kb(*extra_races: Race) -> KnowledgeBase:
    drivers = [
        Driver(id="rinaldo-capello", name="Rinaldo Capello", aliases=["Dindo Capello", "Dindo"]),
        Driver(id="allan-mcnish", name="Allan McNish"),
        Driver(id="emanuele-pirro", name="Emanuele Pirro"),
        Driver(id="frank-biela", name="Frank Biela"),
        Driver(id="jj-lehto", name="JJ Lehto", aliases=["Jyrki Järvilehto"]),
        Driver(id="johnny-herbert", name="Johnny Herbert"),
        Driver(id="marco-werner", name="Marco Werner"),
        Driver(id="stephane-sarrazin", name="Stéphane Sarrazin"),
        Driver(id="franck-montagny", name="Franck Montagny"),
        Driver(id="wayne-taylor", name="Wayne Taylor"),
        Driver(id="jordan-taylor", name="Jordan Taylor"),
        Driver(id="ricky-taylor", name="Ricky Taylor"),
        Driver(id="helio-castroneves", name="Hélio Castroneves", aliases=["Helio"]),
        Driver(id="jorg-muller", name="Jörg Müller"),
        Driver(id="dirk-muller", name="Dirk Müller"),
        Driver(id="renger-van-der-zande", name="Renger van der Zande"),
        Driver(id="ryan-hunter-reay", name="Ryan Hunter-Reay"),
        Driver(id="eric-van-de-poele", name="Eric van de Poele"),
        Driver(id="emmanuel-collard", name="Emmanuel Collard"),
        Driver(id="tom-kristensen", name="Tom Kristensen"),
    ]
    teams = [
        Team(id="audi-sport-north-america", name="Audi Sport North America", aliases=["ASNA"]),
        Team(id="champion-racing", name="Champion Racing", aliases=["ADT Champion Racing"]),
        Team(id="wayne-taylor-racing", name="Wayne Taylor Racing", aliases=["WTR", "Konica Minolta Cadillac"]),
        Team(id="team-peugeot-total", name="Team Peugeot Total"),
        Team(id="doyle-risi-racing", name="Doyle-Risi Racing"),
        Team(id="corvette-racing", name="Corvette Racing"),
        Team(id="chair-racing", name="Chair"),
    ]
    manufacturers = [
        Manufacturer(id="audi", name="Audi"),
        Manufacturer(id="peugeot", name="Peugeot"),
        Manufacturer(id="cadillac", name="Cadillac"),
        Manufacturer(id="ferrari", name="Ferrari"),
        Manufacturer(id="chevrolet", name="Chevrolet", aliases=["Chevy"]),
    ]
    cars = [
        Car(id="audi-r8", name="R8", manufacturer="audi"),
        Car(id="audi-r10-tdi", name="Audi R10 TDI", manufacturer="audi", aliases=["R10"]),
        Car(id="peugeot-908", name="Peugeot 908 HDi FAP", manufacturer="peugeot", aliases=["908"]),
        Car(id="cadillac-dpi", name="Cadillac DPi-V.R", manufacturer="cadillac"),
        Car(id="ferrari-333-sp", name="Ferrari 333 SP", manufacturer="ferrari"),
        Car(id="corvette-c5-r", name="Chevrolet Corvette C5-R", manufacturer="chevrolet", aliases=["Corvette C5-R"]),
    ]
    classes = [RaceClass(id="lmp1", name="LMP1", category="prototype"), RaceClass(id="gts", name="GTS", category="gt")]
    asna, champ = "audi-sport-north-america", "champion-racing"
    races = [
        _race(1998, _win(["wayne-taylor", "eric-van-de-poele", "emmanuel-collard"], "doyle-risi-racing", "ferrari-333-sp", laps=394, laps_confidence="medium")),
        _race(2000, _win(["rinaldo-capello", "allan-mcnish"], asna, "audi-r8", car_number="77"),
              _win(["jorg-muller"], "corvette-racing", "corvette-c5-r", cls="gts", overall=False)),
        _race(2001, _win(["emanuele-pirro", "frank-biela"], asna, "audi-r8")),
        _race(2002, _win(["rinaldo-capello", "tom-kristensen"], asna, "audi-r8")),
        _race(2003, _win(["jj-lehto", "johnny-herbert"], champ, "audi-r8")),
        _race(2004, _win(["jj-lehto", "marco-werner"], champ, "audi-r8")),
        _race(2005, _win(["emanuele-pirro", "frank-biela"], champ, "audi-r8")),
        _race(2006, _win(["rinaldo-capello", "allan-mcnish"], asna, "audi-r10-tdi")),
        _race(2007, _win(["rinaldo-capello", "allan-mcnish"], asna, "audi-r10-tdi")),
        _race(2008, _win(["rinaldo-capello", "allan-mcnish", "emanuele-pirro"], asna, "audi-r10-tdi", car_number="1")),
        _race(2009, _win(["stephane-sarrazin", "franck-montagny"], "team-peugeot-total", "peugeot-908", car_number="08"), shortened=True),
        _race(2014, _win(["jordan-taylor", "ricky-taylor"], "wayne-taylor-racing", "corvette-c5-r")),
        _race(2018, _win(["renger-van-der-zande", "jordan-taylor", "ryan-hunter-reay"], "wayne-taylor-racing", "cadillac-dpi")),
        _race(2022, _win(["helio-castroneves", "dirk-muller"], "chair-racing", "cadillac-dpi")),
    ]  # fmt: skip
    replaced = {r.year for r in extra_races}
    races = [r for r in races if r.year not in replaced] + list(extra_races)
    facts = [
        Fact(id="first-diesel", topic="firsts", title="First diesel win", text="The first diesel win came in 2006 with the Audi R10 TDI.",
             keywords=["diesel"], years=[2006], confidence="high", sources=SRC),
        Fact(id="shaky", topic="firsts", title="Shaky claim", text="Something happened in 2011.",
             keywords=["x"], years=[2011], confidence="low", sources=SRC),
        Fact(id="track-opened", topic="track", title="Road Atlanta opens", text="Road Atlanta opened in 1970.",
             keywords=["track"], confidence="high", sources=SRC),
    ]  # fmt: skip
    return KnowledgeBase(
        races=races, drivers=drivers, teams=teams, manufacturers=manufacturers, cars=cars, classes=classes, facts=facts
    )


@pytest.fixture(scope="session")
def small_kb() -> KnowledgeBase:
    return build_small_kb()


@pytest.fixture(scope="session")
def kb_builder() -> Callable[..., KnowledgeBase]:
    """Builds the small knowledge base, optionally with some races replaced."""
    return build_small_kb
