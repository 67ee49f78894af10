"""Car numbers: a number is its label as entered, and no claim reaches into years whose number is unknown."""

from __future__ import annotations

from collections.abc import Callable

from bot.knowledge import KnowledgeBase
from bot.knowledge.model import Race
from bot.quiz.questions import QuestionPool

NUMBERS = ["2", "2", "2", "2", "1", "3", "1", "4", "1", "08", "6", "7", "8", "9"]  # one per race of the small base


def numbered(kb: KnowledgeBase, numbers: list[str | None]) -> list[Race]:
    return [
        race.model_copy(update={"results": [race.overall.model_copy(update={"car_number": n}), *race.class_results]})
        for race, n in zip(kb.races.values(), numbers, strict=True)
    ]


def test_numbers_are_labels_as_entered(small_kb: KnowledgeBase, kb_builder: Callable[..., KnowledgeBase]) -> None:
    bank = QuestionPool(kb_builder(*numbered(small_kb, list(NUMBERS))))
    keys = set(bank.by_key)
    assert {"number-year:08", "number-year:8", "number-team:08"} <= keys  # #08 and #8 are two entries
    assert bank.by_key["number-year:2"].spec.numbers == frozenset({1998, 2000, 2001, 2002})
    assert bank.by_key["number-year:2"].prompt.startswith("Car #2 has won")


def test_unknown_numbers_bound_or_block_the_claims(
    small_kb: KnowledgeBase, kb_builder: Callable[..., KnowledgeBase]
) -> None:
    early: list[str | None] = [None, *NUMBERS[1:]]  # the first race's number unknown: "Since 2000, ..."
    bank = QuestionPool(kb_builder(*numbered(small_kb, early)))
    assert bank.by_key["number-year:2"].prompt.startswith("Since 2000, car #2 has won")
    assert bank.by_key["number-year:2"].fact.startswith("Since 2000, car #2 won")
    later: list[str | None] = [*NUMBERS[:5], None, *NUMBERS[6:]]  # a gap in the middle: nothing can be said
    assert not any(k.startswith("number-year") for k in QuestionPool(kb_builder(*numbered(small_kb, later))).by_key)


def test_the_most_successful_number_waits_until_unknown_numbers_cannot_change_it(
    small_kb: KnowledgeBase, kb_builder: Callable[..., KnowledgeBase]
) -> None:
    assert "number-most" not in QuestionPool(small_kb).by_key  # eleven winners' numbers unknown
    most = QuestionPool(kb_builder(*numbered(small_kb, list(NUMBERS)))).by_key["number-most"]
    assert most.spec.numbers == frozenset({2}) and most.answer == "#2"
    assert "#1" in {o.label for o in most.wrong}
    close: list[str | None] = [
        "2",
        "2",
        "2",
        None,
        "1",
        "3",
        "1",
        "4",
        "1",
        "08",
        "6",
        "7",
        "8",
        "9",
    ]  # 3 to 3, one unknown
    assert "number-most" not in QuestionPool(kb_builder(*numbered(small_kb, close))).by_key
