"""The loaded, validated knowledge base: read-only lookups plus derived records."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property

from bot.knowledge.model import Car, Driver, Entity, Fact, Manufacturer, Race, RaceClass, Result, Team
from bot.knowledge.records import Records

ENTITY_KINDS = ("driver", "team", "manufacturer", "car", "class")


class KnowledgeBase:
    """Everything the bot knows. Immutable once built; a reload builds a new one."""

    def __init__(
        self,
        *,
        races: Iterable[Race],
        drivers: Iterable[Driver],
        teams: Iterable[Team],
        manufacturers: Iterable[Manufacturer],
        cars: Iterable[Car],
        classes: Iterable[RaceClass],
        facts: Sequence[Fact],
    ) -> None:
        self.races: dict[int, Race] = {r.year: r for r in sorted(races, key=lambda r: r.year)}
        self.drivers: dict[str, Driver] = {d.id: d for d in drivers}
        self.teams: dict[str, Team] = {t.id: t for t in teams}
        self.manufacturers: dict[str, Manufacturer] = {m.id: m for m in manufacturers}
        self.cars: dict[str, Car] = {c.id: c for c in cars}
        self.classes: dict[str, RaceClass] = {c.id: c for c in classes}
        self.facts: tuple[Fact, ...] = tuple(facts)
        self.records = Records(
            self.races.values(),
            {c.id: c.manufacturer for c in self.cars.values()},
            {c.id: c.engine_manufacturer for c in self.cars.values() if c.engine_manufacturer},
        )

    # -- lookups ---------------------------------------------------------------------------
    @property
    def years(self) -> list[int]:
        return list(self.races)

    @property
    def first_year(self) -> int:
        return next(iter(self.races))

    @property
    def last_year(self) -> int:
        return next(reversed(self.races))

    def related_wins(self, team_id: str, *, classes: bool = False) -> list[tuple[str, list[int]]]:
        """(team, years) for the related entries of a team that won: overall wins, and class wins if asked.

        Risi Competizione won overall in 1998 as Doyle-Risi Racing, kept as its own entry.
        """
        team = self.teams.get(team_id)
        out = []
        for other in team.related if team else []:
            rec = self.records.get("team", other)
            years = sorted({*rec.overall_years, *((w.year for w in rec.class_wins) if classes else ())})
            if years:
                out.append((other, years))
        return out

    def race_next_to(self, year: int, step: int) -> int | None:
        """The race right after ``year`` (step 1) or right before it (step -1), skipping years without one."""
        if step > 0:
            return next((y for y in self.races if y > year), None)
        return next((y for y in reversed(self.races) if y < year), None)

    def table_of(self, kind: str) -> Mapping[str, Entity]:
        tables: dict[str, Mapping[str, Entity]] = {
            "driver": self.drivers,
            "team": self.teams,
            "manufacturer": self.manufacturers,
            "car": self.cars,
            "class": self.classes,
        }
        return tables[kind]

    def entity(self, kind: str, id_: str) -> Entity:
        return self.table_of(kind)[id_]

    def name(self, kind: str, id_: str | None) -> str:
        if id_ is None:
            return "unknown"
        if kind == "number":  # a car number is its own name
            return f"#{id_}"
        entity = self.table_of(kind).get(id_)
        return entity.name if entity else id_

    def driver_names(self, result: Result) -> list[str]:
        return [self.name("driver", d) for d in result.drivers]

    def make_of(self, result: Result) -> str | None:
        car = self.cars.get(result.car) if result.car else None
        return car.manufacturer if car else None

    def winner(self, year: int) -> Result | None:
        race = self.races.get(year)
        return race.overall if race else None

    @cached_property
    def content_hash(self) -> str:
        """A short digest of everything loaded: two bots with the same hash answer from the same facts."""
        parts = [*self.races.values(), *self.drivers.values(), *self.teams.values(), *self.manufacturers.values(),
                 *self.cars.values(), *self.classes.values(), *self.facts]  # fmt: skip
        dump = json.dumps([p.model_dump(mode="json") for p in parts], sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(dump.encode()).hexdigest()[:12]

    @property
    def stats(self) -> dict[str, int]:
        """Sizes, for reload summaries and the benchmark."""
        return {
            "races": len(self.races),
            "results": sum(len(r.results) for r in self.races.values()),
            "drivers": len(self.drivers),
            "teams": len(self.teams),
            "manufacturers": len(self.manufacturers),
            "cars": len(self.cars),
            "classes": len(self.classes),
            "facts": len(self.facts),
        }
