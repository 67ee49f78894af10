"""What a question shows a player, as *atoms*, so a game can avoid giving answers away.

An atom names one thing a player can read: an entity (``driver:allan-mcnish``,
``team:…``, ``car:…``, ``manufacturer:…``, ``class:…``), a year (``year:2008``), or a
number scoped to what it counts (``laps:2008``, ``wins:driver:allan-mcnish``,
``streak:…``, ``car-number:2008``, ``distinct:driver``, ``shortened:2009``), or a record
a reveal shows: ``first:driver:allan-mcnish`` (the year of a first overall win),
``podium:2012:2``, ``pole:2012``, ``fastest-lap:2012``, ``most:number``.

Entities and years are read from the text itself (prompt, options, hint, reveal) by
:class:`Scanner`, so what a question declares cannot drift from what it prints; a
template adds the scoped numbers it prints, which text alone cannot attribute.
"""

from __future__ import annotations

import re
import weakref
from collections import defaultdict

from bot.knowledge import KnowledgeBase
from bot.qa.index import entity_index
from bot.qa.normalize import normalize

ENTITY_KINDS = ("driver", "team", "car", "manufacturer")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_LONGEST = 6  # tokens in the longest name worth scanning for


def entity(kind: str, id_: str) -> str:
    return f"{kind}:{id_}"


def year(value: int) -> str:
    return f"year:{value}"


class Scanner:
    """Finds the entities (by name or alias, longest first) and years a text mentions."""

    def __init__(self, kb: KnowledgeBase) -> None:
        owners: dict[str, set[str]] = defaultdict(set)
        index = entity_index(kb)  # the forms /ask and the judge link, so a reveal names what they would
        for kind in ENTITY_KINDS:
            for key, (refs, strength) in index.readings(kind).items():
                if strength == 0:  # a form that names an entity only in an answer, never in running text
                    continue
                for ref in refs:
                    id_ = ref.id
                    owners[key].add(entity(kind, id_))
                    make = kb.cars[id_].manufacturer if kind == "car" and id_ in kb.cars else None
                    if make:  # "Audi R10 TDI" names Audi too
                        owners[key].add(entity("manufacturer", make))
        self._owners = {k: frozenset(v) for k, v in owners.items()}
        self._cache: dict[str, frozenset[str]] = {}

    def atoms(self, *texts: str | None) -> frozenset[str]:
        out: set[str] = set()
        for text in texts:
            if text:
                out |= self._scan(text)
        return frozenset(out)

    def _scan(self, text: str) -> frozenset[str]:
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        found: set[str] = {year(int(y)) for y in _YEAR.findall(text)}
        tokens = normalize(text).split()
        i = 0
        while i < len(tokens):
            for size in range(min(_LONGEST, len(tokens) - i), 0, -1):
                hit = self._owners.get(" ".join(tokens[i : i + size]))
                if hit:
                    found |= hit
                    i += size
                    break
            else:
                i += 1
        result = self._cache[text] = frozenset(found)
        return result


_SCANNERS: weakref.WeakKeyDictionary[KnowledgeBase, Scanner] = weakref.WeakKeyDictionary()


def scanner(kb: KnowledgeBase) -> Scanner:
    """The scanner of ``kb``, built once per knowledge base."""
    found = _SCANNERS.get(kb)
    if found is None:
        found = _SCANNERS[kb] = Scanner(kb)
    return found
