"""What changed between two knowledge bases: the summary a reload reports.

Pure and discord-free: races are compared by year, facts and entities by id, each
as a whole (the models are frozen pydantic objects, so ``==`` compares every field).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.knowledge.base import KnowledgeBase

#: Sections in the order a summary lists them.
SECTIONS = ("races", "facts", "drivers", "teams", "manufacturers", "cars", "classes")


@dataclass(frozen=True, slots=True)
class SectionDiff:
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed)

    def describe(self, limit: int = 8) -> str:
        """``+2026 ~2015 -1998`` style, shortened to ``limit`` keys per kind."""
        parts = []
        for sign, keys in (("+", self.added), ("~", self.changed), ("-", self.removed)):
            if keys:
                shown = " ".join(f"{sign}{k}" for k in keys[:limit])
                more = f" (+{len(keys) - limit} more)" if len(keys) > limit else ""
                parts.append(shown + more)
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class KnowledgeDiff:
    sections: dict[str, SectionDiff] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return all(s.empty for s in self.sections.values())

    def counts(self) -> dict[str, tuple[int, int, int]]:
        """section → (added, changed, removed), only sections that changed."""
        return {
            name: (len(s.added), len(s.changed), len(s.removed)) for name, s in self.sections.items() if not s.empty
        }

    def lines(self, limit: int = 8) -> list[str]:
        """One line per changed section, e.g. ``races: +2026; ~2015``."""
        if self.empty:
            return ["no changes"]
        return [f"{name}: {s.describe(limit)}" for name, s in self.sections.items() if not s.empty]

    def __str__(self) -> str:
        return "\n".join(self.lines())


def _compare(old: Mapping[Any, Any], new: Mapping[Any, Any]) -> SectionDiff:
    def keys(items: set[Any]) -> tuple[str, ...]:
        return tuple(str(k) for k in sorted(items, key=lambda k: (str(type(k)), k)))

    old_keys, new_keys = set(old), set(new)
    return SectionDiff(
        added=keys(new_keys - old_keys),
        changed=keys({k for k in old_keys & new_keys if old[k] != new[k]}),
        removed=keys(old_keys - new_keys),
    )


def diff_knowledge(old: KnowledgeBase | None, new: KnowledgeBase) -> KnowledgeDiff:
    """Compare ``old`` (``None`` on the first load: everything is added) with ``new``."""

    def tables(kb: KnowledgeBase | None) -> dict[str, Mapping[Any, Any]]:
        if kb is None:
            return {name: {} for name in SECTIONS}
        return {
            "races": kb.races,
            "facts": {f.id: f for f in kb.facts},
            "drivers": kb.drivers,
            "teams": kb.teams,
            "manufacturers": kb.manufacturers,
            "cars": kb.cars,
            "classes": kb.classes,
        }

    before, after = tables(old), tables(new)
    return KnowledgeDiff({name: _compare(before[name], after[name]) for name in SECTIONS})


__all__ = ["SECTIONS", "KnowledgeDiff", "SectionDiff", "diff_knowledge"]
