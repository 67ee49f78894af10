"""Negative claims checked against the results: 'Porsche has never won overall, right?'.

A claim of no win is true only when the filtered results hold none; when they hold some,
the answer says so and names them, so a false claim is never agreed with.
"""

from __future__ import annotations

from dataclasses import replace

from bot.qa.answer import Answer
from bot.qa.execute import Context, base_rows, filter_words, rows_of, scope_words
from bot.qa.format import possessive, years_text
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


def _all_with(ctx: Context, q: Query) -> Answer:
    """'did all of Capello's wins come with Audi': the subject's wins against those with the name."""
    ref, other = q.subjects[0], q.role("with")[0]
    own = rows_of(ctx, replace(q, entities=[f for f in q.entities if f.role != "with"]), ref)
    mine = sorted(set(own.years()))
    together = sorted({r.year for r in own if r.involves(other.kind, other.id)})
    what = scope_words(ctx, q)
    if not mine:
        return answer(ctx, q, f"No: {ref.name} has no {what} in my knowledge.", "all-with", [], entities=(ref,))
    if together == mine:
        text = f"Yes: all {len(mine)} of {possessive(ref.name)} {what} were with {other.name}: {years_text(mine)}."
    else:
        rest = [y for y in mine if y not in together]
        text = (
            f"No: {ref.name} has {len(mine)} {what}; {len(together)} with {other.name}"
            + (f" ({years_text(together)})" if together else "")
            + f", and not in {years_text(rest)}."
        )
    return answer(ctx, q, text, "all-with", list(own), entities=(ref, other))


RULES = (
    Rule("never", lambda q: q.never and len(q.subjects) == 1, _never),
    Rule("all-with", lambda q: q.all_with and len(q.subjects) == 1 and len(q.role("with")) == 1, _all_with),
)
