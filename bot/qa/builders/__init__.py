"""Answer builders: facts from the knowledge base turned into complete sentences.

One :class:`AnswerBuilder` object per loaded knowledge base; its methods come from one
module per family of answers (years, entities, records, facts) over shared helpers.
"""

from __future__ import annotations

from bot.qa.builders.attributes import WEAK_CUES, attribute_asked
from bot.qa.builders.base import LOW_CAVEAT, combine, date_text, join_or, plain
from bot.qa.builders.entities import EntityAnswers
from bot.qa.builders.facts import FactAnswers
from bot.qa.builders.records import RecordAnswers
from bot.qa.builders.years import YearAnswers


class AnswerBuilder(YearAnswers, EntityAnswers, RecordAnswers, FactAnswers):
    """Every answer the engine can give, for one knowledge base."""


__all__ = [
    "LOW_CAVEAT",
    "WEAK_CUES",
    "AnswerBuilder",
    "attribute_asked",
    "combine",
    "date_text",
    "join_or",
    "plain",
]
