"""The question bank of a knowledge base, and drawing a game from it.

All templates run once per knowledge base (the bank is cached); a game then only
filters, draws and picks options, which keeps a 10-round game far under 5 ms.
Drawing is seeded (a seed replays the same game), never repeats a question within a
game, avoids two questions that share a topic (and would give each other away), and
prefers questions the channel has not seen: recently asked ones come back only when
the pool for the chosen settings is exhausted, oldest first.
"""

from __future__ import annotations

import random
import weakref
from collections import defaultdict
from collections.abc import Mapping

from bot.knowledge import KnowledgeBase
from bot.quiz.model import CATEGORIES, DIFFICULTIES, Blueprint, Category, Difficulty, Question
from bot.quiz.templates import TEMPLATES, WEIGHTS, Context


class NoQuestions(LookupError):
    """The knowledge base has no question for these settings."""


class QuestionPool:
    """Every blueprint the templates derive from one knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        ctx = Context(kb)
        seen: set[str] = set()
        blueprints: list[Blueprint] = []
        for template in TEMPLATES:
            for blueprint in template(ctx):
                # A multiple-choice question needs at least one wrong option; keys are unique.
                if blueprint.wrong and blueprint.key not in seen:
                    seen.add(blueprint.key)
                    blueprints.append(blueprint)
        self.blueprints: tuple[Blueprint, ...] = tuple(blueprints)
        self.by_key = {b.key: b for b in blueprints}
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
        """``rounds`` questions (fewer if the pool is smaller); raise :class:`NoQuestions` if none."""
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
        picked: list[Blueprint] = []
        used_topics: set[str] = set()
        # Fresh questions first, spread over templates by weight ...
        while len(picked) < rounds and groups:
            blueprint = _draw_fresh(groups, used_topics, rng)
            picked.append(blueprint)
            used_topics |= blueprint.topics
        # ... then, once the channel has seen them all, the least recently asked.
        stale.sort(key=lambda b: (recent[b.key], b.key))
        while len(picked) < rounds and stale:
            blueprint = next((b for b in stale if not (b.topics & used_topics)), stale[0])
            stale.remove(blueprint)
            picked.append(blueprint)
            used_topics |= blueprint.topics
        return [b.realize(rng, choices) for b in picked]


_TRIES = 8


def _draw_fresh(groups: dict[str, list[Blueprint]], used_topics: set[str], rng: random.Random) -> Blueprint:
    """A template by weight, then one of its questions, preferring one that shares no topic."""
    names = list(groups)
    weights = [WEIGHTS.get(n, 1.0) for n in names]
    choice: Blueprint | None = None
    for _ in range(_TRIES):
        members = groups[rng.choices(names, weights)[0]]
        choice = members[rng.randrange(len(members))]
        if not (choice.topics & used_topics):
            break
    else:  # unlucky or crowded: look at everything left before accepting an overlap
        clean = [b for members in groups.values() for b in members if not (b.topics & used_topics)]
        if clean:
            choice = clean[rng.randrange(len(clean))]
    assert choice is not None
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
