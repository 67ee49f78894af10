"""Answer builders: facts from the knowledge base turned into complete sentences.

One :class:`Builders` object per loaded knowledge base; its methods come from one
module per family of answers (years, entities, records, facts) over shared helpers.
"""

from __future__ import annotations

from bot.qa.answers.attributes import WEAK_CUES, attribute_asked
from bot.qa.answers.base import LOW_CAVEAT, combine, date_text, join_or, plain
from bot.qa.answers.entities import EntityAnswers
from bot.qa.answers.facts import FactAnswers
from bot.qa.answers.records import RecordAnswers
from bot.qa.answers.years import YearAnswers


class Builders(YearAnswers, EntityAnswers, RecordAnswers, FactAnswers):
    """Every answer the engine can give, for one knowledge base."""


__all__ = [
    "LOW_CAVEAT",
    "WEAK_CUES",
    "Builders",
    "attribute_asked",
    "combine",
    "date_text",
    "join_or",
    "plain",
]
