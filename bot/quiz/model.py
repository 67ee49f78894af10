"""The quiz's value types: a question, what counts as its answer, and the vocabularies."""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from typing import Literal

Difficulty = Literal["easy", "medium", "hard"]
DIFFICULTIES: tuple[Difficulty, ...] = ("easy", "medium", "hard")
Category = Literal["winners", "teams", "cars", "classes", "records", "history", "track"]
CATEGORIES: tuple[Category, ...] = ("winners", "teams", "cars", "classes", "records", "history", "track")
Mode = Literal["text", "buttons"]
MODES: tuple[Mode, ...] = ("text", "buttons")
AnswerKind = Literal["entity", "number", "year", "boolean", "order", "direction"]
Need = Literal["one", "all"]


@dataclass(frozen=True, slots=True)
class AnswerSpec:
    """What a typed answer must name, derived from the data when the question is made.

    ``entity``: ids of ``entity_kind``; ``need`` says whether one of them or all are
    wanted (the question text says so too). ``number``/``year``: any value of
    ``numbers``. ``boolean``: ``truth``. ``order``: every id of ``order`` (of
    ``entity_kind``), in that order. ``direction``: higher (``truth``) or lower.
    """

    kind: AnswerKind
    entity_kind: str | None = None
    ids: frozenset[str] = frozenset()
    need: Need = "one"
    numbers: frozenset[int] = frozenset()
    digits: frozenset[str] = frozenset()  # car numbers as written: "08" and "8" are different cars
    truth: bool | None = None
    order: tuple[str, ...] = ()

    def atoms(self) -> frozenset[str]:
        """The atoms (see :mod:`bot.quiz.reveals`) that state an entity or year answer; numbers are scoped by the template."""
        if self.kind in ("entity", "order") and self.entity_kind:
            return frozenset(f"{self.entity_kind}:{i}" for i in self.ids | set(self.order))
        if self.kind == "year":
            return frozenset(f"year:{n}" for n in self.numbers)
        return frozenset()

    def values(self) -> frozenset[str]:
        """The answer as values (an id, "2008", "3"): a game never repeats one; true or false, higher or lower have none."""
        if self.kind in ("entity", "order"):
            return self.atoms()
        if self.kind in ("number", "year"):
            return frozenset(f"value:{n}" for n in self.numbers)
        return frozenset()


@dataclass(frozen=True, slots=True)
class Option:
    """A multiple-choice option; ``id`` is the entity it names, if any."""

    label: str
    id: str | None = None
    atoms: frozenset[str] = frozenset()  # what showing this option reveals (see bot.quiz.reveals)


@dataclass(frozen=True, slots=True)
class Question:
    """One generated question, ready to ask in either mode."""

    key: str  # stable across restarts: the per-channel "recently asked" memory uses it
    template: str
    category: Category
    difficulty: Difficulty
    prompt: str
    spec: AnswerSpec
    answer: str  # the answer as revealed
    fact: str  # the fact behind it, shown at the reveal
    options: tuple[str, ...]  # multiple choice (buttons mode; listed in text mode when options_in_prompt)
    correct: int  # index into options
    hint_text: str | None = None  # what letter hints mask; None: no letter hints
    clues: tuple[str, ...] = ()  # hints given as they are, one at a time, in either mode
    clue_ladder: bool = False  # the clues are the question itself ("who am I"), not help with it
    options_in_prompt: bool = False  # "which of these": the options are part of the question
    sources: tuple[str, ...] = ()
    topics: frozenset[str] = field(default_factory=frozenset)
    # Give-aways (bot.quiz.fairness): what it asks about, the atoms that state its answer,
    # and every atom its text, options, hint and reveal show.
    asks: frozenset[str] = frozenset()
    answer_atoms: frozenset[str] = frozenset()
    reveals: frozenset[str] = frozenset()

    @property
    def correct_option(self) -> str:
        return self.options[self.correct]

    def at_once(self) -> Question:
        """The question for a game without hints (the daily question): a clue ladder shows all its clues."""
        if self.clue_ladder:
            return replace(self, prompt=" ".join([self.prompt, *self.clues]), clues=(), clue_ladder=False)
        return replace(self, clues=())

    @property
    def values(self) -> frozenset[str]:
        return self.spec.values()


@dataclass(frozen=True, slots=True)
class Blueprint:
    """A question before the game picks its options: templates make these once per knowledge base.

    ``right`` holds every option that would be a correct choice (one is shown), ``wrong``
    a pool of distractors (three are shown). ``choice_only`` questions ("which of these")
    accept only the option shown.
    """

    key: str
    template: str
    category: Category
    prompt: str
    spec: AnswerSpec
    answer: str
    fact: str
    right: tuple[Option, ...]
    wrong: tuple[Option, ...]
    difficulty: Difficulty = "medium"  # rated by the pool from measured features (bot.quiz.difficulty)
    hint_text: str | None = None
    clues: tuple[str, ...] = ()  # see Question.clues
    clue_ladder: bool = False
    choice_only: bool = False
    sources: tuple[str, ...] = ()
    topics: frozenset[str] = field(default_factory=frozenset)
    asks: frozenset[str] = frozenset()
    answer_atoms: frozenset[str] = frozenset()  # numbers: declared by the template; else from ``spec``
    reveals: frozenset[str] = frozenset()  # the template's scoped numbers; the pool adds what the text names
    closeness: float | None = None  # how close the choices are, in [0, 1], when the template measures it (a year gap)

    @property
    def values(self) -> frozenset[str]:
        return self.spec.values()

    def realize(self, rng: random.Random, choices: int = 4) -> Question:
        """The question with its options drawn from ``rng`` (cheap: a game does this per round)."""
        pick = self.right[rng.randrange(len(self.right))]
        drawn: list[Option] = []
        if self.spec.kind == "boolean":
            options = ["True", "False"]
            correct = 0 if self.spec.truth else 1
        elif self.spec.kind == "direction":
            options = ["Higher", "Lower"]
            correct = 0 if self.spec.truth else 1
        else:
            drawn = [pick, *rng.sample(self.wrong, min(choices - 1, len(self.wrong)))]
            if self.spec.kind in ("number", "year"):
                drawn.sort(key=lambda o: int(o.label.lstrip("#")))
            else:
                rng.shuffle(drawn)
            options = [o.label for o in drawn]
            correct = drawn.index(pick)
        spec = self.spec
        hint_text = self.hint_text
        if self.choice_only:
            spec = replace(spec, ids=frozenset({pick.id})) if pick.id else spec
            hint_text = None
        return Question(
            key=self.key,
            template=self.template,
            category=self.category,
            difficulty=self.difficulty,
            prompt=self.prompt,
            spec=spec,
            answer=pick.label if self.choice_only else self.answer,
            fact=self.fact,
            options=tuple(options),
            correct=correct,
            hint_text=hint_text,
            clues=self.clues,
            clue_ladder=self.clue_ladder,
            options_in_prompt=self.choice_only,
            sources=self.sources,
            topics=self.topics,
            asks=self.asks,
            answer_atoms=self.answer_atoms,
            reveals=self.reveals.union(*(o.atoms for o in drawn)) if drawn else self.reveals,
        )
