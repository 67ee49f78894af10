"""True or false: a driver or make won a year."""

from __future__ import annotations

from collections.abc import Iterator

from bot.quiz.model import AnswerSpec, Blueprint, Option
from bot.quiz.phrasing import result_atoms, result_sentence
from bot.quiz.templates.base import PLM, Context, sources_of


# -- true or false ---------------------------------------------------------------------------
def true_false(ctx: Context) -> Iterator[Blueprint]:
    kb = ctx.kb
    for year, result in ctx.overall.items():
        nearby = sorted((y for y in ctx.overall if y != year), key=lambda y: (abs(y - year), y))
        for kind in ("manufacturer", "driver"):
            make = kb.make_of(result)
            true_ids: set[str] = set(result.drivers) if kind == "driver" else ({make} if make else set())
            if not true_ids:
                continue
            true_id = max(sorted(true_ids), key=lambda i: ctx.fame(kind, i))
            false_id = next(
                (i for y in nearby for i in ([*ctx.overall[y].drivers] if kind == "driver" else [kb.make_of(ctx.overall[y])])
                 if i and i not in true_ids),
                None,
            )  # fmt: skip
            sentence = result_sentence(kb, year, result)
            for id_, truth in ((true_id, True), (false_id, False)):
                if id_ is None:
                    continue
                name = ctx.name(kind, id_)
                yield Blueprint(
                    key=f"tf-{kind}:{year}:{id_}", template=f"tf-{kind}",
                    category="winners" if kind == "driver" else "cars",
                    prompt=f"True or false: {name} won {PLM} overall in {year}.",
                    spec=AnswerSpec("boolean", truth=truth), answer="True" if truth else "False", fact=sentence,
                    sources=sources_of(kb.races[year], result), topics=frozenset({f"overall:{year}", f"year:{year}"}),
                    asks=frozenset({f"year:{year}"}), answer_atoms=frozenset(f"{kind}:{i}" for i in true_ids),
                    reveals=result_atoms(year, result),
                    right=(Option("True" if truth else "False"),), wrong=(Option("False" if truth else "True"),),
                )  # fmt: skip
