"""What every template shares: the per-knowledge-base context and option helpers."""

from __future__ import annotations

import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable

from bot.knowledge import KnowledgeBase
from bot.knowledge.model import Race, Result
from bot.qa.normalize import normalize
from bot.quiz.model import Category, Option
from bot.quiz.phrasing import entrant_name, usable

PLM = "Petit Le Mans"
KIND_WORD = {"driver": "driver", "team": "team", "manufacturer": "manufacturer", "car": "car"}
KIND_CATEGORY: dict[str, Category] = {"driver": "winners", "team": "teams", "manufacturer": "cars", "car": "cars"}
DISTRACTORS = 8  # pool size per blueprint; a game shows three of them
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")


class Context:
    """What every template needs, computed once per knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.years = kb.years
        self.overall: dict[int, Result] = {
            year: race.overall for year, race in kb.races.items() if usable(race, race.overall)
        }
        # Counts, first/last wins and streaks are only as good as every overall result.
        self.counts_trusted = len(self.overall) == len(kb.races)
        self.wins: dict[str, Counter[str]] = {kind: Counter() for kind in KIND_WORD}
        for result in self.overall.values():
            for kind, id_ in owners(kb, result):
                self.wins[kind][id_] += 1
        self._names = {kind: {i: e.name for i, e in kb.table_of(kind).items()} for kind in (*KIND_WORD, "class")}
        self._ranked = {
            kind: [i for i, _ in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))]
            for kind, counter in self.wins.items()
        }
        self._years: dict[tuple[str, str], list[int]] = defaultdict(list)
        for year, result in self.overall.items():
            for owner in owners(kb, result):
                self._years[owner].append(year)

    def fame(self, kind: str, id_: str | None) -> int:
        return self.wins[kind][id_] if id_ else 0

    def winners_of(self, kind: str) -> list[str]:
        """Overall winners of a kind, most wins first (plausible distractors)."""
        return self._ranked[kind]

    def name(self, kind: str, id_: str) -> str:
        return self._names[kind].get(id_, id_)

    def exists(self, kind: str, id_: str) -> bool:
        return id_ in self._names[kind]

    def years_of(self, kind: str, id_: str) -> list[int]:
        """Years ``id_`` won overall, in order."""
        return self._years.get((kind, id_), [])

    def options(self, kind: str, ids: Iterable[str]) -> tuple[Option, ...]:
        return tuple(Option(self.name(kind, i), i) for i in ids)


def owners(kb: KnowledgeBase, result: Result) -> list[tuple[str, str]]:
    out = [("driver", d) for d in result.drivers]
    if result.team:
        out.append(("team", result.team))
    if result.car:
        out.append(("car", result.car))
        make = kb.make_of(result)
        if make:
            out.append(("manufacturer", make))
    return out


def id_of(kind: str, result: Result, kb: KnowledgeBase) -> str | None:
    return {"team": result.team, "car": result.car, "manufacturer": kb.make_of(result)}[kind]


def near_years(ctx: Context, exclude: set[int], around: int) -> tuple[Option, ...]:
    years = sorted((y for y in ctx.years if y not in exclude), key=lambda y: (abs(y - around), y))
    return tuple(Option(str(y)) for y in years[:DISTRACTORS])


def near_numbers(value: int, exclude: set[int] | None = None, minimum: int = 1) -> tuple[Option, ...]:
    step = max(1, round(value * 0.04))
    exclude = (exclude or set()) | {value}
    out: list[int] = []
    for k in range(1, 40):
        for candidate in (value - k * step, value + k * step):
            if candidate >= minimum and candidate not in exclude and candidate not in out:
                out.append(candidate)
        if len(out) >= DISTRACTORS:
            break
    return tuple(Option(str(n)) for n in out[:DISTRACTORS])


def others(ctx: Context, kind: str, exclude: set[str], prefer: Iterable[str] = ()) -> tuple[Option, ...]:
    seen: list[str] = []
    for id_ in [*prefer, *ctx.winners_of(kind)]:
        if id_ not in exclude and id_ not in seen and ctx.exists(kind, id_):
            seen.append(id_)
    return ctx.options(kind, seen[:DISTRACTORS])


def sources_of(race: Race, result: Result | None = None) -> tuple[str, ...]:
    return tuple(result.sources if result else race.sources)


def stable_index(key: str, n: int) -> int:
    """A choice among ``n`` that depends on ``key`` only (the same in every process, unlike ``hash``)."""
    return zlib.crc32(key.encode()) % n


def first_atom(kind: str, id_: str) -> str:
    """The atom of "``id_``'s first overall win is shown" (a list of every win shows it too)."""
    return f"first:{kind}:{id_}"


def team_label(kb: KnowledgeBase, result: Result) -> str:
    """The winning team as entered that year when that is one of its names ("Porsche North America" in 2015)."""
    team = kb.teams.get(result.team or "")
    if team is None:
        return kb.name("team", result.team)
    entered = entrant_name(kb, result)
    own = {normalize(n) for n in (team.name, *team.aliases)}
    return entered if normalize(entered) in own else team.name
