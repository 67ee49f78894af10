"""Answers from stored history, format, track and records facts."""

from __future__ import annotations

from collections.abc import Sequence

from bot.knowledge.model import Fact
from bot.qa.answer import Answer, unknown
from bot.qa.builders.base import LOW_CAVEAT, AnswerBase


class FactAnswers(AnswerBase):
    def fact(self, fact: Fact, also: Sequence[Fact] = ()) -> Answer:
        """One fact, followed by close runners-up on the same topic ("fastest lap": qualifying and race)."""
        if fact.not_known:
            return unknown(fact.text, f"fact:{fact.topic}", sources=self.sources(fact), title=fact.title)
        facts = [fact, *(f for f in also if f.topic == fact.topic and not f.not_known)][:2]
        text = " ".join(f.text + (LOW_CAVEAT + "." if f.confidence == "low" else "") for f in facts)
        return self._answer(text, f"fact:{fact.topic}", items=facts, title=fact.title, years=tuple(fact.years))

    def facts_answer(self, facts: Sequence[Fact], topic: str) -> Answer:
        lines = tuple(f"{f.title}: {f.text}" for f in facts)
        return self._answer(
            " ".join(f.text for f in facts[:3]), f"history:{topic}", items=list(facts),
            title=topic.replace("-", " ").capitalize(), lines=lines,
        )  # fmt: skip
