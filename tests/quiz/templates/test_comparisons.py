"""Which came first, three in order, higher or lower: fair prompts, real hints, trusted counts only."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable

from bot.knowledge import KnowledgeBase
from bot.quiz.hints import max_hints
from bot.quiz.questions import QuestionPool, question_pool

TEMPLATES = ("which-first", "order-three", "higher-lower")


def of(kb: KnowledgeBase, template: str) -> list[object]:
    rng = random.Random(0)
    return [b.realize(rng) for b in question_pool(kb).blueprints if b.template == template]


def test_which_came_first_names_the_answer_first_only_about_half_the_time(kb: KnowledgeBase) -> None:
    questions = [b for b in question_pool(kb).blueprints if b.template == "which-first"]
    assert len(questions) >= 20
    answer_first = sum(b.prompt.index(b.answer) < b.prompt.index(b.wrong[0].label) for b in questions)
    assert 0.25 < answer_first / len(questions) < 0.75
    for b in questions:
        q = b.realize(random.Random(0))
        assert sorted(q.options) == sorted([b.answer, b.wrong[0].label])  # the two it compares, nothing else
        assert max_hints(q, "text") == 0 and max_hints(q, "buttons") == 0  # any hint would be the answer


def test_an_order_is_never_shown_in_its_answer_order_and_its_hint_names_the_earliest(kb: KnowledgeBase) -> None:
    for b in question_pool(kb).blueprints:
        if b.template != "order-three":
            continue
        assert b.spec.entity_kind
        names = [kb.name(b.spec.entity_kind, i) for i in b.spec.order]
        listed = b.prompt.rsplit(": ", 1)[1].rstrip(".")
        assert sorted(listed.split(", ")) == sorted(names) and listed != ", ".join(names), b.key
        assert b.clues == (f"The earliest of them is {names[0]}.",)
        assert len(b.right) == 1 and len(b.wrong) == 5  # every other order of the three is a wrong option


def test_higher_or_lower_never_compares_a_tie_and_both_answers_occur(kb: KnowledgeBase) -> None:
    questions = [b for b in question_pool(kb).blueprints if b.template == "higher-lower"]
    answers = Counter(b.answer for b in questions)
    assert set(answers) == {"Higher", "Lower"} and min(answers.values()) / len(questions) > 0.25
    for b in questions:
        assert b.spec.kind == "direction" and "to" in b.fact  # "X has 3 overall wins to Y's 5."


def test_none_when_an_overall_result_is_in_doubt(
    small_kb: KnowledgeBase, kb_builder: Callable[..., KnowledgeBase]
) -> None:
    templates = {b.template for b in QuestionPool(small_kb).blueprints}
    assert set(TEMPLATES) <= templates
    shaky = small_kb.races[2003].model_copy(update={"confidence": "low"})
    assert not set(TEMPLATES) & {b.template for b in QuestionPool(kb_builder(shaky)).blueprints}
