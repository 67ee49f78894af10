"""Car numbers of the overall winners: which year a number won, who won with it, the most successful number.

A number is its label as entered ("#08" and "#8" are different entries); only numbers
of high or medium confidence count. The winning car's number for a year is the
``car-number`` question in :mod:`bot.quiz.templates.history`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from bot.knowledge.model import Result
from bot.quiz.model import AnswerSpec, Blueprint, Option
from bot.quiz.phrasing import number_word, plural, result_atoms, result_sentence, trusted, years_text
from bot.quiz.templates.base import DISTRACTORS, PLM, Context, id_of, near_years, others, team_label


def numbered(result: Result) -> str | None:
    """The winning car's number as entered, when it is a trusted number."""
    label = result.car_number
    return label if label and label.isdigit() and trusted(result.car_number_confidence) else None


def number_years(ctx: Context) -> dict[str, list[int]]:
    """Car number → the years it won overall, in order."""
    out: dict[str, list[int]] = defaultdict(list)
    for year, result in ctx.overall.items():
        label = numbered(result)
        if label:
            out[label].append(year)
    return dict(out)


def _around(ctx: Context, kind: str, year: int) -> list[str]:
    """Winners of ``kind`` in the races nearest ``year``: plausible wrong options."""
    near = sorted(ctx.overall, key=lambda y: (abs(y - year), y))
    return [i for y in near if (i := id_of(kind, ctx.overall[y], ctx.kb))]


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _fact(ctx: Context, label: str, years: list[int], span: str) -> str:
    if len(years) == 1:
        return result_sentence(ctx.kb, years[0], ctx.overall[years[0]])
    return capital(f"{span}car #{label} won {PLM} overall {plural(len(years), 'time')}: {years_text(years)}.")


def _shown(ctx: Context, years: list[int]) -> frozenset[str]:
    """A reveal that prints these years' results (or their list) shows each year's winning number."""
    atoms = {f"car-number:{y}" for y in years}
    if len(years) == 1:
        atoms |= result_atoms(years[0], ctx.overall[years[0]])
    return frozenset(atoms)


def since(ctx: Context) -> str | None:
    """ "Since 1999, " when the early winners' numbers are unknown; ``None`` when a later one is (no claim holds)."""
    known = [y for y in ctx.years if y in ctx.overall and numbered(ctx.overall[y])]
    if not known:
        return None
    unknown = [y for y in ctx.years if y not in known]
    if any(y > known[0] for y in unknown):
        return None
    return f"Since {known[0]}, " if unknown else ""


def car_numbers(ctx: Context) -> Iterator[Blueprint]:
    by_number = number_years(ctx)
    yield from _most(ctx, by_number)
    span = since(ctx)
    if span is None:
        return
    for label, years in by_number.items():
        n = len(years)
        sources = tuple(s for y in years for s in ctx.overall[y].sources[:1])
        prompt = (
            f"{span}in which year did car #{label} win {PLM} overall?"
            if n == 1
            else f"{span}car #{label} has won {PLM} overall {number_word(n)} times. Name one of those years."
        )
        prompt = capital(prompt)
        yield Blueprint(
            key=f"number-year:{label}", template="number-year", category="cars", prompt=prompt,
            spec=AnswerSpec("year", numbers=frozenset(years)), answer=years_text(years), fact=_fact(ctx, label, years, span),
            sources=sources, topics=frozenset({f"number:{label}"} | {f"year:{y}" for y in years}),
            answer_atoms=frozenset(f"car-number:{y}" for y in years), reveals=_shown(ctx, years),
            right=tuple(Option(str(y)) for y in years), wrong=near_years(ctx, set(years), years[0]),
        )  # fmt: skip
        for kind, noun in (("team", "team"), ("manufacturer", "manufacturer's car")):
            ids = {i for y in years if (i := id_of(kind, ctx.overall[y], ctx.kb))}
            if len(ids) != 1 or any(not id_of(kind, ctx.overall[y], ctx.kb) for y in years):
                continue  # several teams shared the number: no single answer
            (id_,) = ids
            # One year: the team as entered that year; several: its name across them.
            name = team_label(ctx.kb, ctx.overall[years[0]]) if kind == "team" and n == 1 else ctx.name(kind, id_)
            asked = (
                f"{span}which {noun} won {PLM} overall as car #{label}{'' if n == 1 else f' ({number_word(n)} times)'}?"
            )
            yield Blueprint(
                key=f"number-{kind}:{label}", template=f"number-{kind}", category="cars",
                prompt=capital(asked),
                spec=AnswerSpec("entity", kind, frozenset({id_})), answer=name, fact=_fact(ctx, label, years, span),
                sources=sources, topics=frozenset({f"number:{label}"}), hint_text=name,
                asks=frozenset(f"car-number:{y}" for y in years), reveals=_shown(ctx, years),
                right=(Option(name, id_),), wrong=others(ctx, kind, {id_}, prefer=_around(ctx, kind, years[0])),
            )  # fmt: skip


def _most(ctx: Context, by_number: dict[str, list[int]]) -> Iterator[Blueprint]:
    """The number with the most overall wins, when no unknown number could change the lead."""
    if not ctx.counts_trusted or len(by_number) < 4:
        return
    unknown = sum(1 for r in ctx.overall.values() if not numbered(r))
    ranked = sorted(by_number.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    (top, years), (_, second) = ranked[0], ranked[1]
    if len(years) <= len(second) + unknown:
        return
    value = int(top)
    wrong = [f"#{label}" for label, _ in ranked[1:] if int(label) != value][:DISTRACTORS]
    last = ctx.years[-1]
    yield Blueprint(
        key="number-most", template="number-most", category="records",
        prompt=f"Which car number has won {PLM} overall the most times (up to {last})?",
        spec=AnswerSpec("number", numbers=frozenset({value})), answer=f"#{top}",
        fact=capital(f"{since(ctx) or ''}car #{top} has won overall {plural(len(years), 'time')}: {years_text(years)}."),
        topics=frozenset({"most:number", f"number:{top}"}),
        answer_atoms=frozenset({"most:number", *(f"car-number:{y}" for y in years)}),
        reveals=frozenset({"most:number", *(f"car-number:{y}" for y in years)}),
        sources=tuple(s for y in years for s in ctx.overall[y].sources[:1]),
        right=(Option(f"#{top}"),), wrong=tuple(Option(label) for label in wrong),
    )  # fmt: skip
