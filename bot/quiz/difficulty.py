"""Difficulty by the question, rated from measured features, not by the template.

Each question gets a score in [0, 1] from four features:

- **fame** (weight 0.4, higher is easier): how well known the answer, or for a number
  or year the entity asked about, is across the knowledge base: mentions in every result
  (an overall win counts 3, a class win 1) and in the history facts, on a log scale
  against the most mentioned thing of its kind; a year asked about no one counts its
  mentions in the facts. A number no one repeats (laps, a car number) has none.
- **distractors** (0.2): how close the wrong options are. Numbers and years: the gap to
  the nearest wrong value relative to the answer; names: how well known the wrong
  options are next to the right one; comparisons (which came first, an order, higher or
  lower): the template's own measure of how near the years or counts compared are.
- **answer type** (0.25): true/false, higher/lower, one of two and "which of these" are
  easiest, then one name, a clue ladder, a year, an order of three, a number, and every
  name of a crew the hardest.
- **age** (0.15): how long ago the race asked about was, across the knowledge base's span.

Levels are the pool's thirds by score (ties broken by key): the easiest third is easy,
the hardest third hard. They are relative to the pool, so each level stays a third as
races are added, and a question moves only when its features do.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from bot.knowledge import KnowledgeBase
from bot.quiz.model import DIFFICULTIES, Blueprint, Difficulty
from bot.quiz.reveals import Scanner, entity

WEIGHTS = {"fame": 0.4, "distractors": 0.2, "type": 0.25, "age": 0.15}
TYPE_HARDNESS = {
    "boolean": 0.0, "direction": 0.0, "pair": 0.05, "choice": 0.1, "entity": 0.4, "ladder": 0.45, "year": 0.55,
    "order": 0.65, "number": 0.75, "crew": 0.9,
}  # fmt: skip
_YEAR_ATOM = re.compile(r"^year:(\d{4})$")
_ENTITY_PREFIXES = ("driver:", "team:", "car:", "manufacturer:")


class Fame:
    """Mentions of every atom across results and facts, as a share of the most mentioned of its kind."""

    def __init__(self, kb: KnowledgeBase, scan: Scanner) -> None:
        counts: Counter[str] = Counter()
        for race in kb.races.values():
            for result in race.results:
                weight = 3 if result.overall else 1
                atoms = {entity("driver", d) for d in result.drivers}
                atoms |= {entity(k, i) for k, i in (("team", result.team), ("car", result.car)) if i}
                make = kb.make_of(result)
                if make:
                    atoms.add(entity("manufacturer", make))
                for atom in atoms:
                    counts[atom] += weight
        for fact in kb.facts:
            counts.update(scan.atoms(fact.text, fact.title))
        self._counts = counts
        self._top: Counter[str] = Counter()
        for atom, n in counts.items():
            kind = atom.split(":", 1)[0]
            self._top[kind] = max(self._top[kind], n)

    def of(self, atom: str) -> float:
        n = self._counts.get(atom, 0)
        top = self._top.get(atom.split(":", 1)[0], 0)
        return math.log1p(n) / math.log1p(top) if top else 0.0


def answer_type(blueprint: Blueprint) -> str:
    spec = blueprint.spec
    if spec.kind in ("boolean", "direction", "order"):
        return spec.kind
    if blueprint.choice_only:
        return "choice"
    if spec.kind == "entity":
        if len(blueprint.right) + len(blueprint.wrong) == 2:
            return "pair"
        if blueprint.clue_ladder:
            return "ladder"
        return "crew" if spec.need == "all" and len(spec.ids) > 1 else "entity"
    return spec.kind


def features(blueprint: Blueprint, fame: Fame, span: tuple[int, int]) -> dict[str, float]:
    """The four features of ``blueprint``, each in [0, 1] with 1 the hardest."""
    spec = blueprint.spec
    known = [a for a in blueprint.answer_atoms if a.startswith(_ENTITY_PREFIXES)]
    known += [a for a in blueprint.asks if a.startswith(_ENTITY_PREFIXES)]
    if not known:  # a year asked about no one: as known as the history facts make it
        known = [a for a in blueprint.answer_atoms if a.startswith("year:")]
    best = max((fame.of(a) for a in known), default=0.0)
    return {
        "fame": 1.0 - best,
        "distractors": _closeness(blueprint, fame, best),
        "type": TYPE_HARDNESS[answer_type(blueprint)],
        "age": _age(blueprint, span, spec.numbers if spec.kind == "year" else frozenset()),
    }


def _closeness(blueprint: Blueprint, fame: Fame, right: float) -> float:
    spec = blueprint.spec
    if blueprint.closeness is not None:
        return blueprint.closeness
    if spec.kind == "boolean":
        return 0.5
    if spec.kind in ("number", "year"):
        values = [int(o.label.lstrip("#")) for o in blueprint.wrong]
        answer = min(spec.numbers)
        gap = min(abs(v - answer) for v in values)
        scale = 1 if spec.kind == "year" else max(1.0, 0.05 * answer)
        return 1.0 / (1.0 + gap / scale)
    wrong = [
        max((fame.of(a) for a in o.atoms if a.startswith(_ENTITY_PREFIXES)), default=0.0) for o in blueprint.wrong[:3]
    ]
    plausible = sum(wrong) / len(wrong) if wrong else 0.0
    return min(1.0, plausible / right) if right else plausible


def _age(blueprint: Blueprint, span: tuple[int, int], answer_years: frozenset[int]) -> float:
    first, last = span
    years = [int(m.group(1)) for a in blueprint.asks if (m := _YEAR_ATOM.match(a))] or sorted(answer_years)
    if not years or last <= first:
        return 0.5
    return min(1.0, max(0.0, (last - max(years)) / (last - first)))


def score(values: dict[str, float]) -> float:
    return sum(WEIGHTS[name] * value for name, value in values.items())


def rate(kb: KnowledgeBase, blueprints: Sequence[Blueprint], scan: Scanner) -> dict[str, Difficulty]:
    """Each blueprint's level: the pool's thirds by :func:`score`."""
    fame = Fame(kb, scan)
    span = (kb.years[0], kb.years[-1]) if kb.years else (0, 0)
    ranked = sorted(blueprints, key=lambda b: (score(features(b, fame, span)), b.key))
    n = len(ranked)
    return {b.key: DIFFICULTIES[min(len(DIFFICULTIES) - 1, i * len(DIFFICULTIES) // n)] for i, b in enumerate(ranked)}
