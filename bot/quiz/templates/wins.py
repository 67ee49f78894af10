"""An entity's wins (years, count, first and last) and the all-time records."""

from __future__ import annotations

from collections.abc import Iterator

from bot.knowledge.records import longest_run
from bot.quiz.model import AnswerSpec, Blueprint, Option
from bot.quiz.phrasing import number_word, plural, years_text
from bot.quiz.templates.base import (
    DISTRACTORS,
    KIND_CATEGORY,
    KIND_WORD,
    PLM,
    Context,
    first_atom,
    near_numbers,
    near_years,
)


# -- an entity's wins ----------------------------------------------------------------------------
def win_years(ctx: Context) -> Iterator[Blueprint]:
    """In which year did X win; how many wins; first and most recent win."""
    for kind in KIND_WORD:
        for id_ in ctx.winners_of(kind):
            years = ctx.years_of(kind, id_)
            name = ctx.name(kind, id_)
            n = len(years)
            category = KIND_CATEGORY[kind]
            fact = f"{name} won {PLM} overall {'once, in' if n == 1 else plural(n, 'time') + ':'} {years_text(years)}."
            topics = frozenset({f"{kind}:{id_}"} | ({f"overall:{years[0]}"} if n == 1 else set()))
            sources = tuple(s for y in years for s in ctx.overall[y].sources[:1])
            listed = frozenset(
                {f"wins:{kind}:{id_}", f"streak:{kind}:{id_}", first_atom(kind, id_)}
            )  # every win listed
            prompt = (
                f"In which year did {name} win {PLM} overall?"
                if n == 1
                else f"Name one of the {number_word(n)} years in which {name} won {PLM} overall."
            )
            yield Blueprint(
                key=f"win-year:{kind}:{id_}", template="win-year", category=category,
                prompt=prompt, spec=AnswerSpec("year", numbers=frozenset(years)),
                answer=years_text(years), fact=fact, sources=sources, topics=topics, hint_text=None,
                asks=frozenset({f"{kind}:{id_}"}), reveals=listed,
                right=tuple(Option(str(y)) for y in years), wrong=near_years(ctx, set(years), years[0]),
            )  # fmt: skip
            if n < 2 or not ctx.counts_trusted:
                continue
            last = ctx.years[-1]
            yield Blueprint(
                key=f"win-count:{kind}:{id_}", template="win-count", category="records",
                prompt=f"Up to {last}, how many times has {name} won {PLM} overall?",
                spec=AnswerSpec("number", numbers=frozenset({n})), answer=str(n), fact=fact, sources=sources,
                topics=frozenset({f"{kind}:{id_}"}), right=(Option(str(n)),), wrong=near_numbers(n),
                answer_atoms=frozenset({f"wins:{kind}:{id_}"}), reveals=listed,
            )  # fmt: skip
            for which, year, wording in (
                ("first", years[0], "for the first time"),
                ("last", years[-1], f"most recently (up to {last})"),
            ):
                yield Blueprint(
                    key=f"{which}-win:{kind}:{id_}", template=f"{which}-win", category="records",
                    prompt=f"In which year did {name} win {PLM} overall {wording}?",
                    spec=AnswerSpec("year", numbers=frozenset({year})), answer=str(year), fact=fact, sources=sources,
                    topics=frozenset({f"{kind}:{id_}"}), right=(Option(str(year)),),
                    wrong=near_years(ctx, {year}, year), asks=frozenset({f"{kind}:{id_}"}), reveals=listed,
                )  # fmt: skip


def records(ctx: Context) -> Iterator[Blueprint]:
    """Most wins, longest streaks, how many different winners."""
    if not ctx.counts_trusted:
        return
    last = ctx.years[-1]
    for kind, word in KIND_WORD.items():
        ranked = sorted(ctx.wins[kind].items(), key=lambda kv: (-kv[1], kv[0]))
        if len(ranked) >= 2 and ranked[0][1] > ranked[1][1]:
            top, count = ranked[0]
            name = ctx.name(kind, top)
            yield Blueprint(
                key=f"most-wins:{kind}", template="most-wins", category="records",
                prompt=f"Which {word} has won {PLM} overall the most times (up to {last})?",
                spec=AnswerSpec("entity", kind, frozenset({top})), answer=name,
                fact=f"{name} has {plural(count, 'overall win')}: {years_text(ctx.years_of(kind, top))}, "
                f"ahead of {ctx.name(kind, ranked[1][0])} with {ranked[1][1]}.",
                topics=frozenset({f"most:{kind}", f"{kind}:{top}"}), hint_text=name, asks=frozenset({f"most:{kind}"}),
                reveals=frozenset({f"most:{kind}", f"wins:{kind}:{top}", f"streak:{kind}:{top}", first_atom(kind, top), f"wins:{kind}:{ranked[1][0]}"}),
                right=(Option(name, top),), wrong=ctx.options(kind, [i for i, _ in ranked[1 : 1 + DISTRACTORS]]),
            )  # fmt: skip
        distinct = len(ranked)
        if distinct >= 4:
            yield Blueprint(
                key=f"distinct-winners:{kind}", template="distinct-winners", category="records",
                prompt=f"How many different {word}s have won {PLM} overall (up to {last})?",
                spec=AnswerSpec("number", numbers=frozenset({distinct})), answer=str(distinct),
                fact=f"{distinct} different {word}s share the {len(ctx.overall)} overall wins up to {last}.",
                topics=frozenset({f"distinct:{kind}"}), right=(Option(str(distinct)),), wrong=near_numbers(distinct),
                answer_atoms=frozenset({f"distinct:{kind}"}), reveals=frozenset({f"distinct:{kind}"}),
            )  # fmt: skip
        for id_, _ in ranked:
            run = longest_run(ctx.years_of(kind, id_))
            if not run or run[1] - run[0] < 2:
                continue
            length = run[1] - run[0] + 1
            name = ctx.name(kind, id_)
            yield Blueprint(
                key=f"streak:{kind}:{id_}", template="streak", category="records",
                prompt=f"How many editions of {PLM} in a row did {name} win overall, starting in {run[0]}?",
                spec=AnswerSpec("number", numbers=frozenset({length})), answer=str(length),
                fact=f"{name} won every year from {run[0]} to {run[1]}: {length} in a row.",
                topics=frozenset({f"{kind}:{id_}"}), right=(Option(str(length)),), wrong=near_numbers(length, minimum=2),
                answer_atoms=frozenset({f"streak:{kind}:{id_}"}),
                reveals=frozenset({f"streak:{kind}:{id_}"} | {f"year:{y}" for y in range(run[0], run[1] + 1)}),
                sources=tuple(s for y in range(run[0], run[1] + 1) for s in ctx.overall[y].sources[:1]),
            )  # fmt: skip
