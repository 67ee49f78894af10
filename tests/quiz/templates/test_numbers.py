"""Car numbers: a number is its label as entered, and the most successful one only when no unknown could change it."""

from __future__ import annotations

from collections.abc import Callable

from bot.knowledge import KnowledgeBase
from bot.quiz.questions import QuestionPool


def test_numbers_are_labels_as_entered(small_kb: KnowledgeBase) -> None:
    keys = set(QuestionPool(small_kb).by_key)
    # The small base has #77 (2000), #1 (2008) and #08 (2009): #08 is its own number, not #8.
    assert {"number-year:77", "number-year:1", "number-year:08"} <= keys and "number-year:8" not in keys
    assert "number-team:08" in keys and "number-manufacturer:08" in keys


def test_the_most_successful_number_waits_until_unknown_numbers_cannot_change_it(
    small_kb: KnowledgeBase, kb_builder: Callable[..., KnowledgeBase]
) -> None:
    assert "number-most" not in QuestionPool(small_kb).by_key  # eleven winners' numbers unknown
    numbered = [
        race.model_copy(update={"results": [race.overall.model_copy(update={"car_number": number}), *race.class_results]})
        for race, number in zip(small_kb.races.values(), ["2", "2", "2", "2", "1", "3", "1", "4", "1", "5", "6", "7", "8", "9"], strict=True)
    ]  # fmt: skip
    bank = QuestionPool(kb_builder(*numbered))
    most = bank.by_key["number-most"]
    assert most.spec.numbers == frozenset({2}) and most.answer == "#2"
    assert "#1" in {o.label for o in most.wrong}
