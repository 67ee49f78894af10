"""Lines the front ends print for a round: here, the question back for a shared name."""

from __future__ import annotations

from bot.knowledge import KnowledgeBase
from bot.quiz.matching import Judgement, Matcher, Verdict
from bot.quiz.model import AnswerSpec, Question
from bot.quiz.render import which_one


def test_a_shared_name_is_asked_back_by_name(small_kb: KnowledgeBase) -> None:
    spec = AnswerSpec("entity", "driver", frozenset({"jordan-taylor", "ricky-taylor"}))
    question = Question(key="t", template="t", category="winners", difficulty="easy", prompt="?", spec=spec,
                        answer="", fact="", options=("x", "y"), correct=0)  # fmt: skip
    judgement = Matcher(small_kb).check(question, "Taylor")
    assert judgement.verdict is Verdict.AMBIGUOUS
    assert which_one(judgement) == 'More than one person or thing goes by "taylor": which one? Give the full name.'
    assert "that name" in which_one(Judgement(Verdict.AMBIGUOUS))
