"""Event clauses: 'the year Hartley won', 'the years Cadillac won overall', 'the year Tandy won GT with Falken'.

A clause like these stands for the years of some wins; the question is then asked of those
years ("who won GTD in the years Cadillac won overall" is "who won GTD in 2018, 2019, ...").
This module reads the clause (where it is, whose wins, in which scope, class and company)
and finds its years in the results table; the engine puts the years in its place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from bot.qa.answer import EntityRef
from bot.qa.index import Mention
from bot.qa.table import ResultsTable, Row

_EVENT_NOUNS = {"year": False, "race": False, "season": False, "years": True, "races": True, "seasons": True}
_LINKS = frozenset({"a", "an", "that", "when", "in", "which"})  # "the year (that | when | in which) (a) Porsche won"
_VERBS = frozenset({"won", "win", "wins", "triumphed", "took"})
_PICKS: dict[str, Literal["first", "last"] | None] = {"first": "first", "last": "last", "finally": None}
#: Words right after the verb that make it no event: "the race Audi won by the closest margin",
#: "the year Audi won the most", "won from pole" (a figure or record is asked of the wins, not their years).
_NOT_AN_EVENT = frozenset({"by", "most", "from", "after", "before", "the", "with"})


@dataclass(frozen=True, slots=True)
class EventClause:
    """A clause naming wins that stands for their years: words ``start:end`` of the question."""

    start: int
    end: int
    subject: EntityRef
    pick: Literal["first", "last"] | None = None
    classes: tuple[EntityRef, ...] = ()  # "won GT", "won the GTD class": class wins; else overall wins
    withs: tuple[EntityRef, ...] = ()  # "won GT with Falken": the wins with that name too
    plural: bool = False  # "the years ...": every such year; "the year ...": one, or which one is asked

    def describe(self) -> str:
        """'won the GT class with Team Falken Tire', 'first won overall': the clause as answers say it."""
        pick = f"{self.pick} " if self.pick else ""
        where = f"the {' and '.join(c.name for c in self.classes)} class" if self.classes else "overall"
        company = "".join(f" with {ref.name}" for ref in self.withs)
        return f"{self.subject.name} {pick}won {where}{company}"


def _start_before(words: Sequence[str], m: Mention) -> tuple[int, bool] | None:
    """Where the clause begins ('in the years', 'the year that'), and whether it is plural; None if none."""
    j = m.start - 1
    while j >= 0 and words[j] in _LINKS and words[j] not in _EVENT_NOUNS:
        j -= 1
    if j < 0 or words[j] not in _EVENT_NOUNS:
        return None
    plural = _EVENT_NOUNS[words[j]]
    if j >= 1 and words[j - 1] in ("the", "those"):
        j -= 1
    elif not plural:
        return None  # ("which year Audi won": a question about the year, not a clause standing for it)
    if j >= 1 and words[j - 1] in ("in", "during", "of", "for"):
        j -= 1  # "in the years Cadillac won": the years take the clause's place, "in" with them
    return j, plural


def _qualifiers(
    words: Sequence[str], at: int, mentions: Sequence[Mention]
) -> tuple[int, tuple[EntityRef, ...], tuple[EntityRef, ...]] | None:
    """After the verb: 'overall', 'the GT class', 'in GTD', 'with Falken'. None when what follows is no event."""
    starts = {m.start: m for m in mentions if len(m.refs) == 1}
    classes: list[EntityRef] = []
    withs: list[EntityRef] = []
    first = True
    while at < len(words):
        word = words[at]
        skip = 1 if word in ("the", "in") else 0
        named = starts.get(at + skip)
        if word in ("overall", "outright"):
            at += 1
        elif named is not None and named.refs[0].kind == "class" and word != "with":
            classes.append(named.refs[0])
            at = named.end + (1 if words[named.end : named.end + 1] == ["class"] else 0)
        elif word == "with" and (named := starts.get(at + 1)) is not None and named.refs[0].kind != "class":
            withs.append(named.refs[0])
            at = named.end
        elif first and word in _NOT_AN_EVENT:
            return None
        else:
            break
        first = False
    return at, tuple(classes), tuple(withs)


def read_event(words: Sequence[str], mentions: Sequence[Mention]) -> EventClause | None:
    """The first event clause in the question, or None."""
    for m in mentions:
        if len(m.refs) != 1 or m.refs[0].kind == "class":
            continue
        begun = _start_before(words, m)
        if begun is None:
            continue
        at = m.end
        pick = _PICKS.get(words[at]) if at < len(words) else None  # "the year Peugeot first won"
        at += 1 if at < len(words) and words[at] in _PICKS else 0
        if at >= len(words) or words[at] not in _VERBS:
            continue
        read = _qualifiers(words, at + 1, mentions)
        if read is None:
            continue
        end, classes, withs = read
        start, plural = begun
        return EventClause(start, end, m.refs[0], pick, classes, withs, plural)
    return None


def event_years(table: ResultsTable, clause: EventClause) -> list[int]:
    """The years of the clause's wins, first to last (one year when it picks the first or last)."""

    def keep(row: Row) -> bool:
        if clause.classes:  # (an overall win is a win in its class too)
            if not any(c.id in row.class_family for c in clause.classes):
                return False
        elif not row.overall:
            return False
        ref = clause.subject
        return row.involves(ref.kind, ref.id) and all(row.involves(w.kind, w.id) for w in clause.withs)

    years = table.where(keep).years()
    if clause.pick == "first":
        return years[:1]
    if clause.pick == "last":
        return years[-1:]
    return years
