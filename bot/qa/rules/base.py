"""What a rule is, and the sentence pieces the rule families share."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from bot.qa.answer import Answer, EntityRef
from bot.qa.execute import Context, base_rows, filter_words, nationality_note, scope_words
from bot.qa.format import join, plural
from bot.qa.query import Query
from bot.qa.table import Row

#: Plural of each kind, as answers say it.
PLURAL = {"driver": "drivers", "team": "teams", "manufacturer": "manufacturers", "car": "cars", "class": "classes",
          "number": "car numbers"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Rule:
    """A question family: when it applies, and how it answers. ``name`` becomes the intent."""

    name: str
    applies: Callable[[Query], bool]
    answer: Callable[[Context, Query], Answer]


def compositional(q: Query) -> bool:
    return q.compositional


def wins_phrase(ctx: Context, q: Query, count: int) -> str:
    """'3 overall wins after 2014 (2015-2025)'."""
    what = scope_words(ctx, q)
    noun = what[:-1] if count == 1 and what.endswith("s") else what
    noun = noun.replace("wins (overall", "win (overall") if count == 1 else noun
    return f"{count} {noun}{filter_words(ctx, q)}"


def row_line(ctx: Context, row: Row) -> str:
    """'2015: Nick Tandy and Patrick Pilet (#911 Porsche 911 RSR of Porsche North America)'."""
    where = "" if row.overall else f" [{ctx.builder.class_text(row.result)}]"
    low = " (low confidence)" if row.confidence == "low" else ""
    return f"{row.year}{where}: {ctx.builder.crew(row.result)} ({ctx.builder.machine(row.result)[4:]}){low}"


def answer(
    ctx: Context,
    q: Query,
    text: str,
    intent: str,
    rows: Sequence[Row],
    *,
    lines: Sequence[str] = (),
    entities: Sequence[EntityRef] | None = None,
) -> Answer:
    """An answered answer whose sources and confidence are those of the rows it used.

    ``entities`` are the names it gives (for "which of them" next); by default the query's names
    and those of the asked kind in its rows.
    """
    if q.nationality:  # the filter can only see recorded nationalities: say how many are
        text += nationality_note(ctx, q, {d for r in base_rows(ctx, replace(q, nationality=None)) for d in r.drivers})
    items = [r.result for r in rows][:40]
    years = tuple(sorted({r.year for r in rows}))
    refs = tuple(entities)[:MAX_LISTED_ENTITIES] if entities is not None else named(ctx, q, rows)
    return ctx.builder._answer(text, intent, items=items, years=years, lines=tuple(lines), entities=refs)


#: The most entities an answer carries for follow-ups ("which of them ...").
MAX_LISTED_ENTITIES = 12


def named(ctx: Context, q: Query, rows: Sequence[Row]) -> tuple[EntityRef, ...]:
    """The entities an answer is about: the query's names, then those of the asked kind in its rows."""
    refs = [f.ref for f in q.entities]
    if q.kind and q.kind != "class":
        ids = dict.fromkeys(i for r in rows for i in r.ids(q.kind))
        refs += [EntityRef(q.kind, i, ctx.kb.name(q.kind, i)) for i in ids]
    return tuple(dict.fromkeys(refs))[:MAX_LISTED_ENTITIES]


def win_years(rows: Iterable[Row]) -> str:
    """'2005, 2006 (2 wins) and 2007': the years of some wins, a year named once however many it holds."""
    per: dict[int, int] = {}
    for row in rows:
        per[row.year] = per.get(row.year, 0) + 1
    return join([f"{y} ({n} wins)" if n > 1 else str(y) for y, n in sorted(per.items())])


def count_text(n: int, word: str) -> str:
    return plural(n, word)


def names(ctx: Context, kind: str, ids: Sequence[str]) -> str:
    return join([ctx.kb.name(kind, i) for i in ids])
