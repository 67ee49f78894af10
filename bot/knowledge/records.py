"""Records derived from results: never typed into the knowledge base twice.

Wins are counted per entity (driver, team, manufacturer, car) for the overall
result and, separately, for class wins. A class win keeps its confidence so that
the engine can caveat, and the quiz skip, the ones that are only derived.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bot.knowledge.model import Race, Result

KINDS = ("driver", "team", "manufacturer", "car")


@dataclass(frozen=True, slots=True)
class ClassWin:
    year: int
    class_id: str
    confidence: str
    label: str  # the class as it was named that year ("P2" in 2013, "LMP2" in 2023)


@dataclass(slots=True)
class WinRecord:
    kind: str
    id: str
    overall_years: list[int] = field(default_factory=list)
    class_wins: list[ClassWin] = field(default_factory=list)
    co_drivers: Counter[str] = field(default_factory=Counter)  # overall wins shared, drivers only
    cars: Counter[str] = field(default_factory=Counter)  # overall-winning cars
    teams: Counter[str] = field(default_factory=Counter)

    @property
    def wins(self) -> int:
        return len(self.overall_years)

    @property
    def first_win(self) -> int | None:
        return self.overall_years[0] if self.overall_years else None

    @property
    def last_win(self) -> int | None:
        return self.overall_years[-1] if self.overall_years else None

    @property
    def longest_streak(self) -> tuple[int, int] | None:
        """(first year, last year) of the longest run of consecutive editions won."""
        return longest_run(self.overall_years)


@dataclass(frozen=True, slots=True)
class TableRow:
    id: str
    count: int
    years: tuple[int, ...]


def longest_run(years: Sequence[int]) -> tuple[int, int] | None:
    """Longest run of consecutive years; the earliest wins a tie."""
    if not years:
        return None
    best = (years[0], years[0])
    start = prev = years[0]
    for year in years[1:]:
        if year != prev + 1:
            start = year
        prev = year
        if prev - start > best[1] - best[0]:
            best = (start, prev)
    return best


class Records:
    """Win records for every entity, computed once when the knowledge base loads."""

    def __init__(
        self, races: Iterable[Race], car_makes: dict[str, str], car_engines: dict[str, str] | None = None
    ) -> None:
        self._by: dict[str, dict[str, WinRecord]] = {kind: {} for kind in KINDS}
        self.class_winners: dict[str, list[tuple[int, Result]]] = defaultdict(list)
        #: Overall wins powered by a make's engine in another make's car (Toyota in the Lola).
        self.engine_wins: dict[str, list[int]] = defaultdict(list)
        for race in sorted(races, key=lambda r: r.year):
            for result in race.results:
                self._add(race.year, result, car_makes)
                engine = (car_engines or {}).get(result.car or "")
                if result.overall and engine and engine != car_makes.get(result.car or ""):
                    self.engine_wins[engine].append(race.year)
        for table in self._by.values():
            for record in table.values():
                record.overall_years.sort()

    def _record(self, kind: str, id_: str) -> WinRecord:
        table = self._by[kind]
        if id_ not in table:
            table[id_] = WinRecord(kind, id_)
        return table[id_]

    def _add(self, year: int, result: Result, car_makes: dict[str, str]) -> None:
        self.class_winners[result.class_].append((year, result))
        owners: list[tuple[str, str]] = [("driver", d) for d in result.drivers]
        if result.team:
            owners.append(("team", result.team))
        if result.car:
            owners.append(("car", result.car))
            make = car_makes.get(result.car)
            if make:
                owners.append(("manufacturer", make))
        for kind, id_ in owners:
            record = self._record(kind, id_)
            if result.overall:
                record.overall_years.append(year)
                if result.car:
                    record.cars[result.car] += 1
                if result.team:
                    record.teams[result.team] += 1
                if kind == "driver":
                    record.co_drivers.update(d for d in result.drivers if d != id_)
            else:
                record.class_wins.append(ClassWin(year, result.class_, result.confidence, result.class_label or ""))

    def get(self, kind: str, id_: str) -> WinRecord:
        """The record of one entity (empty when it never won anything)."""
        return self._by[kind].get(id_) or WinRecord(kind, id_)

    def all(self, kind: str) -> list[WinRecord]:
        return list(self._by[kind].values())

    def table(self, kind: str, *, classes: bool = False, minimum: int = 1) -> list[TableRow]:
        """Entities ranked by overall wins (or class wins), most first, then earliest first win."""
        rows = []
        for record in self._by[kind].values():
            years = tuple(sorted(w.year for w in record.class_wins)) if classes else tuple(record.overall_years)
            if len(years) >= minimum:
                rows.append(TableRow(record.id, len(years), years))
        rows.sort(key=lambda r: (-r.count, r.years[0] if r.years else 0, r.id))
        return rows

    def distinct_winners(self, kind: str) -> int:
        return sum(1 for r in self._by[kind].values() if r.overall_years)
