"""The results table: one row per race result (the overall win and each class win).

Every compositional answer is a filter, a group and an aggregate over these rows, so
no question family counts wins or computes spans of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.model import Race, Result

#: Kinds of entity a row names, in the order answers list them.
ROW_KINDS = ("driver", "team", "manufacturer", "car", "class")


@dataclass(frozen=True, slots=True)
class Row:
    year: int
    overall: bool
    class_id: str
    class_family: frozenset[str]  # the class and its renamed forms (GT and GT2)
    category: str  # "prototype" | "gt": what raced in the class
    drivers: tuple[str, ...]
    team: str | None
    car: str | None
    make: str | None
    engine_make: str | None
    engine_kind: str | None  # "diesel" | "hybrid" | None, read from the engine as recorded
    car_number: str | None
    shortened: bool
    confidence: str
    race: Race
    result: Result

    def ids(self, kind: str) -> tuple[str, ...]:
        """The ids of one kind this row names (a driver row has several)."""
        if kind == "driver":
            return self.drivers
        value = {
            "team": self.team,
            "car": self.car,
            "manufacturer": self.make,
            "class": self.class_id,
            "engine": self.engine_make,
            "number": self.car_number,
        }.get(kind)
        return (value,) if value else ()

    def involves(self, kind: str, id_: str) -> bool:
        if kind == "class":
            return id_ in self.class_family
        if kind == "manufacturer":
            return id_ in (self.make, self.engine_make)
        return id_ in self.ids(kind)


def _engine_kind(engine: str | None) -> str | None:
    text = (engine or "").lower()
    if "diesel" in text:
        return "diesel"
    if "hybrid" in text:
        return "hybrid"
    return None


class ResultsTable:
    """An immutable list of rows with the few operations answers are made of."""

    def __init__(self, rows: Iterable[Row]) -> None:
        self.rows: tuple[Row, ...] = tuple(rows)

    @classmethod
    def from_kb(cls, kb: KnowledgeBase) -> ResultsTable:
        families: dict[str, frozenset[str]] = {}
        for c in kb.classes.values():
            members = {x.id for x in kb.classes.values() if c.family and x.family == c.family}
            families[c.id] = frozenset(members | {c.id})
        rows = []
        for race in kb.races.values():
            for result in race.results:
                car = kb.cars.get(result.car) if result.car else None
                rows.append(
                    Row(
                        year=race.year,
                        overall=result.overall,
                        class_id=result.class_,
                        class_family=families.get(result.class_, frozenset({result.class_})),
                        category=kb.classes[result.class_].category,
                        drivers=tuple(result.drivers),
                        team=result.team,
                        car=result.car,
                        make=car.manufacturer if car else None,
                        engine_make=car.engine_manufacturer if car else None,
                        engine_kind=_engine_kind(result.engine),
                        car_number=result.car_number,
                        shortened=race.shortened,
                        confidence=result.confidence,
                        race=race,
                        result=result,
                    )
                )
        return cls(rows)

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def where(self, keep: Callable[[Row], bool]) -> ResultsTable:
        return ResultsTable(r for r in self.rows if keep(r))

    def years(self) -> list[int]:
        return sorted({r.year for r in self.rows})

    def group(self, kind: str) -> dict[str, list[Row]]:
        """Rows by the entity of ``kind`` they name; a row with three drivers counts for each."""
        out: dict[str, list[Row]] = {}
        for row in self.rows:
            for id_ in row.ids(kind):
                out.setdefault(id_, []).append(row)
        return out

    def tally(self, kind: str) -> list[tuple[str, int, tuple[int, ...]]]:
        """(id, wins, years) per entity, most wins first, then the earliest first win, then id."""
        groups = self.group(kind)
        rows = [(id_, len(rs), tuple(sorted(r.year for r in rs))) for id_, rs in groups.items()]
        rows.sort(key=lambda t: (-t[1], t[2][0] if t[2] else 0, t[0]))
        return rows
