"""Load a knowledge directory: read safely, validate completely, or refuse with every error.

Validation collects *all* problems before failing, so an operator fixes a broken
file in one pass; each problem names ``file:line: field: message``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Generator, Iterable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.model import (
    Car,
    Driver,
    Fact,
    Manufacturer,
    Race,
    RaceClass,
    Team,
)
from bot.knowledge.yamlsource import Issue, Path_, YamlDocument, YamlReadError, format_path, read_yaml

M = TypeVar("M", bound=BaseModel)

ENTITY_FILES: dict[str, tuple[str, type[BaseModel]]] = {
    "drivers.yaml": ("drivers", Driver),
    "teams.yaml": ("teams", Team),
    "manufacturers.yaml": ("manufacturers", Manufacturer),
    "cars.yaml": ("cars", Car),
    "classes.yaml": ("classes", RaceClass),
}
_RACE_FILE = re.compile(r"^(\d{4})\.ya?ml$")


class KnowledgeError(Exception):
    """The knowledge directory is invalid; ``issues`` lists every problem found."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = sorted(issues, key=lambda i: (i.file, i.line, i.field))
        super().__init__(f"{len(self.issues)} problem(s) in the knowledge base:\n" + "\n".join(map(str, self.issues)))


def load_knowledge(directory: Path | str, *, today: dt.date | None = None) -> KnowledgeBase:
    """Read, validate and index ``directory``; raise :class:`KnowledgeError` if anything is wrong.

    ``today`` bounds the years: no race can have results before it is run.
    """
    root = Path(directory)
    this_year = (today or dt.date.today()).year
    issues: list[Issue] = []
    if not root.is_dir():
        raise KnowledgeError([Issue(str(root), 1, "(directory)", "knowledge directory not found")])

    def rel(path: Path) -> str:
        try:
            return str(path.relative_to(root.parent))
        except ValueError:  # pragma: no cover - paths are always under root
            return str(path)

    entities: dict[str, list[Any]] = {}
    entity_docs: dict[str, YamlDocument] = {}
    for filename, (key, item_model) in ENTITY_FILES.items():
        path = root / filename
        if not path.exists():
            issues.append(Issue(rel(path), 1, "(file)", "required file is missing"))
            entities[key] = []
            continue
        doc = _read(path, rel(path), issues)
        entities[key] = _validate_items(doc, key, item_model, issues) if doc else []
        if doc:
            entity_docs[key] = doc

    races: list[tuple[Race, YamlDocument]] = []
    race_docs: list[YamlDocument] = []  # valid or not: references are checked in every file
    race_dir = root / "races"
    race_files = sorted(race_dir.glob("*.y*ml")) if race_dir.is_dir() else []
    if not race_files:
        issues.append(Issue(rel(race_dir), 1, "(directory)", "no race files found"))
    for path in race_files:
        doc = _read(path, rel(path), issues)
        race = _validate(doc, Race, issues) if doc else None
        if doc:
            race_docs.append(doc)
        if race and doc:
            races.append((race, doc))
            issues.extend(_race_dates(race, doc, this_year))
            match = _RACE_FILE.match(path.name)
            if match and int(match.group(1)) != race.year:
                issues.append(
                    Issue(
                        doc.file,
                        doc.line_of(("year",)),
                        "year",
                        f"{race.year} does not match the file name {path.name}",
                    )
                )

    facts: list[tuple[Fact, YamlDocument, int]] = []
    for path in sorted((root / "facts").glob("*.y*ml")):
        doc = _read(path, rel(path), issues)
        if doc:
            items = _validate_items(doc, "facts", Fact, issues, keep_index=True)
            facts.extend((fact, doc, i) for i, fact in items)

    issues.extend(_cross_check(entities, entity_docs, races, race_docs, facts))
    if issues:
        raise KnowledgeError(issues)
    return KnowledgeBase(
        races=[race for race, _ in races],
        drivers=entities["drivers"],
        teams=entities["teams"],
        manufacturers=entities["manufacturers"],
        cars=entities["cars"],
        classes=entities["classes"],
        facts=[fact for fact, _, _ in facts],
    )


def validate_directory(directory: Path | str) -> list[Issue]:
    """Every problem in ``directory`` (empty when it is valid)."""
    try:
        load_knowledge(directory)
    except KnowledgeError as exc:
        return exc.issues
    return []


def _read(path: Path, display: str, issues: list[Issue]) -> YamlDocument | None:
    try:
        return read_yaml(path, display)
    except YamlReadError as exc:
        issues.append(exc.issue)
        return None


def _validate(doc: YamlDocument, model: type[M], issues: list[Issue]) -> M | None:
    if not isinstance(doc.data, dict):
        issues.append(
            Issue(doc.file, 1, "(document)", f"expected a mapping at the top, found {type(doc.data).__name__}")
        )
        return None
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            issues.append(Issue(doc.file, doc.line_of(loc), format_path(loc), _message(error)))
        return None


def _validate_items(
    doc: YamlDocument, key: str, model: type[M], issues: list[Issue], *, keep_index: bool = False
) -> list[Any]:
    """Validate ``key: [items]`` item by item, so one bad entry does not hide every good one.

    (Dropping a whole list for one typo would report every race that names a driver as
    "unknown driver" too, burying the one real error.)
    """
    data = doc.data
    if not isinstance(data, dict) or set(data) != {key}:
        found = f"keys {sorted(map(str, data))}" if isinstance(data, dict) else type(data).__name__
        issues.append(
            Issue(doc.file, 1, "(document)", f"expected a mapping with the single key {key!r}, found {found}")
        )
        return []
    items = data[key]
    if not isinstance(items, list):
        issues.append(Issue(doc.file, doc.line_of((key,)), key, f"expected a list, found {type(items).__name__}"))
        return []
    valid: list[Any] = []
    for i, item in enumerate(items):
        try:
            parsed = model.model_validate(item)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                loc = (key, i, *error["loc"])
                issues.append(Issue(doc.file, doc.line_of(loc), format_path(loc), _message(error)))
            continue
        valid.append((i, parsed) if keep_index else parsed)
    return valid


def _message(error: Any) -> str:
    kind = error["type"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (check the spelling)"
    value = error.get("input")
    shown = repr(value) if not isinstance(value, (dict, list)) else type(value).__name__
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return f"{error['msg']} (got {shown})"


def _cross_check(
    entities: dict[str, list[Any]],
    docs: dict[str, YamlDocument],
    races: list[tuple[Race, YamlDocument]],
    race_docs: list[YamlDocument],
    facts: list[tuple[Fact, YamlDocument, int]],
) -> Iterable[Issue]:
    """Rules across files: unique ids and years, and every reference names a known entity."""
    known: dict[str, set[str]] = {}
    for key, items in entities.items():
        known[key] = yield from _unique_ids(key, items, docs.get(key))
    yield from _entity_references(entities, docs, known)
    years: dict[int, str] = {}
    for race, doc in races:
        if race.year in years:
            yield Issue(
                doc.file, doc.line_of(("year",)), "year", f"duplicate year {race.year} (also in {years[race.year]})"
            )
        years.setdefault(race.year, doc.file)
    for doc in race_docs:
        yield from _race_references(doc, known)
    seen_facts: dict[str, str] = {}
    for fact, doc, i in facts:
        if fact.id in seen_facts:
            yield Issue(
                doc.file,
                doc.line_of(("facts", i, "id")),
                f"facts[{i}].id",
                f"duplicate fact id {fact.id!r} (also in {seen_facts[fact.id]})",
            )
        seen_facts.setdefault(fact.id, doc.file)


def _unique_ids(key: str, items: list[Any], doc: YamlDocument | None) -> Generator[Issue, None, set[str]]:
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item.id in seen and doc:
            yield Issue(doc.file, doc.line_of((key, i, "id")), f"{key}[{i}].id", f"duplicate id {item.id!r}")
        seen.add(item.id)
    return seen


def _entity_references(
    entities: dict[str, list[Any]], docs: dict[str, YamlDocument], known: dict[str, set[str]]
) -> Iterable[Issue]:
    """Cars name known makes; teams name known related teams."""
    cars_doc = docs.get("cars")
    for i, car in enumerate(entities["cars"]):
        for attr in ("manufacturer", "engine_manufacturer"):
            value = getattr(car, attr)
            if value and value not in known["manufacturers"] and cars_doc:
                path = ("cars", i, attr)
                yield Issue(
                    cars_doc.file, cars_doc.line_of(path), f"cars[{i}].{attr}", f"unknown manufacturer {value!r}"
                )
    teams_doc = docs.get("teams")
    for i, team in enumerate(entities["teams"]):
        for j, other in enumerate(team.related):
            if other not in known["teams"] and teams_doc:
                related: tuple[str | int, ...] = ("teams", i, "related", j)
                yield Issue(teams_doc.file, teams_doc.line_of(related), format_path(related), f"unknown team {other!r}")


def _race_dates(race: Race, doc: YamlDocument, this_year: int) -> Iterable[Issue]:
    if race.year > this_year:
        yield Issue(
            doc.file, doc.line_of(("year",)), "year",
            f"{race.year} is after this year ({this_year}): a race has no results before it is run",
        )  # fmt: skip
    if race.date and race.date.year != race.year:
        yield Issue(doc.file, doc.line_of(("date",)), "date", f"{race.date} is not in {race.year}")
    positions = [p.position for p in race.podium]
    if positions != list(range(2, 2 + len(positions))):
        yield Issue(
            doc.file, doc.line_of(("podium",)), "podium",
            f"positions must run 2, 3 in order, once each (found {positions}); the winner is the overall result",
        )  # fmt: skip
    if race.pole and race.pole_position:
        yield Issue(doc.file, doc.line_of(("pole",)), "pole", "given twice: keep pole_position and drop the text")
    yield from _podium_against_results(race, doc)


def _podium_against_results(race: Race, doc: YamlDocument) -> Iterable[Issue]:
    """A placed car is not the winner, and a car also in a class result has that result's crew.

    The crews come from separate research (placings vs class winners); when they share a car
    number they describe one car, so a difference is a mistake in one of them (2015's #5 once
    lost its third driver that way).
    """
    overall = next((r for r in race.results if r.overall), None)
    for i, placing in enumerate(race.podium):
        if overall and placing.car_number and placing.car_number == overall.car_number:
            path = ("podium", i, "car_number")
            yield Issue(doc.file, doc.line_of(path), format_path(path), "the winning car cannot also be placed")
            continue
        same = next((r for r in race.results if placing.car_number and r.car_number == placing.car_number), None)
        if same and same.drivers and placing.drivers and set(same.drivers) != set(placing.drivers):
            path = ("podium", i, "drivers")
            yield Issue(
                doc.file, doc.line_of(path), format_path(path),
                f"car #{placing.car_number} is also the {same.class_label or same.class_} result, whose crew differs "
                f"({', '.join(same.drivers)})",
            )  # fmt: skip


def _placing_references(doc: YamlDocument, known: dict[str, set[str]]) -> Iterable[Issue]:
    """Podium drivers, teams and cars, and the pole and fastest-lap drivers, are known entities."""
    data = doc.data if isinstance(doc.data, dict) else {}
    refs: list[tuple[Path_, str, object]] = []
    podium = data.get("podium")
    for i, placing in enumerate(podium if isinstance(podium, list) else []):
        if not isinstance(placing, dict):
            continue
        drivers = placing.get("drivers")
        refs += [
            (("podium", i, "team"), "teams", placing.get("team")),
            (("podium", i, "car"), "cars", placing.get("car")),
        ]
        refs += [
            (("podium", i, "drivers", j), "drivers", d)
            for j, d in enumerate(drivers if isinstance(drivers, list) else [])
        ]
    for key in ("pole_position", "fastest_lap"):
        best = data.get(key)
        if isinstance(best, dict):
            refs.append(((key, "driver"), "drivers", best.get("driver")))
    for path, kind, value in refs:
        if isinstance(value, str) and value not in known[kind]:
            yield Issue(
                doc.file, doc.line_of(path), format_path(path), f"unknown {kind[:-1]} {value!r} (not in {kind}.yaml)"
            )


def _race_references(doc: YamlDocument, known: dict[str, set[str]]) -> Iterable[Issue]:
    """One overall result; every class, team, car and driver known; no driver twice.

    Read from the raw file, so a type error elsewhere in it does not hide an unknown name.
    """
    results = doc.data.get("results") if isinstance(doc.data, dict) else None
    if not isinstance(results, list):
        return
    rows = [(i, r) for i, r in enumerate(results) if isinstance(r, dict)]
    overall = [i for i, r in rows if r.get("overall") is True]
    if len(overall) != 1:
        yield Issue(
            doc.file, doc.line_of(("results",)), "results",
            f"exactly one result must have overall: true (found {len(overall)})",
        )  # fmt: skip
    yield from _placing_references(doc, known)
    for i, result in rows:
        drivers = result.get("drivers")
        drivers = drivers if isinstance(drivers, list) else []
        refs: list[tuple[Path_, str, object]] = [
            (("results", i, "class"), "classes", result.get("class")),
            (("results", i, "team"), "teams", result.get("team")),
            (("results", i, "car"), "cars", result.get("car")),
            *((("results", i, "drivers", j), "drivers", d) for j, d in enumerate(drivers)),
        ]
        for path, kind, value in refs:
            if isinstance(value, str) and value not in known[kind]:
                what = kind[:-1] if kind != "classes" else "class"
                yield Issue(
                    doc.file, doc.line_of(path), format_path(path), f"unknown {what} {value!r} (not in {kind}.yaml)"
                )
        named = [d for d in drivers if isinstance(d, str)]
        if len(set(named)) != len(named):
            path = ("results", i, "drivers")
            yield Issue(doc.file, doc.line_of(path), format_path(path), "a driver is listed twice")


__all__ = [
    "Car",
    "Driver",
    "KnowledgeError",
    "Manufacturer",
    "RaceClass",
    "Team",
    "load_knowledge",
    "validate_directory",
]
