"""Who (driver, crew, team, car, make) won a year overall."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from bot.quiz.model import AnswerSpec, Blueprint, Category, Option
from bot.quiz.phrasing import all_of, join, number_word, result_atoms, result_sentence
from bot.quiz.templates.base import DISTRACTORS, PLM, Context, id_of, others, sources_of


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
            name = ctx.name(kind, id_)
            yield Blueprint(
                key=f"winner-{kind}:{year}", template=f"winner-{kind}", category=category,
                prompt=text.format(plm=PLM, year=year),
                spec=AnswerSpec("entity", kind, frozenset({id_})), answer=name,
                fact=result_sentence(kb, year, result), sources=sources_of(kb.races[year], result),
                topics=frozenset({f"overall:{year}", f"year:{year}"}), hint_text=name,
                asks=frozenset({f"year:{year}"}), reveals=result_atoms(year, result),
                right=(Option(name, id_),), wrong=others(ctx, kind, {id_}, prefer=nearby),
            )  # fmt: skip
