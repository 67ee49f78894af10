"""The judging table: typed answers to real questions of the pool, each with the verdict the rules give.

Rows are written two ways. ``tests/quiz/judging_table.yaml`` holds hand-written ones (the
cases of issue 9: short names, makes, cars, hedges). :func:`generated` writes the rest from
the knowledge base alone, the way players type: full names, surnames, typos, spoken
numbers, and the hedges, negations, extra and near names that must fail. The expected
verdict of each comes from the judging rules (docs/quiz-judging.md) applied to the
knowledge base's names, never from the matcher: this module does not import it.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.knowledge import KnowledgeBase
from bot.qa.normalize import normalize
from bot.quiz.model import Question
from bot.quiz.questions import question_pool

TABLE = Path(__file__).resolve().parents[1] / "quiz" / "judging_table.yaml"
PER_TEMPLATE = 4  # questions drawn from each template
_TEAM_SUFFIXES = {"racing", "motorsport", "motorsports", "team", "sport", "competizione"}
SEED = 9


@dataclass(frozen=True, slots=True)
class Row:
    key: str  # the question's id in the pool
    answer: str
    expect: str  # correct | wrong | ambiguous
    why: str
    tricky: bool = False  # a hedge, a negation, an extra or a near name


def questions(kb: KnowledgeBase) -> dict[str, Question]:
    """Every question of the pool, as ``plm-trivia quiz judge`` sees it (options drawn with seed 0)."""
    return {b.key: b.realize(random.Random(0)) for b in question_pool(kb).blueprints}


def hand_written() -> list[Row]:
    rows = yaml.safe_load(TABLE.read_text(encoding="utf-8"))["rows"]
    return [Row(r["id"], str(r["answer"]), r["expect"], r["why"], bool(r.get("tricky", False))) for r in rows]


def generated(kb: KnowledgeBase, pool: dict[str, Question]) -> list[Row]:
    rng = random.Random(SEED)
    by_template: dict[str, list[Question]] = defaultdict(list)
    for question in pool.values():
        by_template[question.template].append(question)
    names = _Names(kb)
    rows: list[Row] = []
    for template in sorted(by_template):
        group = sorted(by_template[template], key=lambda q: q.key)
        for question in rng.sample(group, min(PER_TEMPLATE, len(group))):
            rows.extend(_rows(names, question, rng))
    return rows


# -- names, as the rules read them -----------------------------------------------------------------
class _Names:
    """The knowledge base's names, and which single words several drivers answer to."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.word_owners: dict[str, set[str]] = defaultdict(set)  # surname or first name → drivers
        for driver in kb.drivers.values():
            words = normalize(driver.name).split()
            if len(words) >= 2:
                self.word_owners[words[-1]].add(driver.id)
                if len(words[0]) >= 4:
                    self.word_owners[words[0]].add(driver.id)
        self.team_names = {normalize(t) for e in kb.teams.values() for t in (e.name, *e.aliases)}
        self.winners = sorted({d for race in kb.races.values() for r in race.results if r.overall for d in r.drivers})
        self.all_name_words = {
            w for kind in ("driver", "team", "car", "manufacturer") for e in kb.table_of(kind).values()
            for t in (e.name, *e.aliases) for w in normalize(t).split()
        }  # fmt: skip

    def name(self, kind: str, id_: str) -> str:
        return self.kb.name(kind, id_)

    def surname(self, driver: str) -> str | None:
        words = normalize(self.name("driver", driver)).split()
        return words[-1] if len(words) >= 2 and len(words[-1]) >= 4 else None

    def others(self, kind: str, avoid: frozenset[str]) -> list[str]:
        """Entities of ``kind`` that are not the answer and share no single word with it (cleanly wrong)."""
        words = {w for i in avoid for w in normalize(self.name(kind, i)).split()}
        pool = self.winners if kind == "driver" else sorted(self.kb.table_of(kind))
        return [i for i in pool if i not in avoid and not set(normalize(self.name(kind, i)).split()) & words]


def _rows(names: _Names, q: Question, rng: random.Random) -> Iterator[Row]:
    spec = q.spec
    if q.options_in_prompt:
        yield from _choice_rows(q)
    elif spec.kind == "boolean":
        yield from _boolean_rows(q)
    elif spec.kind in ("year", "number"):
        yield from _number_rows(q, rng)
    elif spec.kind == "entity" and spec.entity_kind == "driver":
        yield from _driver_rows(names, q, rng)
    elif spec.kind == "entity" and spec.entity_kind:
        yield from _thing_rows(names, q, rng)  # other kinds (an order, higher or lower) have tests of their own


def _choice_rows(q: Question) -> Iterator[Row]:
    wrong = next(i for i in range(len(q.options)) if i != q.correct)
    yield Row(q.key, "abcd"[q.correct].upper(), "correct", "the right option's letter")
    yield Row(q.key, "abcd"[wrong], "wrong", "another option's letter")
    yield Row(q.key, q.options[q.correct], "correct", "the right option, typed")
    yield Row(q.key, q.options[wrong], "wrong", "a wrong option, typed")
    yield Row(q.key, f"{q.options[q.correct]} or {q.options[wrong]}", "wrong", "two options: a hedge", True)


def _boolean_rows(q: Question) -> Iterator[Row]:
    yes, no = ("correct", "wrong") if q.spec.truth else ("wrong", "correct")
    for answer in ("true", "True!", "yes", "yep", "correct", "that's right"):
        yield Row(q.key, answer, yes, "true, said so")
    for answer in ("false", "no", "nope", "not true", "it isn't", "that's not right"):
        yield Row(q.key, answer, no, "false, said so", answer.count(" ") > 0)
    yield Row(q.key, "true or false", "wrong", "both", True)
    yield Row(q.key, "maybe", "wrong", "neither", True)


def _number_rows(q: Question, rng: random.Random) -> Iterator[Row]:
    values = sorted(q.spec.numbers)
    right = rng.choice(values)
    year = q.spec.kind == "year"
    wrong = next(v for v in (right + 1, right - 1, right + 2) if v not in q.spec.numbers and v >= 0)
    yield Row(q.key, str(right), "correct", "the number")
    yield Row(q.key, _spoken(right, year), "correct", "the number in words")
    if year:
        yield Row(q.key, f"in {right}", "correct", "the year, in a phrase")
        yield Row(q.key, f"'{right % 100:02d}", "correct", "a two-digit year")
        if len(values) > 1:
            other = next(v for v in values if v != right)
            yield Row(q.key, f"{right} and {other}", "correct", "two years, both right")
        yield Row(q.key, f"{right} and {wrong}", "wrong", "a right and a wrong year", True)
    else:
        unit = "laps" if q.template == "laps" else "times" if q.template in ("win-count", "streak") else ""
        if unit:
            yield Row(q.key, f"{right} {unit}", "correct", "the number and its unit")
        if q.template == "car-number":
            yield Row(q.key, f"#{right}", "correct", "the car number with its hash")
    yield Row(q.key, str(wrong), "wrong", "another number")
    yield Row(q.key, f"{right} or {wrong}", "wrong", "a hedge", True)
    yield Row(q.key, f"not {wrong}", "wrong", "a negation", True)


def _driver_rows(names: _Names, q: Question, rng: random.Random) -> Iterator[Row]:
    ids = sorted(q.spec.ids)
    full = [names.name("driver", i) for i in ids]
    wrong = rng.choice(names.others("driver", q.spec.ids))
    wrong_name = names.name("driver", wrong)
    if q.spec.need == "all":
        yield Row(q.key, _join(full), "correct", "the whole crew")
        yield Row(q.key, _join(list(reversed(full))), "correct", "the crew in another order")
        yield Row(q.key, _join(full).lower(), "correct", "the crew, lower case")
        surnames = [names.surname(i) for i in ids]
        if all(s and names.word_owners[s] == {i} for s, i in zip(surnames, ids, strict=True)):
            yield Row(q.key, _join([s.capitalize() for s in surnames if s]), "correct", "the crew by surnames")
        if len(full) > 1:
            yield Row(q.key, _join(full[:-1]), "wrong", "one name missing")
        yield Row(q.key, _join([*full, wrong_name]), "wrong", "the crew and an extra name", True)
        yield Row(q.key, ", ".join(full[:-1]) + f" or {full[-1]}", "wrong", "'or' in the crew", True)
        return
    pick = rng.choice(ids)
    name = names.name("driver", pick)
    yield Row(q.key, name, "correct", "a winner's full name")
    yield Row(q.key, _plain(name).lower(), "correct", "lower case, no accents")
    yield Row(q.key, f"I think it was {name}", "correct", "filler around the name")
    surname = names.surname(pick)
    if surname:
        owners = names.word_owners[surname]
        expect = "correct" if owners <= q.spec.ids else "ambiguous"
        yield Row(
            q.key, surname.capitalize(), expect, "the surname alone" + (" (shared)" if expect != "correct" else "")
        )
        typo = _swap(surname, names.all_name_words)
        if typo and expect == "correct":
            yield Row(q.key, typo, "correct", "a swapped pair of letters in the surname", True)
        cut = surname[:-2]
        if 7 <= len(surname) <= 9 and cut not in names.all_name_words:
            yield Row(q.key, cut.capitalize(), "wrong", "two letters short of the surname", True)
    if len(ids) > 1:
        yield Row(q.key, _join(full[:2]), "correct", "two winners, both right")
    yield Row(q.key, wrong_name, "wrong", "a driver who did not win that")
    yield Row(q.key, f"{name} or {wrong_name}", "wrong", "a hedge between two names", True)
    yield Row(q.key, f"{name} and {wrong_name}", "wrong", "a right and a wrong name", True)
    yield Row(q.key, f"not {name}", "wrong", "a negation", True)
    yield Row(q.key, f"anyone but {name}", "wrong", "a negation", True)


def _thing_rows(names: _Names, q: Question, rng: random.Random) -> Iterator[Row]:
    kind = q.spec.entity_kind or ""
    pick = rng.choice(sorted(q.spec.ids))
    entity = names.kb.table_of(kind)[pick]
    name = entity.name
    yield Row(q.key, name, "correct", f"the {kind}'s name")
    yield Row(q.key, name.upper(), "correct", "capitals")
    yield Row(q.key, f"it was {name}", "correct", "filler around the name")
    for alias in entity.aliases[:2]:
        yield Row(q.key, alias, "correct", f"an alias of the {kind} in the data")
    if kind == "manufacturer":
        car = _winning_car(names.kb, q)
        if car:
            yield Row(q.key, names.name("car", car), "correct", "the winning car names its make")
    if kind == "team":
        short = [w for w in normalize(name).split() if w not in _TEAM_SUFFIXES]
        if short and len(short) < len(normalize(name).split()) and " ".join(short) not in names.team_names:
            yield Row(q.key, " ".join(short).title(), "correct", "the team without its suffix")
    others = names.others(kind, q.spec.ids)
    if kind == "car":  # a car whose name the right one's starts with is its family: ask which (rule 7)
        others = [o for o in others if not normalize(name).startswith(normalize(names.name("car", o)) + " ")]
        make = names.kb.cars[pick].manufacturer
        if normalize(names.name("manufacturer", make)) != normalize(name):
            yield Row(q.key, names.name("manufacturer", make), "wrong", "the make is not the car")
    wrong = names.name(kind, rng.choice(others))
    longest = max(normalize(name).split(), key=len)
    typo = _swap(longest, names.all_name_words)
    if typo and len(longest) >= 6:
        yield Row(q.key, normalize(name).replace(longest, typo), "correct", "a swapped pair of letters", True)
    yield Row(q.key, wrong, "wrong", f"another {kind}")
    yield Row(q.key, f"{name} or {wrong}", "wrong", "a hedge", True)
    yield Row(q.key, f"{name} and {wrong}", "wrong", "a right and a wrong name", True)
    yield Row(q.key, f"not {name}", "wrong", "a negation", True)


def _winning_car(kb: KnowledgeBase, q: Question) -> str | None:
    """The car of the result a make question is about (keys end in the year, then the class)."""
    parts = q.key.split(":")
    if q.template not in ("winner-manufacturer", "class-manufacturer") or not parts[1].isdigit():
        return None
    race = kb.races[int(parts[1])]
    for result in race.results:
        if (result.overall if len(parts) == 2 else result.class_ == parts[2]) and result.car:
            return result.car
    return None


# -- typing ----------------------------------------------------------------------------------------
def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _plain(text: str) -> str:
    return normalize(text)


def _swap(word: str, taken: set[str]) -> str | None:
    """``word`` with two letters in its middle swapped (one typo), unless that spells another name."""
    if len(word) < 5 or not word.isalpha():
        return None
    i = len(word) // 2
    typo = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return None if typo == word or typo in taken else typo


_UNITS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]  # fmt: skip
_TENS = {20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy", 80: "eighty", 90: "ninety"}


def _under_100(n: int) -> str:
    if n < 20:
        return _UNITS[n]
    return _TENS[n - n % 10] + (f" {_UNITS[n % 10]}" if n % 10 else "")


def _spoken(n: int, year: bool) -> str:
    """How a player says ``n``: "twenty oh eight", "nineteen ninety eight", "three hundred and ninety four"."""
    if year and 1900 <= n < 2100:
        head, tail = divmod(n, 100)
        if n >= 2000 and tail < 10:
            return f"two thousand and {_UNITS[tail]}" if tail else "two thousand"
        return f"{_under_100(head)} {_under_100(tail)}"
    if n >= 100:
        hundreds, rest = divmod(n, 100)
        return f"{_UNITS[hundreds]} hundred" + (f" and {_under_100(rest)}" if rest else "")
    return _under_100(n)
