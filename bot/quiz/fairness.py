"""The rules that keep one game fair and varied, shared by the draw and the audit.

- **No give-away**: a question is given away when one earlier question showed its
  answer together with what it asks about: some earlier question's atoms (text,
  options, hints and reveal, see :mod:`bot.quiz.reveals`) hold every atom of
  ``asks`` and one of ``answer_atoms``. "True or false: McNish won in 2008", then
  "In which year did McNish win?" is one; "Who won in 2007?" followed by "Who won in
  2006?" is not (the link between McNish and 2006 was never shown).
- **No repeated answer**: two questions never share an answer value (an id, a year, a
  number); true or false has none.
- **Variety**: at most :data:`TEMPLATE_CAP` questions of one template per game, unless
  the settings leave too few templates to fill the game.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

TEMPLATE_CAP = 3


class Drawable(Protocol):
    """What the rules read of a blueprint or a realised question."""

    @property
    def template(self) -> str: ...
    @property
    def asks(self) -> frozenset[str]: ...
    @property
    def answer_atoms(self) -> frozenset[str]: ...
    @property
    def values(self) -> frozenset[str]: ...


def template_cap(rounds: int, templates: int) -> int:
    """:data:`TEMPLATE_CAP`, raised only when ``templates`` cannot fill ``rounds`` otherwise."""
    return max(TEMPLATE_CAP, math.ceil(rounds / max(templates, 1)))


def gives_away(shown: frozenset[str], later: Drawable) -> bool:
    """Whether atoms ``shown`` by one question answer ``later``."""
    return later.asks <= shown and not later.answer_atoms.isdisjoint(shown)


@dataclass(slots=True)
class Ledger:
    """What a game has shown so far; says whether a candidate may come next."""

    cap: int = TEMPLATE_CAP
    shown: list[frozenset[str]] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)  # the union of ``shown``: a quick first test
    values: set[str] = field(default_factory=set)
    templates: Counter[str] = field(default_factory=Counter)

    def allows(self, candidate: Drawable) -> bool:
        if self.templates[candidate.template] >= self.cap or not self.values.isdisjoint(candidate.values):
            return False
        if candidate.answer_atoms.isdisjoint(self.seen):
            return True
        return not any(gives_away(shown, candidate) for shown in self.shown)

    def add(self, question: Drawable, reveals: frozenset[str]) -> None:
        self.shown.append(reveals)
        self.seen |= reveals
        self.values |= question.values
        self.templates[question.template] += 1


class Revealing(Drawable, Protocol):
    @property
    def reveals(self) -> frozenset[str]: ...


@dataclass(frozen=True, slots=True)
class Audit:
    """One game's faults, counted independently of how it was drawn."""

    giveaways: int  # questions answered by an earlier one
    repeated: int  # questions whose answer an earlier one already had
    max_template: int

    @property
    def clean(self) -> bool:
        return not self.giveaways and not self.repeated


def audit(questions: Sequence[Revealing]) -> Audit:
    giveaways = repeated = 0
    values: set[str] = set()
    for i, question in enumerate(questions):
        if any(gives_away(earlier.reveals, question) for earlier in questions[:i]):
            giveaways += 1
        if not values.isdisjoint(question.values):
            repeated += 1
        values |= question.values
    return Audit(giveaways, repeated, max(_counts(q.template for q in questions).values(), default=0))


def _counts(items: Iterable[str]) -> Counter[str]:
    return Counter(items)
