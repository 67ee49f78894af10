"""Odd one out: the options are listed with the question, and the odd one moves between letters."""

from __future__ import annotations

import random

from bot.knowledge import KnowledgeBase
from bot.quiz.matching import Matcher
from bot.quiz.questions import question_pool


def test_the_options_are_part_of_the_question_and_a_letter_answers_it(kb: KnowledgeBase) -> None:
    matcher = Matcher(kb)
    rng = random.Random(3)
    letters = set()
    blueprints = [b for b in question_pool(kb).blueprints if b.template == "odd-one-out"]
    assert len(blueprints) >= 10
    for b in blueprints:
        q = b.realize(rng)
        assert q.options_in_prompt and len(q.options) == 4 and q.options[q.correct] == b.answer
        assert matcher.check(q, "abcd"[q.correct]).correct
        assert not matcher.check(q, "abcd"[(q.correct + 1) % 4]).correct
        letters.add(q.correct)
    assert letters == {0, 1, 2, 3}


def test_the_reveal_says_why_it_is_odd(kb: KnowledgeBase) -> None:
    for b in question_pool(kb).blueprints:
        if b.template == "odd-one-out":
            assert b.fact.startswith(b.answer) and "never" in b.fact and b.fact.endswith("unlike the other three.")
