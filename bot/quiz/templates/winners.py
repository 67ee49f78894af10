"""Who (driver, crew, team, car, make) won a year overall."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from bot.quiz.model import AnswerSpec, Blueprint, Category, Option
from bot.quiz.phrasing import all_of, join, number_word, result_atoms, result_sentence
from bot.quiz.templates.base import DISTRACTORS, PLM, Context, id_of, near_years, others, sources_of, team_label


# -- overall winners of a year -----------------------------------------------------------------
def winner_drivers(ctx: Context) -> Iterator[Blueprint]:
    kb = ctx.kb
    for year, result in ctx.overall.items():
        ids = list(result.drivers)
        if not ids:
            continue
        names = kb.driver_names(result)
        famous = max(ids, key=lambda d: (ctx.fame("driver", d), -ids.index(d)))
        sentence = result_sentence(kb, year, result)
        nearby = [d for y in sorted(ctx.overall, key=lambda y: abs(y - year)) for d in ctx.overall[y].drivers]
        wrong = others(ctx, "driver", set(ids), prefer=nearby)
        n = len(ids)
        prompt = (
            f"Who won {PLM} overall in {year}?"
            if n == 1
            else f"Name one of the {number_word(n)} drivers who won {PLM} overall in {year}."
        )
        common: dict[str, Any] = dict(category="winners", answer=join(names), fact=sentence, sources=sources_of(kb.races[year], result),
                      topics=frozenset({f"overall:{year}", f"year:{year}"}),
                      asks=frozenset({f"year:{year}"}), reveals=result_atoms(year, result))  # fmt: skip
        yield Blueprint(
            key=f"winner-driver:{year}", template="winner-driver", prompt=prompt,
            spec=AnswerSpec("entity", "driver", frozenset(ids), "one"), hint_text=ctx.name("driver", famous),
            right=ctx.options("driver", ids), wrong=wrong, **common,
        )  # fmt: skip
        if 2 <= n <= 3 and not result.drivers_note:
            crews = [(y, r.drivers) for y, r in ctx.overall.items() if set(r.drivers) != set(ids) and r.drivers]
            crews.sort(key=lambda c: abs(c[0] - year))
            labels = list(dict.fromkeys(join([kb.name("driver", d) for d in c]) for _, c in crews))
            yield Blueprint(
                key=f"winner-crew:{year}", template="winner-crew",
                prompt=f"Name {all_of(n)} drivers who won {PLM} overall in {year} ({all_of(n)} names are needed).",
                spec=AnswerSpec("entity", "driver", frozenset(ids), "all"), hint_text=", ".join(names),
                right=(Option(join(names)),), wrong=tuple(Option(label) for label in labels[:DISTRACTORS]), **common,
            )  # fmt: skip
        yield Blueprint(
            key=f"choice-winner:{year}", template="choice-winner",
            prompt=f"Which of these drivers won {PLM} overall in {year}?",
            spec=AnswerSpec("entity", "driver", frozenset(ids), "one"), hint_text=None,
            right=ctx.options("driver", ids), wrong=wrong, choice_only=True, **common,
        )  # fmt: skip


def winner_entities(ctx: Context) -> Iterator[Blueprint]:
    """Which team / car / make won overall in a year."""
    kb = ctx.kb
    asks: dict[str, tuple[Category, str]] = {
        "team": ("teams", "Which team won {plm} overall in {year}?"),
        "car": ("cars", "Which car won {plm} overall in {year}?"),
        "manufacturer": ("cars", "Which manufacturer's car won {plm} overall in {year}?"),
    }
    for year, result in ctx.overall.items():
        for kind, (category, text) in asks.items():
            id_ = id_of(kind, result, kb)
            if not id_:
                continue
            nearby = [
                i for y in sorted(ctx.overall, key=lambda y: abs(y - year)) if (i := id_of(kind, ctx.overall[y], kb))
            ]
            name = team_label(kb, result) if kind == "team" else ctx.name(kind, id_)  # as entered that year
            yield Blueprint(
                key=f"winner-{kind}:{year}", template=f"winner-{kind}", category=category,
                prompt=text.format(plm=PLM, year=year),
                spec=AnswerSpec("entity", kind, frozenset({id_})), answer=name,
                fact=result_sentence(kb, year, result), sources=sources_of(kb.races[year], result),
                topics=frozenset({f"overall:{year}", f"year:{year}"}), hint_text=name,
                asks=frozenset({f"year:{year}"}), reveals=result_atoms(year, result),
                right=(Option(name, id_),), wrong=others(ctx, kind, {id_}, prefer=nearby),
            )  # fmt: skip


def crew_years(ctx: Context) -> Iterator[Blueprint]:
    """In which year did this crew win together? (every year the whole crew was in the winning car)."""
    kb = ctx.kb
    seen: set[frozenset[str]] = set()
    for year, result in ctx.overall.items():
        crew = frozenset(result.drivers)
        if not 2 <= len(crew) <= 3 or result.drivers_note or crew in seen:
            continue
        seen.add(crew)
        years = [y for y, r in ctx.overall.items() if crew <= set(r.drivers)]
        names = kb.driver_names(result)
        n = len(years)
        prompt = (
            f"In which year did {join(names)} win {PLM} overall together?"
            if n == 1
            else f"{join(names)} won {PLM} overall together {number_word(n)} times. Name one of those years."
        )
        fact = (
            result_sentence(kb, year, result)
            if n == 1
            else f"{join(names)} won {PLM} overall together in {join([str(y) for y in years])}."
        )
        yield Blueprint(
            key=f"crew-year:{year}", template="crew-year", category="winners", prompt=prompt,
            spec=AnswerSpec("year", numbers=frozenset(years)), answer=join([str(y) for y in years]), fact=fact,
            sources=tuple(s for y in years for s in ctx.overall[y].sources[:1]),
            topics=frozenset({f"overall:{y}" for y in years} | {f"year:{y}" for y in years}),
            asks=frozenset(f"driver:{d}" for d in crew),
            reveals=result_atoms(year, result) if n == 1 else frozenset(),
            right=tuple(Option(str(y)) for y in years), wrong=near_years(ctx, set(years), years[0]),
        )  # fmt: skip
