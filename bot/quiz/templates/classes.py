"""Class winners of a year."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from bot.knowledge.model import Result
from bot.quiz.model import AnswerSpec, Blueprint, Option
from bot.quiz.phrasing import class_label, result_atoms, result_sentence, usable
from bot.quiz.templates.base import PLM, Context, id_of, others, sources_of, team_label


# -- class winners -----------------------------------------------------------------------------
def class_winners(ctx: Context) -> Iterator[Blueprint]:
    kb = ctx.kb
    by_class: dict[str, list[tuple[int, Result]]] = defaultdict(list)
    for year, race in kb.races.items():
        for result in race.class_results:
            by_class[result.class_].append((year, result))
    for year, race in kb.races.items():
        labels = Counter(class_label(kb, r) for r in race.class_results)
        keys = Counter(r.class_ for r in race.class_results)
        for result in race.class_results:
            label = class_label(kb, result)
            # Two winners under one class or one label: the question would be ambiguous.
            if not usable(race, result) or labels[label] > 1 or keys[result.class_] > 1:
                continue
            for kind in ("team", "car", "manufacturer"):
                id_ = id_of(kind, result, kb)
                if not id_:
                    continue
                name = team_label(kb, result) if kind == "team" else ctx.name(kind, id_)  # as entered that year
                same_class = [
                    i
                    for _, r in sorted(by_class[result.class_], key=lambda yr: abs(yr[0] - year))
                    if (i := id_of(kind, r, kb))
                ]
                same_year = [i for r in race.class_results if (i := id_of(kind, r, kb))]
                wrong = others(ctx, kind, {id_}, prefer=[*same_class, *same_year])
                noun = {"team": "team", "car": "car", "manufacturer": "manufacturer's car"}[kind]
                yield Blueprint(
                    key=f"class-{kind}:{year}:{result.class_}", template=f"class-{kind}", category="classes",
                    prompt=f"Which {noun} won the {label} class at {PLM} {year}?",
                    spec=AnswerSpec("entity", kind, frozenset({id_})), answer=name,
                    fact=result_sentence(kb, year, result),
                    sources=sources_of(race, result), topics=frozenset({f"class:{year}:{result.class_}"}),
                    asks=frozenset({f"class:{result.class_}", f"year:{year}"}), reveals=result_atoms(year, result),
                    hint_text=name, right=(Option(name, id_),), wrong=wrong,
                )  # fmt: skip
