"""Rankings: most, second most, least wins within the query's filters, ties listed."""

from __future__ import annotations

from bot.qa.answer import Answer, unknown
from bot.qa.execute import Context, among_ids, base_rows, excluded_ids, filter_words, scope_words
from bot.qa.format import join, ordinal, years_text
from bot.qa.query import Query
from bot.qa.rules.base import PLURAL as _PLURAL
from bot.qa.rules.base import Rule, answer


def _rank(ctx: Context, q: Query) -> Answer:
    kind = q.kind or "driver"
    rows = base_rows(ctx, q)
    limit = among_ids(ctx, q, kind)
    left_out = excluded_ids(q, kind)
    tally = [t for t in rows.tally(kind) if (limit is None or t[0] in limit) and t[0] not in left_out]
    # "among makes that won more than once, which has the fewest": only those with that many
    fewest, most = q.min_wins or 1, q.max_wins or len(rows)
    tally = [t for t in tally if fewest <= t[1] <= most]
    named = f" with {join([s.name for s in q.subjects])}" if q.subjects else ""  # "which team won the most for Audi"
    what = scope_words(ctx, q) + named + filter_words(ctx, q)
    what += f" (among {_PLURAL[kind]} with at least {q.min_wins})" if q.min_wins else ""
    label = "car number" if kind == "number" else kind
    if not tally:
        return unknown(f"No {kind} has {what} in my knowledge.", "rank")
    levels = sorted({n for _, n, _ in tally}, reverse=(q.measure != "least"))
    ordered = sorted((n for _, n, _ in tally), reverse=(q.measure != "least"))
    if q.rank > len(ordered):
        return unknown(f"Only {len(ordered)} {_PLURAL[kind]} have {what}.", "rank")
    # Sports ranking (1, 2, 2, 4): "the third most" after a tie for second is that tie.
    level = ordered[q.rank - 1]
    first, last = ordered.index(level) + 1, len(ordered) - ordered[::-1].index(level)
    tied = [(i, ys) for i, n, ys in tally if n == level]
    names = [f"{ctx.kb.name(kind, i)} ({years_text(ys)})" for i, ys in tied]
    place = "fewest" if q.measure == "least" else ("most" if q.rank == 1 else f"{ordinal(q.rank)} most")
    tie = f", tied between {len(tied)}" if len(tied) > 1 else ""
    lead = f"The {place} {what} by a {label}{tie}: {level} for {join(names)}."
    if q.measure != "least" and q.rank > 1 and len(tied) > 1:
        lead = (
            f"{join([ctx.kb.name(kind, i) for i, _ in tied])} share {ordinal(first)} to {ordinal(last)} place "
            f"among {_PLURAL[kind]} for {what}, with {level} each ({'; '.join(names)})."
        )
    lines = [f"{ctx.kb.name(kind, i)}: {n} ({years_text(ys)})" for i, n, ys in tally]
    if q.rank == 1 and q.measure != "least" and len(levels) > 1:
        runner = [ctx.kb.name(kind, i) for i, n, _ in tally if n == levels[1]]
        lead += f" Next: {join(runner)} with {levels[1]}."
    used = [r for r in rows if any(i in r.ids(kind) for i, _ in tied)]
    return answer(ctx, q, lead, "rank", used, lines=lines)


RULES = (Rule("rank", lambda q: q.measure in ("rank", "least") and q.compositional, _rank),)
