"""Typed model of the knowledge base: what one YAML file may hold.

The schema lives here and nowhere else: the loader validates raw YAML into these
models and turns pydantic's errors into ``file:line: field: message`` lines, the
engine and the quiz read the frozen objects. Cross-file rules (a result naming an
unknown driver, a duplicate year) are checked in :mod:`bot.knowledge.loader`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Confidence = Literal["high", "medium", "low"]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=64)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
Sources = Annotated[list[Text], Field(min_length=1)]

#: Topics a history/format/track/records fact may belong to (used by /history).
FactTopic = Literal[
    "founding",
    "first-race",
    "format",
    "shortened-races",
    "le-mans-invitations",
    "championships",
    "event-titles",
    "firsts",
    "incidents",
    "track",
    "lap-records",
    "records",
    "margins",
    "attendance",
]


class Strict(BaseModel):
    """Base for every model: immutable, and unknown keys are errors (typos surface)."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Entity(Strict):
    id: Id
    name: Text
    aliases: list[Text] = []


class Driver(Entity):
    nationality: str | None = None  # three-letter code
    nationality_confidence: Confidence = "high"


class Team(Entity):
    notes: str | None = None
    # Other entries of the same organisation that the data keeps apart because they were
    # entered under another name (Doyle-Risi Racing in 1998, for Risi Competizione).
    related: list[Id] = []


class Manufacturer(Entity):
    pass


class Car(Entity):
    manufacturer: Id  # the make the car is credited to (chassis brand, as usually credited)
    engine_manufacturer: Id | None = None


class RaceClass(Entity):
    description: str | None = None
    # What raced in it: prototypes (the GTP class too) or GT cars. "Was the 2015 winner a
    # prototype" and "how many times has a GT car won overall" read it.
    category: Literal["prototype", "gt"]
    # Classes that are one class renamed (GT became GT2 in 2005 and GT again in 2011): records
    # such as "five GT wins in a row" count across the family.
    family: Id | None = None


class Result(Strict):
    """One class win (or the overall win) in one race."""

    class_: Id = Field(alias="class")  # id from classes.yaml
    class_label: Text | None = None  # the class as named that year, e.g. "GT (ALMS) / GTE-Pro (ILMC)"
    overall: bool = False
    car_number: str | None = None
    car_number_confidence: Confidence | None = None
    team: Id | None = None  # id from teams.yaml; None when the source does not name it
    entrant: str | None = None  # the entry's name as entered that year
    drivers: list[Id] = []  # ids from drivers.yaml, in the order the sources give
    drivers_note: str | None = None  # e.g. a crew known to be incomplete
    car: Id | None = None  # id from cars.yaml
    engine: str | None = None
    engine_confidence: Confidence | None = None
    laps: int | None = Field(default=None, ge=1, le=1000)
    laps_confidence: Confidence | None = None
    margin: str | None = None
    confidence: Confidence
    notes: str | None = None
    sources: Sources


LapTime = Annotated[str, StringConstraints(pattern=r"^(?:\d{1,2}:)?\d{1,2}\.\d{1,3}$")]  # 1:08.457


class Placing(Strict):
    """Second or third overall (the winner is the overall result: it is not typed twice)."""

    position: int = Field(ge=2, le=3)
    car_number: str | None = None
    entrant: str | None = None  # as entered that year
    team: Id | None = None  # id from teams.yaml, when the team is one we know
    drivers: list[Id] = []  # ids from drivers.yaml; empty when the sources name none
    drivers_note: str | None = None
    car: Id | None = None  # id from cars.yaml, when known
    car_name: str | None = None  # the car as the sources name it
    class_label: str | None = None
    laps: int | None = Field(default=None, ge=1, le=1000)
    gap: str | None = None  # "+0.996 s", "+3 laps"
    confidence: Confidence
    notes: str | None = None
    sources: Sources


class SessionBest(Strict):
    """The overall pole or the fastest race lap: who, in what, how fast."""

    driver: Id | None = None  # None when the sources name the car but not who drove it
    car_number: str | None = None
    entrant: str | None = None
    car_name: str | None = None
    time: LapTime | None = None
    confidence: Confidence
    notes: str | None = None
    sources: Sources

    # The notes say where a record came from: "Recorded before this research as: ..." when the main
    # race records already had it, "Conflict: ..." when the sources disagree (both written by the import).
    @property
    def in_main_records(self) -> bool:
        """The main race records had this record before the later research (else only that research found it)."""
        return (self.notes or "").startswith("Recorded before")

    @property
    def disputed(self) -> bool:
        """The sources disagree on it (the 2007 pole lap is also reported as 2006's)."""
        return (self.notes or "").lower().startswith("conflict")


class Race(Strict):
    year: int = Field(ge=1998, le=2100)
    edition: int = Field(ge=1)
    date: dt.date | None = None
    date_confidence: Confidence = "high"
    date_note: str | None = None  # e.g. where sources differ
    event_title: Text
    title_confidence: Confidence = "high"
    championships: Annotated[list[Text], Field(min_length=1)]
    format: Text  # e.g. "1,000 miles or 10 hours, whichever first"
    shortened: bool = False
    shortened_reason: str | None = None
    distance: str | None = None
    race_time: str | None = None
    pole: str | None = None  # free text, for the years whose pole is not yet a pole_position record
    pole_confidence: Confidence | None = None
    podium: list[Placing] = []  # second and third overall, where researched
    pole_position: SessionBest | None = None
    fastest_lap: SessionBest | None = None
    # What was searched for and not found ("podium", "pole", "fastest lap"): the bot says so.
    not_found: list[Literal["podium", "pole", "fastest lap"]] = []
    attendance: str | None = None
    notes: list[Text] = []
    unverified_classes: list[Text] = []  # classes that ran but whose winner is not confirmed
    confidence: Confidence
    sources: Sources
    results: Annotated[list[Result], Field(min_length=1)]

    @property
    def overall(self) -> Result:
        return next(r for r in self.results if r.overall)

    @property
    def class_results(self) -> list[Result]:
        return [r for r in self.results if not r.overall]


class Fact(Strict):
    """A history, format, track or records fact, answered by keyword."""

    id: Id
    topic: FactTopic
    title: Text
    text: Text
    keywords: Annotated[list[Text], Field(min_length=1)]
    years: list[int] = []
    # True for a fact that records what the sources do *not* know (youngest winner, say):
    # the bot then answers with status "unknown" instead of stating it as a fact.
    not_known: bool = False
    confidence: Confidence
    sources: Sources


class DriverList(Strict):
    drivers: list[Driver]


class TeamList(Strict):
    teams: list[Team]


class ManufacturerList(Strict):
    manufacturers: list[Manufacturer]


class CarList(Strict):
    cars: list[Car]


class ClassList(Strict):
    classes: list[RaceClass]


class FactList(Strict):
    facts: list[Fact]
