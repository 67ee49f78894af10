"""Negative claims checked against the results: 'Porsche has never won overall, right?'.

A claim of no win is true only when the filtered results hold none; when they hold some,
the answer says so and names them, so a false claim is never agreed with.
"""

from __future__ import annotations

from bot.qa.answer import Answer
from bot.qa.execute import Context, base_rows, filter_words, scope_words
from bot.qa.format import years_text
from bot.qa.query import Query
from bot.qa.rules.base import Rule, answer


def _never(ctx: Context, q: Query) -> Answer:
    ref = q.subjects[0]
    rows = base_rows(ctx, q)
    what = scope_words(ctx, q) + filter_words(ctx, q)
    years = sorted(set(rows.years()))
    if years:
        said = what if len(years) != 1 else what.replace("wins", "win", 1)
        text = f"No: {ref.name} has {len(years)} {said}: {years_text(years)}."
        return answer(ctx, q, text, "never", list(rows), entities=(ref,))
    return answer(ctx, q, f"Right: {ref.name} has no {what} in my knowledge.", "never", [], entities=(ref,))


RULES = (Rule("never", lambda q: q.never and len(q.subjects) == 1, _never),)
