"""Every accepted way of writing each entity, per kind, as compact keys.

Keys come from the data (name and aliases) plus a few derived forms: a driver's
surname, a car without or with its make ("R8" ↔ "Audi R8"), a team without its
generic suffix ("Wayne Taylor" for "Wayne Taylor Racing"). A derived key that
two entities share (two Taylors) maps to both, so matching can say "which one?"
instead of guessing.
"""

from __future__ import annotations

import re
import weakref
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.knowledge import KnowledgeBase
from bot.quiz.text import compact, typo_budget

_PARTICLES = {"van", "der", "den", "de", "da", "di", "du", "von", "le", "la", "dos", "del"}
_TEAM_SUFFIXES = {"racing", "motorsport", "motorsports", "team", "autosport", "sport", "engineering"}
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class Hit:
    """Entities one piece of an answer refers to (more than one: ambiguous)."""

    ids: frozenset[str]
    distance: int


class AliasIndex:
    """Compact key → entity ids for one kind, with exact and typo-tolerant lookup."""

    def __init__(
        self,
        kind: str,
        forms: Mapping[str, Iterable[str]],
        derived: Mapping[str, Iterable[str]],
        labels: dict[str, str],
    ) -> None:
        self.kind = kind
        self.labels = labels
        owners: dict[str, set[str]] = defaultdict(set)
        primary: set[str] = set()
        for id_, texts in forms.items():
            for text in texts:
                key = compact(text)
                if key:
                    owners[key].add(id_)
                    primary.add(key)
        for id_, texts in derived.items():
            for text in texts:
                key = compact(text)
                # A derived form never shadows another entity's own name.
                if len(key) >= 2 and not (key in primary and id_ not in owners[key]):
                    owners[key].add(id_)
        self.exact: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in owners.items()}
        self._keys = list(self.exact)
        self._by_id: dict[str, set[str]] = defaultdict(set)
        for key, ids in self.exact.items():
            for id_ in ids:
                self._by_id[id_].add(key)

    def keys_of(self, id_: str) -> set[str]:
        return self._by_id.get(id_, set())

    def lookup(self, key: str) -> Hit | None:
        """The entities ``key`` names exactly, else within a typo budget proportional to length."""
        ids = self.exact.get(key)
        if ids:
            return Hit(ids, 0)
        budget = typo_budget(len(key))
        if budget == 0:
            return None
        found = process.extract(key, self._keys, scorer=Levenshtein.distance, score_cutoff=budget, limit=8)
        best: int | None = None
        hits: set[str] = set()
        for candidate, distance, _ in found:
            # Short keys get no slack ("air" is not "chair"), and digits never count as typos.
            if distance > typo_budget(min(len(key), len(candidate))):
                continue
            if _DIGITS.findall(candidate) != _DIGITS.findall(key):
                continue
            if best is None or distance < best:
                best, hits = distance, set(self.exact[candidate])
            elif distance == best:
                hits |= self.exact[candidate]
        return Hit(frozenset(hits), best) if best is not None else None


def _surnames(name: str) -> list[str]:
    words = name.replace("-", " - ").split()
    if len(words) < 2:
        return []
    start = len(words) - 1
    while start > 0 and words[start - 1] == "-":  # "Hunter-Reay" keeps both halves
        start -= 2
    while start > 1 and words[start - 1].casefold() in _PARTICLES:  # "van der Zande"
        start -= 1
    out = [" ".join(words[start:])]
    if out[0].casefold() != words[-1].casefold() and words[start].casefold() in _PARTICLES:
        out.append(words[-1])  # "Zande" as well as "van der Zande"
    return out


def _strip_team_suffix(name: str) -> str | None:
    words = name.split()
    if words and words[0].casefold() == "team":
        words = words[1:]
    while words and words[-1].casefold() in _TEAM_SUFFIXES:
        words = words[:-1]
    stripped = " ".join(words)
    return stripped if stripped != name and len(stripped) >= 4 else None


def _build(kb: KnowledgeBase, kind: str) -> AliasIndex:
    table = kb.table_of(kind)
    forms = {id_: [e.name, *e.aliases] for id_, e in table.items()}
    derived: dict[str, list[str]] = defaultdict(list)
    if kind == "driver":
        for id_, names in forms.items():
            for name in names:
                derived[id_].extend(_surnames(name))
    elif kind == "team":
        for id_, names in forms.items():
            derived[id_].extend(s for s in map(_strip_team_suffix, names) if s)
    elif kind == "car":
        for car in kb.cars.values():
            make = kb.manufacturers.get(car.manufacturer)
            makes = [make.name, *make.aliases] if make else []
            for name in forms[car.id]:
                for m in makes:
                    if name.casefold().startswith(m.casefold() + " "):
                        derived[car.id].append(name[len(m) + 1 :])
                    else:
                        derived[car.id].append(f"{m} {name}")
    labels = {id_: e.name for id_, e in table.items()}
    return AliasIndex(kind, forms, derived, labels)


_CACHE: weakref.WeakKeyDictionary[KnowledgeBase, dict[str, AliasIndex]] = weakref.WeakKeyDictionary()


def alias_index(kb: KnowledgeBase, kind: str) -> AliasIndex:
    """The index of ``kind`` for ``kb``, built once per knowledge base."""
    per_kb = _CACHE.setdefault(kb, {})
    if kind not in per_kb:
        per_kb[kind] = _build(kb, kind)
    return per_kb[kind]
