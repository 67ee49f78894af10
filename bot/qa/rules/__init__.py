"""Question families as declarative rules: a condition on the :class:`Query`, then a builder.

Precedence is the order of :data:`RULES` (tested in ``tests/qa/test_rules.py``): the
coverage rules come first, so a question with a part the engine cannot read is never
answered as a simpler question; then the aggregates, which need the most parts; then
lists. The rule that answers names the answer's ``intent``. A query that is not
compositional (one entity, one year, one attribute) falls through to the lookups of
:mod:`bot.qa.lookups`.
"""

from __future__ import annotations

from bot.qa.answer import Answer
from bot.qa.execute import Context
from bot.qa.query import Query
from bot.qa.rules import (
    aggregates,
    claims,
    coverage,
    lists,
    placings,
    race_values,
    rankings,
    sessions,
    sets,
    streaks,
)  # fmt: skip
from bot.qa.rules.base import Rule

RULES: tuple[Rule, ...] = (
    *coverage.UNRECORDED_RULES,
    *placings.RULES,  # a finishing position is read before anything could answer it as a win
    *coverage.NOT_UNDERSTOOD,
    *race_values.RULES,  # two years' margins or laps: the race's own figures, not their wins
    *sessions.RULES,  # a pole or fastest lap is counted as such, never as a win
    *claims.RULES,  # "X has never won, right?": checked before anything lists X's wins
    *aggregates.RULES,
    *sets.RULES,
    *rankings.RULES,
    *streaks.RULES,
    *lists.RULES,
)


def answer_query(ctx: Context, q: Query) -> Answer | None:
    """The answer of the first rule that applies, or None when no rule does.

    An answer is given only when the query read every content word: a word no part read
    (:attr:`Query.unread`) could change it, so the question is declined with that word named.
    """
    for rule in RULES:
        if rule.applies(q):
            found = rule.answer(ctx, q)
            left = q.unread if found.status == "answered" else []
            if left:
                return coverage.not_understood(left, q)
            return found
    return None


__all__ = ["RULES", "Rule", "answer_query"]
