"""The question bank of a knowledge base, and drawing a game from it.

All templates run once per knowledge base (the bank is cached), and each blueprint is
completed there with what it reveals (:mod:`bot.quiz.reveals`); a game then only
filters, draws and picks options, which keeps a 20-round game within a few ms.
Drawing is seeded (a seed replays the same game) and follows :mod:`bot.quiz.fairness`
(no give-away, no repeated answer, at most three questions of a template); among the
questions those rules allow it prefers ones that share no topic with the game so far,
and ones the channel has not seen: recently asked ones come back only when the pool
for the chosen settings is exhausted, oldest first.
"""

from __future__ import annotations

import itertools
import random
import weakref
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import replace

from bot.knowledge import KnowledgeBase
from bot.quiz.difficulty import rate
from bot.quiz.fairness import Ledger, template_cap
from bot.quiz.model import CATEGORIES, DIFFICULTIES, Blueprint, Category, Difficulty, Option, Question
from bot.quiz.reveals import Scanner, scanner
from bot.quiz.templates import TEMPLATES, WEIGHTS, Context


class NoQuestions(LookupError):
    """The knowledge base has no question for these settings."""


class QuestionPool:
    """Every blueprint the templates derive from one knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        ctx = Context(kb)
        scan = scanner(kb)
        seen: set[str] = set()
        blueprints: list[Blueprint] = []
        for template in TEMPLATES:
            for blueprint in template(ctx):
                # A multiple-choice question needs at least one wrong option; keys are unique.
                if blueprint.wrong and blueprint.key not in seen:
                    seen.add(blueprint.key)
                    blueprints.append(_complete(blueprint, scan))
        levels = rate(kb, blueprints, scan)
        self.blueprints: tuple[Blueprint, ...] = tuple(replace(b, difficulty=levels[b.key]) for b in blueprints)
        self.by_key = {b.key: b for b in self.blueprints}
        self._pools: dict[tuple[Difficulty | None, Category | None], tuple[Blueprint, ...]] = {}

    def pool(self, difficulty: Difficulty | None = None, category: Category | None = None) -> tuple[Blueprint, ...]:
        """Blueprints matching the settings (``None`` = any)."""
        if difficulty is not None and difficulty not in DIFFICULTIES:
            raise ValueError(f"unknown difficulty {difficulty!r}")
        if category is not None and category not in CATEGORIES:
            raise ValueError(f"unknown category {category!r}")
        key = (difficulty, category)
        if key not in self._pools:
            self._pools[key] = tuple(
                b
                for b in self.blueprints
                if (difficulty is None or b.difficulty == difficulty) and (category is None or b.category == category)
            )
        return self._pools[key]

    def categories(self) -> list[Category]:
        """Categories that have at least one question."""
        return [c for c in CATEGORIES if self.pool(category=c)]

    def draw(
        self,
        rounds: int,
        *,
        seed: int | None = None,
        rng: random.Random | None = None,
        difficulty: Difficulty | None = None,
        category: Category | None = None,
        recent: Mapping[str, float] | None = None,
        choices: int = 4,
    ) -> list[Question]:
        """``rounds`` questions (fewer if the rules run out of questions); raise :class:`NoQuestions` if none."""
        pool = self.pool(difficulty, category)
        if not pool:
            raise NoQuestions(f"no questions for difficulty={difficulty or 'any'}, category={category or 'any'}")
        rng = rng or random.Random(seed)
        recent = recent or {}
        groups: dict[str, list[Blueprint]] = defaultdict(list)
        stale: list[Blueprint] = []
        for blueprint in pool:
            if blueprint.key in recent:
                stale.append(blueprint)
            else:
                groups[blueprint.template].append(blueprint)
        ledger = Ledger(cap=template_cap(rounds, len({b.template for b in pool})))
        topics: set[str] = set()
        picked: list[Question] = []

        def take(blueprint: Blueprint) -> None:
            question = blueprint.realize(rng, choices)
            ledger.add(question, question.reveals)
            topics.update(question.topics)
            picked.append(question)

        # Fresh questions first, spread over templates by weight ...
        while len(picked) < rounds and groups:
            choice = _draw_fresh(groups, ledger, topics, rng)
            if choice is None:
                break
            take(choice)
        # ... then, once the channel has seen them all, the least recently asked.
        stale.sort(key=lambda b: (recent[b.key], b.key))
        while len(picked) < rounds:
            allowed = [b for b in stale if ledger.allows(b)]
            if not allowed:
                break
            choice = next((b for b in allowed if not (b.topics & topics)), allowed[0])
            stale.remove(choice)
            take(choice)
        return picked


_TRIES = 8


def _complete(blueprint: Blueprint, scan: Scanner) -> Blueprint:
    """The blueprint with the atoms its text names and, for entity and year answers, its answer atoms."""

    def scanned(options: tuple[Option, ...]) -> tuple[Option, ...]:
        return tuple(replace(o, atoms=scan.atoms(o.label)) for o in options)

    return replace(
        blueprint,
        answer_atoms=blueprint.answer_atoms or blueprint.spec.atoms(),
        reveals=blueprint.reveals
        | scan.atoms(blueprint.prompt, blueprint.fact, blueprint.hint_text, blueprint.answer, *blueprint.clues),
        right=scanned(blueprint.right),
        wrong=scanned(blueprint.wrong),
    )


def _draw_fresh(
    groups: dict[str, list[Blueprint]], ledger: Ledger, topics: set[str], rng: random.Random
) -> Blueprint | None:
    """A template by weight, then one of its questions the rules allow, preferring one that shares no topic."""
    names = [n for n in groups if ledger.templates[n] < ledger.cap]
    if not names:
        return None
    weights = [WEIGHTS.get(n, 1.0) for n in names]
    choice: Blueprint | None = None
    for _ in range(_TRIES):
        members = groups[rng.choices(names, weights)[0]]
        candidate = members[rng.randrange(len(members))]
        if not (candidate.topics & topics) and ledger.allows(candidate):
            choice = candidate
            break
    else:  # unlucky or crowded: walk what is left from a random place, a topic overlap only as a last resort
        left = [b for n in names for b in groups[n]]
        start = rng.randrange(len(left))
        overlapping: Blueprint | None = None
        for candidate in itertools.chain(left[start:], left[:start]):
            clean = not (candidate.topics & topics)
            if (clean or overlapping is None) and ledger.allows(candidate):
                if clean:
                    choice = candidate
                    break
                overlapping = candidate
        else:
            choice = overlapping
    if choice is None:
        return None
    members = groups[choice.template]
    members.remove(choice)
    if not members:
        del groups[choice.template]
    return choice


_POOLS: weakref.WeakKeyDictionary[KnowledgeBase, QuestionPool] = weakref.WeakKeyDictionary()


def question_pool(kb: KnowledgeBase) -> QuestionPool:
    """The bank of ``kb``, built on first use (a reload gets a new one)."""
    bank = _POOLS.get(kb)
    if bank is None:
        bank = _POOLS[kb] = QuestionPool(kb)
    return bank
