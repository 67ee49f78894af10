"""Judging an order of three names and a higher-or-lower answer, as players type them."""

from __future__ import annotations

import random

import pytest

from bot.knowledge import KnowledgeBase
from bot.knowledge.model import Team
from bot.quiz.matching import Matcher, Verdict
from bot.quiz.model import AnswerSpec, Question
from bot.quiz.questions import QuestionPool


def question(spec: AnswerSpec) -> Question:
    return Question(
        key="t", template="t", category="records", difficulty="medium", prompt="?", spec=spec, answer="",
        fact="", options=("a", "b"), correct=0,
    )  # fmt: skip


MAKES = question(AnswerSpec("order", "manufacturer", frozenset({"audi", "peugeot", "cadillac"}),
                            order=("audi", "peugeot", "cadillac")))  # fmt: skip
DRIVERS = question(AnswerSpec("order", "driver", frozenset({"allan-mcnish", "stephane-sarrazin", "jordan-taylor"}),
                              order=("allan-mcnish", "stephane-sarrazin", "jordan-taylor")))  # fmt: skip

ORDERS: list[tuple[Question, str, Verdict]] = [
    (MAKES, "Audi, Peugeot, Cadillac", Verdict.CORRECT),
    (MAKES, "audi peugeot cadillac", Verdict.CORRECT),  # no separators at all
    (MAKES, "Audi then Peugeot then Cadillac", Verdict.CORRECT),
    (MAKES, "Audi → Peugeot → Cadillac", Verdict.CORRECT),
    (MAKES, "1. Audi 2. Peugeot 3. Cadillac", Verdict.CORRECT),
    (MAKES, "audi, peugot, cadilac", Verdict.CORRECT),  # typos, as the matcher allows them
    (MAKES, "first Audi, then Peugeot and finally Cadillac", Verdict.CORRECT),
    (MAKES, "Peugeot, Audi, Cadillac", Verdict.WRONG),  # wrong order
    (MAKES, "Cadillac, Peugeot, Audi", Verdict.WRONG),  # latest first
    (MAKES, "Audi, Peugeot", Verdict.WRONG),  # one missing
    (MAKES, "Audi, Audi, Cadillac", Verdict.WRONG),  # one twice
    (MAKES, "Audi, Ferrari, Cadillac", Verdict.WRONG),  # not one of the three
    (MAKES, "Audi, Peugeot, Cadillac, Ferrari", Verdict.WRONG),  # an extra name
    (MAKES, "Audi or Peugeot, then Cadillac", Verdict.WRONG),  # a hedge
    (MAKES, "Audi after Peugeot, Cadillac", Verdict.WRONG),
    (MAKES, "not Audi, Peugeot, Cadillac", Verdict.WRONG),  # a negation
    (MAKES, "Audi, Peugeot, Cadillac or Peugeot, Audi, Cadillac", Verdict.WRONG),  # two orders
    (MAKES, "audi peugeot or cadillac", Verdict.WRONG),
    (MAKES, "either audi peugeot cadillac", Verdict.WRONG),
    (MAKES, "cadillac after peugeot after audi", Verdict.WRONG),  # "after" turns it round: not read
    (MAKES, "audi peugeot cadillac reversed", Verdict.WRONG),
    (MAKES, "Audi before Peugeot before Cadillac", Verdict.CORRECT),
    (MAKES, "", Verdict.EMPTY),
    (DRIVERS, "McNish, Sarrazin, Jordan Taylor", Verdict.CORRECT),
    (DRIVERS, "mcnish sarrazin jordan taylor", Verdict.CORRECT),
    (DRIVERS, "McNish, Sarrazin, Taylor", Verdict.AMBIGUOUS),  # three Taylors in the data
    (DRIVERS, "Sarrazin, McNish, Jordan Taylor", Verdict.WRONG),
]


@pytest.mark.parametrize(("q", "text", "verdict"), ORDERS)
def test_an_order_needs_every_name_once_in_the_right_order(
    small_kb: KnowledgeBase, q: Question, text: str, verdict: Verdict
) -> None:
    assert Matcher(small_kb).check(q, text).verdict is verdict


HIGHER = question(AnswerSpec("direction", truth=True))
LOWER = question(AnswerSpec("direction", truth=False))
DIRECTIONS: list[tuple[str, bool | None]] = [
    ("higher", True), ("Higher!", True), ("more", True), ("it's more", True), ("greater", True), ("h", True),
    ("lower", False), ("fewer", False), ("less", False), ("l", False), ("lower I think", False),
    ("not more", False), ("not higher", False), ("it isn't lower", True), ("not fewer", True),
    ("higher or lower", None), ("more or less", None), ("yes", None), ("", None),
    ("lower or equal", None), ("higher or the same", None), ("the same", None), ("equal", None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "says_higher"), DIRECTIONS)
def test_higher_or_lower_in_the_ways_people_say_it(
    small_kb: KnowledgeBase, text: str, says_higher: bool | None
) -> None:
    matcher = Matcher(small_kb)
    on_higher, on_lower = matcher.check(HIGHER, text).verdict, matcher.check(LOWER, text).verdict
    if says_higher is None:  # neither, or both: never right
        assert Verdict.CORRECT not in (on_higher, on_lower)
    else:
        assert (on_higher is Verdict.CORRECT, on_lower is Verdict.CORRECT) == (says_higher, not says_higher)


def test_every_order_question_of_the_real_bank_accepts_its_answer_and_rejects_reversed(kb: KnowledgeBase) -> None:
    matcher = Matcher(kb)
    orders = [b.realize(random.Random(0)) for b in QuestionPool(kb).blueprints if b.spec.kind == "order"]
    assert orders
    for q in orders:
        assert q.spec.entity_kind
        names = [kb.name(q.spec.entity_kind, i) for i in q.spec.order]
        assert matcher.check(q, ", ".join(names)).correct, q.key
        assert matcher.check(q, " ".join(names)).correct, q.key
        assert not matcher.check(q, ", ".join(reversed(names))).correct, q.key


def test_a_name_with_a_separator_word_in_it_is_still_read(small_kb: KnowledgeBase) -> None:
    kb = KnowledgeBase(
        races=small_kb.races.values(), drivers=small_kb.drivers.values(),
        teams=[*small_kb.teams.values(), Team(id="smith-and-sons", name="Smith and Sons Racing")],
        manufacturers=small_kb.manufacturers.values(), cars=small_kb.cars.values(), classes=small_kb.classes.values(),
        facts=small_kb.facts,
    )  # fmt: skip
    teams = question(AnswerSpec("order", "team", frozenset({"champion-racing", "smith-and-sons", "corvette-racing"}),
                                order=("champion-racing", "smith-and-sons", "corvette-racing")))  # fmt: skip
    matcher = Matcher(kb)
    assert matcher.check(teams, "Champion Racing, Smith and Sons Racing, Corvette Racing").correct
    assert not matcher.check(teams, "Smith and Sons Racing, Champion Racing, Corvette Racing").correct
    assert not matcher.check(teams, "Champion Racing or Smith and Sons Racing, Corvette Racing").correct
