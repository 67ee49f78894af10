"""The races themselves: shortened races, editions, laps, the winning car's number."""

from __future__ import annotations

from collections.abc import Iterator

from bot.quiz.model import AnswerSpec, Blueprint, Option
from bot.quiz.phrasing import first_sentence, plural, result_atoms, result_sentence, trusted, years_text
from bot.quiz.templates.base import PLM, Context, near_numbers, near_years, sources_of


# -- the races themselves ----------------------------------------------------------------------
def race_history(ctx: Context) -> Iterator[Blueprint]:
    kb = ctx.kb
    races = [r for r in kb.races.values() if trusted(r.confidence)]
    shortened = [r.year for r in races if r.shortened]
    last = ctx.years[-1]
    if shortened and len(races) == len(kb.races):
        reasons = "; ".join(
            f"{r.year} ({first_sentence(r.shortened_reason)})" for r in races if r.shortened and r.shortened_reason
        )
        n = len(shortened)
        yield Blueprint(
            key="shortened", template="shortened", category="history",
            prompt=f"Up to {last}, {PLM} was cut short {plural(n, 'time')}. Name a year when it was."
            if n > 1 else f"In which year (up to {last}) was {PLM} cut short?",
            spec=AnswerSpec("year", numbers=frozenset(shortened)), answer=years_text(shortened),
            fact=f"Shortened races: {reasons or years_text(shortened)}.", topics=frozenset({"shortened"}),
            answer_atoms=frozenset(f"shortened:{y}" for y in shortened),
            reveals=frozenset(f"shortened:{r.year}" for r in races),
            right=tuple(Option(str(y)) for y in shortened), wrong=near_years(ctx, set(shortened), shortened[0]),
        )  # fmt: skip
    for race in races:
        year = race.year
        if race.edition in (1, 10, 20, 25, 30):
            ordinal = {1: "first", 10: "10th", 20: "20th", 25: "25th", 30: "30th"}[race.edition]
            yield Blueprint(
                key=f"edition-year:{race.edition}", template="edition-year", category="history",
                prompt=f"In which year was the {ordinal} {PLM} held?",
                spec=AnswerSpec("year", numbers=frozenset({year})), answer=str(year),
                fact=f"The {ordinal} {PLM} ({race.event_title}) was held in {year}.", sources=tuple(race.sources),
                topics=frozenset({f"year:{year}"}), right=(Option(str(year)),), wrong=near_years(ctx, {year}, year),
                reveals=frozenset({f"edition:{race.edition}"}),
            )  # fmt: skip
        result = ctx.overall.get(year)
        if result and result.laps and trusted(result.laps_confidence):
            yield Blueprint(
                key=f"laps:{year}", template="laps", category="history",
                prompt=f"How many laps did the overall winners of {PLM} {year} complete?",
                spec=AnswerSpec("number", numbers=frozenset({result.laps})), answer=str(result.laps),
                fact=result_sentence(kb, year, result).removesuffix(".") + f", a race of {race.format}.",
                sources=sources_of(race, result),
                topics=frozenset({f"laps:{year}"}), right=(Option(str(result.laps)),),
                answer_atoms=frozenset({f"laps:{year}"}), reveals=result_atoms(year, result),
                wrong=near_numbers(result.laps),
            )  # fmt: skip
        if result and result.car_number and result.car_number.isdigit() and trusted(result.car_number_confidence):
            number = int(result.car_number)
            yield Blueprint(
                key=f"car-number:{year}", template="car-number", category="cars",
                prompt=f"What number did the overall-winning car carry at {PLM} {year}?",
                spec=AnswerSpec("number", numbers=frozenset({number}), digits=frozenset({result.car_number})),
                answer=f"#{result.car_number}",
                fact=result_sentence(kb, year, result), sources=sources_of(race, result),
                topics=frozenset({f"overall:{year}", f"year:{year}"}), right=(Option(f"#{result.car_number}"),),
                answer_atoms=frozenset({f"car-number:{year}"}), reveals=result_atoms(year, result),
                wrong=tuple(Option(f"#{o.label}") for o in near_numbers(number, minimum=0)),
            )  # fmt: skip
        if race.shortened or year in {y + d for y in shortened for d in (-1, 1)}:
            truth = race.shortened
            yield Blueprint(
                key=f"tf-shortened:{year}", template="tf-shortened", category="history",
                prompt=f"True or false: the {year} {PLM} was cut short.",
                spec=AnswerSpec("boolean", truth=truth), answer="True" if truth else "False",
                fact=f"The {year} {PLM} was cut short: {first_sentence(race.shortened_reason)}." if truth and race.shortened_reason
                else f"The {year} {PLM} was {'cut short' if truth else f'run to its full distance ({race.format})'}.",
                sources=tuple(race.sources), topics=frozenset({"shortened", f"year:{year}"}),
                answer_atoms=frozenset({f"shortened:{year}"}), reveals=frozenset({f"shortened:{year}"}),
                right=(Option("True" if truth else "False"),), wrong=(Option("False" if truth else "True"),),
            )  # fmt: skip
